import Foundation
import SchoolStore

/// What the timeline shows: all children or one, all categories or one,
/// and the search text as typed (case- and accent-insensitive; every word
/// must appear in the subject or body).
public struct TimelineQuery: Sendable, Equatable {
    public var child: ChildRef?
    public var category: MessageCategory?
    public var search: String
    public var unreadOnly: Bool
    /// Read messages an unread-only view still shows: those marked read in
    /// it, until the view is set again (as neomutt keeps a toggled message
    /// until its limit is applied again: the row vanished, and N could not
    /// put it back).
    public var keeping: Set<MessageRef> = []

    public init(child: ChildRef? = nil, category: MessageCategory? = nil, search: String = "", unreadOnly: Bool = false)
    {
        self.child = child
        self.category = category
        self.search = search
        self.unreadOnly = unreadOnly
    }

    /// Search text typed that holds no word to look for (only punctuation,
    /// "?"): it filters nothing, and the timeline says so.
    public var searchHasNoWords: Bool {
        !search.trimmingCharacters(in: .whitespaces).isEmpty && TextFolder().words(search).isEmpty
    }
}
