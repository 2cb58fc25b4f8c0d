/// The characters widgets draw with: Unicode box drawing, or plain ASCII for terminals
/// that cannot show it (vt100, non-UTF-8 locales). Choose with
/// `TerminalCapabilities.glyphs`, pass to widgets.
public struct Glyphs: Sendable, Hashable {
    /// Box edges and corners.
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Marks truncated text.
    public var ellipsis: String
    /// Scrollbar track and thumb.
    public var scrollTrack: Character
    public var scrollThumb: Character
    /// Between tabs and other inline items.
    public var separator: Character
    /// Shown for each character of a masked text field.
    public var mask: Character
    /// Mark hidden items to the left and right (tabs that do not fit).
    public var moreLeft: Character
    public var moreRight: Character

    public init(
        horizontal: Character, vertical: Character,
        topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character,
        ellipsis: String, scrollTrack: Character, scrollThumb: Character,
        separator: Character, mask: Character, moreLeft: Character, moreRight: Character
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.ellipsis = ellipsis
        self.scrollTrack = scrollTrack
        self.scrollThumb = scrollThumb
        self.separator = separator
        self.mask = mask
        self.moreLeft = moreLeft
        self.moreRight = moreRight
    }

    /// Box drawing ─│┌┐└┘, "…", "█" thumbs, "•" masks.
    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        ellipsis: "…", scrollTrack: "│", scrollThumb: "█",
        separator: "│", mask: "•", moreLeft: "‹", moreRight: "›"
    )

    /// The same shapes from ASCII: `+-|`, "~" for truncation, "#" thumbs, "*" masks.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        ellipsis: "~", scrollTrack: "|", scrollThumb: "#",
        separator: "|", mask: "*", moreLeft: "<", moreRight: ">"
    )
}
