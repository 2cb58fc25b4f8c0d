import Testing

@testable import SchoolStore

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        "07700 900123", "+44 7700 900123", "0044 7700 900123", "447700900123",
        "+44 (0)7700 900123", "07700-900-123", "07700.900.123", "(07700) 900123",
        "7700 900123", "+44 07700 900123", "44 (0)7700 900123", "0044 (0) 7700 900123",
        " 07700\u{00A0}900\t123 ", "+44-7700-900-123", "00 44 77 00 90 01 23", "07700\u{2013}900123",
    ])
    func ukFormsAllNormaliseToTheSameNumber(_ text: String) throws {
        let number = try #require(PhoneNumber(text, defaultCountryCode: 44))
        #expect(number.digits == "447700900123")
        #expect(number.countryCode == 44)
        #expect(number.nationalNumber == "7700900123")
        #expect(number.lastFour == "0123")
        #expect(number.description == "+447700900123")
    }

    @Test func equalNumbersHashTogether() {
        let a = PhoneNumber("07700 900123", defaultCountryCode: 44)
        let b = PhoneNumber("+44 (0)7700 900123", defaultCountryCode: 44)
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(PhoneNumber.normalise("(07700) 900123", countryCode: 44) == "447700900123")
    }

    @Test(arguments: [
        ("020 7946 0000", 44, "442079460000", 44),
        ("+33 6 12 34 56 78", 44, "33612345678", 33),
        ("0033 6 12 34 56 78", 44, "33612345678", 33),
        ("+1 (555) 123-4567", 44, "15551234567", 1),
        ("(555) 123-4567", 1, "15551234567", 1),
        ("1 555 123 4567", 1, "15551234567", 1),
        ("011 44 7700 900123", 1, "447700900123", 44),
        ("087 123 4567", 353, "353871234567", 353),
        ("+353 (0)87 123 4567", 44, "353871234567", 353),
        ("06 1234 5678", 39, "390612345678", 39),
        ("+39 06 1234 5678", 44, "390612345678", 39),
        ("8 912 345 67 89", 7, "79123456789", 7),
        ("+33 1234567890123", 44, "331234567890123", 33),
        ("+971 50 123 4567", 44, "971501234567", 971),
    ])
    func otherCountriesNormaliseGenerically(_ text: String, _ defaultCode: Int, _ digits: String, _ code: Int) throws {
        let number = try #require(PhoneNumber(text, defaultCountryCode: defaultCode))
        #expect(number.digits == digits)
        #expect(number.countryCode == code)
        #expect(String(code) + number.nationalNumber == digits)
        #expect(number.lastFour == String(digits.suffix(4)))
    }

    @Test(arguments: [
        "", "   ", "abc", "07700 90012a", "07700 900123 ext 2", "tel:07700900123",
        "12345", "0770", "+44 123",  // too few digits
        "077009001234", "+44 7700 900123 4567", "+33 12345678901234", "+1234567890123456789012",  // too many
        "+", "++44 7700 900123", "44+7700900123", "0770 + 0900123",
        "(07700 900123", "07700) 900123", "((07700)) 900123", "07700 (0)900123", "+44 (0)(0)7700 900123",
        "+44 7700 (0)900123", "+28 1234 5678", "+0 1234 5678", "+44 00 7700 900123",
        "\u{FF10}\u{FF17}\u{FF17}\u{FF10}\u{FF10}900123", "07700#900123", "07700/900123",
        "+999 123456", "+259 1234 5678", "+990 1234 5678",  // unassigned codes in assigned zones
    ])
    func implausibleTextIsNotANumber(_ text: String) {
        #expect(PhoneNumber(text, defaultCountryCode: 44) == nil)
    }

    @Test(arguments: ["+353 87 123 4567", "+998 90 123 45 67", "+212 6 12 34 56 78", "+852 5123 4567"])
    func assignedThreeDigitCodesRead(_ text: String) {
        #expect(PhoneNumber(text, defaultCountryCode: 44) != nil)
    }

    @Test(arguments: [0, -44, 28, 83, 259, 999, 1000, 4400])
    func unassignedDefaultCountryCodesAreRefused(_ code: Int) {
        #expect(PhoneNumber("07700 900123", defaultCountryCode: code) == nil)
    }

    @Test func lastFourComparesOnTheNormalisedNumber() throws {
        let typed = try #require(PhoneNumber("+44 (0)7700 900-987", defaultCountryCode: 44))
        let held = try #require(PhoneNumber("07700900987", defaultCountryCode: 44))
        #expect(typed.lastFour == held.lastFour)
        #expect(typed.lastFour == "0987")
    }

    @Test func rangeCheckUsesTheNumbersOwnCountry() throws {
        let uk = try #require(PhoneNumber("07700 100123", defaultCountryCode: 44))
        #expect(uk.ukMobileRangeCheck() == .mobile)
        #expect(uk.isMobileRange)
        let drama = try #require(PhoneNumber("07700 900123", defaultCountryCode: 44))
        #expect(drama.ukMobileRangeCheck() == .notMobile)
        #expect(!drama.isMobileRange)
        let landline = try #require(PhoneNumber("020 7946 0000", defaultCountryCode: 44))
        #expect(landline.ukMobileRangeCheck() == .notMobile)
        #expect(!landline.isMobileRange)
        let french = try #require(PhoneNumber("+33 6 12 34 56 78", defaultCountryCode: 44))
        #expect(french.ukMobileRangeCheck() == .noMetadata)
        #expect(french.isMobileRange)
        // Global service numbers are of no country and no SMS reaches them
        // (an auditor logged in with +800 freephone typed Mobile); satellite
        // and international mobile networks are taken as another country's.
        for service in ["+800 1234 5678", "+808 1234 5678", "+878 1012 3456 7890", "+979 1234 5678"] {
            let n = try #require(PhoneNumber(service, defaultCountryCode: 44), "\(service)")
            #expect(n.ukMobileRangeCheck() == .globalService, "\(service)")
            #expect(!n.isMobileRange, "\(service)")
        }
        for network in ["+882 1234 5678", "+870 773 111 111", "+881 6 1234 5678"] {
            let n = try #require(PhoneNumber(network, defaultCountryCode: 44), "\(network)")
            #expect(n.ukMobileRangeCheck() == .noMetadata && n.isMobileRange, "\(network)")
        }
        let personal = try #require(PhoneNumber("070 1234 5678", defaultCountryCode: 44))
        #expect(personal.ukMobileRangeCheck() == .personalNumber)
        #expect(!personal.isMobileRange)
        let pager = try #require(PhoneNumber("07646 412345", defaultCountryCode: 44))
        #expect(pager.ukMobileRangeCheck() == .pager)
        #expect(!pager.isMobileRange)
    }

    @Test func everyRangeHasAnExplanation() {
        let texts = MobileRange.allCases.map(\.explanation)
        #expect(Set(texts).count == MobileRange.allCases.count)
        #expect(texts.allSatisfy { $0.hasSuffix(".") && $0.count > 20 })
    }
}
