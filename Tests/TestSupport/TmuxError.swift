/// A failure driving tmux (or starting a child process for it), with the last screen
/// seen when there is one.
public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    /// The pane's text when the error happened (for timeouts).
    public var lastScreen: String?

    public init(_ message: String, lastScreen: String? = nil) {
        self.message = message
        self.lastScreen = lastScreen
    }

    public var description: String {
        guard let lastScreen else { return message }
        let framed = lastScreen.split(separator: "\n", omittingEmptySubsequences: false).map { "|\($0)" }
        return message + "\nlast screen:\n" + framed.joined(separator: "\n")
    }
}
