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
    /// A report's yes or no (doctor: the parent can log in now, the session
    /// would stay valid, the parent would see the message): ok, or notFound.
    /// A login refused now only by the store's attempt count is a no too,
    /// as is one whose count cannot be kept.
    init(answer yes: Bool) { self = yes ? .ok : .notFound }
}
