/// Fitting text into a number of cells: truncation, padding and word wrapping.
/// None of these ever returns a line wider than asked or splits a grapheme cluster.
extension TextWidth {
    /// `text` cut to at most `width` cells, ending with `ellipsis` when anything was cut.
    ///
    /// Never splits a wide character: if the next one does not fit, the result is one
    /// cell shorter. When even the ellipsis does not fit, the text is cut without it.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let ellipsisWidth = of(ellipsis)
        let marker = ellipsisWidth <= width ? ellipsis : ""
        let room = width - (ellipsisWidth <= width ? ellipsisWidth : 0)
        return prefix(text, width: room).text + marker
    }

    /// The longest prefix of `text` at most `width` cells wide, and its width.
    public static func prefix(_ text: String, width: Int) -> (text: String, width: Int) {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let cells = of(text[index])
            if used + cells > width { break }
            used += cells
            end = text.index(after: index)
        }
        return (String(text[..<end]), used)
    }

    /// `text` followed (or preceded, or surrounded) by spaces up to `width` cells.
    /// Text already that wide or wider comes back unchanged.
    public static func pad(_ text: String, toWidth width: Int, alignment: TextAlignment = .left) -> String {
        let missing = width - of(text)
        guard missing > 0 else { return text }
        switch alignment {
        case .left:
            return text + String(repeating: " ", count: missing)
        case .right:
            return String(repeating: " ", count: missing) + text
        case .center:
            let before = missing / 2
            return String(repeating: " ", count: before) + text + String(repeating: " ", count: missing - before)
        }
    }

    /// `text` truncated and padded to exactly `width` cells.
    public static func fit(_ text: String, toWidth width: Int, alignment: TextAlignment = .left, ellipsis: String = "…")
        -> String
    {
        pad(truncate(text, toWidth: width, ellipsis: ellipsis), toWidth: width, alignment: alignment)
    }

    /// `text` broken into lines of at most `width` cells.
    ///
    /// Explicit newlines are kept (an empty line stays an empty line). Lines break at
    /// spaces, which are dropped at the break; spaces inside a line, including leading
    /// indentation, are kept; trailing spaces are dropped. Tabs count as one space. A word longer than the width is
    /// broken between grapheme clusters; a character wider than the whole width (a wide
    /// character when `width` is 1) becomes "…". Returns no lines when `width` < 1.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            wrapParagraph(String(paragraph.map { $0 == "\t" ? " " : $0 }), width: width, into: &lines)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: String, width: Int, into lines: inout [String]) {
        var line = ""
        var lineWidth = 0
        var pendingSpaces = 0
        var word = ""
        var wordWidth = 0
        let firstLine = lines.count

        func flushLine() {
            lines.append(line)
            line = ""
            lineWidth = 0
        }

        func placeWord() {
            guard !word.isEmpty else { return }
            if lineWidth > 0 || pendingSpaces > 0 {
                if lineWidth + pendingSpaces + wordWidth <= width {
                    line += String(repeating: " ", count: pendingSpaces) + word
                    lineWidth += pendingSpaces + wordWidth
                    word = ""
                    wordWidth = 0
                    pendingSpaces = 0
                    return
                }
                if lineWidth > 0 { flushLine() }
            }
            pendingSpaces = 0
            // The word starts a line: break it if it is longer than the width.
            for character in word {
                var cells = of(character)
                var piece = String(character)
                if cells > width {
                    piece = "…"
                    cells = 1
                }
                if lineWidth + cells > width { flushLine() }
                line += piece
                lineWidth += cells
            }
            word = ""
            wordWidth = 0
        }

        for character in paragraph {
            if character == " " {
                placeWord()
                pendingSpaces += 1
            } else {
                word.append(character)
                wordWidth += of(character)
            }
        }
        placeWord()
        if lineWidth > 0 || lines.count == firstLine {
            flushLine()
        }
    }
}
