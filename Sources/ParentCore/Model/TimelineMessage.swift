import Foundation
import SchoolStore

/// One message of the parent's timeline, as a snapshot holds it.
struct TimelineMessage: Sendable {
    var ref: MessageRef
    var year: AcademicYear
    var scope: MessageScope
    var message: SchoolMessage
    var children: [ChildRef]
}
