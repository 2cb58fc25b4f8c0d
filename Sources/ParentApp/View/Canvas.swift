import TerminalKit

/// A region of the screen buffer with the theme at hand: what every screen
/// draws into. Helpers here keep the screens short and consistent.
struct Canvas {
    var buffer: ScreenBuffer
    let theme: Theme

    init(size: Size, theme: Theme) {
        buffer = ScreenBuffer(size: size)
        self.theme = theme
    }

    init(buffer: ScreenBuffer, theme: Theme) {
        self.buffer = buffer
        self.theme = theme
    }

    /// Writes text clipped to `width`; returns the cells used.
    @discardableResult
    mutating func text(_ s: String, x: Int, y: Int, role: Role = .text, width: Int) -> Int {
        guard width > 0 else { return 0 }
        return buffer.put(
            TextWidth.truncate(s, toWidth: width), at: Point(x: x, y: y), style: theme.style(role), maxWidth: width)
    }

    /// Draws `parts` one after another on row `y`; text past `width` is cut,
    /// and the row then ends with "…" (never mid-word without a sign).
    @discardableResult
    mutating func spans(_ parts: [(String, Role)], x: Int, y: Int, width: Int) -> Int {
        var used = 0
        let total = parts.reduce(0) { $0 + TextWidth.of($1.0) }
        if total > width, width > 1 {
            // Cut the span that overflows with "…", in its own style.
            for (text, role) in parts where used < width {
                let room = width - used
                let shown = TextWidth.of(text) > room ? TextWidth.truncate(text, toWidth: room) : text
                used += buffer.put(shown, at: Point(x: x + used, y: y), style: theme.style(role), maxWidth: room)
            }
            return used
        }
        for (text, role) in parts where used < width {
            used += buffer.put(text, at: Point(x: x + used, y: y), style: theme.style(role), maxWidth: width - used)
        }
        return used
    }

    /// "3 more ↑↓" under a list that has rows below the ones shown, when
    /// there is room for it; true when drawn.
    @discardableResult
    mutating func more(_ count: Int, keys: String, x: Int, y: Int, width: Int, maxY: Int) -> Bool {
        guard count > 0, y < maxY else { return false }
        text("\(count) more \(keys)", x: x, y: y, role: .dim, width: width)
        return true
    }

    /// "1–17 of 22 ↓" at the right end of row `y` when a scrolled text has
    /// more lines (`total`) than the `height` it shows from line `top`,
    /// with the keys that scroll it (`up`, `down`: their names, shown only
    /// when that way has more); returns the cells left for the row's own
    /// text (all of `width` when everything shows).
    mutating func position(
        top: Int, height: Int, total: Int, up: String, down: String, x: Int, y: Int, width: Int
    ) -> Int {
        guard total > height, height > 0 else { return width }
        let keys = (top > 0 ? up : "") + (top < total - height ? down : "")
        let shown = "\(top + 1)–\(min(total, top + height)) of \(total) \(keys)"
        let w = min(width, shown.displayWidth)
        text(shown, x: x + width - w, y: y, role: .dim, width: w)
        return max(0, width - w - 1)
    }

    /// A text of paragraphs (lines), each word-wrapped, from row `y` down to
    /// `maxY`; returns the row after the last one drawn.
    @discardableResult
    mutating func paragraphs(_ text: String, x: Int, y: Int, width: Int, maxY: Int) -> Int {
        var y = y
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) where y < maxY {
            y += max(1, wrapped(String(paragraph), x: x, y: y, width: width, maxRows: maxY - y))
        }
        return y
    }

    /// Word-wrapped text from row `y`; returns the rows used (at most `maxRows`).
    @discardableResult
    mutating func wrapped(_ s: String, x: Int, y: Int, width: Int, maxRows: Int, role: Role = .text) -> Int {
        guard width > 0, maxRows > 0 else { return 0 }
        let paragraph = Paragraph(s, style: theme.style(role))
        let lines = paragraph.lines(width: width)
        guard lines.count > maxRows else {
            paragraph.render(in: Rect(x: x, y: y, width: width, height: maxRows), buffer: &buffer)
            return lines.count
        }
        // Cut short: the last row shown says so ("…"), as a cut row does
        // elsewhere, rather than stopping mid-sentence.
        for (i, line) in lines.prefix(maxRows).enumerated() {
            let shown = i == maxRows - 1 ? TextWidth.truncate(line + " " + lines[maxRows], toWidth: width) : line
            text(shown, x: x, y: y + i, role: role, width: width)
        }
        return maxRows
    }

    mutating func fill(_ rect: Rect, role: Role) { buffer.fill(rect, style: theme.style(role)) }

    /// A labelled one-line field: "Email    [text........]".
    mutating func field(_ label: String, _ field: TextField, x: Int, y: Int, labelWidth: Int, width: Int, focused: Bool)
    {
        text(label, x: x, y: y, role: focused ? .accent : .text, width: labelWidth)
        let area = Rect(x: x + labelWidth, y: y, width: max(0, width - labelWidth), height: 1)
        field.render(
            in: area, buffer: &buffer, style: theme.style(focused ? .fieldFocused : .field),
            placeholderStyle: theme.style(.dim), focused: focused, glyphs: theme.glyphs)
    }

    /// The body of a screen about one child when no child is shown (Home
    /// says why): a line, never a blank page.
    mutating func noChild(in area: Rect) {
        let home = Reducer.keymap.name(.section(1), in: [.app])
        _ = wrapped(
            "No child is shown for your account at the moment: \(home) Home says why.", x: area.x, y: area.y + 1,
            width: area.width, maxRows: 2, role: .dim)
    }

    /// The body of a screen of the parent's data before the model is loaded.
    mutating func loading(in area: Rect) {
        text("Loading your children's data…", x: area.x, y: area.y + 1, role: .dim, width: area.width)
    }
}
