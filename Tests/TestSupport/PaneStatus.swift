/// Whether the program in a tmux pane is still running, and how it ended.
public struct PaneStatus: Sendable, Hashable {
    /// False once the program has exited (the pane stays, `remain-on-exit`).
    public var isRunning: Bool
    /// The exit status, when it exited normally.
    public var exitStatus: Int32?
    /// The signal that killed it, if one did.
    public var signal: Int32?

    public init(isRunning: Bool, exitStatus: Int32? = nil, signal: Int32? = nil) {
        self.isRunning = isRunning
        self.exitStatus = exitStatus
        self.signal = signal
    }
}
