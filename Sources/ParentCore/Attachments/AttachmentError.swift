import SchoolStore

/// Why an attachment could not be fetched, copied or opened: one plain line
/// for the parent, naming the file (and the store file at fault) without
/// Swift's enum dumps.
public enum AttachmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message or the attachment is not in the parent's messages (any more).
    case unknown
    /// The message lists the attachment, but the store holds no file for it.
    case notInStore(name: String)
    /// The store cannot be reached or opened just now.
    case storeUnavailable(name: String)
    /// The store's file is refused: the problem names the file.
    case storeProblem(name: String, problem: String)
    /// The copy could not be written in `directory` (shown with `~`).
    case cannotWrite(name: String, directory: String, reason: String)
    /// The opener could not be started on the copy.
    case cannotOpen(name: String, reason: String)

    public var description: String {
        switch self {
        case .unknown:
            return "That attachment is no longer in your messages."
        case .notInStore(let name):
            return
                "\(Self.shown(name)) is not in this copy of the school data: the message lists it, but the school's file is not there."
        case .storeUnavailable(let name):
            return "Can't reach the school data just now, so \(Self.shown(name)) can't be fetched. Try again later."
        case .storeProblem(let name, let problem):
            return
                "\(Self.shown(name)) can't be opened or saved: the school's copy has a problem: \(problem). Please tell the school."
        case .cannotWrite(let name, let directory, let reason):
            return "\(Self.shown(name)) could not be written in \(directory): \(reason)"
        case .cannotOpen(let name, let reason):
            return "\(Self.shown(name)) could not be opened: \(reason)"
        }
    }

    /// A store's name as one safe line: quoted, clipped, control characters escaped.
    static func shown(_ name: String) -> String { Quote.value(name) }
}
