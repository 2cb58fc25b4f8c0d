/// The mutating operations of a ``FileLayer``: the ones a ``FaultyFileLayer``
/// numbers as fault points.
public enum FileOperation: String, Sendable, CaseIterable {
    case writeAtomically, createExclusively, remove, removeTree, makeDirectory, sweepTemporaryFiles, tightenPermissions

    /// A verb phrase for error messages ("could not *write* …").
    public var verb: String {
        switch self {
        case .writeAtomically: return "write"
        case .createExclusively: return "create"
        case .remove, .removeTree: return "remove"
        case .makeDirectory: return "create the directory"
        case .sweepTemporaryFiles: return "sweep temporary files in"
        case .tightenPermissions: return "set permissions under"
        }
    }
}
