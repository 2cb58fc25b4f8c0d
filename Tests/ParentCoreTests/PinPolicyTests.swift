import SchoolStore
import Testing

@testable import ParentCore

@Suite struct PinPolicyTests {
    let policy = PinPolicy.standard

    @Test(arguments: ["739184", "2847", "50193", "8901", "9012", "1098", "1235", "1243", "0135", "4682", "918273"])
    func reasonablePinsAreAccepted(_ pin: String) {
        #expect(policy.refusal(for: pin) == nil)
        #expect(policy.accepts(pin))
    }

    @Test(arguments: [
        ("", PinRefusal.empty),
        ("12a4", .notDigits), ("12 34", .notDigits), (" 2847", .notDigits), ("２８４７", .notDigits), ("-284", .notDigits),
        ("284", .tooShort(minimum: 4)), ("7", .tooShort(minimum: 4)),
        ("2847193", .tooLong(maximum: 6)),
        ("1111", .oneRepeatedDigit), ("0000", .oneRepeatedDigit), ("99999", .oneRepeatedDigit),
        ("777777", .oneRepeatedDigit),
        ("1234", .ascendingRun), ("0123", .ascendingRun), ("6789", .ascendingRun), ("012345", .ascendingRun),
        ("45678", .ascendingRun),
        ("4321", .descendingRun), ("9876", .descendingRun), ("987654", .descendingRun), ("3210", .descendingRun),
        ("54321", .descendingRun),
        ("6969", .tooCommon), ("1313", .tooCommon), ("2580", .tooCommon), ("0007", .tooCommon),
        ("131313", .tooCommon), ("123321", .tooCommon), ("159753", .tooCommon), ("007007", .tooCommon),
    ])
    func guessablePinsAreRefusedWithAReason(_ pin: String, _ refusal: PinRefusal) {
        #expect(policy.refusal(for: pin) == refusal)
        #expect(throws: refusal) { try policy.validate(pin) }
        #expect(!policy.accepts(pin))
    }

    @Test func commonListCanBeSwitchedOffButRulesStay() {
        let lenient = PinPolicy(refusesCommonPins: false)
        #expect(lenient.accepts("6969"))
        #expect(lenient.refusal(for: "1212") == .date)
        #expect(lenient.refusal(for: "1234") == .ascendingRun)
        #expect(lenient.refusal(for: "0000") == .oneRepeatedDigit)
    }

    @Test func commonListHoldsOnlyPinsTheRulesDoNotAlreadyCatch() {
        let rulesOnly = PinPolicy(lengths: 1...99, refusesCommonPins: false)
        for pin in PinPolicy.commonPins {
            #expect(rulesOnly.accepts(pin), "\(pin) is already refused by a rule")
            #expect(PinPolicy.standard.lengths.contains(pin.count), "\(pin) has a length no PIN can have")
        }
    }

    @Test func lengthsAreConfigurable() {
        let six = PinPolicy(lengths: 6...6)
        #expect(six.refusal(for: "28471") == .tooShort(minimum: 6))
        #expect(six.accepts("284719"))
    }

    @Test func everyRefusalHasADistinctSentence() {
        let all: [PinRefusal] = [
            .empty, .notDigits, .tooShort(minimum: 4), .tooLong(maximum: 6),
            .oneRepeatedDigit, .ascendingRun, .descendingRun, .lastFourOfMobile, .partOfMobile,
            .year, .date, .tooCommon,
        ]
        #expect(Set(all.map(\.message)).count == all.count)
        #expect(PinRefusal.tooShort(minimum: 4).message.contains("4"))
        #expect(PinRefusal.tooLong(maximum: 6).description.contains("6"))
    }
}
