import SchoolStore
/// What makes an acceptable app PIN: 4 to 6 ASCII digits that are not
/// trivially guessable.
///
/// Refused, each with its own reason (``PinRefusal``):
/// - one digit repeated (`1111`, `000000`);
/// - a run counting up or down by one (`1234`, `012345`, `4321`, `987654`).
///   Runs do **not** wrap around: `8901` and `2109` are accepted, because
///   people rarely think of 9→0 as "next" and refusing them gains little;
/// - when ``refusesCommonPins`` is on, a short list of the PINs people choose
///   most often after those (``commonPins``: pairs and patterns such as
///   `1212`, `1122`, `6969`, years such as `2000`, keypad columns such as
///   `2580`).
///
/// The policy only judges new PINs; it never looks at stored hashes.
public struct PinPolicy: Sendable, Equatable {
    /// Allowed numbers of digits.
    public var lengths: ClosedRange<Int>
    /// Whether ``commonPins`` are refused.
    public var refusesCommonPins: Bool

    /// 4 to 6 digits, common PINs refused.
    public static let standard = PinPolicy()

    /// Frequently chosen PINs that are neither one repeated digit nor a
    /// straight run (those are refused by rule). Compiled from published
    /// analyses of leaked PIN and password lists (the DataGenetics PIN
    /// analysis and similar): repeated pairs, mirrored pairs, years, keypad
    /// lines and "fun" numbers.
    public static let commonPins: Set<String> = [
        "1212", "1004", "2000", "2001", "6969", "1122", "1313", "1010", "2580", "0852",
        "5683", "4545", "2020", "1984", "0007", "1221", "7410", "1357", "2468",
        "121212", "112233", "123123", "696969", "131313", "101010", "159753", "123321",
        "111222", "147258", "258369", "520520", "007007",
    ]

    /// Creates a policy.
    public init(lengths: ClosedRange<Int> = 4...6, refusesCommonPins: Bool = true) {
        self.lengths = lengths
        self.refusesCommonPins = refusesCommonPins
    }

    /// Why `pin` is refused, or nil when it is acceptable. The PIN is taken
    /// exactly as typed: spaces or non-ASCII digits are refused, not trimmed.
    public func refusal(for pin: String) -> PinRefusal? {
        if pin.isEmpty { return .empty }
        let bytes = Array(pin.utf8)
        guard bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return .notDigits }
        if bytes.count < lengths.lowerBound { return .tooShort(minimum: lengths.lowerBound) }
        if bytes.count > lengths.upperBound { return .tooLong(maximum: lengths.upperBound) }
        if bytes.count > 1 {
            let steps = zip(bytes, bytes.dropFirst()).map { Int($1) - Int($0) }
            if steps.allSatisfy({ $0 == 0 }) { return .oneRepeatedDigit }
            if steps.allSatisfy({ $0 == 1 }) { return .ascendingRun }
            if steps.allSatisfy({ $0 == -1 }) { return .descendingRun }
        }
        if refusesCommonPins, PinPolicy.commonPins.contains(pin) { return .tooCommon }
        return nil
    }

    /// Throws the ``PinRefusal`` for `pin`, if any.
    public func validate(_ pin: String) throws(PinRefusal) {
        if let refusal = refusal(for: pin) { throw refusal }
    }

    /// True when `pin` is acceptable.
    public func accepts(_ pin: String) -> Bool { refusal(for: pin) == nil }
}
