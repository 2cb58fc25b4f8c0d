/// Why an `NCursesBackend` could not start.
public enum NCursesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another `NCursesBackend` is running in this process (ncurses is process-wide).
    case alreadyActive
    /// Input or output is not a terminal (e.g. output piped to a file).
    case notATerminal
    /// The terminal device could not be opened.
    case cannotOpenDevice(path: String, errno: Int32)
    /// ncurses does not know the terminal type (no terminfo entry).
    case unknownTerminal(String)
    /// The terminal cannot move the cursor (`TERM=dumb`), so a full-screen app cannot run.
    case cannotAddressCursor(String)

    public var description: String {
        switch self {
        case .alreadyActive: return "a terminal session is already active in this process"
        case .notATerminal: return "standard input and output must be a terminal"
        case .cannotOpenDevice(let path, let errno): return "cannot open terminal \(path) (errno \(errno))"
        case .unknownTerminal(let type):
            return type.isEmpty
                ? "TERM is not set, so the terminal's type is not known; set it to your terminal (for example TERM=xterm-256color)"
                : "unknown terminal type \"\(type)\" (no terminfo entry); set TERM to your terminal (for example xterm-256color)"
        case .cannotAddressCursor(let type):
            return
                "the terminal type \"\(type)\" cannot move the cursor, so the app cannot be shown; set TERM to your terminal (for example xterm-256color)"
        }
    }
}
