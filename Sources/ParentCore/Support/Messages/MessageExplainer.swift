import Foundation
import SchoolStore

/// Builds ``MessageExplanation``s: the parent's records at the message's
/// school (from ``IdentityMatcher``), each child they link with the
/// message's audience, the leaver cutoff and the `contacts` list applied as
/// sync applies them (``MessageRecipients``), the store's read receipts,
/// replies and notification registrations, and the school's backup SMS.
public struct MessageExplainer: Sendable {
    public let store: FileStore
    public let disclosure: Disclosure

    public init(store: FileStore, disclosure: Disclosure = .redacted) {
        self.store = store
        self.disclosure = disclosure
    }

    /// Explains one message for the parent `match` found, at `now`.
    public func explain(
        _ located: LocatedMessage, match: IdentityMatch, at now: Date,
        device: DeviceRecord? = nil
    ) throws -> MessageExplanation {
        try explain([located], match: match, at: now, devices: [device])[0]
    }

    /// Explains several messages, reading each school's records and
    /// write-backs once. `devices` is empty or one per message.
    public func explain(
        _ messages: [LocatedMessage], match: IdentityMatch, at now: Date,
        devices: [DeviceRecord?] = []
    ) throws -> [MessageExplanation] {
        var facts: [String: SchoolFacts] = [:]
        var out: [MessageExplanation] = []
        out.reserveCapacity(messages.count)
        for (i, located) in messages.enumerated() {
            let school: SchoolFacts
            if let known = facts[located.school] {
                school = known
            } else {
                school = try SchoolFacts(store: store, school: located.school, match: match)
                facts[located.school] = school
            }
            out.append(
                explain(located, facts: school, match: match, at: now, device: i < devices.count ? devices[i] : nil))
        }
        return out
    }

    /// What one school holds about the parent: their records there, the
    /// students and contact records those link, and the write-backs.
    struct SchoolFacts {
        let school: School
        let records: [ContactAssessment]
        let identifying: [ContactAssessment]
        let contacts: [String: Contact]
        let students: [String: Student]
        /// Every child any record links, in the records' order.
        let refs: [ChildRef]
        /// The children the parent sees, in the order their records link them (as sync orders them).
        let visible: [Student]
        let receipts: [ReadReceipt]
        let inbox: [InboxItem]
        let registrations: [NotificationRegistration]

        init(store: FileStore, school id: String, match: IdentityMatch) throws {
            school = try store.school(id)
            records = match.assessments.filter { $0.school == id }
            identifying = records.filter(\.qualifies)
            var contacts: [String: Contact] = [:]
            for r in records { contacts[r.contactID] = try store.contact(r.contactID, school: id)?.value }
            self.contacts = contacts
            var refs: [ChildRef] = []
            for r in records { for c in r.children where !refs.contains(c.child) { refs.append(c.child) } }
            self.refs = refs
            var students: [String: Student] = [:]
            for ref in refs { students[ref.student] = try store.student(ref.student, school: id)?.value }
            self.students = students
            var visible: [Student] = []
            for r in identifying {
                for c in r.visibleChildren where !visible.contains(where: { $0.id == c.child.student }) {
                    if let s = students[c.child.student] { visible.append(s) }
                }
            }
            self.visible = visible
            let recordIDs = records.map(\.contactID)
            let writer = StoreWriter(root: store.layout.root, files: PosixFileLayer())
            if recordIDs.isEmpty {
                receipts = []
                inbox = []
                registrations = []
            } else {
                receipts = try writer.receipts(school: id).filter { $0.contacts.contains(where: recordIDs.contains) }
                    .sorted { $0.readAt < $1.readAt }
                inbox = try writer.inbox(school: id).filter { $0.contacts.contains(where: recordIDs.contains) }
                registrations = try writer.registrations(school: id)
            }
        }
    }

    func explain(
        _ located: LocatedMessage, facts: SchoolFacts, match: IdentityMatch, at now: Date, device: DeviceRecord?
    ) -> MessageExplanation {
        let zone = facts.school.zone
        let message = located.message
        let records = facts.records
        func exclusions(_ student: Student) -> [MessageRecipients.Exclusion] {
            MessageRecipients.exclusions(
                of: student, scope: located.scope, year: located.year, sentAt: message.sentAt, zone: zone)
        }
        let concerned = Set(
            MessageRecipients.concerned(
                message, scope: located.scope, year: located.year, visible: facts.visible,
                contacts: facts.identifying.map(\.contactID), zone: zone, now: now))

        let duplicate = match.duplicates.first { $0.school == located.school }
        var children: [ChildConcern] = []
        for ref in facts.refs {
            let student = facts.students[ref.student]
            let links = records.compactMap { r in r.children.first { $0.child == ref }.map { (record: r, child: $0) } }
            let name = links.first?.child.name ?? ref.student
            var notShown: [String] = []
            if !links.contains(where: { $0.record.qualifies && $0.child.visible }) {
                let fromIdentifying = links.filter(\.record.qualifies)
                if fromIdentifying.isEmpty {
                    notShown += Self.unique(links.flatMap(\.child.reasons))
                    let ids = links.map(\.record.contactID)
                    notShown.append(
                        "linked only by \(ids.joined(separator: " and ")), which do\(ids.count == 1 ? "es" : "") not identify the parent"
                    )
                } else {
                    notShown += Self.unique(fromIdentifying.flatMap(\.child.reasons))
                }
            }
            let enrolment = student?.enrolments.first { $0.academicYear == located.year }
                .map { "\(MessageRecipients.yearName($0.year)), group \($0.registrationGroup)" }
            var notes: [String] = []
            if let duplicate, duplicate.allChildren.contains(where: { $0.child == ref }) {
                let linking = duplicate.records.filter { $0.children.contains(ref) }.map(\.contactID)
                if linking.count < duplicate.records.count {
                    notes.append(
                        "linked only by \(linking.joined(separator: " and ")) of the duplicate records \(duplicate.contactIDs.joined(separator: ", ")) (one person): this app merges them; a system taking another of them alone would not show it"
                    )
                }
            }
            children.append(
                ChildConcern(
                    child: ref, name: name, enrolment: enrolment, notShown: notShown,
                    exclusions: student.map(exclusions) ?? [], notes: notes,
                    concerned: concerned.contains(ref.student)))
        }

        // The backup SMS goes to records the message is addressed to: its
        // audience takes in a child they have parental responsibility for and
        // may receive correspondence about (the app's own rules: a record
        // without responsibility is shown nothing, so sent nothing either),
        // and any contacts list names them.
        var addressed: [String] = []
        var numbers: [String] = []
        var reached = Set<String>()  // one SMS per number, however it is written ("07700 100002", "+44 7700 100002")
        for r in records where message.contacts?.contains(r.contactID) ?? true {
            guard let contact = facts.contacts[r.contactID] else { continue }
            let reaches = contact.students.contains { link in
                link.parentalResponsibility && link.correspondence
                    && facts.students[link.student].map { exclusions($0).isEmpty } == true
            }
            guard reaches else { continue }
            addressed.append(r.contactID)
            for p in contact.phones where MobileRule.verdict(p, countryCode: facts.school.countryCode).isMobile {
                let key = PhoneNumber.normalise(p.number, countryCode: facts.school.countryCode) ?? p.number
                if reached.insert(key).inserted { numbers.append(p.number) }
            }
        }
        // Only a registration made before the SMS was due stops it: an app
        // registered afterwards was too late for this message.
        let minutes = facts.school.xpressions.backupSMSAfterMinutes
        let due = minutes.map { message.visibleFrom.addingTimeInterval(Double($0) * 60) }
        // What the store held at the time asked (an as-of look back at an
        // earlier moment saw reads, replies and registrations made after it).
        let registrations = facts.registrations.filter {
            $0.contacts.contains(where: addressed.contains) && $0.registeredAt <= now
        }
        // Without a backup SMS, what counts is whether an app was registered
        // when the message was published (to be told of it then).
        let cutoff = due ?? message.visibleFrom
        var sms = BackupSMS(
            afterMinutes: minutes, addressedRecords: addressed,
            registrations: registrations.filter { $0.registeredAt <= cutoff },
            numbers: numbers, published: message.visibleFrom <= now,
            laterRegistration: registrations.map(\.registeredAt).filter { $0 > cutoff }.min())
        sms.due = due.map { $0 <= now } ?? true
        let recordIDs = records.map(\.contactID)
        return MessageExplanation(
            located: located, school: facts.school, at: now, match: match, children: children,
            contactsNamed: message.contacts.map { named in recordIDs.filter(named.contains) },
            receipts: facts.receipts.filter { $0.message == message.id && $0.readAt <= now },
            replies: facts.inbox.filter { $0.inReplyTo == message.id && $0.createdAt <= now },
            backupSMS: sms, device: device, disclosure: disclosure)
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
