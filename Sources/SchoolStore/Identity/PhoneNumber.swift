/// A telephone number normalised to E.164 digits (without the `+`), so that
/// numbers typed by a parent and numbers held by a school's MIS compare equal
/// however they were written.
///
/// With the school's country code 44 these all become `447700900123`:
/// `07700 900123`, `+44 7700 900123`, `0044 7700 900123`, `447700900123`,
/// `+44 (0)7700 900123`, `07700-900-123`, `07700.900.123`, `(07700) 900123`.
///
/// Rules, in order:
/// - Spaces (any Unicode whitespace), dots, dashes and brackets are ignored;
///   a `+` may appear only before the first digit; brackets must balance and
///   not nest; anything else (letters, `#`, `/`, `*`) makes the text not a
///   number.
/// - International form: a leading `+`, or the international prefix `00`
///   (also `011` when the default country is in the NANP). The country code is
///   read from the digits (see ``countryCode``). A bracketed `(0)` right after
///   the country code is the trunk-prefix convention and is dropped; so is a
///   stray trunk prefix written after the country code (`+44 07700…`), as
///   libphonenumber does.
/// - Otherwise national form, in the default country: its trunk prefix (`0`
///   for most countries) is removed; digits that start with the country code
///   itself and are too long to be national (`447700900123`) are read as
///   international without the `+`; anything else is a national number written
///   without its trunk prefix (`7700 900123`).
/// - The national number must have a length the country allows (7 to 10
///   digits for the UK; 4 or more elsewhere unless known), must not start with
///   `0` where `0` is the trunk prefix, and the whole number must fit E.164's
///   15 digits.
///
/// Equality and hashing use the normalised digits only.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// The E.164 digits without `+`, e.g. `447700900123`.
    public let digits: String
    /// The country calling code the number belongs to, e.g. 44. Usually the
    /// default country's code, but a number written in international form
    /// keeps its own (a French mobile held by a UK school stays +33).
    public let countryCode: Int

    /// Normalises `text` using `defaultCountryCode` (the school's country code)
    /// for numbers written in national form. Nil when `text` is not a plausible
    /// telephone number or `defaultCountryCode` is not an assigned code.
    public init?(_ text: String, defaultCountryCode: Int) {
        guard let defaultPlan = DialingPlan.forCountryCode(defaultCountryCode),
            let scanned = PhoneNumber.scan(text)
        else { return nil }
        var digits = scanned.digits
        let defaultCode = Array(String(defaultCountryCode).utf8)

        // Where the international part (country code onwards) starts, if the
        // number is written internationally.
        var internationalStart: Int?
        if scanned.sawPlus {
            internationalStart = 0
        } else if digits.starts(with: Array("00".utf8)) {
            internationalStart = 2
        } else if defaultCountryCode == 1, digits.starts(with: Array("011".utf8)) {
            internationalStart = 3
        } else if PhoneNumber.readsAsInternationalWithoutPlus(
            digits, bracketedZeroAt: scanned.bracketedZeroAt,
            countryCode: defaultCode, plan: defaultPlan)
        {
            internationalStart = 0
        }

        var countryCode = defaultCountryCode
        var plan = defaultPlan
        var national: ArraySlice<UInt8>
        if let start = internationalStart {
            guard let codeLength = CountryCallingCodes.codeLength(atStartOf: digits[start...]),
                let code = Int(String(decoding: digits[start..<(start + codeLength)], as: UTF8.self)),
                let codePlan = DialingPlan.forCountryCode(code)
            else { return nil }
            if let zero = scanned.bracketedZeroAt {
                // "(0)" is only meaningful right after the country code.
                guard zero == start + codeLength else { return nil }
                digits.remove(at: zero)
            }
            countryCode = code
            plan = codePlan
            national = digits[(start + codeLength)...]
            if plan.trunkPrefix == "0", national.first == UInt8(ascii: "0") {
                national = national.dropFirst()
            }
        } else {
            // In national form a bracketed 0 can only be the trunk prefix itself.
            if let zero = scanned.bracketedZeroAt, zero != 0 { return nil }
            if let trunk = plan.trunkPrefix, digits.starts(with: Array(trunk.utf8)) {
                national = digits.dropFirst(trunk.utf8.count)
            } else {
                national = digits[...]
            }
        }

        guard plan.nationalLengths.contains(national.count) else { return nil }
        if plan.trunkPrefix == "0", national.first == UInt8(ascii: "0") { return nil }
        let code = String(countryCode)
        guard code.utf8.count + national.count <= 15 else { return nil }
        self.digits = code + String(decoding: national, as: UTF8.self)
        self.countryCode = countryCode
    }

    /// The national significant number: the digits after the country code,
    /// without any trunk prefix (`7700900123` for `+44 7700 900123`).
    public var nationalNumber: String {
        String(digits.dropFirst(String(countryCode).count))
    }

    /// The last four digits of the normalised number: what the login screen
    /// asks the parent to confirm.
    public var lastFour: String { String(digits.suffix(4)) }

    /// The number with a leading `+`, e.g. `+447700900123`.
    public var description: String { "+" + digits }

    /// What the digits say about the number being a mobile, per the ranges
    /// of the +44 plan (UK, Jersey, Guernsey, Isle of Man: ``MobileRange``);
    /// ``MobileRange/noMetadata`` when the number is not a +44 number.
    public func ukMobileRangeCheck() -> MobileRange {
        countryCode == 44
            ? UKNumberPlan.classify(nationalNumber: nationalNumber)
            : MobileRange.globalServiceCodes.contains(countryCode) ? .globalService : .noMetadata
    }

    /// The Crown Dependency whose mobile range holds this number, if any.
    public var crownDependency: CrownDependency? {
        countryCode == 44 ? UKNumberPlan.crownDependency(ofMobile: nationalNumber) : nil
    }

    /// True when the digits allow a mobile: a +44 number in a UK or Crown
    /// Dependency mobile range, or any number of another country, for which
    /// we hold no range data and so cannot say otherwise. A number counts as
    /// a parent's mobile only when its MIS type is Mobile *and* this holds.
    public var isMobileRange: Bool {
        switch ukMobileRangeCheck() {
        case .mobile, .crownDependencyMobile, .noMetadata: return true
        case .personalNumber, .pager, .notMobile, .globalService: return false
        }
    }

    /// Normalises `text` to E.164 digits without `+`, or nil; shorthand for
    /// `PhoneNumber(text, defaultCountryCode: countryCode)?.digits`.
    public static func normalise(_ text: String, countryCode: Int) -> String? {
        PhoneNumber(text, defaultCountryCode: countryCode)?.digits
    }

    /// Whether digits typed without `+` or `00` are really an international
    /// number of the default country (`447700900123`, `44 (0)7700 900123`):
    /// they start with its country code, do not start with its trunk prefix,
    /// and are too long to be a national number but the right length once the
    /// country code is taken off.
    private static func readsAsInternationalWithoutPlus(
        _ digits: [UInt8], bracketedZeroAt: Int?, countryCode: [UInt8], plan: DialingPlan
    ) -> Bool {
        guard digits.count > countryCode.count, digits.starts(with: countryCode) else { return false }
        if bracketedZeroAt == countryCode.count { return true }
        if let trunk = plan.trunkPrefix, digits.starts(with: Array(trunk.utf8)) { return false }
        var rest = digits.count - countryCode.count
        if plan.trunkPrefix == "0", digits[countryCode.count] == UInt8(ascii: "0") { rest -= 1 }
        return plan.nationalLengths.contains(rest) && !plan.nationalLengths.contains(digits.count)
    }

    /// The digits of `text` with punctuation removed, whether it started with
    /// `+`, and where (as a digit index) a bracketed lone `0` was; nil when
    /// `text` holds anything that cannot be part of a written phone number.
    private static func scan(_ text: String) -> (digits: [UInt8], sawPlus: Bool, bracketedZeroAt: Int?)? {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var sawPlus = false
        var openedAt: Int?
        var bracketedZeroAt: Int?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9":
                guard digits.count < 20 else { return nil }
                digits.append(UInt8(scalar.value))
            case ".", "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}":
                continue
            case "+":
                guard !sawPlus, digits.isEmpty, openedAt == nil else { return nil }
                sawPlus = true
            case "(":
                guard openedAt == nil else { return nil }
                openedAt = digits.count
            case ")":
                guard let start = openedAt else { return nil }
                if digits.count == start + 1, digits[start] == UInt8(ascii: "0") {
                    guard bracketedZeroAt == nil else { return nil }
                    bracketedZeroAt = start
                }
                openedAt = nil
            default:
                // Spaces, and invisible format characters (a zero-width
                // space pasted with a number) are no part of it.
                guard scalar.properties.isWhitespace || scalar.properties.generalCategory == .format else { return nil }
            }
        }
        guard openedAt == nil, !digits.isEmpty else { return nil }
        return (digits, sawPlus, bracketedZeroAt)
    }
}
