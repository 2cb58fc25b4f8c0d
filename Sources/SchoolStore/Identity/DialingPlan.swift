/// The little a normaliser must know about a country's numbering: its trunk
/// (national) prefix and how long its national significant numbers can be.
///
/// Known plans cover the UK and a few neighbours whose rules differ from the
/// generic default; every other assigned country code gets the generic plan:
/// trunk prefix `0` and any national length that keeps the whole number within
/// E.164's 15 digits. This is deliberately not a copy of libphonenumber.
struct DialingPlan: Sendable, Equatable {
    /// The prefix dialled before a national number inside the country
    /// (`0` in the UK, `1` in the NANP), or nil where there is none and a
    /// leading 0 is part of the number itself (Italy).
    let trunkPrefix: String?
    /// The allowed lengths of the national significant number.
    let nationalLengths: ClosedRange<Int>

    /// The plan for `countryCode`, or nil when the code is not assigned.
    static func forCountryCode(_ countryCode: Int) -> DialingPlan? {
        guard let codeLength = CountryCallingCodes.length(ofAssigned: countryCode) else { return nil }
        switch countryCode {
        case 44: return DialingPlan(trunkPrefix: "0", nationalLengths: 7...10)
        case 353: return DialingPlan(trunkPrefix: "0", nationalLengths: 7...9)
        case 1: return DialingPlan(trunkPrefix: "1", nationalLengths: 10...10)
        case 7: return DialingPlan(trunkPrefix: "8", nationalLengths: 10...10)
        case 39: return DialingPlan(trunkPrefix: nil, nationalLengths: 6...11)
        case 30: return DialingPlan(trunkPrefix: nil, nationalLengths: 10...10)
        case 34, 351: return DialingPlan(trunkPrefix: nil, nationalLengths: 9...9)
        case 45, 47: return DialingPlan(trunkPrefix: nil, nationalLengths: 8...8)
        default: return DialingPlan(trunkPrefix: "0", nationalLengths: 4...(15 - codeLength))
        }
    }
}
