/// How problem lines show values taken from a store file: at most
/// ``limit`` characters of a value, then `…(1,000,000 characters)`, with
/// control characters escaped so one problem is always one line that a
/// terminal shows as it is.
///
///     unknown phone type "mobil"
///     unknown phone type "mmmmmmmmmm"…(1,000,000 characters)
public enum Quote {
    /// The most characters of a value a problem line shows.
    public static let limit = 80

    /// `value` in double quotes, clipped and escaped.
    public static func value(_ value: String) -> String {
        let (text, total) = clipped(value, limit: limit)
        return total == nil ? "\"\(text)\"" : "\"\(text)\"…(\(count(total!)) characters)"
    }

    /// `text` clipped and escaped, without quotes: for ids in record labels,
    /// field names and paths taken from a file.
    public static func clip(_ text: String, limit: Int = Quote.limit) -> String {
        let (shown, total) = clipped(text, limit: limit)
        return total == nil ? shown : "\(shown)…(\(count(total!)) characters)"
    }

    /// `1234567` → `1,234,567`.
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// The escaped first `limit` characters, and the total number of
    /// characters when there were more (nil when `text` was shown whole).
    static func clipped(_ text: String, limit: Int) -> (String, Int?) {
        var out = ""
        var shown = 0
        var index = text.startIndex
        while index < text.endIndex, shown < limit {
            out += escaped(text[index])
            shown += 1
            index = text.index(after: index)
        }
        if index == text.endIndex { return (out, nil) }
        return (out, shown + text[index...].count)
    }

    /// Control characters (C0, DEL, C1) and line or paragraph separators as
    /// escapes; everything else as it is.
    static func escaped(_ c: Character) -> String {
        guard c.unicodeScalars.contains(where: needsEscape) else { return String(c) }
        var out = ""
        for scalar in c.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                out += needsEscape(scalar) ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }
}
