import TerminalKit

/// Setting a PIN (typed twice) or unlocking with it. Digits are masked.
public struct PinForm: Sendable, Equatable {
    public var first = TextField(maxLength: 6, masked: true, placeholder: "4 to 6 digits")
    public var second = TextField(maxLength: 6, masked: true, placeholder: "again")
    public var focus = 0
    public var message: String?
    public var isBusy = false

    public init() {}

    public var focusedField: WritableKeyPath<PinForm, TextField> { focus == 0 ? \.first : \.second }
}
