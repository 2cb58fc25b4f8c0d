import Foundation
import SchoolStore

/// The local model's part holding one school's sync cursors, by resource
/// key (`school`, `contacts`, `students`, `calendar/2025-26`,
/// `attendance/2025-26/GA-BEN`, `messages/2025-26/group-9A`...), and the
/// student ids the school's contact records link the parent to.
struct CursorPart: Sendable, Equatable {
    var school: String
    var cursors: [String: ResourceCursor]
    /// Students linked to the parent's contact records with parental
    /// responsibility and correspondence allowed (before visibility checks).
    var linked: [String]
    /// Set while the clock is behind a time a sync already reached (support
    /// staff replaying a moment with `--now`): that time. Messages published
    /// by then were seen before, so when the clock comes back and they
    /// return they are not announced as new. Cleared once the clock passes it.
    var seenUpTo: Date? = nil

    var partName: String { PartName.cursors(school) }

    func encode() -> [UInt8] {
        var o = JSONObjectBuilder()
        o.set("part", "cursors")
        o.set("school", school)
        o.set("linked", linked)
        o.set("cursors", .object(cursors.keys.sorted().map { ($0, cursors[$0]!.json) }))
        if let seenUpTo { o.set("seenUpTo", Timestamp.format(seenUpTo)) }
        return JSONWriter().write(o.value)
    }

    static func decode(_ r: FieldReader) -> CursorPart? {
        guard let school = r.string("school"), let linked = r.stringArray("linked", required: true),
            let object = r.object("cursors", required: true)
        else { return nil }
        var cursors: [String: ResourceCursor] = [:]
        guard case .object(let members)? = r.raw("cursors") else { return nil }
        for (key, _) in members {
            guard let c = object.object(key, required: true).flatMap(ResourceCursor.decode) else { return nil }
            cursors[key] = c
        }
        return CursorPart(
            school: school, cursors: cursors, linked: linked, seenUpTo: r.timestamp("seenUpTo", required: false))
    }
}
