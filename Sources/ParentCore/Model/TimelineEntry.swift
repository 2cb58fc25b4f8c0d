import Foundation
import SchoolStore

/// One row of the timeline.
public struct TimelineEntry: Sendable, Equatable, Identifiable {
    public var ref: MessageRef
    public var schoolName: String
    public var category: MessageCategory
    public var subject: String
    public var sender: String
    public var sentAt: Date
    /// The children it concerns, in order.
    public var children: [ChildRef]
    public var hasAttachments: Bool
    public var isTranslated: Bool
    public var isUnread: Bool

    public var id: MessageRef { ref }
}
