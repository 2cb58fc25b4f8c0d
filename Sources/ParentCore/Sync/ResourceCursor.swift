import Foundation
import SchoolStore

/// What the last sync learnt about one resource of the store (a file, or
/// the parent's slice of a shared file), so the next sync can skip it
/// without reading it:
///
/// - `stamp`: the file's stamp when it was read (nil: it was missing);
/// - `digest`: the digest of the bytes of the parent's slice, so a changed
///   shared file (another student's edit) whose slice is unchanged changes
///   nothing in the model;
/// - `next`: the earliest instant after the read at which what the parent
///   sees of it changes by itself (an item's publication time, a leaver's
///   last visible day); nil when nothing is pending;
/// - `audience`: what the slice was worked out for (the children in a
///   message scope, say); a different audience means reading it again.
///
/// A resource is skipped when its stamp and audience are unchanged and
/// `next` has not yet come.
struct ResourceCursor: Sendable, Equatable {
    var stamp: String?
    var digest: UInt64
    var next: Date?
    var audience: String

    init(stamp: FileStamp?, digest: UInt64, next: Date?, audience: String = "") {
        self.stamp = stamp?.description
        self.digest = digest
        self.next = next
        self.audience = audience
    }

    init(stampText: String?, digest: UInt64, next: Date?, audience: String) {
        self.stamp = stampText
        self.digest = digest
        self.next = next
        self.audience = audience
    }

    /// Whether the resource can be skipped now.
    func isFresh(stamp current: FileStamp?, audience wanted: String = "", now: Date) -> Bool {
        guard stamp == current?.description, audience == wanted else { return false }
        if let next, next <= now { return false }
        return true
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        if let stamp { o.set("stamp", stamp) }
        o.set("digest", StableHash.hex(digest))
        if let next { o.set("next", Timestamp.format(next)) }
        if !audience.isEmpty { o.set("audience", audience) }
        return o.value
    }

    static func decode(_ r: FieldReader) -> ResourceCursor? {
        let stamp = r.string("stamp", required: false)
        guard let digestText = r.string("digest"), let digest = UInt64(digestText, radix: 16) else { return nil }
        let next = r.timestamp("next", required: false)
        let audience = r.string("audience", required: false, allowEmpty: true) ?? ""
        return ResourceCursor(stampText: stamp, digest: digest, next: next, audience: audience)
    }
}

/// The earliest of two optional instants.
func earliest(_ a: Date?, _ b: Date?) -> Date? {
    switch (a, b) {
    case (let x?, let y?): return min(x, y)
    case (let x?, nil): return x
    case (nil, let y?): return y
    case (nil, nil): return nil
    }
}
