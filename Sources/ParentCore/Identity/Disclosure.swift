import SchoolStore

/// How support tooling shows the emails and numbers a school holds.
///
/// Support works from the school's data, so `doctor` shows them exactly as
/// the MIS holds them (``asHeld``): a stray space, a missing `.com` or a
/// `/` in a number is the very typo an engineer is looking for. ``redacted``
/// (`doctor --redact`) masks them for pasting into a ticket: an email keeps
/// its first character and its domain (`l***@example.com`); a number keeps
/// its first two and last two digits and every other character as typed
/// (`07*** ****01`, `07***/****04`), so its shape still shows.
///
/// Either way a value is quoted, clipped and escaped as problem lines quote
/// values (``Quote``): one value never breaks a line.
public enum Disclosure: Sendable, Equatable {
    case asHeld
    case redacted

    /// An email address as held (quoted), or masked.
    public func email(_ held: String) -> String {
        Quote.value(self == .asHeld ? held : Disclosure.maskEmail(held))
    }

    /// A phone number as held (quoted), or masked.
    public func number(_ held: String) -> String {
        Quote.value(self == .asHeld ? held : Disclosure.maskNumber(held))
    }

    /// The raw value for JSON: as held, or masked.
    public func raw(email held: String) -> String { self == .asHeld ? held : Disclosure.maskEmail(held) }

    /// The raw value for JSON: as held, or masked.
    public func raw(number held: String) -> String { self == .asHeld ? held : Disclosure.maskNumber(held) }

    /// "l***@example.com": enough to see it is another address without
    /// printing it; "***" when there is nothing before an `@`. A field
    /// holding several ("liz@a.example; liz@b.example") or a note ("(home)")
    /// has each word masked so (the second address was printed whole).
    static func maskEmail(_ email: String) -> String {
        let trimmed = email.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("@") else { return "***" }
        // Several addresses run together by any separator ("a@x.org/b@y.org",
        // "a@x.org|b@y.org"): every letter and digit but the first masked (the
        // second address showed whole after a "/" or a "|").
        if trimmed.filter({ $0 == "@" }).count > 1 {
            var first = true
            return String(
                trimmed.map { c -> Character in
                    guard c.isLetter || c.isNumber else { return c }
                    defer { first = false }
                    return first ? c : "*"
                })
        }
        var out = ""
        var word = ""
        func flush() {
            if !word.isEmpty {
                if let at = word.firstIndex(of: "@"), at > word.startIndex {
                    out += "\(word[word.startIndex])***\(word[at...])"
                } else {
                    out += "***"
                }
            }
            word = ""
        }
        for c in trimmed {
            if c == " " || c == ";" || c == "," {
                flush()
                out.append(c)
            } else {
                word.append(c)
            }
        }
        flush()
        return out
    }

    /// Every digit but the first two and the last two becomes `*`; spaces
    /// and a number's punctuation (`+ - ( ) . / #`) stay, so the shape of
    /// what was typed still shows. Anything else (a note typed into the
    /// field, "(Funmi's sister Ada)", an address in a phone field) becomes
    /// `*`: it was printed as held. A value of four digits or fewer is
    /// masked whole.
    static func maskNumber(_ number: String) -> String {
        let total = number.reduce(0) { $0 + ($1.isASCIIDigit ? 1 : 0) }
        var seen = 0
        var out = ""
        for c in number {
            guard c.isASCIIDigit else {
                out.append(" +-()./#".contains(c) ? c : "*")
                continue
            }
            seen += 1
            let keep = total > 4 && (seen <= 2 || seen > total - 2)
            out.append(keep ? c : "*")
        }
        return out
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
