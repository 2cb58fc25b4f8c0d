import Foundation
import SchoolStore

/// A message opened in full.
public struct MessageDetail: Sendable, Equatable {
    public var ref: MessageRef
    public var school: String
    public var schoolName: String
    public var category: MessageCategory
    public var sender: String
    public var sentAt: Date
    public var subject: String
    public var body: String
    public var attachments: [Attachment]
    /// The children it concerns and their display names.
    public var children: [ChildRef]
    public var childNames: [String]
    /// "Whole school", "Year 9", "Group 9A", or nil for a personal message.
    public var audience: String?
    /// The language of a machine translation, or nil.
    public var translatedTo: String?
    /// The school's translation warning link, shown with a translated message.
    public var translationWarningLink: String?
    /// Whether the parent can reply (the school allows incoming Xpressions).
    public var canReply: Bool
    /// The school's topics (for writing a new message from here).
    public var topics: [String]
    public var isUnread: Bool
}
