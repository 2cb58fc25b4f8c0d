import Foundation

/// Names of the app's own for files it writes from a store's attachment: the
/// store's name (which may hold anything its rules allow, or worse in a
/// damaged copy) made into a plain file name that no program can take for
/// an option, a path or a command.
///
/// Letters and digits of any script, spaces and `.` `_` `-` `(` `)` `+` `,`
/// are kept; every other character (controls, `/`, `\`, quotes, `;`, `$`,
/// `` ` ``, `*`, `?`...) becomes `_`. Leading and trailing spaces, dots,
/// hyphens and underscores go, `..` becomes `.`, the name is cut to 100
/// characters and 200 bytes of UTF-8 (its extension kept; room is left
/// under the file system's 255 bytes for " (2)", which a second copy
/// adds: 84 CJK characters were 252 bytes, and could not be written), and
/// a name without the extension of its
/// media type gets one, so a viewer recognises the file. Nothing left gives
/// "attachment".
public enum SafeFileName {
    public static let limit = 100
    /// The most bytes (UTF-8) a made name takes.
    public static let byteLimit = 200

    public static func make(from name: String, extensions: [String] = []) -> String {
        var out = String.UnicodeScalarView()
        // Composed first (a Mac writes "école" as e and a combining accent,
        // which became "e_cole"); a mark left over stays with the letter
        // before it.
        var afterKept = false
        for scalar in name.precomposedStringWithCanonicalMapping.unicodeScalars {
            let mark: Bool
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: mark = true
            default: mark = false
            }
            let kept =
                (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || " ._-()+,".unicodeScalars.contains(scalar) || (mark && afterKept))
                && scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value)
            out.append(kept ? scalar : "_")
            afterKept = kept
        }
        var text = String(out)
        while text.contains("..") { text = text.replacingOccurrences(of: "..", with: ".") }
        while text.contains("__") { text = text.replacingOccurrences(of: "__", with: "_") }
        var (stem, ext) = split(text)
        if let wanted = extensions.first, !extensions.contains(ext.lowercased()) {
            stem = ext.isEmpty ? stem : "\(stem).\(ext)"
            ext = wanted
        }
        let trim: Set<Character> = [" ", ".", "-", "_"]
        stem = String(stem.drop { trim.contains($0) })
        let room = limit - (ext.isEmpty ? 0 : ext.count + 1)
        stem = String(stem.prefix(max(1, room)))
        let byteRoom = byteLimit - (ext.isEmpty ? 0 : ext.utf8.count + 1)
        while stem.utf8.count > byteRoom, !stem.isEmpty { stem.removeLast() }
        while let last = stem.last, trim.contains(last) { stem.removeLast() }
        if stem.isEmpty { stem = "attachment" }
        return ext.isEmpty ? stem : "\(stem).\(ext)"
    }

    /// "letter.pdf" as the `n`th of its name: "letter (2).pdf" (the first is the name itself).
    public static func numbered(_ name: String, _ n: Int) -> String {
        guard n > 1 else { return name }
        let (stem, ext) = split(name)
        return ext.isEmpty ? "\(stem) (\(n))" : "\(stem) (\(n)).\(ext)"
    }

    /// The name before its last dot, and the extension after it (empty when
    /// there is none, or it is longer than 10 characters or not alphanumeric).
    static func split(_ name: String) -> (stem: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        let ext = name[name.index(after: dot)...]
        guard !ext.isEmpty, ext.count <= 10, ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return (name, "")
        }
        return (String(name[..<dot]), String(ext))
    }
}
