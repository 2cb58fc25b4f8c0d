import SchoolStore

/// What the login form can tell before the store is asked, so that details
/// no school's record could ever match cost no login attempt: by the one
/// rule the lookup, doctor and the store audit use (``EmailAddress``,
/// ``PhoneNumber``), not a looser one of the form's own (an accented email,
/// or a mobile typed after a stray `0001`, went on and used an attempt
/// while doctor called them not an email and not a phone number).
public enum LoginDetailsCheck {
    /// Why `email` is not an address any record is matched by ("contains
    /// characters other than plain letters, digits and punctuation"), or nil.
    public static func emailProblem(_ email: String) -> String? { EmailAddress.problem(email) }

    /// Whether `mobile`, written in international form (`+…` or `00…`),
    /// cannot be read as a phone number. Its country is in its digits, so
    /// no school's country code reads it otherwise; a number in national
    /// form depends on the school's country, and is left to the lookup.
    public static func internationalNumberIsUnreadable(_ mobile: String) -> Bool {
        let digits = mobile.filter { $0.isASCII && ($0.isNumber || $0 == "+") }
        guard digits.hasPrefix("+") || digits.hasPrefix("00") else { return false }
        return PhoneNumber(mobile, defaultCountryCode: 44) == nil
    }
}
