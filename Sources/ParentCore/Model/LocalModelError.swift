/// Why the local model refused a commit.
public enum LocalModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model on disk belongs to no session or another one: the parent
    /// logged out (or in again) while this instance was working.
    case sessionEnded
    /// Another instance left a model this one cannot read back.
    case damaged(String)

    public var description: String {
        switch self {
        case .sessionEnded: return "the session has ended (logged out); nothing was saved"
        case .damaged(let what): return "the local model cannot be read back (\(what)); the next sync rebuilds it"
        }
    }
}
