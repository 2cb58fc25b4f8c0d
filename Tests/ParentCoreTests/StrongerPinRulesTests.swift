import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// The PIN rules of issue 8: not the mobile's digits, not a year, not a date.
@Suite struct StrongerPinRulesTests {
    let policy = PinPolicy.standard
    /// Liz Abbot's mobile: 07700 100001, +44 7700 100001.
    static let liz = PhoneNumber("07700 100001", defaultCountryCode: 44)!
    /// A mobile with more varied digits: 07723 845961.
    static let other = PhoneNumber("+44 7723 845961", defaultCountryCode: 44)!

    @Test(arguments: ["0001", "730001", "00017", "000173"])
    func theLastFourOfTheMobileAreRefused(_ pin: String) {
        #expect(policy.refusal(for: pin, mobile: Self.liz) == .lastFourOfMobile)
    }

    @Test(arguments: [
        // 07723845961 nationally, 447723845961 internationally: every 4 in a row.
        "0772", "7723", "7238", "2384", "3845", "8459", "4596", "4477", "4772",
        "38459", "93845", "238459", "738452", "645961",  // the last four inside a longer PIN are the last four
    ])
    func fourDigitsInARowOfTheMobileAreRefused(_ pin: String) {
        let refusal = policy.refusal(for: pin, mobile: Self.other)
        #expect(refusal == (pin.contains("5961") ? .lastFourOfMobile : .partOfMobile), "\(pin)")
    }

    @Test(arguments: ["5961", "9615", "7384", "3849", "845196", "27384"])
    func theMobilesDigitsOutOfOrderOrFewerThanFourInARowAreAccepted(_ pin: String) {
        #expect(policy.refusal(for: pin, mobile: Self.other) == (pin == "5961" ? .lastFourOfMobile : nil), "\(pin)")
    }

    @Test func withoutAMobileOnlyTheOtherRulesApply() {
        #expect(policy.refusal(for: "7723") == nil)
        #expect(policy.refusal(for: "7723", mobile: Self.other) == .partOfMobile)
        #expect(policy.accepts("5961") && !policy.accepts("5961", mobile: Self.other))
        #expect(throws: PinRefusal.lastFourOfMobile) { try policy.validate("5961", mobile: Self.other) }
    }

    @Test func everyYearFrom1900To2099IsRefusedAndNoOtherNumber() {
        for n in 0...9999 {
            let pin = String(format: "%04d", n)
            let refusal = policy.refusal(for: pin)
            if (1900...2099).contains(n) {
                #expect(refusal == .year, "\(pin)")
            } else {
                #expect(refusal != .year, "\(pin)")
            }
        }
        #expect(
            policy.refusal(for: "1899") == nil && policy.refusal(for: "2100") == nil
                && policy.refusal(for: "2101") == .date)  // 21 January
        #expect(policy.refusal(for: "19845") == nil)  // a year is a 4-digit PIN
    }

    @Test(arguments: [
        "3112", "1231", "0101", "2902", "0229", "3001", "1130", "2512", "1225", "0704", "1509", "0915",
        "250385", "122599", "010100", "290200", "311299",
    ])
    func datesAreRefused(_ pin: String) {
        #expect(policy.refusal(for: pin) == .date, "\(pin)")
    }

    @Test(arguments: [
        "3213", "3002", "0230", "3104", "0431", "0013", "1300", "3200", "4113", "321399", "300285", "32125",
    ])
    func numbersThatAreNotDatesAreNotRefusedAsDates(_ pin: String) {
        #expect(policy.refusal(for: pin) != .date, "\(pin)")
    }

    @Test func dateRefusalsAgreeWithTheCalendar() {
        for n in 0...9999 {
            let a = n / 100
            let b = n % 100
            func real(_ day: Int, _ month: Int) -> Bool { CivilDate(year: 2024, month: month, day: day) != nil }
            let pin = String(format: "%04d", n)
            let expected = real(a, b) || real(b, a)
            #expect(PinPolicy.isDate(pin.utf8.map { Int($0) - 48 }) == expected, "\(pin)")
        }
    }

    @Test func setPINRefusesTheLoginMobile() throws {
        try withTestDirectory { dir in
            let store = try DemoStoreCopy.copy(into: dir)
            let account = try DemoStoreCopy.account(store: store, data: dir, clock: ManualClock(DemoStoreCopy.now))
            guard
                case .loggedIn(let pending) = try account.logIn(
                    email: "liz.abbot@example.com", mobile: "+44 7700 100001", lastFour: "0001")
            else {
                Issue.record("login failed")
                return
            }
            #expect(
                try account.setPIN("0001", confirmation: "0001", for: pending) == PinRefusal.lastFourOfMobile.message)
            #expect(
                try account.setPIN("771000", confirmation: "771000", for: pending) == PinRefusal.partOfMobile.message)
            #expect(try account.setPIN("1984", confirmation: "1984", for: pending) == PinRefusal.year.message)
            #expect(try account.setPIN("3112", confirmation: "3112", for: pending) == PinRefusal.date.message)
            #expect(try account.loadSession() == nil)
            #expect(try account.setPIN("739184", confirmation: "739184", for: pending) == nil)
        }
    }
}
