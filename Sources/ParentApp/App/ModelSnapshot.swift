import ParentCore
import SchoolStore
import TerminalKit

/// What the screens draw once the parent is in: the local model's snapshot
/// (children, timeline, attendance, school details...) and the decoded
/// pictures, both prepared off the main thread.
public struct ModelSnapshot: Sendable {
    public var model: ParentModel
    /// Decoded photos and logos by "<school>/<path>".
    public var images: [String: RGBImage]

    public init(model: ParentModel, images: [String: RGBImage]) {
        self.model = model
        self.images = images
    }

    public var schools: [SchoolDetails] { model.schools }
    public func school(_ id: String) -> SchoolDetails? { model.school(id) }

    public func image(school: String, path: String?) -> RGBImage? {
        path.flatMap { images["\(school)/\($0)"] }
    }
}
