/// Which part of the days an absence covers: every day's morning and
/// afternoon, mornings or afternoons only, or, over several days, whole
/// days that start on the first day's afternoon and/or end with the last
/// day's morning ("off from Monday lunchtime, back Wednesday afternoon").
public enum AbsencePart: String, Sendable, Equatable, CaseIterable {
    case both
    case am
    case pm
    /// The first day's afternoon, then whole days.
    case fromPM = "from-pm"
    /// Whole days, then the last day's morning.
    case toAM = "to-am"
    /// The first day's afternoon, whole days between, the last day's morning.
    case fromPMToAM = "from-pm-to-am"

    /// What the form shows, for one day or several.
    public func label(multiDay: Bool) -> String {
        switch self {
        case .both: return multiDay ? "Mornings and afternoons" : "Morning and afternoon"
        case .am: return multiDay ? "Mornings only" : "Morning only"
        case .pm: return multiDay ? "Afternoons only" : "Afternoon only"
        case .fromPM: return "From the first afternoon"
        case .toAM: return "Until the last morning"
        case .fromPMToAM: return "First afternoon to last morning"
        }
    }

    /// The parts a range offers: the last three need two days or more.
    public static func choices(multiDay: Bool) -> [AbsencePart] {
        multiDay ? allCases : [.both, .am, .pm]
    }

    /// The part as it applies to a single day (a part for several days
    /// becomes the nearest one-day part).
    public var singleDay: AbsencePart {
        switch self {
        case .both, .fromPMToAM: return .both
        case .am, .toAM: return .am
        case .pm, .fromPM: return .pm
        }
    }

    /// The sessions of `day` covered, in a range from `first` to `last`.
    public func sessions(on day: CivilDate, first: CivilDate, last: CivilDate) -> [RegisterSession] {
        let part = first == last ? singleDay : self
        switch part {
        case .both: return [.am, .pm]
        case .am: return [.am]
        case .pm: return [.pm]
        case .fromPM: return day == first ? [.pm] : [.am, .pm]
        case .toAM: return day == last ? [.am] : [.am, .pm]
        case .fromPMToAM: return day == first ? [.pm] : day == last ? [.am] : [.am, .pm]
        }
    }

    /// "both, am, pm, from-pm, to-am or from-pm-to-am".
    static var names: String {
        let all = allCases.map(\.rawValue)
        return all.dropLast().joined(separator: ", ") + " or " + all.last!
    }
}
