/// An email address in the "proper" `ID@domain.tld` form the seeds require
/// (e.g. `jbloggs@gmail.com`, `jbloggs@school.sch.uk`); anything else is
/// ignored by the product, as Xpressions ignores it.
///
/// The form accepted, after trimming surrounding whitespace:
/// - exactly one `@`;
/// - a local part (the ID) of 1–64 ASCII characters from RFC 5322's "atext"
///   (letters, digits and ``!#$%&'*+/=?^_`{|}~-``) and dots, not starting
///   or ending with a dot and without two dots in a row; no spaces, no quotes;
/// - a domain of at least two dot-separated labels, each 1–63 ASCII letters,
///   digits or hyphens, not starting or ending with a hyphen;
/// - a top-level domain (the last label) of two or more letters only;
/// - at most 254 characters in all.
///
/// Quoted local parts, IP-address domains and internationalised (non-ASCII)
/// addresses are valid in RFC 5321 but not "proper" in the seeds' sense, and
/// are refused. Comparison uses ``normalised``: trimmed and lowercased (the
/// local part is case-sensitive in theory, never in practice).
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address trimmed and lowercased: the form to compare and to hash.
    public let normalised: String

    /// Accepts `text` if it is a proper address; nil otherwise.
    public init?(_ text: String) {
        guard EmailAddress.problem(text) == nil else { return nil }
        normalised = EmailAddress.normalise(text)
    }

    /// The normalised address.
    public var description: String { normalised }

    /// True when `text` (ignoring surrounding whitespace) is a proper address.
    public static func isValid(_ text: String) -> Bool { problem(text) == nil }

    /// `text` with surrounding whitespace removed and ASCII letters
    /// lowercased: the form used for comparison. Does not validate.
    /// The words of a held value that cannot be read as one address
    /// ("liz@example.com (home)", "a@x.com; b@y.com"), each normalised:
    /// the address a parent typed may be one of them.
    public static func normalisedWords(of held: String) -> [String] {
        // "/", "|" and "\\" run two addresses together too (the re-check
        // said "no longer holds" of one it held so).
        held.split(whereSeparator: { " ()<>,;/|\\".contains($0) }).map { normalise(String($0)) }
    }

    public static func normalise(_ text: String) -> String {
        String(decoding: trimmed(text).utf8.map(lowercased), as: UTF8.self)
    }

    /// Why `text` is not a proper `ID@domain.tld` address, in a short phrase
    /// for support tooling ("has no @", "has no top-level domain (.tld)"...);
    /// nil when it is valid.
    public static func problem(_ text: String) -> String? {
        let address = trimmed(text)
        if address.isEmpty { return "is empty" }
        if address.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { return "contains spaces" }
        if !address.unicodeScalars.allSatisfy(\.isASCII) {
            return "contains characters other than plain letters, digits and punctuation"
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count == 1 { return "has no @" }
        if parts.count > 2 { return "has more than one @" }
        let local = parts[0]
        let domain = parts[1]
        if local.isEmpty { return "has nothing before the @" }
        if domain.isEmpty { return "has no domain after the @" }
        if address.utf8.count > 254 { return "is longer than 254 characters" }
        if let problem = localPartProblem(local) { return problem }
        return domainProblem(domain)
    }

    private static func localPartProblem(_ local: Substring) -> String? {
        if local.utf8.count > 64 { return "has more than 64 characters before the @" }
        if local.first == "." || local.last == "." { return "starts or ends the part before the @ with a dot" }
        if local.contains("..") { return "has two dots in a row" }
        if let bad = local.unicodeScalars.first(where: { !isLocalCharacter($0) }) {
            return "contains \"\(bad)\" before the @, which is not allowed"
        }
        return nil
    }

    private static func domainProblem(_ domain: Substring) -> String? {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 { return "has no top-level domain (.tld) after the domain" }
        if labels.contains(where: \.isEmpty) {
            return "has an empty part in the domain (two dots in a row, or a dot at an end)"
        }
        for label in labels {
            if label.utf8.count > 63 { return "has a domain part longer than 63 characters" }
            if let bad = label.unicodeScalars.first(where: { !isDomainCharacter($0) }) {
                return "contains \"\(bad)\" in the domain, which is not allowed"
            }
            if label.first == "-" || label.last == "-" { return "has a domain part that starts or ends with a hyphen" }
        }
        let tld = labels[labels.count - 1]
        if tld.utf8.count < 2 || !tld.unicodeScalars.allSatisfy(isLetter) {
            return "has a top-level domain (\(tld)) that is not two or more letters"
        }
        return nil
    }

    /// An email as a person typed or pasted it (a parent logging in, a
    /// support engineer's `--email`), before anything else looks at it:
    /// what surrounds it unseen is removed, whitespace and invisible format
    /// and control characters (a zero-width space or a byte-order mark
    /// pasted from a web page or a PDF). Every use of a typed email starts
    /// here (the login's lookup, its attempt counters, the session's
    /// digest): two trims once let a zero-width space count attempts under
    /// a fresh key while the lookup still matched. What the school's records
    /// hold is not cleaned so: an invisible character there is the record's
    /// problem, for validate and audit to name.
    public static func typed(_ text: String) -> String {
        // Invisible format characters go wherever they are (a soft hyphen
        // or a zero-width space inside an address copied from a PDF): an
        // address is plain ASCII, so none is ever part of one.
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { $0.properties.generalCategory != .format })
        func unseen(_ s: Unicode.Scalar) -> Bool {
            s.properties.isWhitespace || s.properties.generalCategory == .control
        }
        guard let first = scalars.firstIndex(where: { !unseen($0) }),
            let last = scalars.lastIndex(where: { !unseen($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    private static func trimmed(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return Substring(scalars[first...last])
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isDomainCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }

    private static func isLocalCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || ("0"..."9").contains(scalar) || "!#$%&'*+/=?^_`{|}~-.".unicodeScalars.contains(scalar)
    }
}
