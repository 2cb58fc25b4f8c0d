/// ITU-T E.164 country calling codes, known at the level of their zones.
///
/// Country codes form a prefix-free set, so the first digits of an
/// international number say how long its country code is: `1` and `7` are
/// one digit; a fixed list of two-digit codes; and two-digit "zones" (such as
/// `35`) whose codes all have three digits, of which only the assigned ones
/// are codes (259 and 999 are not).
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
    /// The three-digit codes assigned in those zones (ITU-T E.164 list, as
    /// libphonenumber's metadata has them): "+999 123456" is no number
    /// (it was read as one, "its range could not be checked").
    private static let threeDigit: Set<Int> = [
        211, 212, 213, 216, 218,
        220, 221, 222, 223, 224, 225, 226, 227, 228, 229,
        230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
        240, 241, 242, 243, 244, 245, 246, 247, 248, 249,
        250, 251, 252, 253, 254, 255, 256, 257, 258,
        260, 261, 262, 263, 264, 265, 266, 267, 268, 269,
        290, 291, 297, 298, 299,
        350, 351, 352, 353, 354, 355, 356, 357, 358, 359,
        370, 371, 372, 373, 374, 375, 376, 377, 378,
        380, 381, 382, 383, 385, 386, 387, 389,
        420, 421, 423,
        500, 501, 502, 503, 504, 505, 506, 507, 508, 509,
        590, 591, 592, 593, 594, 595, 596, 597, 598, 599,
        670, 672, 673, 674, 675, 676, 677, 678, 679,
        680, 681, 682, 683, 685, 686, 687, 688, 689,
        690, 691, 692,
        800, 808,
        850, 852, 853, 855, 856,
        870, 878, 880, 881, 882, 883, 886, 888,
        960, 961, 962, 963, 964, 965, 966, 967, 968,
        970, 971, 972, 973, 974, 975, 976, 977, 979,
        992, 993, 994, 995, 996, 998,
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
        if threeDigitZones.contains(zone), let third = iterator.next().flatMap(digitValue),
            threeDigit.contains(zone * 10 + third)
        {
            return 3
        }
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
