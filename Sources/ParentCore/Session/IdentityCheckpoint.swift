import Foundation
import SchoolStore

/// What the store looked like at the session's last identity re-check, so
/// an unchanged store is not looked up again (``IdentityRecheck``):
///
/// - `sessionStamp` digests the `school.json` and `contacts.json` stamps
///   of the session's own schools: what its records' verdicts depend on,
///   compared at every sync (two `stat`s a session school);
/// - `storeStamp` digests the school list and every school's two stamps:
///   what the login lookup (records joining) depends on, compared at every
///   sync in a store of at most `CoreSettings.identityLookupEverySyncUpTo`
///   schools, else at most every `CoreSettings.identityLookupInterval` (two
///   `stat`s a school of the store);
/// - `next` is the earliest publication of a record the lookup found but
///   could not count yet.
///
/// Kept in `session.json` (`identityCheck`).
struct IdentityCheckpoint: Sendable, Equatable {
    var sessionStamp: String
    var storeStamp: String
    var next: Date?

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("session", sessionStamp)
        o.set("store", storeStamp)
        if let next { o.set("next", Timestamp.format(next)) }
        return o.value
    }

    static func decode(_ r: FieldReader) -> IdentityCheckpoint? {
        guard let session = r.string("session"), let store = r.string("store") else { return nil }
        let next = r.timestamp("next", required: false)
        return IdentityCheckpoint(sessionStamp: session, storeStamp: store, next: next)
    }
}
