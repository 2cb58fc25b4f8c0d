import ParentCore
import TerminalKit

/// What the screens draw once the parent is in: the local model's snapshot
/// (children, timeline, attendance, school details...) and the decoded
/// pictures, both prepared off the main thread.
struct ModelSnapshot: Sendable, Equatable {
    var model: ParentModel
    /// Decoded photos and logos by "<school>/<path>".
    var images: [String: RGBImage]
    /// Which snapshot this is: each one the runner publishes has a higher
    /// number, so screens can tell when to recompute what they derive.
    var version: Int

    init(model: ParentModel, images: [String: RGBImage], version: Int = 0) {
        self.model = model
        self.images = images
        self.version = version
    }

    static func == (a: ModelSnapshot, b: ModelSnapshot) -> Bool {
        a.version == b.version && a.model.generation == b.model.generation
    }

    var schools: [SchoolDetails] { model.schools }
    func school(_ id: String) -> SchoolDetails? { model.school(id) }

    func image(school: String, path: String?) -> RGBImage? {
        path.flatMap { images["\(school)/\($0)"] }
    }
}
