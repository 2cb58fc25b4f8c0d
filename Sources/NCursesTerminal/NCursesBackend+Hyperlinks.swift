import Foundation
import TerminalKit

/// OSC 8 hyperlinks and OSC 52 clipboard writes, which ncurses knows nothing
/// of: written straight to the terminal after ncurses' refresh.
///
/// A hyperlink is an attribute the terminal gives to the characters printed
/// while it is open, so the link's cells are printed again, exactly as
/// ncurses printed them (the same characters and rendition), between an
/// OSC 8 opening and closing, after saving the cursor (DECSC, which also
/// saves the attributes) and before restoring it (DECRC): ncurses' idea of
/// the screen, the cursor and the current attributes stays true. A link is
/// re-sent only when its row may have been rewritten (the row changed, the
/// link is new, or the screen was repainted), so a frame without links, or
/// whose links stand still, costs nothing.
extension NCursesBackend {
    /// The bytes that re-send `buffer`'s links (empty when none need it).
    /// `previous` is the frame drawn before (nil: everything was repainted);
    /// `size` the terminal's.
    static func hyperlinkBytes(
        _ buffer: ScreenBuffer, previous: ScreenBuffer?, size: Size, colors: ColorSupport, defaultColors: Bool
    ) -> [UInt8] {
        var body: [UInt8] = []
        let rows = min(size.height, buffer.size.height)
        let columns = min(size.width, buffer.size.width)
        func rowChanged(_ y: Int) -> Bool {
            guard let previous, previous.size == buffer.size else { return true }
            for x in 0..<buffer.size.width where previous[x, y] != buffer[x, y] { return true }
            return false
        }
        var changed: [Int: Bool] = [:]
        for link in buffer.links where link.row < rows {
            let span = link.columns.clamped(to: 0..<columns)
            guard !span.isEmpty else { continue }
            let isNew = !(previous?.links.contains(link) ?? false)
            let rewritten = changed[link.row] ?? rowChanged(link.row)
            changed[link.row] = rewritten
            guard isNew || rewritten else { continue }
            // The bottom-right cell is never printed: it would scroll.
            let end = link.row == size.height - 1 ? min(span.upperBound, size.width - 1) : span.upperBound
            var start = span.lowerBound
            while start < end, buffer[start, link.row].isContinuation { start += 1 }
            guard start < end else { continue }
            body += Array("\u{1B}[\(link.row + 1);\(start + 1)H".utf8)
            body += Array("\u{1B}]8;id=\(linkID(link.url));\(uri(link.url))\u{1B}\\".utf8)
            var style: Style?
            var x = start
            while x < end {
                let cell = buffer[x, link.row]
                if cell.isContinuation {
                    x += 1
                    continue
                }
                if cell.style != style {
                    body += Array(sgr(cell.style, colors: colors, defaultColors: defaultColors).utf8)
                    style = cell.style
                }
                let encoded = terminalScalars(for: cell.character, width: cell.width)
                var text = String.UnicodeScalarView()
                for value in encoded.scalars { text.append(Unicode.Scalar(value) ?? "?") }
                body += Array(String(text).utf8) + [UInt8](repeating: 0x20, count: encoded.padding)
                x += max(1, cell.width)
            }
            body += Array("\u{1B}]8;;\u{1B}\\".utf8)
        }
        guard !body.isEmpty else { return [] }
        return [0x1B, 0x37] + body + [0x1B, 0x38]  // DECSC … DECRC
    }

    /// A URL as an OSC 8 URI: bytes outside printable ASCII (and spaces)
    /// percent-encoded, so nothing in it can end the sequence.
    static func uri(_ url: String) -> String {
        var out = ""
        for byte in url.utf8 {
            if byte > 0x20 && byte < 0x7F {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }

    /// A stable id per URL (FNV-1a), so a terminal highlights every row of a
    /// wrapped link together.
    static func linkID(_ url: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01B3
        }
        return "xp" + String(hash, radix: 16)
    }

    /// The SGR sequence for a style as ncurses renders it here (the same
    /// attributes, the same palette colors, the same stand-ins for the
    /// default colors when the terminal has none), starting from a reset.
    static func sgr(_ style: Style, colors: ColorSupport, defaultColors: Bool) -> String {
        var codes = ["0"]
        let attributeCodes: [(TextAttributes, String)] = [
            (.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.blink, "5"), (.reverse, "7"),
        ]
        for (attribute, code) in attributeCodes where style.attributes.contains(attribute) { codes.append(code) }
        if colors.hasColor {
            var foreground = style.foreground.paletteIndex(for: colors) ?? -1
            var background = style.background.paletteIndex(for: colors) ?? -1
            if !defaultColors {
                if foreground < 0 { foreground = 7 }
                if background < 0 { background = 0 }
            }
            if foreground >= 0 {
                codes.append(
                    foreground < 8
                        ? "\(30 + foreground)" : foreground < 16 ? "\(82 + foreground)" : "38;5;\(foreground)")
            }
            if background >= 0 {
                codes.append(
                    background < 8
                        ? "\(40 + background)" : background < 16 ? "\(92 + background)" : "48;5;\(background)")
            }
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// The OSC 52 sequence that puts `text` on the clipboard.
    static func clipboardBytes(_ text: String) -> [UInt8] {
        Array("\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{1B}\\".utf8)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
