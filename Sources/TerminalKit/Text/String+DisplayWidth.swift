extension String {
    /// Cells this text takes in a terminal (see `TextWidth`).
    public var displayWidth: Int { TextWidth.of(self) }
}
