import Foundation
import TerminalKit

/// Where keys come from: the terminal, or a keystroke script (like tig's
/// `TIG_SCRIPT`) fed as if typed. A script waits for the app to settle
/// (no effect under way) before each key, so it replays a parent's journey
/// the same way every time; when it runs out, the app quits.
public enum KeySource: Sendable {
    case terminal
    case script([ScriptStep])
}
