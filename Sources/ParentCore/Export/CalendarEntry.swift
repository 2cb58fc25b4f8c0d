import Foundation
import SchoolStore

/// One VEVENT of a calendar export: a school calendar event or a lesson,
/// with a UID that stays the same from one export to the next (so a
/// calendar that imports the file again updates the event instead of
/// adding a second one).
struct CalendarEntry: Sendable, Equatable {
    enum When: Sendable, Equatable {
        /// Whole days, `last` included (written with an exclusive DTEND).
        case days(first: CivilDate, last: CivilDate)
        /// Local wall-clock times in the school's zone.
        case times(startDay: CivilDate, startMinutes: Int, endDay: CivilDate, endMinutes: Int)
    }

    var uid: String
    var summary: String
    var description: String
    var location: String?
    var categories: [String]
    var when: When
    var zone: SchoolTimeZone
    /// When the school last published it (LAST-MODIFIED): a calendar
    /// program that imports the file again sees which events changed. nil
    /// for lessons (a timetable has no per-lesson time).
    var lastModified: Date? = nil
    /// Sorting: the first day, then the start time, then the UID.
    var sortKey: (CivilDate, Int, String) {
        switch when {
        case .days(let first, _): return (first, -1, uid)
        case .times(let day, let minutes, _, _): return (day, minutes, uid)
        }
    }

    static func == (a: CalendarEntry, b: CalendarEntry) -> Bool {
        a.uid == b.uid && a.summary == b.summary && a.description == b.description && a.location == b.location
            && a.categories == b.categories && a.when == b.when && a.zone.identifier == b.zone.identifier
            && a.lastModified == b.lastModified
    }

    /// Whether its times are written with the Europe/London VTIMEZONE (else in UTC).
    var usesLondon: Bool {
        if case .days = when { return false }
        return zone.identifier == ICalendarWriter.london
    }

    func write(to w: inout ICalendarWriter, stamp: Date) {
        w.begin("VEVENT")
        w.text("UID", uid)
        w.raw("DTSTAMP", ICalendarWriter.utc(stamp))
        if let lastModified { w.raw("LAST-MODIFIED", ICalendarWriter.utc(lastModified)) }
        switch when {
        case .days(let first, let last):
            w.raw("DTSTART", ICalendarWriter.date(first), parameters: [("VALUE", "DATE")])
            w.raw("DTEND", ICalendarWriter.date(last.adding(days: 1)), parameters: [("VALUE", "DATE")])
            w.raw("TRANSP", "TRANSPARENT")
        case .times(let startDay, let startMinutes, let endDay, let endMinutes):
            // A moment (18:00-18:00) has no DTEND: RFC 5545 wants DTEND
            // later than DTSTART, and an event without one ends where it
            // starts (3.6.1).
            let moment = startDay == endDay && startMinutes == endMinutes
            if zone.identifier == ICalendarWriter.london {
                let tz = [("TZID", ICalendarWriter.london)]
                w.raw("DTSTART", ICalendarWriter.local(startDay, minutes: startMinutes), parameters: tz)
                if !moment { w.raw("DTEND", ICalendarWriter.local(endDay, minutes: endMinutes), parameters: tz) }
            } else {
                w.raw("DTSTART", ICalendarWriter.utc(CalendarEntry.instant(zone, startDay, startMinutes)))
                if !moment { w.raw("DTEND", ICalendarWriter.utc(CalendarEntry.instant(zone, endDay, endMinutes))) }
            }
        }
        w.text("SUMMARY", summary)
        if !description.isEmpty { w.text("DESCRIPTION", description) }
        if let location, !location.isEmpty { w.text("LOCATION", location) }
        if !categories.isEmpty { w.texts("CATEGORIES", categories) }
        w.end("VEVENT")
    }

    /// The instant of a local time, with the offset in force at that time
    /// (not the day's noon: an evening event on the day the clocks change).
    static func instant(_ zone: SchoolTimeZone, _ day: CivilDate, _ minutes: Int) -> Date {
        let guess = zone.instant(on: day, minutesAfterMidnight: minutes)
        let local = Double(day.daysSinceEpoch * 86_400 + minutes * 60)
        let exact = Date(timeIntervalSince1970: local - Double(zone.offset(at: guess)))
        return Date(timeIntervalSince1970: local - Double(zone.offset(at: exact)))
    }

    /// Minutes after midnight of `HH:MM`; nil when malformed.
    static func minutes(_ text: Substring) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        return h * 60 + m
    }

    /// A UID part: characters other than letters, digits, `-` and `.`
    /// written as `_XX` hex, so ids never clash or need escaping.
    static func uidPart(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || c == "-" || c == "." {
                out.append(c)
            } else {
                out += "_" + Hex.encode([byte])
            }
        }
        return out
    }
}
