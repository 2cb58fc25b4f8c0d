import TerminalKit

/// Setting a PIN (typed twice) or unlocking with it. Digits are masked.
struct PinState: ScreenState {
    var first = TextField(maxLength: 6, masked: true, placeholder: "4 to 6 digits")
    var second = TextField(maxLength: 6, masked: true, placeholder: "again")
    var focus = 0
    var message: String?
    /// "Digits only": a note about a key just typed, gone with the next one.
    var hint: String?
    var isBusy = false
    /// Setting a new PIN after "Forgot your PIN?": the old login is still
    /// there until this PIN is set, and Esc goes back to its lock screen.
    var returnsToLock = false

    var focusedField: WritableKeyPath<PinState, TextField> { focus == 0 ? \.first : \.second }
}

extension AppState {
    var pin: PinState {
        get { screens[PinState.self] }
        set { screens[PinState.self] = newValue }
    }
}
