import Foundation
import SchoolStore

/// An immutable snapshot of the parent's world, for the screens: the
/// children, the timeline (with search as you type), messages in full,
/// attendance with the DfE statistics, calendar, behaviour, achievements,
/// timetable, assessments, school details and freshness, and the outbox.
///
/// A value: safe to hold on the main thread while a sync builds the next
/// one. Everything is worked out when the snapshot is built (folded search
/// text, unread counts), so queries are cheap; times that depend on "now"
/// take it as an argument (from the app's `WallClock`).
public struct ParentModel: Sendable {
    public let session: String
    /// The parent's schools, in the session's order.
    public let schools: [SchoolDetails]
    /// The parent's children, school by school in the contact records' order.
    public let children: [ChildSummary]
    /// The session's own items in the outbox, oldest first (never another
    /// parent's, never a held one).
    public let outbox: [OutboxItem]
    /// Unsent messages and replies kept from an earlier session of the same
    /// parent, or from a school the parent is no longer linked to, which
    /// ended without the parent discarding them: offer them, then
    /// ``SyncEngine/release(_:)`` (send, where ``canRelease(_:)``) or
    /// ``SyncEngine/discard(_:)``.
    public let recovered: [OutboxItem]
    /// The session's schools, in its order.
    public let sessionSchools: [String]
    /// Outbox files that could not be read and were moved to `damaged/`
    /// (their names there, with the time): "1 message could not be read".
    public let unreadableOutboxItems: [String]
    /// The local model's generation this snapshot shows.
    public let generation: Int
    /// The whole store could not be used by the syncs since
    /// `storeTrouble.since` (unreachable or invalid): what the parent sees is
    /// the local model as of each school's `lastUpdated`.
    public let storeTrouble: StoreTrouble?
    /// Schools whose files could not be used by the syncs since their
    /// trouble's `since`; each keeps its last good state.
    public let schoolTroubles: [String: StoreTrouble]
    /// What identity re-checks took away this past week, newest first
    /// (``IdentityNotice``), whichever process's sync did it.
    public let identityNotices: [IdentityNotice]
    /// A school's first sync started its older messages read: said on Home
    /// for a day, whichever process synced (``IdentityNotice/history``).
    public let historyNotices: [IdentityNotice]

    let state: ModelState
    let index: TimelineIndex
    let readKeys: Set<String>
    /// Whether each message of `index` has been read.
    let readFlags: [Bool]
    let names: [ChildRef: String]

    /// A snapshot with nothing in it (before the first sync).
    public static func empty(session: String) -> ParentModel {
        ParentModel(state: ModelState(session: session), schoolOrder: [], outbox: [], lastSynced: [:])
    }

    /// Builds the snapshot of a model state. `schoolOrder` is the session's
    /// order of schools; `lastSynced` overrides the saved sync times with
    /// later ones this process knows of (a sync that changed nothing writes
    /// nothing, not even its time).
    /// `reusing`: an earlier snapshot whose timeline index is reused when
    /// the messages and children are the same (marking a message read must
    /// not fold 10,000 messages again).
    init(
        state: ModelState, schoolOrder: [String], outbox: [OutboxItem], lastSynced: [String: Date],
        reusing previous: ParentModel? = nil,
        recovered: [OutboxItem] = [], unreadableOutboxItems: [String] = [], troubles: [String: StoreTrouble]? = nil,
        identityNotices: [IdentityNotice] = [], historyNotices: [IdentityNotice] = []
    ) {
        self.identityNotices = identityNotices
        self.historyNotices = historyNotices
        sessionSchools = schoolOrder
        self.state = state
        session = state.session
        generation = state.generation
        self.outbox = outbox
        self.recovered = recovered
        self.unreadableOutboxItems = unreadableOutboxItems
        var troubles = troubles ?? state.troubles
        storeTrouble = troubles.removeValue(forKey: ModelState.storeKey)
        schoolTroubles = troubles
        var read = state.read.read
        for item in outbox where item.kind == .receipt {
            if let m = item.message { read.insert(ReadPart.key(school: item.school, message: m)) }
        }
        read.subtract(state.read.unread)
        readKeys = read

        let order = schoolOrder + state.schools.keys.sorted().filter { !schoolOrder.contains($0) }
        let schoolIDs = order.filter { state.schools[$0] != nil }
        let synced = state.syncedAt.merging(lastSynced) { $1 }  // this process knows the latest
        schools = schoolIDs.map { id in
            let s = state.schools[id]!.school
            let at = synced[id]
            return SchoolDetails(
                id: id, name: s.name, serviceLevel: s.serviceLevel, logo: s.logo, headteacher: s.headteacher,
                address: s.address, phone: s.phone, email: s.email, website: s.effectiveWebsite,
                features: s.availableFeatures, incomingEnabled: s.acceptsIncoming,
                topics: s.xpressions.topics, translationWarningLink: s.xpressions.translationWarningLink,
                lastUpdated: at,
                attendanceCompleteUpTo: at?.addingTimeInterval(-AttendanceMark.maximumPublicationDelay),
                zone: s.zone, terms: s.terms)
        }

        if let previous, !state.files.isEmpty, previous.state.timelineFiles == state.timelineFiles,
            Set(previous.state.children.keys) == Set(state.children.keys), previous.schools.map(\.id) == schoolIDs
        {
            index = previous.index
        } else {
            index = TimelineIndex(ParentModel.timelineMessages(state, schoolIDs: schoolIDs))
        }
        let messages = index.messages
        let flags = messages.map { read.contains($0.key) }
        readFlags = flags

        var unread: [ChildRef: Int] = [:]
        for (i, m) in messages.enumerated() where !flags[i] {
            for c in m.children { unread[c, default: 0] += 1 }
        }
        var children: [ChildSummary] = []
        var names: [ChildRef: String] = [:]
        for id in schoolIDs {
            let school = state.schools[id]!.school
            // The academic year as of the last sync (before any: the latest enrolment).
            let year = synced[id].map { AcademicYear(containing: school.zone.civilDate(of: $0)) }
            for part in state.children(of: id) {
                let s = part.student
                let enrolment = s.enrolment(of: year)
                let summary = ChildSummary(
                    ref: part.ref, name: s.displayName(showingGroup: school.showRegistrationGroup, in: year),
                    fullName: s.fullName,
                    forename: s.displayForename, initials: s.initials, school: id, schoolName: school.name,
                    serviceLevel: school.serviceLevel, photo: s.photo, yearGroup: enrolment?.year,
                    registrationGroup: enrolment?.registrationGroup, isLeaver: s.leaver, leftOn: s.leftOn,
                    isGuest: s.guest,
                    isPreAdmission: s.preAdmission, features: school.availableFeatures,
                    unreadCount: unread[part.ref] ?? 0)
                children.append(summary)
                names[part.ref] = summary.name
            }
        }
        self.children = children
        self.names = names
    }

    /// Every message once, newest first, for the children present.
    static func timelineMessages(_ state: ModelState, schoolIDs: [String]) -> [TimelineMessage] {
        var messages: [TimelineMessage] = []
        for id in schoolIDs {
            let school = state.schools[id]!
            let schoolName = school.school.name
            // A family's few children at a school: found by comparing ids (no
            // hashing per message), each one's ref made once.
            let present = school.children.filter { state.children[ChildRef(school: id, student: $0)] != nil }.map {
                (id: $0, ref: ChildRef(school: id, student: $0))
            }
            let parts = state.timelines(of: id)
            messages.reserveCapacity(messages.count + parts.reduce(0) { $0 + $1.messages.count })
            for part in parts {
                let year = part.year
                // By index: each message's fields are copied once, into its
                // timeline message, not first into a loop variable.
                let stored = part.messages
                for i in stored.indices {
                    var children: [ChildRef] = []
                    for student in stored[i].children {
                        if let child = present.first(where: { $0.id == student }) { children.append(child.ref) }
                    }
                    guard !children.isEmpty else { continue }
                    let ref = MessageRef(school: id, id: stored[i].message.id)
                    messages.append(
                        TimelineMessage(
                            ref: ref, year: year, scope: stored[i].scope, message: stored[i].message,
                            children: children, key: ref.key, schoolName: schoolName))
                }
            }
        }
        messages.sort { a, b in
            if a.message.sentAt != b.message.sentAt { return a.message.sentAt > b.message.sentAt }
            return a.ref < b.ref
        }
        return messages
    }

    // MARK: - Schools and children

    public func school(_ id: String) -> SchoolDetails? { schools.first { $0.id == id } }

    public func child(_ ref: ChildRef) -> ChildSummary? { children.first { $0.ref == ref } }

    /// The time of the last successful sync of a school.
    public func lastUpdated(school: String) -> Date? { self.school(school)?.lastUpdated }

    /// Why a school's data is not up to date, if it is not: the whole
    /// store's trouble, else the school's own.
    public func trouble(school: String) -> StoreTrouble? { storeTrouble ?? schoolTroubles[school] }

    /// "updated 5 minutes ago" for a school, or "not updated yet".
    public func updatedText(school: String, now: Date) -> String {
        guard let at = lastUpdated(school: school) else { return "not updated yet" }
        return "updated \(ParentModel.ago(at, now: now))"
    }

    /// "just now", "1 minute ago", "5 minutes ago", "2 hours ago", "3 days ago".
    public static func ago(_ date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        func plural(_ n: Int, _ unit: String) -> String { "\(n) \(unit)\(n == 1 ? "" : "s") ago" }
        if seconds < 60 { return "just now" }
        if seconds < 3600 { return plural(seconds / 60, "minute") }
        if seconds < 86_400 { return plural(seconds / 3600, "hour") }
        return plural(seconds / 86_400, "day")
    }

    /// The outbox's messages and replies not yet sent (what logging out
    /// would lose).
    public var unsentCount: Int { outbox.filter { $0.kind != .receipt && $0.isUnsent }.count }

    /// What logging out would lose, in words: "1 message and 1 absence
    /// report" (``unsentOrKeptCount`` of them).
    public var unsentOrKept: WrittenCount {
        WrittenCount(outbox.filter(\.isUnsent) + recovered)
    }

    /// Whether an outbox item could go as it is: a new message needs a
    /// topic its school offers now (one kept when the app closed while it
    /// was being written may have none); replies and reports need none.
    public func isSendable(_ item: OutboxItem) -> Bool {
        guard item.kind == .message else { return true }
        guard let topic = item.topic, !topic.isEmpty else { return false }
        // A school this model has not synced yet is checked on delivery.
        return school(item.school)?.topics.contains(topic) ?? true
    }

    /// Whether a kept message can be sent: its school is still one of the
    /// session's, and a child it is about is still the parent's there (one
    /// the school's details no longer link the parent to can only be read,
    /// copied or discarded).
    public func canRelease(_ item: OutboxItem) -> Bool {
        guard sessionSchools.contains(item.school) else { return false }
        // About a child none of the parent's records links any more (the
        // record that did stopped matching): it could only fail.
        guard !item.students.isEmpty, !children.isEmpty else { return true }
        return item.students.contains { id in children.contains { $0.ref == ChildRef(school: item.school, student: id) }
        }
    }

    /// What logging out would lose: the unsent messages and those kept from
    /// an earlier login (``recovered``).
    public var unsentOrKeptCount: Int { unsentCount + recovered.count }

    /// The student record as the model holds it.
    public func student(_ ref: ChildRef) -> Student? { state.children[ref]?.student }

    func childPart(_ ref: ChildRef) -> ChildPart? { state.children[ref] }

    func schoolRecord(_ id: String) -> School? { state.schools[id]?.school }
}
