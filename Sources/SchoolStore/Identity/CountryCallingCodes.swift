/// ITU-T E.164 country calling codes, known at the level of their zones.
///
/// Country codes form a prefix-free set, so the first digits of an
/// international number say how long its country code is: `1` and `7` are
/// one digit; a fixed list of two-digit codes; and two-digit "zones" (such as
/// `35`) whose codes all have three digits. Individual unassigned three-digit
/// codes inside an assigned zone (such as 259) are not rejected.
enum CountryCallingCodes {
    private static let twoDigit: Set<Int> = [
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49,
        51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66,
        81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    ]
    private static let threeDigitZones: Set<Int> = [
        21, 22, 23, 24, 25, 26, 29, 35, 37, 38, 42, 50, 59,
        67, 68, 69, 80, 85, 87, 88, 96, 97, 99,
    ]

    /// The number of digits of the country code that starts `digits`
    /// (ASCII digits of an international number), or nil if none does.
    static func codeLength<Digits: Collection<UInt8>>(atStartOf digits: Digits) -> Int? {
        var iterator = digits.makeIterator()
        guard let first = iterator.next().flatMap(digitValue), first != 0 else { return nil }
        if first == 1 || first == 7 { return 1 }
        guard let second = iterator.next().flatMap(digitValue) else { return nil }
        let zone = first * 10 + second
        if twoDigit.contains(zone) { return 2 }
        if threeDigitZones.contains(zone), iterator.next().flatMap(digitValue) != nil { return 3 }
        return nil
    }

    /// The length of `countryCode` if it is an assigned code, else nil.
    static func length(ofAssigned countryCode: Int) -> Int? {
        guard countryCode > 0, countryCode < 1000 else { return nil }
        let digits = Array(String(countryCode).utf8)
        guard let length = codeLength(atStartOf: digits), length == digits.count else { return nil }
        return length
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
