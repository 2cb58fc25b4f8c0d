/// The state of one screen (its selection, scroll, fields...), kept in
/// ``ScreenStates`` under its type.
protocol ScreenState: Sendable, Equatable {
    init()
}

extension ScreenState {
    func isEqual(to other: any ScreenState) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }

    /// Whether this is the state of a screen never visited.
    var isInitial: Bool { self == Self() }
}

/// Each screen's state, by its type: a screen adds its own without a field
/// in `AppState` (its folder declares a typed accessor such as
/// `AppState.timeline`). A screen never visited reads as its `init()`.
struct ScreenStates: Sendable, Equatable {
    /// Keyed by the type's identity as an `Int` (its metadata's address),
    /// not an `ObjectIdentifier`: the first frame then need not look up
    /// `ObjectIdentifier: Hashable` in the runtime's conformance records (a
    /// scan of all of them, about 0.1 ms); `Int`'s is looked up anyway.
    private var storage: [Int: any ScreenState] = [:]

    private static func key(_ type: Any.Type) -> Int { Int(bitPattern: ObjectIdentifier(type)) }

    subscript<State: ScreenState>(_ type: State.Type) -> State {
        get { storage[Self.key(type)] as? State ?? State() }
        set { storage[Self.key(type)] = newValue }
    }

    /// Equal when every screen's state reads the same: a state stored as
    /// its `init()` equals one never stored, so writing a state back
    /// unchanged is not a change.
    static func == (a: ScreenStates, b: ScreenStates) -> Bool {
        let same = a.storage.allSatisfy { key, value in
            b.storage[key].map { value.isEqual(to: $0) } ?? value.isInitial
        }
        return same && b.storage.allSatisfy { key, value in a.storage[key] != nil || value.isInitial }
    }
}
