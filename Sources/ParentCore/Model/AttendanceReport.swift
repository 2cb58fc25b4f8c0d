import Foundation
import SchoolStore

/// A child's attendance: every mark of the academic year with its meaning
/// (newest first), and the statistics for this week, this term and this
/// academic year, as the DfE counts them. A leaver's stop at the leaving date.
public struct AttendanceReport: Sendable, Equatable {
    public var child: ChildRef
    public var marks: [AttendanceEntry]
    public var week: AttendanceStatistics
    /// Nil outside any term of the school's calendar.
    public var term: AttendanceStatistics?
    public var year: AttendanceStatistics
    /// A leaver's leaving date: marks and statistics stop there.
    public var leftOn: CivilDate?
    /// Marks are complete up to here (the last sync minus 92 minutes): a
    /// session after it may still be recorded.
    public var completeUpTo: Date?
}
