import Foundation
import SchoolStore

/// Header fields of an Internet message (RFC 5322) as the mbox export
/// writes them: folded to 78 characters where a space allows, text that is
/// not ASCII as RFC 2047 encoded-words (`=?UTF-8?B?…?=`, each a whole
/// number of characters and at most 75 long), display names quoted, and
/// dates in RFC 5322's form. Lines end with LF (the mbox's own line end).
enum MailHeader {
    /// The longest header line aimed for (RFC 5322 §2.1.1).
    static let lineLimit = 78
    /// Bytes of text per encoded-word: 56 base64 characters, 68 with the
    /// `=?UTF-8?B?` `?=` around them.
    static let encodedWordBytes = 42

    /// An unstructured field (`Subject`, `X-Xpressions-Child`): words that
    /// are ASCII stay as they are; runs of words with other characters (or
    /// that look like encoded-words) become encoded-words. Line breaks and
    /// control characters in the value become spaces.
    static func unstructured(_ name: String, _ value: String) -> String {
        let words = clean(value).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var tokens: [String] = []
        var run: [String] = []
        func flush() {
            if !run.isEmpty { tokens += encodedWords(run.joined(separator: " ")) }
            run = []
        }
        for word in words {
            if needsEncoding(word) {
                run.append(word)
            } else {
                flush()
                tokens.append(word)
            }
        }
        flush()
        return fold(name, tokens)
    }

    /// An address field with a display name: `From: "Mr Hughes (Maths), Green Abbey School" <a@b>`.
    static func address(_ name: String, display: String, address: String) -> String {
        fold(name, phrase(display) + ["<\(address)>"])
    }

    /// A group with no addresses (RFC 5322 §3.4): `To: "Parent of Ben Abbot":;`,
    /// a recipient named without any email address.
    /// After an encoded-word the ":" stands apart (`=?UTF-8?B?…?= :;`): an
    /// encoded-word must end at whitespace (RFC 2047 §5), and Python's
    /// parser flagged every message whose child's name is not ASCII.
    static func group(_ name: String, display: String) -> String {
        var tokens = phrase(display)
        if tokens[tokens.count - 1].hasSuffix("?=") { tokens.append(":;") } else { tokens[tokens.count - 1] += ":;" }
        return fold(name, tokens)
    }

    /// A display name as phrase tokens: a quoted-string when it is ASCII
    /// (backslash and double quote escaped); otherwise its runs of ASCII
    /// words quoted and its runs of other words as encoded-words, so a
    /// space between the two kinds is a plain space. (A long name was all
    /// encoded-words, with the space between words inside the next one:
    /// readers that keep the folding space between two encoded-words in a
    /// display name, as Python's email package does, read "Dupont-Ŝaŭmann
    /// ␣␣(Responsable".)
    static func phrase(_ display: String) -> [String] {
        let text = clean(display).trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return ["\"\""] }
        if text.unicodeScalars.allSatisfy({ $0.isASCII }) && !text.contains("=?") { return [quoted(text)] }
        var tokens: [String] = []
        var run: [Substring] = []
        var runEncoded = false
        func flush() {
            guard !run.isEmpty else { return }
            let joined = run.joined(separator: " ")
            tokens += runEncoded ? encodedWords(joined) : [quoted(joined)]
            run = []
        }
        for word in text.split(separator: " ") {
            let encode = needsEncoding(String(word))
            if encode != runEncoded { flush() }
            runEncoded = encode
            run.append(word)
        }
        flush()
        return tokens
    }

    /// `text` as a quoted-string, backslash and double quote escaped.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `name: token token…`, tokens separated by a space, or by a line
    /// break and a space when the line would pass 78 characters.
    static func fold(_ name: String, _ tokens: [String]) -> String {
        var out = name + ":"
        var lineLength = out.utf8.count
        for token in tokens {
            let length = token.utf8.count
            if lineLength + 1 + length > lineLimit && lineLength > name.utf8.count + 1 {
                out += "\n " + token
                lineLength = 1 + length
            } else {
                out += " " + token
                lineLength += 1 + length
            }
        }
        return out
    }

    /// Whether a word has to be encoded: a character outside printable
    /// ASCII, something that would read as an encoded-word, or a word too
    /// long for a header line.
    static func needsEncoding(_ word: String) -> Bool {
        word.utf8.contains { $0 < 0x21 || $0 > 0x7E } || word.contains("=?") || word.utf8.count > lineLimit - 12
    }

    /// `text` as B-encoded UTF-8 encoded-words, each holding whole Unicode
    /// scalars (RFC 2047 §5: never part of a character), and breaking
    /// between words where it can: the space goes at the start of the next
    /// encoded-word, so readers that keep the folding space between two
    /// encoded-words (Python's email package did: "Green Abbey Sc hool")
    /// still read the words whole.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
            chunk = []
        }
        for (i, word) in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let piece = Array(((i == 0 ? "" : " ") + word).utf8)
            if chunk.count + piece.count <= encodedWordBytes {
                chunk += piece
                continue
            }
            flush()
            if piece.count <= encodedWordBytes {
                chunk = piece
                continue
            }
            // A word longer than an encoded-word: between its characters.
            for scalar in ((i == 0 ? "" : " ") + word).unicodeScalars {
                let bytes = Array(String(scalar).utf8)
                if chunk.count + bytes.count > encodedWordBytes { flush() }
                chunk += bytes
            }
        }
        flush()
        return words
    }

    /// Line breaks, tabs and other control characters as spaces.
    static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 5322 §3.3 in the school's time: `Tue, 17 Mar 2026 16:05:00 +0000`.
    static func date(_ date: Date, zone: SchoolTimeZone) -> String {
        let offset = zone.offset(at: date)
        let (day, seconds) = localDay(date, offset: offset)
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset) / 60
        return "\(weekdays[day.weekday - 1]), \(day.day) \(months[day.month - 1]) \(day.year) \(clock(seconds)) "
            + "\(sign)\(ICalendarWriter.two(a / 60))\(ICalendarWriter.two(a % 60))"
    }

    /// The date of an mbox `From ` line, as C's asctime() writes it, in UTC:
    /// `Tue Mar 17 16:05:00 2026` (the day padded with a space: `Mar  7`).
    static func asctime(_ date: Date) -> String {
        let (day, seconds) = localDay(date, offset: 0)
        let dd = day.day < 10 ? " \(day.day)" : "\(day.day)"
        return "\(weekdays[day.weekday - 1]) \(months[day.month - 1]) \(dd) \(clock(seconds)) \(day.year)"
    }

    static func localDay(_ date: Date, offset: Int) -> (CivilDate, Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = Int((Double(total) / 86_400).rounded(.down))
        return (CivilDate(daysSinceEpoch: days), total - days * 86_400)
    }

    static func clock(_ seconds: Int) -> String {
        "\(ICalendarWriter.two(seconds / 3600)):\(ICalendarWriter.two(seconds % 3600 / 60)):\(ICalendarWriter.two(seconds % 60))"
    }

    /// A dot-atom for a message id or an address (RFC 5322 §3.2.3): bytes
    /// outside `atext` (and dots that would be leading, trailing or doubled)
    /// written as `=XX`.
    static func dotAtom(_ text: String) -> String {
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/?^_`{|}~".utf8)
        let bytes = Array(text.utf8)
        var out = ""
        for (i, b) in bytes.enumerated() {
            let dotOK = b == 0x2E && i > 0 && i < bytes.count - 1 && bytes[i - 1] != 0x2E
            if (atext.contains(b) && b != 0x3D) || dotOK {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out += "=" + Hex.encode([b]).uppercased()
            }
        }
        return out.isEmpty ? "=" : out
    }
}
