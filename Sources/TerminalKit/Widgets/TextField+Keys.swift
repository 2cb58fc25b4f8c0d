extension TextField {
    /// The editing keys a field and a message body (``TextArea``) both take,
    /// as help shows them: every one is applied by `handle(_:)` in both.
    public static let editingKeys: [(keys: [Key], label: String)] = [
        ([.backspace], "Delete the character before the cursor"),
        ([.delete], "Delete the character at the cursor"),
        ([.left, .right], "Move the cursor"),
        ([.home, .ctrl("a")], "Start of the line"),
        ([.end], "End of the line"),
        ([.ctrl("u")], "Delete to the start of the line"),
        ([.ctrl("k")], "Delete to the end of the line"),
        ([.ctrl("w")], "Delete the word before the cursor"),
    ]
}
