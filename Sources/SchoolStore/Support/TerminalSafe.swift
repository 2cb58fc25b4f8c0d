/// Text made safe to print to a terminal: the store may be hostile, and a
/// name, a subject or an address holding an escape sequence would otherwise
/// reach a support engineer's terminal raw through `doctor`, `status`, the
/// digest or the school inbox (moving the cursor, retitling the window,
/// hiding a line). Control characters are shown in caret notation (`ESC`
/// as `^[`, DEL as `^?`), C1 controls as U+FFFD; line breaks and tabs stay.
/// The app's own screens never write control characters (the screen
/// buffer drops them), so this is for standard output.
public enum TerminalSafe {
    /// `text` with its control characters made visible; `text` itself (no
    /// copy) when it holds none, which is nearly always.
    public static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar) else {
                out.append(scalar)
                continue
            }
            switch scalar.value {
            case 0..<0x20:
                out.append("^")
                out.append(Unicode.Scalar(UInt8(scalar.value + 0x40)))
            case 0x7F:
                out.append(contentsOf: "^?".unicodeScalars)
            default:
                out.append("\u{FFFD}")
            }
        }
        return String(out)
    }

    /// `text` for one line (an error message): a line feed is `^J` too, and a
    /// tab a space.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) || $0 == "\n" || $0 == "\t" }) else { return text }
        return Self.text(text.replacingOccurrences(of: "\n", with: "^J").replacingOccurrences(of: "\t", with: " "))
    }

    /// A report's lines, one per line whatever they hold (a line break in a
    /// store value shows as `^J`, never as a line of its own that a
    /// hostile value could forge: "✓ read at …"), with a final line break.
    public static func report(_ lines: [String]) -> String {
        lines.map(line).joined(separator: "\n") + "\n"
    }

    /// A control character other than the line feed and the tab: C0, DEL
    /// and C1 (a carriage return too, which would let a value overwrite the
    /// start of its own line); and the bidirectional overrides, embeddings
    /// and isolates (U+202A–U+202E, U+2066–U+2069), which turn the rest of
    /// a line round (an attachment named `invoice\u{202E}fdp.sh` reversed
    /// validate's warning about it).
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v)
    }
}
