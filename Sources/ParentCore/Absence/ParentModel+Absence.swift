import Foundation
import SchoolStore

extension ParentModel {
    /// The absence reports about `child` in this session's outbox, newest
    /// first: queued, sent, acknowledged, and failed ones (which say why).
    public func absenceReports(for child: ChildRef) -> [OutboxItem] {
        outbox.filter { $0.kind == .absence && $0.school == child.school && $0.absence?.student == child.student }
            .reversed()
    }

    /// The sessions reported absent for `child` by reports that have not
    /// failed, with the reason (the newest report's, when two cover one).
    public func reportedSessions(for child: ChildRef) -> [AbsenceSession: AbsenceReason] {
        var out: [AbsenceSession: AbsenceReason] = [:]
        // A leaver's grid stops at the day they left, reports or not.
        let left = self.child(child).flatMap { $0.isLeaver ? $0.leftOn : nil }
        for item in absenceReports(for: child).reversed() {
            if case .failed = item.state { continue }
            guard let report = item.absence else { continue }
            for s in report.sessions where left.map({ s.date <= $0 }) ?? true { out[s] = report.reason }
        }
        return out
    }
}
