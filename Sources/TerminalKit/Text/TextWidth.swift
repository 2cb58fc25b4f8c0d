/// Display width of text in terminal cells.
///
/// Deterministic and locale-independent: computed in Swift from Unicode tables
/// (`TextWidth+Tables.swift`, generated from Unicode 14.0), never from the C library's
/// `wcwidth`. The rules:
///
/// - control characters (C0, DEL, C1) are 0: they are never drawn (`ScreenBuffer`
///   skips them);
/// - combining and enclosing marks, format characters (ZWJ, ZWSP...), variation
///   selectors and conjoining Jamo are 0;
/// - East Asian Wide and Fullwidth characters (CJK, Hangul syllables, Hiragana,
///   Katakana, fullwidth forms) and emoji-presentation characters are 2;
/// - everything else is 1.
///
/// Text is measured per grapheme cluster (Swift's `Character`): a cluster is as wide as
/// its first scalar that has a width, and 2 when it asks for emoji presentation (contains
/// U+FE0F) — so "é" written as e + U+0301 is 1, a flag or a ZWJ family is 2.
/// Truncation, padding and wrapping live in `TextWidth+Layout.swift`.
public enum TextWidth {
    /// Cells taken by `text`.
    public static func of(_ text: String) -> Int {
        var total = 0
        for character in text {
            total += of(character)
        }
        return total
    }

    /// Cells taken by one grapheme cluster: 0, 1 or 2.
    /// A tab or a line break where one line is drawn (a subject, a name)
    /// takes one cell, as the space it is drawn as (``ScreenBuffer``): the
    /// words either side ran together ("tabin subject").
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue {
            if ascii == 0x09 || ascii == 0x0A || ascii == 0x0D { return 1 }
            return (ascii < 0x20 || ascii == 0x7F) ? 0 : 1
        }
        var width = 0
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F { return 2 }
            if width == 0 { width = of(scalar) }
        }
        return width
    }

    /// Cells taken by a single scalar on its own: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        if value < 0x300 { return 1 }
        if contains(zeroWidthRanges, value) { return 0 }
        if value >= 0x1100 && contains(wideRanges, value) { return 2 }
        return 1
    }

    /// Binary search of sorted, non-overlapping ranges, each given as its
    /// first and last value (`[first0, last0, first1, last1, ...]`).
    private static func contains(_ ranges: [UInt32], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count / 2 - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[2 * middle] {
                high = middle - 1
            } else if value > ranges[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
