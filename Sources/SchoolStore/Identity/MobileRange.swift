/// What the digits of a number say about whether it is a mobile.
///
/// The product rule (see the store format's "Phone numbers" section): a
/// number counts as a parent's mobile only if the school's MIS types it
/// Mobile, and a +44 number (UK, Jersey, Guernsey, Isle of Man) must also be
/// in one of their mobile ranges (``isMobile``), since no SMS could reach
/// anything else. Numbers of other countries are accepted as typed: we hold
/// no range data for them (``noMetadata``).
public enum MobileRange: Sendable, Equatable, CaseIterable {
    /// Inside a UK mobile range (libphonenumber's GB `mobile` pattern).
    case mobile
    /// Inside a Jersey, Guernsey or Isle of Man mobile range (libphonenumber's
    /// JE, GG and IM `mobile` patterns): a mobile, on the +44 plan.
    case crownDependencyMobile
    /// A UK personal number (070): it forwards calls elsewhere; not a mobile.
    case personalNumber
    /// A UK radio-paging number (the 076 blocks listed as pagers).
    case pager
    /// A +44 number outside every mobile range: a landline, a non-geographic
    /// number, or an unallocated 07 block such as Ofcom's drama range
    /// 07700 900000–900999.
    case notMobile
    /// A global service number, of no country: +800 freephone, +808 shared
    /// cost, +878 universal personal, +888, +979 premium rate
    /// (libphonenumber's non-geographic entities of those types). No SMS
    /// reaches one: not a mobile. (+870, +881, +882 and +883, satellite and
    /// international mobile networks, are taken as another country's.)
    case globalService
    /// A number outside the UK (+44): we carry no range data for it, so it is
    /// given the benefit of the doubt (see ``PhoneNumber/isMobileRange``).
    case noMetadata

    /// The country codes of ``globalService`` numbers.
    public static let globalServiceCodes: Set<Int> = [800, 808, 878, 888, 979]

    /// True for the ranges that receive SMS: UK and Crown Dependency mobiles.
    public var isMobile: Bool { self == .mobile || self == .crownDependencyMobile }

    /// A sentence a support engineer can read out.
    public var explanation: String {
        switch self {
        case .mobile: return "The number is in a UK mobile range."
        case .crownDependencyMobile:
            return
                "The number is in a Jersey, Guernsey or Isle of Man mobile range, which share the UK's +44 plan: it is a mobile."
        case .personalNumber:
            return
                "The number is a UK personal number (070), which forwards calls to another phone; it is not a mobile."
        case .pager: return "The number is a UK pager number (076); it is not a mobile."
        case .notMobile:
            return
                "The number is not in any mobile range of the +44 plan (UK, Jersey, Guernsey, Isle of Man): it may be a landline, a non-geographic number, or an unallocated or drama number."
        case .globalService:
            return
                "The number is a global service number (+800 freephone, +808 shared cost, +878, +888 or +979 premium rate), of no country: it is not a mobile."
        case .noMetadata:
            return
                "The number is outside the +44 plan: there is no range data for it, so its range could not be checked and it is accepted as typed Mobile."
        }
    }
}
