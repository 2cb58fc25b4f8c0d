import Foundation
import SchoolStore

extension ParentModel {
    /// Folds every message's subject and body for search now, if not done
    /// yet (a snapshot folds on its first search otherwise; the app calls
    /// this off the main thread once the first screen is painted).
    public func prepareSearch() { index.prepareSearch() }

    /// Whether search's folded text is ready (``prepareSearch()``).
    public var isSearchPrepared: Bool { index.isSearchPrepared }

    /// The timeline, newest first: all children or one, one category or
    /// all, filtered by the search text as typed; at most `limit` rows (the
    /// newest), which stops the scan as soon as they are found.
    public func timeline(_ query: TimelineQuery = TimelineQuery(), limit: Int = .max) -> TimelineResults {
        let words = TextFolder().words(query.search)
        let found = words.isEmpty ? nil : index.search(words)
        let category = query.category.map { UInt8(MessageCategory.allCases.firstIndex(of: $0)!) }
        var childMask: UInt64? = nil
        if let child = query.child {
            guard let bit = index.childBits[child] else { return TimelineResults(model: self, positions: []) }
            childMask = bit
        }
        let slow = query.child != nil && childMask == 0  // more than 64 children: compare refs
        var out: [Int] = []
        out.reserveCapacity(min(limit, found?.count ?? index.messages.count))
        func consider(_ p: Int) {
            if let category, index.categories[p] != category { return }
            if let childMask {
                if slow {
                    if !index.messages[p].children.contains(query.child!) { return }
                } else if index.childMasks[p] & childMask == 0 {
                    return
                }
            }
            if query.unreadOnly && readFlags[p] && !(query.keeping.contains(index.messages[p].ref)) { return }
            out.append(p)
        }
        if let found {
            for p in found where out.count < limit { consider(p) }
        } else {
            for p in index.messages.indices where out.count < limit { consider(p) }
        }
        return TimelineResults(model: self, positions: out)
    }

    func entry(at p: Int) -> TimelineEntry {
        let m = index.messages[p]
        return TimelineEntry(
            ref: m.ref, schoolName: m.schoolName, category: m.message.category, subject: m.message.subject,
            sender: m.message.sender, sentAt: m.message.sentAt, children: m.children,
            hasAttachments: !m.message.attachments.isEmpty, isTranslated: m.message.translatedTo != nil,
            isUnread: !readFlags[p])
    }

    /// Unread messages for one child, or for all children (each message once).
    public func unreadCount(child: ChildRef? = nil) -> Int {
        if let child { return children.first { $0.ref == child }?.unreadCount ?? 0 }
        return readFlags.reduce(0) { $0 + ($1 ? 0 : 1) }
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
        return MessageDetail(
            ref: ref, school: ref.school, schoolName: school.name, category: m.message.category,
            sender: m.message.sender, sentAt: m.message.sentAt, subject: m.message.subject, body: m.message.body,
            attachments: m.message.attachments, children: m.children,
            childNames: m.children.map { names[$0] ?? $0.student },
            audience: m.scope.audienceText, translatedTo: m.message.translatedTo,
            translationWarningLink: m.message.translatedTo == nil ? nil : school.xpressions.translationWarningLink,
            canReply: school.acceptsIncoming, topics: school.xpressions.topics,
            isUnread: !readKeys.contains(ref.key))
    }

    /// Whether the parent has opened a message.
    public func isRead(_ ref: MessageRef) -> Bool { readKeys.contains(ref.key) }
}
