/// A screen where the parent writes something for the school (a message,
/// an absence report). ``Screen`` defaults every way of leaving to "nothing
/// here to keep"; a writing screen must say, for each one, what happens to
/// what the parent wrote: these requirements have no defaults, so the
/// compiler names the one a new form leaves out.
protocol WritingScreen: Screen {
    /// Quitting (`q` where it is not text, Ctrl-C, Ctrl-Q) with something
    /// written: ask first and return true (a second quit key goes ahead).
    static func askBeforeQuitting(_ s: inout AppState) -> Bool
    /// The process is ending (the terminal closed, SIGTERM): what was
    /// written is kept now, as effects (asked whether open or not: check
    /// the stack).
    static func keepWhenClosing(_ s: inout AppState) -> [Effect]
    /// What was written could not be queued (`text` says why): the form
    /// keeps it and says so (true); false when nothing was written here.
    static func keepNotQueued(_ text: String, _ s: inout AppState) -> Bool
    /// The session ended by itself (`message` says why) with this screen
    /// open: true keeps the parent here (what they wrote in view, to copy;
    /// never sent, as the session that would send it has ended); false
    /// goes to the login.
    static func keepWhenSessionEnds(_ message: String, _ s: inout AppState) -> Bool
}

extension WritingScreen {
    static func holdsQuit(_ s: inout AppState) -> Bool { askBeforeQuitting(&s) }
    static func terminating(_ s: inout AppState) -> [Effect] { keepWhenClosing(&s) }
    static func notQueued(_ text: String, _ s: inout AppState) -> Bool { keepNotQueued(text, &s) }
    static func sessionEnded(_ message: String, _ s: inout AppState) -> Bool { keepWhenSessionEnds(message, &s) }
}
