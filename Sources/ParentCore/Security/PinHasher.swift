import CCrypt
import Foundation
import SchoolStore

/// Hashes and verifies PINs with yescrypt through the system's libxcrypt.
///
/// A hash is the full crypt string (`$y$<params>$<salt>$<hash>`): it carries
/// its own cost and random salt, so verification needs nothing else, and two
/// hashes of the same PIN differ. The PIN itself is never stored.
///
/// Copies of the PIN made here (the C string handed to libxcrypt) and
/// libxcrypt's work area are wiped before they are freed. The caller's
/// `String` cannot be wiped: Swift strings are immutable values.
public struct PinHasher: Sendable {
    /// The yescrypt cost; nil means libxcrypt's default (5). Each step up
    /// doubles the work. Tests use 1 to run fast.
    public let cost: Int?

    /// Creates a hasher with `cost` (1...11), or libxcrypt's default.
    public init(cost: Int? = nil) {
        self.cost = cost
    }

    /// A new yescrypt hash of `pin` with a fresh random salt.
    public func hash(_ pin: String) throws(PinHashError) -> String {
        let count: UInt
        if let cost {
            guard (1...11).contains(cost) else { throw .invalidCost(cost) }
            count = UInt(cost)
        } else {
            count = 0
        }
        guard let settingPointer = crypt_gensalt_ra("$y$", count, nil, 0) else {
            throw .saltGenerationFailed(PinHasher.systemError())
        }
        let setting = String(cString: settingPointer)
        free(settingPointer)
        let hash = try PinHasher.crypt(pin, setting: setting)
        guard hash.hasPrefix("$y$") else { throw .hashingFailed("unexpected output from libxcrypt") }
        return hash
    }

    /// Whether `hash` has the shape of a yescrypt crypt string
    /// (`$y$params$salt$hash`, in crypt's alphabet): a session holding
    /// anything else is damaged (it was taken for a wrong PIN at every try,
    /// the right one too, until the session and its data were wiped).
    public static func isWellFormed(_ hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        // The hash itself is 256 bits: 43 characters.
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "y", parts[4].utf8.count == 43 else { return false }
        return parts.dropFirst(2).allSatisfy { part in
            !part.isEmpty
                && part.utf8.allSatisfy { c in
                    c == 0x2E || c == 0x2F || (0x30...0x39).contains(c) || (0x41...0x5A).contains(c)
                        || (0x61...0x7A).contains(c)
                }
        }
    }

    /// True when `pin` is the PIN `storedHash` was made from. The comparison
    /// of the recomputed hash with the stored one takes constant time.
    public func verify(_ pin: String, against storedHash: String) throws(PinHashError) -> Bool {
        guard storedHash.hasPrefix("$y$") else { throw .unsupportedHash }
        let computed: String
        do {
            computed = try PinHasher.crypt(pin, setting: storedHash)
        } catch .hashingFailed {
            throw .malformedHash
        }
        return ConstantTime.equals(Array(computed.utf8), Array(storedHash.utf8))
    }

    /// `crypt_ra(pin, setting)`, wiping the PIN copy and the work area.
    private static func crypt(_ pin: String, setting: String) throws(PinHashError) -> String {
        var phrase = pin.utf8CString
        defer { phrase.withUnsafeMutableBytes { ccrypt_wipe($0.baseAddress, $0.count) } }
        guard !phrase.dropLast().contains(0) else { throw .pinContainsNul }

        var data: UnsafeMutableRawPointer?
        var size: Int32 = 0
        defer {
            if let data {
                ccrypt_wipe(data, Int(max(size, 0)))
                free(data)
            }
        }
        let output: String? = phrase.withUnsafeBufferPointer { buffer in
            errno = 0
            guard let result = crypt_ra(buffer.baseAddress, setting, &data, &size) else { return nil }
            return String(cString: result)
        }
        guard let output else { throw .hashingFailed(systemError()) }
        // libxcrypt signals failure with a short token starting with '*'.
        guard !output.hasPrefix("*") else { throw .hashingFailed("libxcrypt returned a failure token") }
        return output
    }

    private static func systemError() -> String {
        let code = errno
        return code == 0 ? "unknown error" : String(cString: strerror(code))
    }
}
