import Foundation
import SchoolStore

/// A random per-install secret (`<data>/install.key`: 32 bytes, mode 0600,
/// made on first use) that keys every digest the parent side keeps of an
/// email address or a phone number: HMAC-SHA-256, so a digest cannot be
/// matched against a list of addresses by anyone who does not also hold
/// this file.
///
/// A missing key is made; a damaged one (not 32 bytes) is set aside in
/// `damaged/` and replaced, which only makes the old digests unmatchable:
/// what they protected (a session, login-attempt counts) then starts again,
/// never opens up. A session keeps the key's ``check``, so its re-check
/// tells "the key changed" from "the school changed the details".
public struct InstallKey: Sendable, Equatable {
    /// The file name inside the data directory.
    public static let fileName = "install.key"
    public static let length = 32

    let bytes: [UInt8]

    /// The key of the data directory, made (durably, 0600) if there is none.
    public static func load(dataDirectory: String, files: any FileLayer) throws -> InstallKey {
        let path = Paths.join(dataDirectory, fileName)
        if !isNotAFile(path, files), let existing = try files.read(path), existing.count == length {
            return InstallKey(bytes: existing)
        }
        try files.makeDirectory(dataDirectory)
        // Under the data directory's lock, looking again: two processes
        // starting at once agree on one key.
        return try DirectoryLock.withLock(dataDirectory) {
            // A directory, a FIFO or a device (a link to /dev/zero) is damage
            // like a key of the wrong length, never read.
            let notAFile = isNotAFile(path, files)
            if notAFile || files.exists(path) {
                if !notAFile, let existing = try files.read(path), existing.count == length {
                    return InstallKey(bytes: existing)
                }
                // Kept for support: what the old digests were made with is gone otherwise.
                _ = try? DamagedFiles(dataDirectory: dataDirectory, files: files).setAside(
                    path, as: fileName, at: Date())
                if files.exists(path) { try files.removeTree(path) }
            }
            var generator = SystemRandomNumberGenerator()
            let fresh = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try files.writeAtomically(fresh, to: path)
            return InstallKey(bytes: fresh)
        }
    }

    /// Something other than a key's regular file at `path`: a directory, a
    /// special file, or a file of another size (a 2 GB one was read whole,
    /// then refused, and never replaced).
    static func isNotAFile(_ path: String, _ files: any FileLayer) -> Bool {
        files.modificationInfo(path).map { $0.isDirectory || $0.isSpecial || $0.size != Int64(length) } ?? false
    }

    /// The data directory's key if it has one, without making one (for
    /// read-only tools such as doctor).
    public static func existing(dataDirectory: String, files: any FileLayer) throws -> InstallKey? {
        let path = Paths.join(dataDirectory, fileName)
        guard !isNotAFile(path, files), let bytes = try files.read(path), bytes.count == length else { return nil }
        return InstallKey(bytes: bytes)
    }

    /// The digest of a normalised email, as sessions and the attempt
    /// limiter keep it.
    public func emailDigest(_ normalisedEmail: String) -> String { digest(normalisedEmail, domain: "email") }

    /// The digest of a mobile number as sessions keep it: its E.164 digits
    /// without `+` (``PhoneNumber/digits``, `447700100001`).
    public func mobileDigest(_ number: PhoneNumber) -> String { digest(number.digits, domain: "mobile") }

    /// HMAC-SHA-256 of `text` (already normalised by the caller) under this
    /// key, as lowercase hex, with a domain label so that an email and a
    /// phone number never share a digest.
    /// A short keyed value naming this key (not the key): a session keeps
    /// it, so its re-check can tell that the key was replaced since login.
    public var check: String { String(digest("install.key", domain: "check").prefix(16)) }

    public func digest(_ text: String, domain: String) -> String {
        Hex.encode(HMACSHA256.authenticationCode(key: bytes, message: Array("\(domain):\(text)".utf8)))
    }
}
