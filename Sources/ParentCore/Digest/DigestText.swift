import Foundation
import SchoolStore

/// A ``Digest`` as plain text (UTF-8, lines ending LF), for a terminal and
/// for the body of the mail. Each child has a heading and then only the
/// sections with something in them; attendance and tomorrow show whenever
/// the school shares them ("No marks yet today", "No lessons: weekend").
/// Dates and times are the school's. No phone number or email address is
/// written.
public enum DigestText {
    /// The columns `text` takes in a terminal, for the heading's underline:
    /// two for East Asian wide characters and emoji (王小明), none for a
    /// combining mark. (The app's full table is TerminalKit's, which this
    /// layer does not import; headings need only these ranges.)
    static func columns(_ text: String) -> Int {
        text.reduce(0) { sum, character in
            guard let v = character.unicodeScalars.first?.value else { return sum }
            let wide: [ClosedRange<UInt32>] = [
                0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
            ]
            return sum + (wide.contains { $0.contains(v) } ? 2 : 1)
        }
    }

    public static func render(_ digest: Digest) -> String {
        var out = "Xpressions digest, \(dayTime(digest.generatedAt, zone: digest.zone, year: true))\n"
        out += "Since \(dayTime(digest.since, zone: digest.zone, year: true))"
        switch digest.sinceSource {
        case .lastDigest: out += " (the last digest)\n"
        case .firstDigest: out += " (the last 24 hours: no earlier digest)\n"
        case .duration: out += "\n"
        }
        if let synced = digest.syncedAt {
            out += "School data as of \(dayTime(synced, zone: digest.zone, year: true)) (the last sync)\n"
        } else if !digest.children.isEmpty {
            out += "School data not synced yet: run xpressions sync first\n"
        }
        if digest.children.isEmpty { out += "\nNo school data yet: run xpressions sync first.\n" }
        for child in digest.children { out += "\n" + section(child, digest: digest) }
        return out
    }

    static func section(_ c: DigestChild, digest: Digest) -> String {
        let zone = c.zone
        let title = "\(c.name), \(c.schoolName)"
        var out = title + "\n" + String(repeating: "-", count: max(3, columns(title))) + "\n"
        if !c.hasNews { out += "Nothing new.\n" }
        if !c.newMessages.isEmpty {
            out += "New messages (\(c.newMessages.count)):\n"
            for m in c.newMessages { out += message(m, zone: zone) }
        }
        if let a = c.attendance, let left = a.leftOn {
            out += "Attendance: left school on \(left.longText); no register is taken any more.\n"
        } else if let a = c.attendance {
            out += "Attendance today (\(dayText(a.today))):\n"
            if a.marks.isEmpty { out += a.noSchool.map { "  No school today: \($0).\n" } ?? "  No marks yet today.\n" }
            for m in a.marks {
                let day = m.date == a.today ? "" : "\(dayText(m.date)) "
                out += "  \(day)\(m.session.rawValue)  \(pad(m.code, 3)) \(m.meaning)\n"
            }
            if a.week.possibleSessions > 0 {
                out +=
                    "  This week: \(a.week.percentageText) (\(a.week.attended) of \(a.week.possibleSessions) sessions)\n"
            } else {
                out += "  This week: no sessions counted yet\n"
            }
        }
        if let b = c.behaviour, !b.isEmpty {
            out += "Behaviour:\n"
            for e in b { out += conduct(e) }
        }
        if let a = c.achievements, !a.isEmpty {
            out += "Achievements:\n"
            for e in a { out += conduct(e) }
        }
        if !c.homework.isEmpty {
            out += "Homework (last 7 days):\n"
            for m in c.homework { out += message(m, zone: zone) }
        }
        let t = c.tomorrow
        if t.lessons != nil || t.events != nil {
            out += "Tomorrow (\(dayText(t.date))):\n"
            if let lessons = t.lessons {
                if let why = t.noLessons {
                    out += "  No lessons: \(why).\n"
                } else if lessons.isEmpty {
                    out += "  No lessons listed.\n"
                }
                for l in lessons { out += "  \(l.start)-\(l.end)  \(l.subject), \(l.teacher), \(l.room)\n" }
            }
            for e in t.events ?? [] {
                var line = "  \(e.time ?? "All day")  \(e.title)"
                if let location = e.location, !location.isEmpty { line += ", \(location)" }
                out += line + " [\(e.category)]\n"
            }
        }
        // Extension point: reported absences (DigestAbsences), shown only when there are any.
        if !c.absences.isEmpty {
            out += "Reported absences:\n"
            for a in c.absences { out += "  \(a.summary): \(a.status)\n" }
        }
        return out
    }

    static func message(_ m: DigestChild.Message, zone: SchoolTimeZone) -> String {
        var out = "  - \(dayTime(m.sentAt, zone: zone, year: false))  \(oneLine(m.subject)) [\(m.category.rawValue)]\n"
        out += "    \(oneLine(m.sender))"
        if !m.firstLine.isEmpty { out += ": \(m.firstLine)" }
        return out + "\n"
    }

    static func conduct(_ e: ConductEvent) -> String {
        let points =
            e.points == 0 ? "" : " (\(e.points > 0 ? "+" : "")\(e.points) point\(abs(e.points) == 1 ? "" : "s"))"
        var line = "  - \(dayText(e.date))  \(oneLine(e.type))\(points), \(oneLine(e.staff)): \(oneLine(e.description))"
        if let action = e.action, !action.isEmpty { line += " Action: \(oneLine(action))" }
        return line + "\n"
    }

    /// "Wed 18 Mar".
    static func dayText(_ day: CivilDate) -> String {
        "\(CivilDate.weekdayShortNames[day.weekday - 1]) \(day.shortText)"
    }

    /// "Wed 18 Mar 10:42", with the year: "Wed 18 Mar 2026 10:42".
    static func dayTime(_ date: Date, zone: SchoolTimeZone, year: Bool) -> String {
        let day = zone.civilDate(of: date)
        return dayText(day) + (year ? " \(day.year)" : "") + " \(zone.clockText(date))"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Line breaks and tabs as spaces; other control characters in caret
    /// notation (ESC as `^[`), as every report shows them (``TerminalSafe``).
    static func oneLine(_ text: String) -> String { Digest.visible(text) }
}
