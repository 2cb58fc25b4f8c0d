import CNCursesW
import TerminalKit

/// What actually goes to the terminal for a cell.
///
/// `TextWidth` decides how wide a cell is; ncurses (through the C library's `wcwidth`)
/// and the terminal decide for themselves, and for some clusters they disagree — emoji
/// with U+FE0F, ZWJ sequences, characters newer than the C library. A disagreement
/// shifts the rest of the line. So the backend sends only what every party measures
/// alike: the cluster's first scalar plus the combining marks that follow it (ZWJ,
/// variation selectors and anything after them dropped), and when the C library says
/// that scalar is narrower than the cell, pads with spaces; when it cannot measure it
/// (or says wider), a "?" is sent instead. The layout of the screen stays exact; a rare
/// emoji sequence shows as its first emoji.
extension NCursesBackend {
    static func terminalScalars(for character: Character, width: Int) -> (scalars: [UInt32], padding: Int) {
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return ([0x20], width - 1) }
        if base.isASCII, scalars.count == 1 { return ([base.value], width - 1) }
        var kept = [base.value]
        for scalar in scalars.dropFirst() {
            guard kept.count < 5, isCombiningMark(scalar) else { break }
            kept.append(scalar.value)
        }
        let measured = Int(xp_wcwidth(wchar_t(bitPattern: base.value)))
        if measured == width { return (kept, 0) }
        if measured >= 1 && measured < width { return (kept, width - measured) }
        return ([0x3F], width - 1)
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark:
            // Variation selectors are nonspacing marks too, but change presentation.
            return !(0xFE00...0xFE0F).contains(scalar.value) && !(0xE0100...0xE01EF).contains(scalar.value)
        default:
            return false
        }
    }
}
