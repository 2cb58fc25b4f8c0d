import Foundation

/// A file operation that failed: what was being done, to which path, and the
/// system's reason (errno and its `strerror` text).
public struct FileLayerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being attempted, as a verb phrase ("write", "read", "rename
    /// into place").
    public var operation: String
    /// The path the caller asked about.
    public var path: String
    /// The errno value.
    public var code: Int32
    /// The system's text for `code`.
    public var reason: String
    /// True when a ``FaultyFileLayer`` made this error up.
    public var isInjected: Bool

    /// An error for `code`, with the system's text for it.
    public init(operation: String, path: String, code: Int32, isInjected: Bool = false) {
        self.operation = operation
        self.path = path
        self.code = code
        self.reason = String(cString: strerror(code))
        self.isInjected = isInjected
    }

    /// An error for the current `errno`.
    static func fromErrno(_ operation: String, _ path: String) -> FileLayerError {
        FileLayerError(operation: operation, path: path, code: errno)
    }

    public var description: String {
        "could not \(operation) \(path): \(reason)\(isInjected ? " (injected fault)" : "")"
    }
}
