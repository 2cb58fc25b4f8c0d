import Foundation
import ParentCore
import TerminalKit

/// The one loop: key → command → action → reduce → state → render → cells →
/// backend. Results of effects come back through the inbox as actions.
public final class AppLoop {
    let backend: any TerminalBackend
    let runner: any EffectPerforming
    let theme: Theme
    private(set) var state: AppState
    private var keys: KeySource
    private var scriptIndex = 0
    /// Keys the tour types for the presenter, waiting like a script's.
    private var played: [ScriptStep] = []
    /// A key read while gathering type-ahead that is not type-ahead (Ctrl-C):
    /// the next one handled, after the results waiting.
    private var stashed: Key?
    private var lastDrawnMinute = -1
    private var drawnRoute: Route = .opening
    /// How long `readKey` waits before the clock ticks.
    var tickInterval: Duration = .milliseconds(100)

    /// `tour`: the guided demo of the demo store (`xpressions demo tour`).
    public convenience init(
        backend: any TerminalBackend, runner: EffectRunner, keys: KeySource = .terminal, tour: Bool = false
    ) {
        self.init(backend: backend, performer: runner, keys: keys, tour: tour)
    }

    init(backend: any TerminalBackend, performer: any EffectPerforming, keys: KeySource = .terminal, tour: Bool = false)
    {
        self.backend = backend
        runner = performer
        self.keys = keys
        theme = Theme(capabilities: backend.capabilities)
        // The clock is read after the first frame (see run()).
        state = AppState(size: backend.size, now: Date(), settings: performer.settings, timeKnown: false)
        if tour { state.tour = .demo }
        backend.wake(on: performer.inbox.wakeup)
    }

    /// Runs until the parent quits, the script runs out, or the process is
    /// asked to end. The first frame is painted before anything slow runs on
    /// this thread, reading the app's clock included; the worker starts
    /// opening the store first (unless the app started it already, before
    /// it set up the terminal), so the two overlap (on two cores the login
    /// screen follows the first frame at once).
    public func run() {
        runner.startOpening(backend: backend)
        draw()
        apply(.tick(runner.clock.now()))
        while !state.quitRequested && !backend.terminationRequested {
            // Results of effects first (and the results those lead to),
            // drawn before waiting for a key.
            if applyResults() { draw() }
            if !played.isEmpty {
                if let key = nextPlayed() {
                    apply(.tick(runner.clock.now()))
                    apply(.played(key))
                    draw()
                }
            } else if let key = nextKey() {
                apply(.tick(runner.clock.now()))
                apply(.key(key))
                gatherTypeAhead()
                // A key that quits is not drawn: the terminal is restored next.
                if !state.quitRequested { draw() }
            } else if scriptFinished {
                runner.settle()
                _ = applyResults()
                draw()
                break
            } else {
                let before = state.note
                apply(.tick(runner.clock.now()))
                let minute = state.minute
                // Results waiting (what woke the wait) are applied and drawn
                // next, with this change: one frame, not two.
                if minute != lastDrawnMinute || before != state.note || state.route != drawnRoute,
                    !runner.inbox.hasResults
                {
                    draw()
                }
            }
        }
        // Asked to end (the terminal closed): what was being written is
        // kept before the runner finishes its work.
        if backend.terminationRequested { apply(.terminating) }
        runner.finish()
    }

    /// Applies every result waiting in the inbox, including those that
    /// applying them produced; true when there were any.
    func applyResults() -> Bool {
        var any = false
        while case let actions = runner.inbox.drain(), !actions.isEmpty {
            for action in actions { apply(action) }
            any = true
        }
        return any
    }

    func apply(_ action: Action) {
        var effects = Reducer.reduce(&state, action)
        // Keys to type are the loop's own business.
        effects.removeAll { effect in
            guard case .play(let steps) = effect else { return false }
            played += steps
            return true
        }
        if !effects.isEmpty { runner.perform(effects, backend: backend) }
    }

    /// The tour's next typed key, once the work of the one before is done.
    func nextPlayed() -> Key? {
        guard !runner.inbox.busy else {
            _ = runner.inbox.wakeup.wait(milliseconds: 5)
            return nil
        }
        switch played.removeFirst() {
        case .key(let key): return key
        case .wait(let ms):
            Thread.sleep(forTimeInterval: Double(ms) / 1000)
            return nil
        }
    }

    var scriptFinished: Bool {
        if case .script(let steps) = keys { return scriptIndex >= steps.count && played.isEmpty && !runner.inbox.busy }
        return false
    }

    /// While a login, a PIN or an unlock is being checked, the keys already
    /// waiting in the terminal were typed before its answer could be seen:
    /// they are type-ahead, kept or dropped with the answer, never typed
    /// into the form it leaves (the check of wrong details came back while
    /// the screen was drawn, and "xyz" typed after Enter landed in the email).
    func gatherTypeAhead() {
        guard case .terminal = keys else { return }
        var n = 0
        while n < 64, Reducer.isChecking(state), let more = backend.readKey(timeout: .zero) {
            n += 1
            guard Reducer.typeAhead(more) else {
                stashed = more
                return
            }
            apply(.key(more))
        }
    }

    func nextKey() -> Key? {
        if let key = stashed {
            stashed = nil
            return key
        }
        switch keys {
        case .terminal:
            // While an effect is under way, look for its result often.
            return backend.readKey(timeout: runner.inbox.busy ? .milliseconds(5) : tickInterval)
        case .script(let steps):
            // Terminal events (resize) still count; typed keys come from the script.
            if let key = backend.readKey(timeout: .milliseconds(1)), case .resize = key { return key }
            guard !runner.inbox.busy, scriptIndex < steps.count else {
                if runner.inbox.busy { _ = runner.inbox.wakeup.wait(milliseconds: 5) }
                return nil
            }
            let step = steps[scriptIndex]
            scriptIndex += 1
            switch step {
            case .key(.resize(let size)):
                // A terminal the app can size (headless) takes the script's size;
                // a real one keeps its own.
                (backend as? any ResizableBackend)?.resize(to: size)
                return .resize(backend.size)
            case .key(let key): return key
            case .wait(let ms):
                Thread.sleep(forTimeInterval: Double(ms) / 1000)
                return nil
            }
        }
    }

    func draw() {
        if state.size != backend.size {
            state.size = backend.size
            state.route.screen.settle(&state)
        }
        let frame = AppView.render(state, theme: theme)
        backend.draw(frame)
        lastDrawnMinute = state.minute
        drawnRoute = state.route
    }
}
