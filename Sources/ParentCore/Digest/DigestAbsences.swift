import Foundation
import SchoolStore

/// Reported absences in the digest: the child's absence reports (from the
/// session's outbox) whose last day is at most 7 days ago, newest first,
/// each with where it stands in the words the app uses (``AbsenceStatus``).
/// The text and the mail show "Reported absences" only when there are
/// lines; the JSON's `absences` is an array of `{"summary", "status",
/// "key", "state", "acknowledgedAt", "report"}` (`report` as the store's
/// inbox record has it: student, from, to, part, sessions, reason, note,
/// late).
public enum DigestAbsences {
    /// One reported absence as the digest shows it.
    public struct Line: Sendable, Equatable {
        /// "Mon 16 Mar AM and PM: Illness".
        public var summary: String
        /// "Reported — waiting for the school".
        public var status: String
        /// The outbox key (the inbox record's key once sent).
        public var key: String = ""
        /// "queued", "reported", "acknowledged" or "failed".
        public var state: String = ""
        public var acknowledgedAt: Date? = nil
        /// The report as filed.
        public var report: AbsenceReport? = nil

        public init(summary: String, status: String) {
            self.summary = summary
            self.status = status
        }
    }

    /// The child's reported absences worth showing at `now`: those whose
    /// last day is at most 7 days before today (in the school's zone).
    static func lines(model: ParentModel, child: ChildRef, now: Date) -> [Line] {
        guard let zone = model.school(child.school)?.zone else { return [] }
        let recent = zone.civilDate(of: now).adding(days: -7)
        return model.absenceReports(for: child).compactMap { found in
            // As things stood at `now` (a digest looking back with --now
            // showed reports made, and acknowledged, after it); a few
            // minutes' grace for a school's clock ahead of this one.
            let then = now.addingTimeInterval(5 * 60)
            guard let report = found.absence, report.to >= recent, found.createdAt <= then else { return nil }
            var item = found
            if let at = item.acknowledgedAt, !AbsenceStatus.happened(at, by: now) { item.acknowledgedAt = nil }
            if case .sent(let at) = item.state, at > then { item.state = .queued }
            var line = Line(
                summary: "\(AbsenceReport.summary(report.sessions)): \(report.reason.label)",
                status: AbsenceStatus(item, at: now).text(now: now, zone: zone))
            line.key = item.key
            line.report = report
            line.acknowledgedAt = item.acknowledgedAt
            switch AbsenceStatus(item, at: now) {
            case .queued: line.state = "queued"
            case .reported: line.state = "reported"
            case .acknowledged: line.state = "acknowledged"
            case .failed: line.state = "failed"
            }
            return line
        }
    }
}
