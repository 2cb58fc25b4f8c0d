import Foundation

/// One record of `login-attempts/<digest>/<key>.json`, written by a
/// parent's app at a login: the store's (the server side's) count of login
/// attempts per email, which deleting or changing a device's data directory
/// cannot reset. `<digest>` is the HMAC-SHA-256 of the normalised email under
/// the store's ``StoreInfo/secret``, never the email itself.
///
/// Create-only, like registrations: an `attempt` is filed before the
/// details are checked (so a login that dies or is killed still counts);
/// a `success` filed afterwards settles every attempt filed before it.
/// `store validate` removes records older than a day.
public struct LoginAttempt: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A login was tried: counts as failed unless a later success settles it.
        case attempt
        /// The details checked out: the attempts before it no longer count.
        case success
    }

    /// The file name's stem: letters, digits, `-`, `_`.
    public var key: String
    public var kind: Kind
    /// When, on the real clock (never `--now`).
    public var at: Date

    public init(key: String, kind: Kind, at: Date) {
        self.key = key
        self.kind = kind
        self.at = at
    }

    public static func decode(_ r: FieldReader) -> LoginAttempt? {
        let key = r.string("key")
        let r = key.map { r.relabelled("login attempt \($0)") } ?? r
        r.rejectUnknownFields(["key", "kind", "at"])
        let kind = r.choice("kind", Kind.init(rawValue:), expected: "attempt or success")
        let at = r.timestamp("at")
        guard let key, let kind, let at else { return nil }
        return LoginAttempt(key: key, kind: kind, at: at)
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("key", key)
        o.set("kind", kind.rawValue)
        o.set("at", Timestamp.format(at))
        return o.value
    }

    /// A fresh random key (128 bits).
    public static func newKey() -> String {
        var g = SystemRandomNumberGenerator()
        return "a" + Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &g) })
    }
}
