import Foundation

/// What one sync did at one school.
public struct SchoolSyncSummary: Sendable, Equatable {
    public var school: String
    public var schoolName: String
    /// Whether the school synced (false: a problem kept its last good state).
    public var synced: Bool
    /// Model parts rewritten for this school (0: nothing changed).
    public var partsChanged: Int
    public var messagesAdded: Int
    public var messagesRemoved: Int
    public var childrenAdded: [ChildRef]
    public var childrenRemoved: [ChildRef]
    /// Attendance marks that appeared (per child, net of those withdrawn).
    public var marksAdded: Int
    /// Attendance marks withdrawn (per child, net of those that appeared):
    /// a clock set back, a school's correction. Never negative.
    public var marksRemoved: Int
    /// Of `messagesRemoved`, those published after the sync's time (a sync
    /// at an earlier `--now` than the device's model): not published yet
    /// then, which "withdrawn" misdescribed.
    public var messagesNotYetPublished = 0
    /// Of `marksRemoved`, those published after the sync's time, as for
    /// messages.
    public var marksNotYetPublished = 0
    /// Why some of `childrenRemoved` went, where a record still names them
    /// (none: no record links the parent to them any more).
    public var removedBecause: [ChildRef: ChildRemoval] = [:]
    /// Store records and files read (0 when every resource was unchanged).
    public var reads: Int
    /// On the first sync of this school: messages published more than 14
    /// days before it, marked read without read receipts.
    public var historyMarkedRead = 0
    /// Set when the school is no longer the parent's (the identity re-check
    /// found no record there holding their details): the reason a parent
    /// reads, "Green Abbey School no longer holds these details for you".
    /// Its children are in `childrenRemoved`; everything of it left the model.
    public var removed: String?

    public init(
        school: String, schoolName: String, synced: Bool = false, partsChanged: Int = 0, messagesAdded: Int = 0,
        messagesRemoved: Int = 0, childrenAdded: [ChildRef] = [], childrenRemoved: [ChildRef] = [], marksAdded: Int = 0,
        marksRemoved: Int = 0, reads: Int = 0
    ) {
        self.school = school
        self.schoolName = schoolName
        self.synced = synced
        self.partsChanged = partsChanged
        self.messagesAdded = messagesAdded
        self.messagesRemoved = messagesRemoved
        self.childrenAdded = childrenAdded
        self.childrenRemoved = childrenRemoved
        self.marksAdded = marksAdded
        self.marksRemoved = marksRemoved
        self.reads = reads
    }
}
