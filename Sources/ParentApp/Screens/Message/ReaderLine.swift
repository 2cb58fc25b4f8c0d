/// One line of the reader: its text and role, the columns that are links,
/// and, for an attachment's line, which attachment.
struct ReaderLine: Equatable {
    var text: String
    var role: Role
    var links: [LinkFinder.Span] = []
    var attachment: Int? = nil

    init(_ text: String, _ role: Role, links: [LinkFinder.Span] = [], attachment: Int? = nil) {
        self.text = text
        self.role = role
        self.links = links
        self.attachment = attachment
    }
}
