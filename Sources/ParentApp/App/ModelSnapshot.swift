import ParentCore
import SchoolStore
import TerminalKit

/// What the screens draw once the parent is in: the session, the schools'
/// details and the pictures, loaded off the main thread.
public struct ModelSnapshot: Sendable {
    public var session: ParentCore.Session
    public var schools: [School]
    /// Decoded photos and logos by "<school>/<path>".
    public var images: [String: RGBImage]

    public init(session: ParentCore.Session, schools: [School], images: [String: RGBImage]) {
        self.session = session
        self.schools = schools
        self.images = images
    }

    public func school(_ id: String) -> School? { schools.first { $0.id == id } }
}
