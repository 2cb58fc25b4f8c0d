/// One cell of a `ScreenBuffer`: a grapheme cluster and its style.
///
/// A wide character (CJK, most emoji) takes two cells: the first holds the character,
/// the second is a *continuation* cell that holds nothing of its own and is skipped
/// when the buffer is printed or flushed to a terminal.
public struct Cell: Sendable, Hashable {
    /// The grapheme cluster shown in the cell (a space for blank and continuation cells).
    public var character: Character
    /// How the cell looks.
    public var style: Style
    /// Whether this is the right half of the wide character in the cell to its left.
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.style = style
        self.isContinuation = false
    }

    /// A space in the default style.
    public static let blank = Cell()

    /// The right half of a wide character drawn in `style`.
    public static func continuation(style: Style) -> Cell {
        var cell = Cell(" ", style: style)
        cell.isContinuation = true
        return cell
    }

    /// Columns the cell's character takes: 2 for a wide character, 0 for a
    /// continuation cell, 1 otherwise.
    public var width: Int {
        isContinuation ? 0 : (TextWidth.of(character) == 2 ? 2 : 1)
    }
}
