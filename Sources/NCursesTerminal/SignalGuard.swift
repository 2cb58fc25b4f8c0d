import CNCursesW
import Glibc
import Synchronization

/// Signal handling that keeps the terminal usable whatever ends the process.
///
/// - SIGTERM, SIGHUP and SIGINT (which arrives as a signal only when sent with `kill`:
///   in raw mode Ctrl-C is a key) set a flag. `NCursesBackend.readKey` notices it
///   within 100 ms and returns nil, `terminationRequested` turns true, and the app
///   exits cleanly through `shutdown()`. A second such signal means the app is not
///   listening: the terminal is restored and the signal re-raised at once. Signals that
///   were ignored when the backend started (e.g. SIGHUP under `nohup`) stay ignored.
/// - Crash signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT,
///   SIGSYS): the handler calls `endwin()` (best effort: not async-signal-safe, as in
///   ncurses' own handlers), then lets the signal end the process so the exit status
///   stays honest. A real fault (raised by the kernel: a bad pointer, a Swift runtime
///   trap) goes back to the handler that was there before — the Swift runtime's
///   backtracer, which now prints on a restored terminal — and the faulting
///   instruction runs again. A signal sent by a process (`kill -SEGV`, `abort()`) gets
///   the default action and is raised again: the backtracer would print a backtrace
///   and carry on after such a signal.
/// - SIGWINCH and SIGTSTP are left to ncurses: a SIGWINCH handler of our own would lose
///   `KEY_RESIZE`.
///
/// The handlers need process-wide state: the flag, whether curses is active, and the
/// previous actions. These globals (`signalState`, `previousActions`) are the only
/// global mutable state in the package; they exist because a C signal handler cannot
/// capture context.
enum SignalGuard {
    static let terminationSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT]
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT, SIGSYS]

    /// Claims the process-wide terminal session; false if one is active already.
    static func claimSession() -> Bool {
        signalState.sessionActive.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent)
            .exchanged
    }

    /// Releases the session claimed by `claimSession()`.
    static func releaseSession() {
        signalState.cursesActive.store(false, ordering: .sequentiallyConsistent)
        signalState.sessionActive.store(false, ordering: .sequentiallyConsistent)
    }

    /// Whether crash handlers should call `endwin()`.
    static func setCursesActive(_ active: Bool) {
        signalState.cursesActive.store(active, ordering: .sequentiallyConsistent)
    }

    /// The termination signal received, or 0.
    static var requestedSignal: Int32 {
        signalState.requestedSignal.load(ordering: .sequentiallyConsistent)
    }

    /// Installs the handlers, remembering the previous actions.
    static func install() {
        signalState.requestedSignal.store(0, ordering: .sequentiallyConsistent)
        for signal in terminationSignals {
            installHandler(for: signal, terminationHandler: handleTerminationSignal)
        }
        for signal in crashSignals {
            installHandler(for: signal, crashHandler: handleCrashSignal)
        }
    }

    /// Puts back the actions that were in place before `install()`.
    static func uninstall() {
        for signal in terminationSignals + crashSignals where installed(signal) {
            sigaction(signal, previousActions + Int(signal), nil)
            markInstalled(signal, false)
        }
    }

    private static func installHandler(for signal: Int32, terminationHandler: @convention(c) (Int32) -> Void) {
        var current = sigaction()
        sigaction(signal, nil, &current)
        let ignored =
            unsafeBitCast(current.__sigaction_handler.sa_handler, to: UnsafeRawPointer?.self)
            == UnsafeRawPointer(bitPattern: 1)
        if ignored { return }  // SIG_IGN: the parent wants it ignored (nohup).
        previousActions[Int(signal)] = current
        var action = sigaction()
        action.__sigaction_handler.sa_handler = terminationHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART | SA_ONSTACK
        sigaction(signal, &action, nil)
        markInstalled(signal, true)
    }

    private static func installHandler(
        for signal: Int32,
        crashHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void
    ) {
        sigaction(signal, nil, previousActions + Int(signal))
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = crashHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_SIGINFO | SA_ONSTACK
        sigaction(signal, &action, nil)
        markInstalled(signal, true)
    }

    private static func installed(_ signal: Int32) -> Bool {
        signalState.installedMask.load(ordering: .sequentiallyConsistent) & (1 << UInt64(signal)) != 0
    }

    private static func markInstalled(_ signal: Int32, _ flag: Bool) {
        let bit: UInt64 = 1 << UInt64(signal)
        if flag {
            signalState.installedMask.bitwiseOr(bit, ordering: .sequentiallyConsistent)
        } else {
            signalState.installedMask.bitwiseAnd(~bit, ordering: .sequentiallyConsistent)
        }
    }

    /// Restores the terminal if curses is active (once, whichever handler gets there).
    fileprivate static func restoreTerminal() {
        if signalState.cursesActive.exchange(false, ordering: .sequentiallyConsistent) {
            endwin()
        }
    }

    /// Restores the terminal, puts back the previous action for `signal` and raises it
    /// again; the signal is delivered once the handler returns.
    fileprivate static func restoreAndReraise(_ signal: Int32) {
        restoreTerminal()
        sigaction(signal, previousActions + Int(signal), nil)
        markInstalled(signal, false)
        raise(signal)
    }

    /// Restores the terminal and makes `signal` end the process: a kernel-raised fault
    /// returns to the previous handler and faults again; a signal sent by a process is
    /// raised again with the default action.
    fileprivate static func restoreAndEnd(_ signal: Int32, sentByProcess: Bool) {
        restoreTerminal()
        markInstalled(signal, false)
        if sentByProcess {
            var fallback = sigaction()
            fallback.__sigaction_handler.sa_handler = SIG_DFL
            sigaction(signal, &fallback, nil)
            raise(signal)
        } else {
            sigaction(signal, previousActions + Int(signal), nil)
        }
    }
}

/// The flags the signal handlers share with the backend (lock-free atomics, safe to
/// touch in a handler).
final class SignalState: Sendable {
    /// The first termination signal received, 0 if none.
    let requestedSignal = Atomic<Int32>(0)
    /// Whether a backend is between `newterm` and `endwin` (crash handlers restore it).
    let cursesActive = Atomic<Bool>(false)
    /// Whether a backend exists (one per process).
    let sessionActive = Atomic<Bool>(false)
    /// Bit n set when our handler is installed for signal n.
    let installedMask = Atomic<UInt64>(0)
}

/// See `SignalGuard`: shared with the signal handlers, initialised before any handler
/// is installed (first use in `SignalGuard.claimSession()`).
private let signalState = SignalState()

/// The actions in place before `SignalGuard.install()`, indexed by signal number. Only
/// written while installing (before the handler for that signal exists) and read by
/// the handlers and `uninstall()`.
nonisolated(unsafe) private let previousActions: UnsafeMutablePointer<sigaction> = {
    let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    actions.initialize(repeating: sigaction(), count: 65)
    return actions
}()

private func handleTerminationSignal(_ signal: Int32) {
    let earlier = signalState.requestedSignal.exchange(signal, ordering: .sequentiallyConsistent)
    if earlier != 0 {
        SignalGuard.restoreAndReraise(signal)
    }
}

private func handleCrashSignal(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    // si_code > 0: generated by the kernel (a fault); <= 0: SI_USER, SI_TKILL, SI_QUEUE.
    let sentByProcess = (info?.pointee.si_code ?? 0) <= 0
    SignalGuard.restoreAndEnd(signal, sentByProcess: sentByProcess)
}
