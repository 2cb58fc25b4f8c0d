/// How a cell looks: foreground and background color plus attributes.
public struct Style: Sendable, Hashable, CustomStringConvertible {
    /// The text color.
    public var foreground: Color
    /// The cell's background color.
    public var background: Color
    /// Bold, underline, reverse...
    public var attributes: TextAttributes

    public init(foreground: Color = .default, background: Color = .default, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default colors, no attributes.
    public static let plain = Style()

    /// This style with another foreground.
    public func foreground(_ color: Color) -> Style {
        var copy = self
        copy.foreground = color
        return copy
    }

    /// This style with another background.
    public func background(_ color: Color) -> Style {
        var copy = self
        copy.background = color
        return copy
    }

    /// This style with `attributes` added.
    public func adding(_ attributes: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }

    /// This style with `patch` laid over it: the patch's non-default colors replace
    /// these, its attributes are added. Used for highlights such as a selected row.
    public func patched(with patch: Style) -> Style {
        Style(
            foreground: patch.foreground == .default ? foreground : patch.foreground,
            background: patch.background == .default ? background : patch.background,
            attributes: attributes.union(patch.attributes)
        )
    }

    /// A compact description such as `fg=red bg=indexed(17) bold underline`, or `plain`.
    public var description: String {
        var parts: [String] = []
        if foreground != .default { parts.append("fg=\(foreground)") }
        if background != .default { parts.append("bg=\(background)") }
        for (name, attribute) in TextAttributes.named where attributes.contains(attribute) {
            parts.append(name)
        }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}
