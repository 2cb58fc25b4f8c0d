import SchoolStore

/// The mobile rule, applied to one number a school holds, for login,
/// `doctor` and `store audit` alike (stated in the store format, "Phone
/// numbers: the mobile rule"): a number counts as a parent's mobile only if
/// it can be read as a phone number, the MIS types it Mobile, and, for a +44
/// number (UK, Jersey, Guernsey, Isle of Man), it is in one of their mobile
/// ranges. Another country's number typed Mobile is accepted as typed, its
/// range unchecked. Built on ``PhoneNumber`` and ``MobileRange``, the same
/// pieces `store validate`'s phone warnings use.
public enum MobileRule {
    /// What the rule makes of one held number.
    public enum Verdict: Sendable, Equatable {
        /// Not a phone number at all (`07400 500001 (mum)`, `07400/500004`):
        /// it never matches the number a parent types.
        case unreadable
        /// A readable number typed Home or Work: never a mobile, whatever its digits.
        case notTypedMobile(PhoneNumber, PhoneType)
        /// Typed Mobile, but outside every mobile range of the +44 plan.
        case notInMobileRange(PhoneNumber, MobileRange)
        /// A mobile: typed Mobile, in a UK or Crown Dependency mobile range,
        /// or another country's number (``MobileRange/noMetadata``).
        case mobile(PhoneNumber, MobileRange)

        /// The number read, when it can be read.
        public var number: PhoneNumber? {
            switch self {
            case .unreadable: return nil
            case .notTypedMobile(let n, _), .notInMobileRange(let n, _), .mobile(let n, _): return n
            }
        }

        /// True when the number can register a parent and receive SMS.
        public var isMobile: Bool {
            if case .mobile = self { return true }
            return false
        }
    }

    /// The rule applied to `phone`, read with the school's country code.
    public static func verdict(_ phone: ContactPhone, countryCode: Int) -> Verdict {
        guard let number = PhoneNumber(phone.number, defaultCountryCode: countryCode) else { return .unreadable }
        guard phone.type == .mobile else { return .notTypedMobile(number, phone.type) }
        let range = number.ukMobileRangeCheck()
        switch range {
        case .mobile, .crownDependencyMobile, .noMetadata: return .mobile(number, range)
        case .personalNumber, .pager, .notMobile, .globalService: return .notInMobileRange(number, range)
        }
    }

    /// Why a range that is not a mobile one is not: "a UK personal number
    /// (070), not a mobile", "not in any UK mobile range (nor a Jersey,
    /// Guernsey or Isle of Man one)".
    public static func notMobilePhrase(_ range: MobileRange) -> String {
        switch range {
        case .personalNumber: return "a UK personal number (070), not a mobile"
        case .pager: return "a UK pager number (076), not a mobile"
        case .globalService:
            return
                "a global service number (+800 freephone, +808, +878, +888 or +979 premium rate), of no country, not a mobile"
        default: return "not in any UK mobile range (nor a Jersey, Guernsey or Isle of Man one)"
        }
    }
}
