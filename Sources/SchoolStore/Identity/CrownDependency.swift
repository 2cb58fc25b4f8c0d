/// The Crown Dependencies that share the UK's +44 numbering plan and run
/// their own mobile networks: libphonenumber's regions JE, GG and IM. Their
/// mobiles receive SMS like any UK mobile and count as mobiles.
public enum CrownDependency: String, Sendable, CaseIterable {
    case jersey = "Jersey"
    case guernsey = "Guernsey"
    case isleOfMan = "Isle of Man"

    /// libphonenumber's region code: JE, GG, IM.
    public var regionCode: String {
        switch self {
        case .jersey: return "JE"
        case .guernsey: return "GG"
        case .isleOfMan: return "IM"
        }
    }
}
