import Foundation
import ParentCore
import TerminalKit

/// Where effects running off the main thread leave their results; the main
/// loop drains it between keys. The one place the app's threads meet.
public final class ActionInbox: Sendable {
    private struct Contents {
        var actions: [Action] = []
        var inFlight = 0
    }
    private let contents = Locked(Contents())
    /// Signalled whenever a result arrives or an effect ends, so the loop
    /// waiting for a key shows it at once.
    let wakeup = Wakeup()

    public init() {}

    func post(_ action: Action) {
        contents.withLock { $0.actions.append(action) }
        wakeup.signal()
    }

    func drain() -> [Action] {
        contents.withLock { c in
            defer { c.actions.removeAll() }
            return c.actions
        }
    }

    /// Results waiting to be applied.
    var hasResults: Bool {
        contents.withLock { !$0.actions.isEmpty }
    }

    /// Effects started but not finished (the key script waits for them).
    var busy: Bool {
        contents.withLock { $0.inFlight > 0 || !$0.actions.isEmpty }
    }

    func began() { contents.withLock { $0.inFlight += 1 } }
    func ended() {
        contents.withLock { $0.inFlight -= 1 }
        wakeup.signal()
    }
}
