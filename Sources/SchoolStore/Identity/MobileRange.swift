/// What the digits of a number say about whether it is a mobile.
///
/// This is **advice for explanations only**. The product rule is that a number
/// counts as a mobile only if the school's MIS types it as mobile, whatever its
/// digits; support tooling uses this to say *why* a number typed "mobile" will
/// not receive texts, or why a number typed "home" looks like a mobile.
public enum MobileRange: Sendable, Equatable, CaseIterable {
    /// Inside a UK mobile range (libphonenumber's GB `mobile` pattern).
    case mobile
    /// A UK personal number (070): it forwards calls elsewhere; not a mobile.
    case personalNumber
    /// A UK radio-paging number (the 076 blocks listed as pagers).
    case pager
    /// A UK number outside every mobile range: a landline, a non-geographic
    /// number, an unallocated 07 block such as Ofcom's drama range
    /// 07700 900000–900999, or a Crown dependency mobile (Guernsey, Jersey,
    /// Isle of Man share +44, but libphonenumber keeps their ranges apart from
    /// GB's, e.g. 07624, 07781, 07839, 07911 1…).
    case notMobile
    /// A number outside the UK (+44): we carry no range data for it, so it is
    /// given the benefit of the doubt (see ``PhoneNumber/isMobileRange``).
    case noMetadata

    /// A sentence a support engineer can read out.
    public var explanation: String {
        switch self {
        case .mobile: return "The number is in a UK mobile range."
        case .personalNumber: return "The number is a UK personal number (070), which forwards calls to another phone; it is not a mobile."
        case .pager: return "The number is a UK pager number (076); it is not a mobile."
        case .notMobile: return "The number is not in any UK mobile range (it may be a landline, an unallocated or drama number, or a Channel Islands or Isle of Man number)."
        case .noMetadata: return "There is no range data for numbers outside the UK; the number is assumed to be a mobile."
        }
    }
}
