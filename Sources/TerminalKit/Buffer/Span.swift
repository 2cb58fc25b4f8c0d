/// A piece of text in one style, for lines mixing styles
/// (see `ScreenBuffer.put(_:at:maxWidth:)` with spans).
public struct Span: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// Cells the text takes.
    public var width: Int { TextWidth.of(text) }
}
