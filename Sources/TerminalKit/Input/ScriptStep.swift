/// One item of a key script (see `Key.parseScript(_:)`).
public enum ScriptStep: Sendable, Hashable {
    /// Deliver this key.
    case key(Key)
    /// Pause this many milliseconds (`<Wait 250>`), e.g. to let a timer fire.
    case wait(milliseconds: Int)
}
