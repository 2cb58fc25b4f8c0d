import Foundation

/// A line for the status bar that goes away by itself: a toast when a
/// message arrives, or a notice ("Opened the website").
struct StatusNote: Sendable, Equatable {
    var text: String
    var role: Role
    var until: Date
}
