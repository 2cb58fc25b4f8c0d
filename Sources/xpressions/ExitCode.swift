/// The exit statuses of `xpressions`, as sysexits.h names them: what a
/// script or a support engineer can rely on.
enum ExitCode: Int32 {
    /// Done as asked.
    case ok = 0
    /// The answer is no: nobody logged in, a parent who would not see the
    /// message, a sync that could not complete, a session no longer valid.
    case notFound = 1
    /// The command line was wrong (EX_USAGE); the message says how.
    case usage = 64
    /// The school data store is invalid or unreadable (EX_DATAERR).
    case dataErr = 65
    /// An output file or directory could not be made (EX_CANTCREAT).
    case cantCreate = 73
    /// Reading or writing failed on the way (EX_IOERR).
    case ioErr = 74
}

extension ExitCode {
    /// A status a library report gives (a doctor's 0 or 1).
    init(status: Int32) { self = ExitCode(rawValue: status) ?? .notFound }
}
