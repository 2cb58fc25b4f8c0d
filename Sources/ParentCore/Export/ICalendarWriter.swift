import Foundation
import SchoolStore

/// Content lines of an iCalendar stream (RFC 5545 §3.1): each ends with
/// CRLF and is folded so that no line is longer than 75 octets (a
/// continuation starts with a space), never inside a UTF-8 character. TEXT
/// values are escaped (§3.3.11): `\` `;` `,` and newlines; other control
/// characters are dropped.
struct ICalendarWriter {
    /// The stream so far.
    private(set) var bytes: [UInt8] = []

    /// The longest line, in octets, CRLF not counted (§3.1).
    static let lineLimit = 75

    /// A property whose value is written as it is (dates, numbers, rules).
    mutating func raw(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        var line = name
        for (key, v) in parameters { line += ";\(key)=\(ICalendarWriter.parameterValue(v))" }
        line += ":" + value
        bytes += ICalendarWriter.fold(Array(line.utf8))
    }

    /// A property of type TEXT, escaped.
    mutating func text(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        raw(name, ICalendarWriter.escape(value), parameters: parameters)
    }

    /// A property of several TEXT values (CATEGORIES), each escaped.
    mutating func texts(_ name: String, _ values: [String]) {
        raw(name, values.map(ICalendarWriter.escape).joined(separator: ","))
    }

    mutating func begin(_ component: String) { raw("BEGIN", component) }
    mutating func end(_ component: String) { raw("END", component) }

    /// TEXT escaping: backslash, semicolon, comma and newline (a CRLF or CR
    /// is a newline); other control characters but tab are not allowed in
    /// TEXT and are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let s = pending {
            pending = scalars.next()
            switch s {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r":
                out += "\\n"
                if pending == "\n" { pending = scalars.next() }
            case "\t": out.unicodeScalars.append(s)
            default:
                if s.value < 0x20 || s.value == 0x7F { continue }
                out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// A parameter value: quoted when it holds `:` `;` or `,`; double
    /// quotes and control characters cannot be written and are dropped.
    static func parameterValue(_ value: String) -> String {
        let clean = String(
            String.UnicodeScalarView(value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F })
        )
        return clean.contains(where: { ":;,".contains($0) }) ? "\"\(clean)\"" : clean
    }

    /// One logical line folded into physical lines of at most 75 octets,
    /// each ending CRLF; a cut never falls inside a UTF-8 sequence.
    static func fold(_ line: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(line.count + line.count / 70 * 3 + 2)
        var start = 0
        var limit = lineLimit
        while line.count - start > limit {
            var cut = start + limit
            while cut > start, line[cut] & 0xC0 == 0x80 { cut -= 1 }  // back to the start of a character
            out += line[start..<cut]
            out += [0x0D, 0x0A, 0x20]
            start = cut
            limit = lineLimit - 1  // the leading space counts
        }
        out += line[start...]
        out += [0x0D, 0x0A]
        return out
    }

    /// `20260318T104200Z`.
    static func utc(_ date: Date) -> String {
        let stamp = Timestamp.format(date)  // 2026-03-18T10:42:00Z
        return stamp.filter { $0 != "-" && $0 != ":" }
    }

    /// `20260318`.
    static func date(_ d: CivilDate) -> String { d.description.filter { $0 != "-" } }

    /// `20260318T180000` (a local time, with a TZID).
    static func local(_ d: CivilDate, minutes: Int) -> String {
        "\(date(d))T\(two(minutes / 60))\(two(minutes % 60))00"
    }

    /// Two digits: `07`.
    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The zone written as a VTIMEZONE; schools in other zones are written in UTC.
    static let london = "Europe/London"

    /// Europe/London as UK law has it since 1996 (the EU's rule): BST from
    /// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
    /// of October. `TZOFFSETFROM` and the local `DTSTART` give those instants.
    mutating func londonTimeZone() {
        begin("VTIMEZONE")
        raw("TZID", ICalendarWriter.london)
        raw("X-LIC-LOCATION", ICalendarWriter.london)
        begin("DAYLIGHT")
        raw("TZOFFSETFROM", "+0000")
        raw("TZOFFSETTO", "+0100")
        raw("TZNAME", "BST")
        raw("DTSTART", "19810329T010000")
        raw("RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
        end("DAYLIGHT")
        begin("STANDARD")
        raw("TZOFFSETFROM", "+0100")
        raw("TZOFFSETTO", "+0000")
        raw("TZNAME", "GMT")
        raw("DTSTART", "19961027T020000")
        raw("RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
        end("STANDARD")
        end("VTIMEZONE")
    }
}
