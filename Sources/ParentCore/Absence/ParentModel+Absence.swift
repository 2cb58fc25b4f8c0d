import Foundation
import SchoolStore

extension ParentModel {
    /// The absence reports about `child`, newest first: this device's (in
    /// the outbox: queued, sent, acknowledged, and failed ones, which say
    /// why), and those the store holds from other devices and the child's
    /// other contacts, with the school's acknowledgements (their sessions
    /// and reason only: a note stays on the device that sent it). A report
    /// this device sent is shown once, as this device has it.
    /// `filedBy`: only those filed by then (an as-of view shows nothing from
    /// after its date: a report filed later, and the weeks it reached, showed).
    public func absenceReports(for child: ChildRef, filedBy: Date? = nil) -> [OutboxItem] {
        let stored = (state.schools[child.school]?.reports ?? []).filter { $0.absence?.student == child.student }
        let inStore = Dictionary(stored.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        // An acknowledgement this device has not seen yet (it reads them only
        // for reports still waiting) comes from the store's copy.
        let own = outbox.filter {
            $0.kind == .absence && $0.school == child.school && $0.absence?.student == child.student
        }.map { item -> OutboxItem in
            guard item.acknowledgedAt == nil, let at = inStore[item.key]?.acknowledgedAt else { return item }
            var seen = item
            seen.acknowledgedAt = at
            return seen
        }
        let keys = Set(own.map(\.key))
        return (own + stored.filter { !keys.contains($0.key) }).filter { item in
            filedBy.map { item.createdAt <= $0 } ?? true
        }.sorted {
            ($0.createdAt, $0.key) < ($1.createdAt, $1.key)
        }
        .reversed()
    }

    /// The sessions reported absent for `child` by reports that have not
    /// failed, with the reason (the newest report's, when two cover one).
    public func reportedSessions(for child: ChildRef, filedBy: Date? = nil) -> [AbsenceSession: AbsenceReason] {
        var out: [AbsenceSession: AbsenceReason] = [:]
        // A leaver's grid stops at the day they left, reports or not.
        let left = self.child(child).flatMap { $0.isLeaver ? $0.leftOn : nil }
        for item in absenceReports(for: child, filedBy: filedBy).reversed() {
            if case .failed = item.state { continue }
            guard let report = item.absence else { continue }
            for s in report.sessions where left.map({ s.date <= $0 }) ?? true { out[s] = report.reason }
        }
        return out
    }

    /// Of ``reportedSessions(for:filedBy:)``, those no sent report covers:
    /// only queued on this device, so the school has not been told yet.
    public func queuedSessions(for child: ChildRef, filedBy: Date? = nil) -> Set<AbsenceSession> {
        var queued = Set<AbsenceSession>()
        var sent = Set<AbsenceSession>()
        for item in absenceReports(for: child, filedBy: filedBy) {
            guard let report = item.absence else { continue }
            switch item.state {
            case .queued: queued.formUnion(report.sessions)
            case .sent: sent.formUnion(report.sessions)
            case .failed: continue
            }
        }
        return queued.subtracting(sent)
    }
}
