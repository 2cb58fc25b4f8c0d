import SchoolStore

/// Why a child a record still names left the parent's device at a sync:
/// said to the parent and by `xpressions sync`, in the seeds' terms (a
/// child removed was said only as "no longer listed for you", though the
/// school's record still listed them, with correspondence turned off).
/// A child no record links any more has no removal reason.
public enum ChildRemoval: Sendable, Hashable {
    /// The link has correspondence not allowed.
    case correspondenceNotAllowed
    /// The link no longer has parental responsibility.
    case noParentalResponsibility
    /// A leaver, past the school's leaver persistence (in months).
    case left(CivilDate, shownForMonths: Int)

    /// "Green Abbey School's records no longer allow correspondence with
    /// you about this child": after "Amira is no longer shown on this
    /// device: ".
    /// `children`: how many share the reason ("these children" for more
    /// than one).
    public func text(school: String, children: Int = 1) -> String {
        let them = children == 1 ? "this child" : "these children"
        switch self {
        case .correspondenceNotAllowed:
            return "\(school)'s records no longer allow correspondence with you about \(them)"
        case .noParentalResponsibility:
            return "\(school)'s records no longer show you with parental responsibility for \(them)"
        case .left(let day, let months):
            return
                "\(school) records \(them) as having left on \(day.longText) (leavers are shown for \(months) month\(months == 1 ? "" : "s"))"
        }
    }

    /// A few words for `xpressions sync`: "correspondence not allowed".
    public var short: String {
        switch self {
        case .correspondenceNotAllowed: return "correspondence not allowed"
        case .noParentalResponsibility: return "no parental responsibility"
        case .left(let day, _): return "left on \(day.longText)"
        }
    }
}
