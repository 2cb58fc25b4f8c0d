import SchoolStore

/// What makes an acceptable app PIN: 4 to 6 ASCII digits that are not
/// trivially guessable.
///
/// Refused, each with its own reason (``PinRefusal``), checked in this order:
/// - one digit repeated (`1111`, `000000`);
/// - a run counting up or down by one (`1234`, `012345`, `4321`, `987654`).
///   Runs do **not** wrap around: `8901` and `1098` are accepted, because
///   people rarely think of 9→0 as "next" and refusing them gains little;
/// - digits of the login mobile (when it is given): the PIN may not contain
///   4 digits in a row that stand in a row in the mobile number, written
///   nationally (`07700 100001`) or internationally (`447700100001`). This
///   covers the last 4 digits (`0001`, with its own message, since the login
///   itself asks for them) and any other 4 in a row (`7700`, `1000`), and it
///   applies to 5- and 6-digit PINs too: `730001` or `077001` would leave
///   an attacker who knows the number only one or two digits to guess;
/// - a year from 1900 to 2099 (4-digit PINs);
/// - a date: a 4-digit PIN that is a real day and month written DDMM or MMDD
///   (`3112`, `1231`, `2902`; not `3213` or `3002`), or a 6-digit PIN that is
///   a date written DDMMYY or MMDDYY (`250385`, `122599`), any two-digit year;
/// - when ``refusesCommonPins`` is on, a short list of the PINs people choose
///   most often after those (``commonPins``: patterns such as `6969`, `1313`,
///   keypad columns such as `2580`).
///
/// The policy only judges new PINs; it never looks at stored hashes.
public struct PinPolicy: Sendable, Equatable {
    /// Allowed numbers of digits.
    public var lengths: ClosedRange<Int>
    /// Whether ``commonPins`` are refused.
    public var refusesCommonPins: Bool

    /// 4 to 6 digits, common PINs refused.
    public static let standard = PinPolicy()

    /// The years a 4-digit PIN may not be.
    public static let years = 1900...2099

    /// Frequently chosen PINs that no rule refuses already (one repeated
    /// digit, a straight run, a year or a date). Compiled from published
    /// analyses of leaked PIN and password lists (the DataGenetics PIN
    /// analysis and similar): repeated pairs, keypad lines and "fun" numbers.
    public static let commonPins: Set<String> = [
        "6969", "1313", "2580", "0852", "5683", "4545", "0007", "7410", "1357", "2468",
        "696969", "131313", "159753", "123321", "147258", "258369", "007007",
    ]

    /// Creates a policy.
    public init(lengths: ClosedRange<Int> = 4...6, refusesCommonPins: Bool = true) {
        self.lengths = lengths
        self.refusesCommonPins = refusesCommonPins
    }

    /// Why `pin` is refused, or nil when it is acceptable. The PIN is taken
    /// exactly as typed: spaces or non-ASCII digits are refused, not trimmed.
    /// `mobile` is the login mobile, whose digits the PIN may not contain.
    public func refusal(for pin: String, mobile: PhoneNumber? = nil) -> PinRefusal? {
        if pin.isEmpty { return .empty }
        let bytes = Array(pin.utf8)
        guard bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return .notDigits }
        if bytes.count < lengths.lowerBound { return .tooShort(minimum: lengths.lowerBound) }
        if bytes.count > lengths.upperBound { return .tooLong(maximum: lengths.upperBound) }
        let digits = bytes.map { Int($0 - UInt8(ascii: "0")) }
        if digits.count > 1 {
            let steps = zip(digits, digits.dropFirst()).map { $1 - $0 }
            if steps.allSatisfy({ $0 == 0 }) { return .oneRepeatedDigit }
            if steps.allSatisfy({ $0 == 1 }) { return .ascendingRun }
            if steps.allSatisfy({ $0 == -1 }) { return .descendingRun }
        }
        if let mobile, let refusal = PinPolicy.mobileRefusal(bytes, mobile: mobile) { return refusal }
        if digits.count == 4, PinPolicy.years.contains(PinPolicy.number(digits)) { return .year }
        if PinPolicy.isDate(digits) { return .date }
        if refusesCommonPins, PinPolicy.commonPins.contains(pin) { return .tooCommon }
        return nil
    }

    /// Throws the ``PinRefusal`` for `pin`, if any.
    public func validate(_ pin: String, mobile: PhoneNumber? = nil) throws(PinRefusal) {
        if let refusal = refusal(for: pin, mobile: mobile) { throw refusal }
    }

    /// True when `pin` is acceptable.
    public func accepts(_ pin: String, mobile: PhoneNumber? = nil) -> Bool { refusal(for: pin, mobile: mobile) == nil }

    /// The mobile as people write it: nationally with the trunk prefix 0,
    /// and internationally (E.164 digits).
    static func writtenForms(of mobile: PhoneNumber) -> [[UInt8]] {
        [Array(("0" + mobile.nationalNumber).utf8), Array(mobile.digits.utf8)]
    }

    static func mobileRefusal(_ pin: [UInt8], mobile: PhoneNumber) -> PinRefusal? {
        let runs = Set(writtenForms(of: mobile).flatMap(fours))
        let pinRuns = fours(pin)
        if pinRuns.contains(Array(mobile.lastFour.utf8)) { return .lastFourOfMobile }
        return pinRuns.contains(where: runs.contains) ? .partOfMobile : nil
    }

    /// Every 4 digits in a row.
    static func fours(_ digits: [UInt8]) -> [[UInt8]] {
        digits.count < 4 ? [] : (0...(digits.count - 4)).map { Array(digits[$0..<($0 + 4)]) }
    }

    static func number(_ digits: some Collection<Int>) -> Int { digits.reduce(0) { $0 * 10 + $1 } }

    /// DDMM or MMDD (4 digits), DDMMYY or MMDDYY (6 digits), a real day of
    /// the month (29 February counts: it is somebody's birthday).
    static func isDate(_ digits: [Int]) -> Bool {
        guard digits.count == 4 || digits.count == 6 else { return false }
        let first = number(digits[0..<2])
        let second = number(digits[2..<4])
        return isDay(first, month: second) || isDay(second, month: first)
    }

    static func isDay(_ day: Int, month: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= CivilDate.daysIn(month: month, year: 2024)
    }
}
