import Foundation
import SchoolStore

extension ParentModel {
    /// The timeline, newest first: all children or one, one category or
    /// all, filtered by the search text as typed.
    public func timeline(_ query: TimelineQuery = TimelineQuery()) -> [TimelineEntry] {
        var folder = TextFolder()
        let words = folder.words(query.search)
        let positions = words.isEmpty ? Array(index.messages.indices) : index.search(words)
        var out: [TimelineEntry] = []
        out.reserveCapacity(positions.count)
        for p in positions {
            let m = index.messages[p]
            if let category = query.category, m.message.category != category { continue }
            if let child = query.child, !m.children.contains(child) { continue }
            let unread = !readKeys.contains(m.ref.key)
            if query.unreadOnly && !unread { continue }
            out.append(entry(m, unread: unread))
        }
        return out
    }

    func entry(_ m: TimelineMessage, unread: Bool) -> TimelineEntry {
        TimelineEntry(ref: m.ref, schoolName: state.schools[m.ref.school]?.school.name ?? m.ref.school, category: m.message.category,
                      subject: m.message.subject, sender: m.message.sender, sentAt: m.message.sentAt, children: m.children,
                      hasAttachments: !m.message.attachments.isEmpty, isTranslated: m.message.translatedTo != nil, isUnread: unread)
    }

    /// Unread messages for one child, or for all children (each message once).
    public func unreadCount(child: ChildRef? = nil) -> Int {
        if let child { return children.first { $0.ref == child }?.unreadCount ?? 0 }
        return index.messages.reduce(0) { $0 + (readKeys.contains($1.ref.key) ? 0 : 1) }
    }

    /// The categories that occur in the timeline (for the filter), in the
    /// store's order.
    public var categories: [MessageCategory] {
        let present = Set(index.messages.map(\.message.category))
        return MessageCategory.allCases.filter(present.contains)
    }

    /// The number of messages in the timeline.
    public var messageCount: Int { index.messages.count }

    /// A message in full; nil when the model does not hold it.
    public func message(_ ref: MessageRef) -> MessageDetail? {
        guard let p = index.positions[ref.key], let school = state.schools[ref.school]?.school else { return nil }
        let m = index.messages[p]
        return MessageDetail(ref: ref, school: ref.school, schoolName: school.name, category: m.message.category,
                             sender: m.message.sender, sentAt: m.message.sentAt, subject: m.message.subject, body: m.message.body,
                             attachments: m.message.attachments, children: m.children, childNames: m.children.map { names[$0] ?? $0.student },
                             audience: m.scope.audienceText, translatedTo: m.message.translatedTo,
                             translationWarningLink: m.message.translatedTo == nil ? nil : school.xpressions.translationWarningLink,
                             canReply: school.xpressions.incomingEnabled, topics: school.xpressions.topics,
                             isUnread: !readKeys.contains(ref.key))
    }

    /// Whether the parent has opened a message.
    public func isRead(_ ref: MessageRef) -> Bool { readKeys.contains(ref.key) }
}
