import SchoolStore

/// Why a PIN was refused, with a message a parent understands.
public enum PinRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing was entered.
    case empty
    /// Something other than the digits 0–9 was entered.
    case notDigits
    /// Fewer digits than the policy's minimum.
    case tooShort(minimum: Int)
    /// More digits than the policy's maximum.
    case tooLong(maximum: Int)
    /// The same digit throughout (1111, 000000).
    case oneRepeatedDigit
    /// Digits counting up by one (1234, 012345).
    case ascendingRun
    /// Digits counting down by one (4321, 987654).
    case descendingRun
    /// The last 4 digits of the login mobile: the login itself asks for them.
    case lastFourOfMobile
    /// 4 digits in a row from the login mobile number.
    case partOfMobile
    /// A year from 1900 to 2099 (``PinPolicy/years``).
    case year
    /// A day and month (DDMM, MMDD; DDMMYY, MMDDYY for 6 digits).
    case date
    /// One of the PINs people choose most often (``PinPolicy/commonPins``).
    case tooCommon

    /// The message to show the parent.
    public var message: String {
        switch self {
        case .empty: return "Please choose a PIN."
        case .notDigits: return "A PIN can only contain the digits 0 to 9."
        case .tooShort(let minimum): return "Your PIN needs at least \(minimum) digits."
        case .tooLong(let maximum): return "Your PIN can have at most \(maximum) digits."
        case .oneRepeatedDigit: return "A PIN that repeats one digit is too easy to guess. Please mix your digits."
        case .ascendingRun: return "A PIN of digits counting up (like 1234) is too easy to guess."
        case .descendingRun: return "A PIN of digits counting down (like 4321) is too easy to guess."
        case .lastFourOfMobile:
            return
                "Your PIN can't use the last 4 digits of your mobile number: anyone who knows your number could guess it."
        case .partOfMobile:
            return
                "Your PIN can't contain 4 digits in a row from your mobile number: anyone who knows your number could guess it."
        case .year: return "A PIN that is a year (1900 to 2099) is easy to guess. Please choose another."
        case .date:
            return
                "A PIN that is a date (like 2512 or 1225 for 25 December) is easy to guess, especially a birthday. Please choose another."
        case .tooCommon:
            return "That PIN is one of the most commonly used, so it is easy to guess. Please choose another."
        }
    }

    public var description: String { message }
}
