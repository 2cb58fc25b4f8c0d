import Foundation
import Testing

@testable import SchoolStore

/// The +44 range classifier against libphonenumber's GB, JE, GG and IM
/// patterns (metadata v9.0.43).
@Suite struct UKMobileRangeTests {
    /// libphonenumber's patterns verbatim (v9.0.43), used here only as a test oracle.
    static let mobileRegex =
        #"7(?:457[0-57-9]|700[01]|911[028])\d{5}|7(?:[1-3]\d\d|4(?:[0-46-9]\d|5[0-689])|5(?:0[0-8]|[13-9]\d|2[0-35-9])|7(?:0[1-9]|[1-7]\d|8[02-9]|9[0-689])|8(?:[014-9]\d|[23][0-8])|9(?:[024-9]\d|1[02-9]|3[0-689]))\d{6}"#
    static let jerseyRegex = #"7(?:(?:(?:50|82)9|937)\d|7(?:00[378]|97\d))\d{5}"#
    static let guernseyRegex = #"7(?:(?:781|839)\d|911[17])\d{5}"#
    static let isleOfManRegex = #"76245[06]\d{4}|7(?:4576|[59]24\d|624[0-4689])\d{5}"#
    static let personalRegex = #"70\d{8}"#
    static let pagerRegex = #"76(?:464|652)\d{5}|76(?:0[0-28]|2[356]|34|4[01347]|5[49]|6[0-369]|77|8[14]|9[139])\d{6}"#

    /// Lowest and highest number of every alternative, and the numbers just
    /// outside it (national numbers, 10 digits, no trunk 0).
    @Test(arguments: [
        // 7457[0-57-9]\d{5}
        ("7457000000", MobileRange.mobile), ("7457599999", .mobile), ("7457600000", .crownDependencyMobile),
        ("7457699999", .crownDependencyMobile), ("7457700000", .mobile), ("7457999999", .mobile),
        // 7700[01]\d{5}, and the drama range 07700 900000-900999
        ("7700000000", .mobile), ("7700199999", .mobile), ("7700200000", .notMobile),
        ("7700900000", .notMobile), ("7700900123", .notMobile), ("7700900999", .notMobile), ("7700999999", .notMobile),
        // 7911[028]\d{5}
        ("7911000000", .mobile), ("7911099999", .mobile), ("7911100000", .crownDependencyMobile),
        ("7911199999", .crownDependencyMobile),
        ("7911200000", .mobile), ("7911299999", .mobile), ("7911300000", .notMobile),
        ("7911799999", .crownDependencyMobile),
        ("7911800000", .mobile), ("7911899999", .mobile), ("7911900000", .notMobile), ("7911999999", .notMobile),
        // 7[1-3]\d\d\d{6}
        ("7099999999", .personalNumber), ("7100000000", .mobile), ("7399999999", .mobile),
        // 74[0-46-9]\d\d{6} and 745[0-689]\d{6}
        ("7400000000", .mobile), ("7449999999", .mobile), ("7460000000", .mobile), ("7499999999", .mobile),
        ("7450000000", .mobile), ("7456999999", .mobile), ("7458000000", .mobile), ("7459999999", .mobile),
        // 750[0-8], 75[13-9]\d, 752[0-35-9]
        ("7500000000", .mobile), ("7508999999", .mobile), ("7509000000", .crownDependencyMobile),
        ("7509999999", .crownDependencyMobile),
        ("7510000000", .mobile), ("7519999999", .mobile), ("7530000000", .mobile), ("7599999999", .mobile),
        ("7520000000", .mobile), ("7523999999", .mobile), ("7524000000", .crownDependencyMobile),
        ("7524999999", .crownDependencyMobile),
        ("7525000000", .mobile), ("7529999999", .mobile),
        // 770[1-9], 77[1-7]\d, 778[02-9], 779[0-689]
        ("7701000000", .mobile), ("7709999999", .mobile),
        ("7710000000", .mobile), ("7779999999", .mobile),
        ("7780000000", .mobile), ("7780999999", .mobile), ("7781000000", .crownDependencyMobile),
        ("7781999999", .crownDependencyMobile),
        ("7782000000", .mobile), ("7789999999", .mobile),
        ("7790000000", .mobile), ("7796999999", .mobile), ("7797000000", .crownDependencyMobile),
        ("7797999999", .crownDependencyMobile),
        ("7798000000", .mobile), ("7799999999", .mobile),
        // 78[014-9]\d, 78[23][0-8]
        ("7800000000", .mobile), ("7819999999", .mobile), ("7840000000", .mobile), ("7899999999", .mobile),
        ("7820000000", .mobile), ("7828999999", .mobile), ("7829000000", .crownDependencyMobile),
        ("7829999999", .crownDependencyMobile),
        ("7830000000", .mobile), ("7838999999", .mobile), ("7839000000", .crownDependencyMobile),
        ("7839999999", .crownDependencyMobile),
        // 79[024-9]\d, 791[02-9], 793[0-689]
        ("7900000000", .mobile), ("7909999999", .mobile), ("7920000000", .mobile), ("7929999999", .mobile),
        ("7940000000", .mobile), ("7999999999", .mobile),
        ("7910000000", .mobile), ("7910999999", .mobile), ("7912000000", .mobile), ("7919999999", .mobile),
        ("7930000000", .mobile), ("7936999999", .mobile), ("7937000000", .crownDependencyMobile),
        ("7937999999", .crownDependencyMobile),
        ("7938000000", .mobile), ("7939999999", .mobile),
        // personal numbers 70\d{8}
        ("7000000000", .personalNumber), ("7012345678", .personalNumber),
        // pagers
        ("7646400000", .pager), ("7646499999", .pager), ("7646300000", .notMobile), ("7646500000", .notMobile),
        ("7665200000", .pager), ("7665299999", .pager), ("7665100000", .notMobile), ("7665300000", .notMobile),
        ("7600000000", .pager), ("7602999999", .pager), ("7603000000", .notMobile), ("7608000000", .pager),
        ("7609000000", .notMobile),
        ("7623000000", .pager), ("7624000000", .crownDependencyMobile), ("7625000000", .pager), ("7626999999", .pager),
        ("7627000000", .notMobile),
        ("7634000000", .pager), ("7633999999", .notMobile), ("7635000000", .notMobile),
        ("7640000000", .pager), ("7641999999", .pager), ("7642000000", .notMobile), ("7643000000", .pager),
        ("7644000000", .pager), ("7645000000", .notMobile), ("7647000000", .pager), ("7648000000", .notMobile),
        ("7654000000", .pager), ("7659000000", .pager), ("7655000000", .notMobile),
        ("7660000000", .pager), ("7663999999", .pager), ("7664000000", .notMobile), ("7666000000", .pager),
        ("7669000000", .pager), ("7667000000", .notMobile),
        ("7677000000", .pager), ("7676999999", .notMobile), ("7678000000", .notMobile),
        ("7681000000", .pager), ("7684000000", .pager), ("7682000000", .notMobile),
        ("7691000000", .pager), ("7693000000", .pager), ("7699999999", .pager), ("7690000000", .notMobile),
        ("7692000000", .notMobile),
        // not 07 at all, or the wrong length
        ("2079460000", .notMobile), ("1632960000", .notMobile), ("8081570000", .notMobile),
        ("770010012", .notMobile), ("77001001234", .notMobile), ("", .notMobile), ("7700a00123", .notMobile),
    ])
    func boundaries(_ national: String, _ expected: MobileRange) {
        #expect(UKNumberPlan.classify(nationalNumber: national) == expected, "\(national)")
    }

    @Test func everyAlternativeParsesToTenDigits() {
        let all =
            UKNumberPlan.mobile + UKNumberPlan.personalNumber + UKNumberPlan.pager
            + UKNumberPlan.crownDependencyMobile.map(\.1)
        #expect(UKNumberPlan.mobile.count == 18)
        #expect(UKNumberPlan.pager.count == 11)
        #expect(UKNumberPlan.crownDependencyMobile.count == 13)
        #expect(all.allSatisfy { $0.length == 10 && !$0.prefix.isEmpty && $0.prefix.count <= 6 })
        #expect(UKNumberPlan.mobile[0].description == #"7457[0-57-9]\d{5}"#)
    }

    /// Every 5-digit block 70000-79999, at both ends, against the patterns
    /// compiled as regular expressions.
    @Test func agreesWithLibphonenumbersPatternsOnEveryFiveDigitBlock() throws {
        let mobile = try NSRegularExpression(pattern: "^(?:\(Self.mobileRegex))$")
        let personal = try NSRegularExpression(pattern: "^(?:\(Self.personalRegex))$")
        let pager = try NSRegularExpression(pattern: "^(?:\(Self.pagerRegex))$")
        let islands = try [Self.jerseyRegex, Self.guernseyRegex, Self.isleOfManRegex].map {
            try NSRegularExpression(pattern: "^(?:\($0))$")
        }
        func oracle(_ s: String) -> MobileRange {
            let range = NSRange(location: 0, length: s.utf16.count)
            let gb = mobile.firstMatch(in: s, range: range) != nil
            let island = islands.contains { $0.firstMatch(in: s, range: range) != nil }
            if gb { return .mobile }  // GB first, as libphonenumber's region order for 44 (07924 is both GB and IM)
            if island { return .crownDependencyMobile }
            if personal.firstMatch(in: s, range: range) != nil { return .personalNumber }
            if pager.firstMatch(in: s, range: range) != nil { return .pager }
            return .notMobile
        }
        var disagreements: [String] = []
        var counts: [MobileRange: Int] = [:]
        for block in 70000...79999 {
            for tail in ["00000", "99999"] {
                let national = "\(block)\(tail)"
                let ours = UKNumberPlan.classify(nationalNumber: national)
                counts[ours, default: 0] += 1
                if ours != oracle(national) { disagreements.append(national) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        #expect(counts[.mobile, default: 0] > 10_000)
        #expect(counts[.personalNumber] == 2_000)
        #expect(counts[.pager, default: 0] > 0)
        #expect(counts[.notMobile, default: 0] > 0)
        #expect(counts[.crownDependencyMobile, default: 0] > 100)
    }

    /// Each island's ranges, at both ends, against its own pattern, so a
    /// number is credited to the right Crown Dependency.
    @Test func everyIslandRangeBelongsToItsIsland() throws {
        let regexes: [(CrownDependency, String)] = [
            (.jersey, Self.jerseyRegex), (.guernsey, Self.guernseyRegex), (.isleOfMan, Self.isleOfManRegex),
        ]
        let compiled = try regexes.map { ($0.0, try NSRegularExpression(pattern: "^(?:\($0.1))$")) }
        var wrong: [String] = []
        var found: [CrownDependency: Int] = [:]
        for block in 74000...79999 {
            for tail in ["00000", "99999"] {
                let national = "\(block)\(tail)"
                let range = NSRange(location: 0, length: national.utf16.count)
                let isGB = UKNumberPlan.mobile.contains { $0.matches(national.utf8) }
                let expected = isGB ? nil : compiled.first { $0.1.firstMatch(in: national, range: range) != nil }?.0
                let ours = UKNumberPlan.crownDependency(ofMobile: national)
                if ours != expected { wrong.append(national) }
                if let ours { found[ours, default: 0] += 1 }
            }
        }
        // 76245[06]: the Isle of Man's six-digit prefixes, both ends.
        for national in ["7624500000", "7624509999", "7624560000", "7624569999"] {
            if UKNumberPlan.crownDependency(ofMobile: national) != .isleOfMan { wrong.append(national) }
        }
        for national in ["7624510000", "7624559999", "7624570000", "7624599999"] {
            if UKNumberPlan.crownDependency(ofMobile: national) != nil { wrong.append(national) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
        #expect(Set(found.keys) == Set(CrownDependency.allCases))
    }

    /// Real-looking numbers of each island range and their non-mobile
    /// neighbours, through normalisation (as a school holds them).
    @Test(arguments: [
        // Jersey: 07509, 07700 3/7/8, 07797, 07829, 07937
        ("07509 123456", MobileRange.crownDependencyMobile, CrownDependency?.some(.jersey)),
        ("+44 7700 312345", .crownDependencyMobile, .jersey), ("07700 712345", .crownDependencyMobile, .jersey),
        ("07700 812345", .crownDependencyMobile, .jersey), ("07797 712345", .crownDependencyMobile, .jersey),
        ("07797 012345", .crownDependencyMobile, .jersey), ("07829 123456", .crownDependencyMobile, .jersey),
        ("07937 123456", .crownDependencyMobile, .jersey),
        // Guernsey: 07781, 07839, 07911 1/7
        ("07781 123456", .crownDependencyMobile, .guernsey), ("07839 123456", .crownDependencyMobile, .guernsey),
        ("07911 123456", .crownDependencyMobile, .guernsey), ("07911 712345", .crownDependencyMobile, .guernsey),
        // Isle of Man: 07457 6, 07524, 07624 (not 07624 5 except 50/56, not 07624 7), 07924
        ("07457 612345", .crownDependencyMobile, .isleOfMan), ("07524 123456", .crownDependencyMobile, .isleOfMan),
        ("07624 123456", .crownDependencyMobile, .isleOfMan), ("07624 501234", .crownDependencyMobile, .isleOfMan),
        ("07624 561234", .crownDependencyMobile, .isleOfMan),
        // 07924 is in both GB's and the Isle of Man's patterns: GB comes first, as in libphonenumber
        ("07924 123456", .mobile, nil),
        ("07624 512345", .notMobile, nil), ("07624 712345", .notMobile, nil),
        // UK neighbours stay UK mobiles
        ("07911 012345", .mobile, nil), ("07911 212345", .mobile, nil), ("07700 012345", .mobile, nil),
        ("07457 512345", .mobile, nil), ("07796 123456", .mobile, nil), ("07798 123456", .mobile, nil),
        // and the non-mobile neighbours stay non-mobile: 070 personal, 076 pagers, drama, landlines
        ("070 1511 1234", .personalNumber, nil), ("070 1234 5678", .personalNumber, nil),
        ("07640 123456", .pager, nil), ("07623 123456", .pager, nil), ("07700 900123", .notMobile, nil),
        ("07700 212345", .notMobile, nil), ("07911 312345", .notMobile, nil), ("01534 456789", .notMobile, nil),
        ("01481 256789", .notMobile, nil), ("01624 756789", .notMobile, nil), ("020 7946 0000", .notMobile, nil),
    ])
    func islandNumbers(_ text: String, _ expected: MobileRange, _ island: CrownDependency?) throws {
        let number = try #require(PhoneNumber(text, defaultCountryCode: 44))
        #expect(number.ukMobileRangeCheck() == expected, "\(text)")
        #expect(number.crownDependency == island, "\(text)")
        #expect(number.isMobileRange == expected.isMobile, "\(text)")
    }

    @Test(arguments: ["7[1-", "7[]", "7x", "7[3-1]", "71234567890"])
    func malformedSpecsStopTheProgram(_ spec: String) async {
        await #expect(processExitsWith: .failure) { [spec] in
            _ = DigitPattern(spec, length: 10)
        }
    }
}
