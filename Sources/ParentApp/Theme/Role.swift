/// What a piece of text is, rather than what color it is (as htop does):
/// the `Theme` decides how each role looks on color and monochrome terminals.
enum Role: Sendable, Hashable, CaseIterable {
    case text
    case dim
    case title
    case header
    case tabActive
    case tabInactive
    case selected
    case unread
    case accent
    case link
    case warning
    case error
    case success
    case statusBar
    case keyName
    case keyLabel
    case field
    case fieldFocused
    case toast
    // Attendance code categories
    case present
    case approvedActivity
    case authorised
    case unauthorised
    case notPossible
    // Message categories
    case homework
    case emergency
}
