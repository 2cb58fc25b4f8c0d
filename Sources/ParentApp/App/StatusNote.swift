import Foundation

/// A line for the status bar that goes away by itself: a toast when a
/// message arrives, or a notice ("Opened the website").
public struct StatusNote: Sendable, Equatable {
    public var text: String
    public var role: Role
    public var until: Date

    public init(text: String, role: Role, until: Date) {
        self.text = text
        self.role = role
        self.until = until
    }
}
