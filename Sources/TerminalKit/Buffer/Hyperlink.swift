/// A run of cells on one row that is a link to `url` (an OSC 8 hyperlink on
/// terminals that show them; the cells' text is what the screen shows
/// either way). A link wrapped over several rows is several runs with the
/// same URL.
public struct Hyperlink: Sendable, Hashable {
    /// What opening the link opens: `https://…`, `mailto:…`.
    public var url: String
    public var row: Int
    /// The columns, end excluded.
    public var columns: Range<Int>

    public init(url: String, row: Int, columns: Range<Int>) {
        self.url = url
        self.row = row
        self.columns = columns
    }
}
