/// A footer line of key hints, `↑↓ Move  Enter Open  / Search  q Quit`, generated
/// from (key name, label) pairs. Hints that do not fit are left out, the earlier ones
/// (the more important) first served.
public struct KeyHints: Sendable, Hashable {
    /// One hint: the key as shown and what it does.
    public struct Hint: Sendable, Hashable {
        public var key: String
        public var label: String

        public init(_ key: String, _ label: String) {
            self.key = key
            self.label = label
        }

        /// A hint naming `key` by its `displayName`.
        public init(_ key: Key, _ label: String) {
            self.init(key.displayName, label)
        }

        /// Cells taken by "key label".
        public var width: Int { key.displayWidth + 1 + label.displayWidth }
    }

    public var hints: [Hint]
    public var keyStyle: Style
    public var labelStyle: Style
    /// Between hints.
    public var separator: String
    /// The last hint is kept whatever else must go (an app's "? Help", so the
    /// way to every other key is always on screen).
    public var keepsLast: Bool

    public init(
        _ hints: [Hint], keyStyle: Style = Style(attributes: .bold), labelStyle: Style = .plain,
        separator: String = "  ",
        keepsLast: Bool = false
    ) {
        self.hints = hints
        self.keyStyle = keyStyle
        self.labelStyle = labelStyle
        self.separator = separator
        self.keepsLast = keepsLast
    }

    /// The hints that fit in `width` cells, in order: each is kept if it fits after
    /// the ones kept before it.
    public func fitting(width: Int) -> [Hint] {
        var kept: [Hint] = []
        var used = 0
        let last = keepsLast ? hints.last : nil
        // Room held back for the last hint (and the separator before it).
        let reserved = last.map { $0.width + separator.displayWidth } ?? 0
        for hint in last == nil ? hints[...] : hints.dropLast() {
            let needed = hint.width + (kept.isEmpty ? 0 : separator.displayWidth)
            if used + needed + reserved <= width {
                kept.append(hint)
                used += needed
            }
        }
        if let last, used + last.width + (kept.isEmpty ? 0 : separator.displayWidth) <= width { kept.append(last) }
        return kept
    }

    /// Draws the fitting hints on the first row of `area`.
    public func render(in area: Rect, buffer: inout ScreenBuffer) {
        guard !area.isEmpty else { return }
        var spans: [Span] = []
        for (index, hint) in fitting(width: area.width).enumerated() {
            if index > 0 { spans.append(Span(separator, style: labelStyle)) }
            spans.append(Span(hint.key, style: keyStyle))
            spans.append(Span(" " + hint.label, style: labelStyle))
        }
        buffer.put(spans, at: area.origin, maxWidth: area.width)
    }
}
