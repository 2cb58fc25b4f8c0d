/// What an application's main loop needs from a terminal: its size and capabilities,
/// a way to show a frame, and keys.
///
/// The loop renders its state into a `ScreenBuffer` of `size` and hands it to `draw`,
/// then waits for input with `readKey(timeout:)`. `NCursesBackend` (module
/// NCursesTerminal) drives a real terminal; `MemoryBackend` is the test double.
///
/// A backend is owned by one loop on one thread: the protocol is deliberately not
/// `Sendable`. A terminal session is process-wide state behind a non-thread-safe C
/// library (ncurses), so the compiler should keep each backend in a single isolation
/// region rather than let it be shared across tasks.
public protocol TerminalBackend: AnyObject {
    /// The terminal's size now. It changes when `readKey` returns `.resize`.
    var size: Size { get }
    /// What the terminal can show.
    var capabilities: TerminalCapabilities { get }
    /// Whether the process was asked to end (SIGTERM, SIGHUP, or SIGINT as a signal).
    /// The loop should check it after every `readKey` and exit cleanly: save, then
    /// `shutdown()`. `readKey` returns nil promptly once it is set.
    var terminationRequested: Bool { get }
    /// Shows `buffer` (the backend may send only what changed). A buffer of another
    /// size than the terminal is clipped or padded with blanks. The buffer's `cursor`
    /// decides where the cursor shows, if at all.
    func draw(_ buffer: ScreenBuffer)
    /// The next input event, or nil when `timeout` passes first (nil timeout: wait
    /// until there is input or termination is requested).
    func readKey(timeout: Duration?) -> Key?
    /// Makes a `readKey` that waits return nil as soon as `wakeup` is
    /// signalled (work from another thread waiting to be shown).
    func wake(on wakeup: Wakeup)
    /// Rings the terminal bell.
    func bell()
    /// Suspends the process as Ctrl-Z would (the terminal is restored while stopped);
    /// returns once the process is continued, with the next `draw` repainting in full.
    func suspend()
    /// Makes the next `draw` repaint the whole screen (Ctrl-L).
    func forceRepaint()
    /// Hands the terminal to another program for the duration of `body` (an
    /// editor, say, as mutt does with `$EDITOR`): the terminal is restored
    /// first and taken back, fully repainted, afterwards.
    func releaseTerminal(during body: () -> Void)
    /// Restores the terminal. Call once, before exiting; the backend is unusable after.
    func shutdown()
    /// Puts `text` on the system clipboard (OSC 52) when the terminal is known
    /// to allow it (``TerminalCapabilities/clipboard``); false, sending
    /// nothing, otherwise.
    func copyToClipboard(_ text: String) -> Bool
}

extension TerminalBackend {
    /// A backend without a clipboard.
    public func copyToClipboard(_ text: String) -> Bool { false }
    /// A backend whose waits are short or none (the in-memory terminal).
    public func wake(on wakeup: Wakeup) {}
}

/// A backend whose size the app can set (the in-memory terminal of tests
/// and headless runs): a key script's `<Resize 100x30>` resizes it.
public protocol ResizableBackend: TerminalBackend {
    func resize(to size: Size)
}
