/// A value worked out from the state (a model query, a layout), kept with
/// the inputs it came from: the screen's `settle` works it out once per
/// change of them, and its update and render read it instead of working it
/// out again (the attendance grid was built about eight times per key).
///
/// A cache, not part of what the state is: two states are equal whatever
/// their derived values hold, so a key that only fills one "does nothing".
struct Derived<Key: Equatable & Sendable, Value: Sendable>: Sendable, Equatable {
    private var key: Key?
    private var value: Value?

    init() {}

    /// The value, when it was worked out for `key`.
    func value(for key: Key) -> Value? { self.key == key ? value : nil }

    /// Keeps `make()` for `key`, unless the value for `key` is kept already.
    mutating func settle(_ key: Key, _ make: () -> Value) {
        guard self.key != key else { return }
        value = make()
        self.key = key
    }

    static func == (a: Derived, b: Derived) -> Bool { true }
}
