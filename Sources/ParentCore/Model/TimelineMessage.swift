import Foundation
import SchoolStore

/// One message of the parent's timeline, as a snapshot holds it. A class,
/// immutable: snapshots and query results share it instead of copying a
/// dozen strings per row.
final class TimelineMessage: Sendable {
    let ref: MessageRef
    let year: AcademicYear
    let scope: MessageScope
    let message: SchoolMessage
    let children: [ChildRef]
    /// The read-state key (`school/id`).
    let key: String
    let schoolName: String

    init(
        ref: MessageRef, year: AcademicYear, scope: MessageScope, message: SchoolMessage, children: [ChildRef],
        key: String, schoolName: String
    ) {
        self.ref = ref
        self.year = year
        self.scope = scope
        self.message = message
        self.children = children
        self.key = key
        self.schoolName = schoolName
    }
}
