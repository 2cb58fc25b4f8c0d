/// A local model file that cannot be used (it should never happen: every
/// write is atomic; a hand edit or a failing disk can still do it). The
/// model then starts empty and the next sync fills it again.
struct ModelDamage: Error, Sendable, Equatable, CustomStringConvertible {
    var file: String
    var reason: String
    /// Not damage at all: the model of an earlier session (it is replaced,
    /// not kept).
    var isForeign = false

    var description: String { "\(file): \(reason)" }
}
