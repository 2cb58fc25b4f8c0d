import Foundation
import ParentCore

/// The outcome of a sync as the status line and notifications need it.
struct SyncSummary: Sendable, Equatable {
    static func == (a: SyncSummary, b: SyncSummary) -> Bool {
        a.finishedAt == b.finishedAt && a.announcements == b.announcements && a.problems == b.problems
            && a.sentTo == b.sentTo
            && a.reportedTo == b.reportedTo && a.acknowledgedBy.map(\.school) == b.acknowledgedBy.map(\.school)
            && a.acknowledgedBy.map(\.at) == b.acknowledgedBy.map(\.at) && a.nextAttempt == b.nextAttempt
            && a.historyMarkedRead == b.historyMarkedRead && a.schoolsRemoved == b.schoolsRemoved
            && a.notSent == b.notSent && a.messagesHeld == b.messagesHeld && a.recordsLeft == b.recordsLeft
            && a.rebuilt == b.rebuilt
    }

    var finishedAt: Date
    /// Subjects of messages that arrived and should be announced (only while
    /// the parent is registered for notifications).
    var announcements: [String]
    /// Problems, as the store names them (school, file, record, field).
    var problems: [String]
    /// The schools that messages or replies were just delivered to.
    var sentTo: [String] = []
    /// The schools that absence reports were just delivered to.
    var reportedTo: [String] = []
    /// The schools that just acknowledged an absence report, with the time.
    var acknowledgedBy: [(school: String, at: Date)] = []
    /// When the background sync should next run (sooner after a failure).
    var nextAttempt: Date?
    /// On a first sync: messages more than 14 days old, marked read.
    var historyMarkedRead = 0
    /// The copy on this device could not be read: set aside in damaged/
    /// and rebuilt from the school data.
    var rebuilt = false
    /// Schools that no longer hold the parent's login details, as the parent
    /// reads it ("Green Abbey School no longer holds these details for you");
    /// their children left this device.
    var schoolsRemoved: [String] = []
    /// What the parent wrote that a school just refused, as the parent reads
    /// it ("Green Abbey School: it has turned off messages from parents").
    var notSent: [String] = []
    /// Unsent messages written for records that no longer hold the
    /// parent's details: kept on the device, not sent.
    var messagesHeld = 0
    /// A contact record that no longer holds the parent's details at a
    /// school that stays ("A contact record at Green Abbey School no longer
    /// holds these details for you: Amy was removed from this device.").
    var recordsLeft: [String] = []

    init(finishedAt: Date, announcements: [String] = [], problems: [String] = []) {
        self.finishedAt = finishedAt
        self.announcements = announcements
        self.problems = problems
    }
}

extension SyncSummary {
    /// What a finished sync has to say to the parent, in their words, from
    /// its report and the model it left (`namesBefore`: the children's
    /// names before it, for a child it removed). Built here, not in the
    /// effect runner, which only carries the report over.
    init(report: SyncReport, model: ParentModel, namesBefore: [ChildRef: String], nextAttempt: Date?) {
        let subjects = report.notifications.compactMap { model.message($0)?.subject }
        // A store that is away or broken is the banner's business (it reads
        // the model's troubles), not a red line at every retry.
        let quiet: Set<SyncProblem.Kind> = [.unreachable, .invalidStore]
        var summary = SyncSummary(
            finishedAt: report.startedAt.addingTimeInterval(report.duration), announcements: subjects,
            problems: report.problems.filter { !quiet.contains($0.kind) }.map(\.description)
                + report.outbox.problems.map { "\($0)" })
        summary.sentTo = report.outbox.sent.filter { $0.kind != .receipt && $0.kind != .absence }.map {
            model.school($0.school)?.name ?? $0.school
        }
        summary.notSent = report.outbox.failed.filter { $0.kind != .receipt }.map { item in
            var reason: String
            if case .failed(let why) = item.state { reason = why } else { reason = item.lastError ?? "" }
            // The note goes on after it: one full stop, not two.
            while reason.hasSuffix(".") { reason.removeLast() }
            return "\(model.school(item.school)?.name ?? item.school): \(reason)"
        }
        summary.reportedTo = report.outbox.sent.filter { $0.kind == .absence }.map {
            model.school($0.school)?.name ?? $0.school
        }
        summary.acknowledgedBy = report.outbox.acknowledged.compactMap { item in
            item.acknowledgedAt.map { (model.school(item.school)?.name ?? item.school, $0) }
        }
        // Something else where the outbox folder goes, found as the app
        // opened: said (only `xpressions sync` said it).
        for d in report.damagedOutboxItems where d.file == "outbox" {
            summary.problems.append(
                "Something else stood where this device keeps your messages to school: moved aside to damaged/\(d.movedTo ?? "outbox"); a new folder is made for your next message."
            )
        }
        summary.nextAttempt = nextAttempt
        summary.historyMarkedRead = report.schools.reduce(0) { $0 + $1.historyMarkedRead }
        summary.rebuilt = report.rebuilt
        summary.messagesHeld = report.identity.messagesHeld
        // A record that stopped matching at a school that stays: the
        // children only it linked went; said, never silently.
        let schoolsGone = Set(report.identity.schoolsRemoved.map(\.school))
        var recordSchools: [String] = []
        for r in report.identity.recordsRemoved
        where !schoolsGone.contains(r.school) && !recordSchools.contains(r.school) {
            recordSchools.append(r.school)
        }
        summary.recordsLeft = recordSchools.compactMap { school in
            let gone = report.schools.first { $0.school == school }?.childrenRemoved ?? []
            // No child lost (a record renumbered, or merged into one that
            // stays): not news ("no longer holds these details for you"
            // was said for a renumber and a merge).
            if gone.isEmpty { return nil }
            let name = model.school(school)?.name ?? school
            let who = gone.map { namesBefore[$0] ?? "a child" }
            let removed =
                who.isEmpty
                ? ""
                : ": \(CalendarExport.list(who)) \(who.count == 1 ? "was" : "were") removed from this device"
            return "A contact record at \(name) no longer holds these details for you\(removed)."
        }
        // A child the school withdrew, or unlinked from a record that
        // still matches: said too (the child vanished without a word).
        for s in report.schools
        where !s.childrenRemoved.isEmpty && !schoolsGone.contains(s.school) && !recordSchools.contains(s.school) {
            // A school another process's re-check took off this device:
            // said as the re-check says it, by name (it was said as a
            // withdrawal, by the school's id).
            if let removed = s.removed {
                summary.schoolsRemoved.append(removed)
                continue
            }
            let name = model.school(s.school)?.name ?? s.schoolName
            // Why, where a record still names the child (correspondence
            // turned off, a leaver past the school's persistence), in one
            // line a school (it said "no longer list this child" while the
            // record still listed her).
            let who = s.childrenRemoved.map { namesBefore[$0] ?? "a child" }
            let reasons = s.childrenRemoved.map { s.removedBecause[$0] }
            let shown = "\(CalendarExport.list(who)) \(who.count == 1 ? "is" : "are") no longer shown on this device"
            if let first = reasons.first, reasons.allSatisfy({ $0 == first }) {
                let text =
                    first?.text(school: name, children: who.count)
                    ?? "\(name)'s records no longer list \(who.count == 1 ? "this child" : "them") for you"
                summary.recordsLeft.append("\(shown): \(text).")
            } else {
                let each = zip(who, reasons).map { "\($0): \($1?.short ?? "no longer listed for you")" }
                summary.recordsLeft.append("\(shown): \(name)'s records changed (\(each.joined(separator: "; "))).")
            }
        }
        summary.schoolsRemoved += report.identity.schoolsRemoved.map {
            $0.reason ?? IdentityChanges.removedText($0.schoolName)
        }
        self = summary
    }
}
