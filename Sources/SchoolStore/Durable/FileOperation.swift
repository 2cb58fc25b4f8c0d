/// The mutating operations of a ``FileLayer``: the ones a ``FaultyFileLayer``
/// numbers as fault points.
public enum FileOperation: String, Sendable, CaseIterable {
    /// ``FileLayer/writeAtomically(_:to:onStep:)``.
    case writeAtomically
    /// ``FileLayer/createExclusively(_:at:onStep:)``.
    case createExclusively
    /// ``FileLayer/remove(_:)``.
    case remove
    /// ``FileLayer/removeTree(_:)``.
    case removeTree
    /// ``FileLayer/makeDirectory(_:)``.
    case makeDirectory
    /// ``FileLayer/move(_:to:)``.
    case move
    /// ``FileLayer/sweepTemporaryFiles(in:)``.
    case sweepTemporaryFiles
    /// ``FileLayer/tightenPermissions(under:)``.
    case tightenPermissions

    /// A verb phrase for error messages ("could not *write* …").
    public var verb: String {
        switch self {
        case .writeAtomically: return "write"
        case .createExclusively: return "create"
        case .remove, .removeTree: return "remove"
        case .makeDirectory: return "create the directory"
        case .move: return "move"
        case .sweepTemporaryFiles: return "sweep temporary files in"
        case .tightenPermissions: return "set permissions under"
        }
    }
}
