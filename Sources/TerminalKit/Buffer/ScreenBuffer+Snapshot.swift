/// Reading a buffer back as text: for snapshot tests, debugging and diffs.
extension ScreenBuffer {
    /// Each row as plain text: continuation cells skipped (a wide character appears
    /// once), trailing spaces trimmed, styles ignored.
    public func lines() -> [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation {
                line.append(self[x, y].character)
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The rows as one string, joined with newlines (see `lines()`).
    public var text: String { lines().joined(separator: "\n") }

    /// Text and styles, for style snapshots.
    ///
    /// Each row is printed as its text, then a line with one letter per column naming
    /// the cell's style (`.` for plain; both columns of a wide character carry its
    /// letter), trailing plain cells trimmed. A legend follows, one style per letter in
    /// order of first appearance:
    ///
    ///     Tab  Other
    ///     AAAA
    ///
    ///     A: fg=black bg=cyan bold
    public func styleSnapshot() -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var letterOf: [Style: Character] = [:]
        var legend: [String] = []
        var output: [String] = []
        let rows = lines()
        for y in 0..<size.height {
            var marks = ""
            var lastStyled = 0
            for x in 0..<size.width {
                let style = self[x, y].style
                if style == .plain {
                    marks.append(".")
                    continue
                }
                let letter: Character
                if let known = letterOf[style] {
                    letter = known
                } else {
                    letter = letterOf.count < letters.count ? letters[letterOf.count] : "?"
                    letterOf[style] = letter
                    legend.append("\(letter): \(style)")
                }
                marks.append(letter)
                lastStyled = x + 1
            }
            output.append(rows[y])
            output.append(String(marks.prefix(lastStyled)))
        }
        if !legend.isEmpty {
            output.append("")
            output.append(contentsOf: legend)
        }
        return output.joined(separator: "\n")
    }

    /// The cells that differ from `other` (every cell when the sizes differ), in row
    /// order: what a backend would have to repaint.
    public func differences(from other: ScreenBuffer) -> [Point] {
        var changed: [Point] = []
        for y in 0..<size.height {
            for x in 0..<size.width where other.size != size || other[x, y] != self[x, y] {
                changed.append(Point(x: x, y: y))
            }
        }
        return changed
    }
}
