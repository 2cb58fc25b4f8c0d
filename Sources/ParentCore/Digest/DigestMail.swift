import Foundation
import SchoolStore

/// A ``Digest`` as one Internet message (RFC 5322) for `sendmail -t`:
/// `Date` (in the first school's time), `From` (`Xpressions
/// <xpressions@localhost>` unless chosen), `To` (the one address given:
/// the only address ever written), `Subject` (``Digest/subject``, RFC 2047
/// encoded-words when it is not ASCII), `Message-ID`, `MIME-Version`,
/// `Content-Type: text/plain; charset=UTF-8`, `Content-Transfer-Encoding`
/// (`8bit`, or `quoted-printable` when a line is too long for 8bit) and
/// `Auto-Submitted: auto-generated` (RFC 3834: no auto-replies); the body is
/// ``DigestText``. Lines end LF, as `sendmail` expects on its input.
public enum DigestMail {
    /// A mailbox: an optional display name and an address.
    public struct Mailbox: Sendable, Equatable {
        public var display: String?
        public var address: String

        public init(display: String?, address: String) {
            self.display = display
            self.address = address
        }

        /// `me@example.com`, or `Name <me@example.com>` when `named`; nil
        /// for anything else (the address must be a plain dot-atom
        /// `local@domain` in ASCII: no quoted parts, comments or lists).
        public static func parse(_ text: String, named: Bool) -> Mailbox? {
            let t = text.trimmingCharacters(in: .whitespaces)
            if named, t.hasSuffix(">"), let open = t.lastIndex(of: "<") {
                let display = t[..<open].trimmingCharacters(in: .whitespaces)
                let address = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
                guard isAddress(address), !display.contains("<"), !display.contains(">"),
                    display.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
                else { return nil }
                let unquoted =
                    display.count >= 2 && display.hasPrefix("\"") && display.hasSuffix("\"")
                    ? String(display.dropFirst().dropLast()) : display
                return Mailbox(display: unquoted.isEmpty ? nil : unquoted, address: address)
            }
            return isAddress(t) ? Mailbox(display: nil, address: t) : nil
        }

        /// `local@domain`: dot-atoms of RFC 5322's atext, the domain of
        /// letters, digits and hyphens (a single label such as `localhost`
        /// allowed).
        public static func isAddress(_ text: String) -> Bool {
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, text.utf8.count <= 254 else { return false }
            let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".utf8)
            let label = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".utf8)
            let local = parts[0].split(separator: ".", omittingEmptySubsequences: false)
            let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
            return parts[0].utf8.count <= 64 && local.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(atext.contains) }
                && domain.allSatisfy {
                    !$0.isEmpty && $0.utf8.count <= 63 && $0.utf8.allSatisfy(label.contains) && !$0.hasPrefix("-")
                        && !$0.hasSuffix("-")
                }
        }

        /// The domain of the address.
        var domain: String { String(address.split(separator: "@").last ?? "localhost") }
    }

    public static let defaultFrom = Mailbox(display: "Xpressions", address: "xpressions@localhost")

    /// The message. `session` (never written) makes the Message-ID differ
    /// between logins; the digest's time between digests.
    public static func render(_ digest: Digest, to: Mailbox, from: Mailbox = defaultFrom, session: String) -> String {
        let text = MIMEBody.normalised(DigestText.render(digest))
        let (encoding, body) = MIMEBody.encode(text)
        var headers = [
            MailHeader.unstructured("Date", MailHeader.date(digest.generatedAt, zone: digest.zone)),
            from.display.map { MailHeader.address("From", display: $0, address: from.address) }
                ?? "From: \(from.address)",
            to.display.map { MailHeader.address("To", display: $0, address: to.address) } ?? "To: \(to.address)",
            MailHeader.unstructured("Subject", digest.subject),
            "Message-ID: \(messageID(digest, session: session, domain: from.domain))",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: \(encoding)",
            "Auto-Submitted: auto-generated",
        ]
        headers.append("X-Xpressions-Digest-Since: \(Timestamp.format(digest.since))")
        return headers.joined(separator: "\n") + "\n\n" + body
    }

    /// `<xpressions-digest.20260318T104200Z.1f2e…@localhost>`: the time and
    /// a digest of the session and time (the session id is not written).
    static func messageID(_ digest: Digest, session: String, domain: String) -> String {
        let stamp = Timestamp.format(digest.generatedAt).replacingOccurrences(of: "-", with: "").replacingOccurrences(
            of: ":", with: "")
        let hash = Hex.encode(
            SHA256.hash(
                Array(
                    "\(session)\n\(Timestamp.format(digest.generatedAt))\n\(digest.children.map(\.ref.description))"
                        .utf8)
            ).prefix(8))
        return "<xpressions-digest.\(stamp).\(hash)@\(MailHeader.dotAtom(domain))>"
    }
}
