import Foundation
import ParentCore
import TerminalKit

/// What the loop needs from whatever performs its effects: the real
/// ``EffectRunner``, or in tests a synchronous stand-in that answers each
/// effect at once (as swift-nio's `EmbeddedEventLoop` stands in for a real
/// one), so the whole loop runs in process on a `MemoryBackend` and a
/// manual clock.
protocol EffectPerforming: AnyObject {
    /// Where results come back as actions.
    var inbox: ActionInbox { get }
    /// The app's clock.
    var clock: any WallClock { get }
    var settings: CoreSettings { get }
    /// Runs effects; `backend` is for those that need the terminal.
    func perform(_ effects: [Effect], backend: any TerminalBackend)
    /// Starts the store's first opening (`.open`), unless it has begun.
    func startOpening(backend: any TerminalBackend)
    /// Waits until every effect under way has finished.
    func settle()
    /// At quit: settles, and tidies what the effects left (copies handed to openers).
    func finish()
}

extension EffectPerforming {
    func finish() { settle() }
    func startOpening(backend: any TerminalBackend) { perform([.open], backend: backend) }
}

extension EffectRunner: EffectPerforming {
    var clock: any WallClock { environment.clock }
    var settings: CoreSettings { environment.settings }
    func startOpening(backend: any TerminalBackend) { startOpening() }
}
