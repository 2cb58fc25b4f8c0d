import Foundation

/// EXTENSION POINT: reported absences in the digest.
///
/// Issue 14's "Report an absence" is being built beside the digest; when
/// absence reports reach the local model (with their status: "Reported —
/// waiting for the school", "Acknowledged by the school at 09:12"),
/// ``lines(model:child:now:)`` is the one place to fill. Every format
/// already carries the section: the text and the mail show "Reported
/// absences" only when there are lines, and the JSON's `absences` is an
/// array of `{"summary", "status"}` (empty until then). Nothing here
/// models an absence report: a line is only what the digest prints.
public enum DigestAbsences {
    /// One reported absence as the digest shows it.
    public struct Line: Sendable, Equatable {
        /// "Mon 16 Mar AM and PM: Illness".
        public var summary: String
        /// "Reported — waiting for the school".
        public var status: String

        public init(summary: String, status: String) {
            self.summary = summary
            self.status = status
        }
    }

    /// The child's reported absences worth showing at `now`. None yet: the
    /// local model holds no absence reports.
    static func lines(model: ParentModel, child: ChildRef, now: Date) -> [Line] {
        []
    }
}
