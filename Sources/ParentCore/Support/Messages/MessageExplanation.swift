import Foundation
import SchoolStore

/// `xpressions doctor --message`: why a parent did or did not see one
/// school message, in the seeds' terms. It speaks of the parent's records
/// (those holding the email or number given) and the children they link;
/// a message to another student's own file keeps its subject to itself.
public struct MessageExplanation: Sendable {
    public let located: LocatedMessage
    public let school: School
    /// The moment asked about (`--now`).
    public let at: Date
    /// What a login with the details finds, at `at`.
    public let match: IdentityMatch
    /// The parent's children at the message's school, in their records' order.
    public let children: [ChildConcern]
    /// The parent's records named by the message's `contacts` list (nil: no list).
    public let contactsNamed: [String]?
    /// Read receipts in the store for the message from the parent's records.
    public let receipts: [ReadReceipt]
    /// Replies in the store to the message from the parent's records.
    public let replies: [InboxItem]
    public let backupSMS: BackupSMS
    /// What the parent's data directory says, when one was given.
    public let device: DeviceRecord?
    public let disclosure: Disclosure

    public init(
        located: LocatedMessage, school: School, at: Date, match: IdentityMatch, children: [ChildConcern],
        contactsNamed: [String]?, receipts: [ReadReceipt], replies: [InboxItem], backupSMS: BackupSMS,
        device: DeviceRecord?, disclosure: Disclosure
    ) {
        self.located = located
        self.school = school
        self.at = at
        self.match = match
        self.children = children
        self.contactsNamed = contactsNamed
        self.receipts = receipts
        self.replies = replies
        self.backupSMS = backupSMS
        self.device = device
        self.disclosure = disclosure
    }

    public var message: SchoolMessage { located.message }

    /// The parent's records at the message's school (holding the email or the number).
    public var records: [ContactAssessment] { match.assessments.filter { $0.school == located.school } }

    /// The records that identify the parent there (the ones sync uses).
    public var identifyingRecords: [String] { records.filter(\.qualifies).map(\.contactID) }

    /// Visible from `publishedAt` (or `sentAt`) on.
    public var visibleAtNow: Bool { message.visibleFrom <= at }

    /// The message went to another student's own file: nothing of it but
    /// its place and times is shown.
    public var toAnotherStudent: Bool {
        guard case .student(let id) = located.scope else { return false }
        return !children.contains { $0.child.student == id }
    }

    /// The file the message is in; another student's file is not named
    /// (its name holds the student's id).
    public var fileShown: String {
        toAnotherStudent
            ? "\(StoreLayout.messagesYearDirectory(located.school, located.year))/ (another student's file)"
            : located.file
    }

    /// The message's `contacts` list lets it reach the parent.
    public var contactsAdmit: Bool { MessageRecipients.contactsAdmit(message, contacts: identifyingRecords) }

    /// The children the message is in the parent's timeline for.
    public var concerned: [ChildConcern] { children.filter(\.concerned) }

    /// The parent would see the message at `at`.
    public var seen: Bool { !concerned.isEmpty }

    /// "Group 9A", "Year 9", "Reception", "Whole school", "Ben Abbot (9A) only", "another student".
    public var audienceText: String {
        if case .student(let id) = located.scope {
            return children.first { $0.child.student == id }.map { "\($0.name) only" }
                ?? "another student (not one of this parent's children)"
        }
        return located.scope.audienceText ?? located.scope.fileStem
    }

    /// Why the parent does not see it, in order of what a support engineer
    /// checks first; empty when they do.
    public var whyNot: [String] {
        var out: [String] = []
        if records.isEmpty {
            out.append("no contact record at \(school.name) holds this email address or this mobile number")
            return out
        }
        if identifyingRecords.isEmpty {
            out.append("no record at \(school.name) identifies the parent, so they cannot log in there")
        }
        if !visibleAtNow { out.append("not published until \(school.zone.format(message.visibleFrom))") }
        if !identifyingRecords.isEmpty && !contactsAdmit {
            out.append(
                "the message is limited to other contacts: its contacts list names none of the records that identify this parent"
            )
        }
        if !children.contains(where: { $0.notShown.isEmpty && $0.inAudience }) {
            out.append(
                children.isEmpty
                    ? "the parent's records link no student"
                    : "it concerns none of the children this parent sees (see each child above)")
        }
        return out
    }
}
