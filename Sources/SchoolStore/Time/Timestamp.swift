import Foundation

/// ISO 8601 instants as the store writes them: `2025-09-03T08:52:00Z` or
/// with an offset `2025-09-03T08:52:00+01:00` (seconds and fractions
/// optional). A hand-written parser: the store holds millions of them and
/// Foundation's formatters are slow and locale-sensitive.
public enum Timestamp {
    /// Parses an instant; nil when the text is not ISO 8601 or names an
    /// impossible date or time.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    public static func parse(utf8 u: UnsafeBufferPointer<UInt8>) -> Date? {
        // YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)
        guard u.count >= 17 else { return nil }
        func num(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= u.count else { return nil }
            var v = 0
            for i in start..<(start + count) {
                let b = u[i]
                guard b >= 0x30, b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            return v
        }
        guard let y = num(0, 4), u[4] == 0x2D, let mo = num(5, 2), u[7] == 0x2D, let d = num(8, 2),
            u[10] == 0x54 || u[10] == 0x20, let h = num(11, 2), u[13] == 0x3A, let mi = num(14, 2),
            let date = CivilDate(year: y, month: mo, day: d), h < 24, mi < 60
        else { return nil }
        var i = 16
        var seconds = 0.0
        if i < u.count, u[i] == 0x3A {
            guard let s = num(i + 1, 2), s < 60 else { return nil }
            seconds = Double(s)
            i += 3
            if i < u.count, u[i] == 0x2E {
                i += 1
                var scale = 0.1
                let fracStart = i
                while i < u.count, u[i] >= 0x30, u[i] <= 0x39 {
                    seconds += Double(u[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                }
                guard i > fracStart else { return nil }
            }
        }
        guard i < u.count else { return nil }
        var offset = 0
        if u[i] == 0x5A {  // Z
            i += 1
        } else if u[i] == 0x2B || u[i] == 0x2D {
            let sign = u[i] == 0x2D ? -1 : 1
            guard let oh = num(i + 1, 2), oh <= 14 else { return nil }
            var om = 0
            if i + 3 < u.count, u[i + 3] == 0x3A {
                guard let m = num(i + 4, 2), m < 60 else { return nil }
                om = m
                i += 6
            } else if let m = num(i + 3, 2), i + 5 == u.count {
                om = m
                i += 5
            } else {
                i += 3
            }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == u.count else { return nil }
        let epoch = Double(date.daysSinceEpoch * 86_400 + h * 3600 + mi * 60 - offset) + seconds
        return Date(timeIntervalSince1970: epoch)
    }

    /// Formats an instant in UTC: `2025-09-03T07:52:00Z`.
    public static func format(_ date: Date) -> String {
        format(date, offsetSeconds: 0)
    }

    /// Formats an instant with the given UTC offset: `2025-09-03T08:52:00+01:00`.
    /// `numericOffset`: "+00:00" rather than "Z" at offset zero, so a column
    /// of times (a spreadsheet's) has one form all year.
    public static func format(_ date: Date, offsetSeconds: Int, numericOffset: Bool = false) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let days = Int((Double(total) / 86_400).rounded(.down))
        let secondsOfDay = total - days * 86_400
        let civil = CivilDate(daysSinceEpoch: days)
        let h = secondsOfDay / 3600
        let m = secondsOfDay % 3600 / 60
        let s = secondsOfDay % 60
        var text = "\(civil)T\(CivilDate.pad(h, 2)):\(CivilDate.pad(m, 2)):\(CivilDate.pad(s, 2))"
        if offsetSeconds == 0 && !numericOffset {
            text += "Z"
        } else {
            let sign = offsetSeconds < 0 ? "-" : "+"
            let a = abs(offsetSeconds)
            text += "\(sign)\(CivilDate.pad(a / 3600, 2)):\(CivilDate.pad(a % 3600 / 60, 2))"
        }
        return text
    }
}
