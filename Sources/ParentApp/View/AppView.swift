import Foundation
import ParentCore
import TerminalKit

/// Draws an `AppState`: the title bar, the section tabs, the current
/// screen, the status line and the key hints. Pure: the same state and size
/// always give the same cells, which the screen snapshot tests rely on.
enum AppView {
    /// Below this the app shows a notice instead of a cramped screen.
    static let minimumSize = Size(width: 40, height: 10)

    /// Where everything goes for a state: used to draw, and to find what a
    /// mouse click hit.
    struct Frame: Sendable, Equatable {
        var title: Rect
        var tabs: Rect?
        var body: Rect
        var status: Rect
        var footer: Rect
    }

    /// The body's area for laying a screen out in an update or a settle
    /// (80x24's when the terminal is too small to draw: nothing is drawn).
    static func body(for s: AppState) -> Rect { frame(for: s)?.body ?? Rect(x: 0, y: 0, width: 80, height: 20) }

    /// nil when the terminal is too small to use.
    static func frame(for s: AppState) -> Frame? {
        guard s.size.width >= minimumSize.width, s.size.height >= minimumSize.height else { return nil }
        var (top, rest) = Rect(size: s.size).splitTop(1)
        var tabs: Rect? = nil
        if s.unlocked && s.route.screen.showsSections {
            let (t, below) = rest.splitTop(1)
            tabs = t
            rest = below
        }
        let (body, bottom) = rest.splitBottom(2)
        let (status, footer) = bottom.splitTop(1)
        top.height = 1
        return Frame(title: top, tabs: tabs, body: body.inset(left: 1, right: 1), status: status, footer: footer)
    }

    static func render(_ s: AppState, theme: Theme) -> ScreenBuffer {
        var c = Canvas(size: s.size, theme: theme)
        guard let f = frame(for: s) else {
            tooSmall(s.size, &c)
            return c.buffer
        }
        // The screen first: the bars drawn over it clip anything it wrote outside its body.
        screen(s, in: f.body, &c)
        titleBar(s, in: f.title, &c)
        if let tabs = f.tabs { sectionTabs(s, in: tabs, &c) }
        statusLine(s, in: f.status, &c)
        keyHints(s, in: f.footer, &c)
        return c.buffer
    }

    static func tooSmall(_ size: Size, _ c: inout Canvas) {
        let lines = [
            "Terminal too small", "\(size.width)x\(size.height), need \(minimumSize.width)x\(minimumSize.height)",
            "Make it larger",
            // Said, as the reducer does nothing with keys here (the quit
            // keys aside): typing on behind the notice looked like being lost.
            "Keys are ignored", "\(Reducer.keymap.name(.quit, in: [.global], typing: true)) quits",
        ]
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            let w = min(size.width, line.displayWidth)
            c.text(line, x: max(0, (size.width - w) / 2), y: top + i, role: i == 0 ? .warning : .dim, width: size.width)
        }
    }

    static func titleBar(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        c.fill(area, role: .title)
        let title = " Xpressions \(c.theme.glyphs.horizontal) \(s.route.title)"
        // The first frame comes before the clock is read (and its time zone made).
        guard s.timeKnown else {
            _ = c.text(title, x: area.x, y: area.y, role: .title, width: area.width)
            return
        }
        let zone = s.displayZone
        let date = zone.civilDate(of: s.now)
        // An as-of view (--now) says so, with the year: support staff tell it
        // from the parent's own view at a glance.
        let clock =
            (s.settings.asOfView ? "As of " : "")
            + "\(CivilDate.weekdayShortNames[date.weekday - 1]) \(date.day) \(CivilDate.monthShortNames[date.month - 1])"
            + (s.settings.asOfView ? " \(date.year)" : "") + " \(zone.clockText(s.now)) "
        let right = min(clock.displayWidth, max(0, area.width - title.displayWidth - 1))
        c.text(title, x: area.x, y: area.y, role: .title, width: area.width - right)
        c.text(clock, x: area.maxX - right, y: area.y, role: .title, width: right)
    }

    /// "1 Home"…: each section's key as the keymap has it, and its screen's title.
    static let sectionTitles: [String] = ScreenRegistry.sections.enumerated().map { i, route in
        "\(Reducer.keymap.name(.section(i + 1), in: [.app])) \(route.title)"
    }

    static func sectionTabs(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        let sections = ScreenRegistry.sections
        let current = sections.firstIndex(of: s.stack.last { sections.contains($0) } ?? .home) ?? 0
        c.fill(area, role: .tabInactive)
        Tabs(
            sectionTitles, selected: current, style: c.theme.style(.tabInactive),
            selectedStyle: c.theme.style(.tabActive),
            separatorStyle: c.theme.style(.tabInactive), glyphs: c.theme.glyphs
        ).render(in: area, buffer: &c.buffer)
    }

    static func screen(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        s.route.screen.render(s, in: area, &c)
    }

    /// The status bar: a note while one lasts (a toast in its own colors),
    /// else how fresh the parent's data is (or the store's name before
    /// login). A note too long for one line takes up to three, drawn upwards
    /// over the bottom of the screen while it lasts (the screen's layout
    /// stays put), so a phone number at the end of a sentence is never cut
    /// off. During the tour its caption (wrapped, never cut) stays at the
    /// bottom, with a note above it.
    static func statusLine(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        var rows: [(text: Span, bar: Role)] = []
        if let note = s.note {
            let bar: Role = note.role == .toast ? .toast : .statusBar
            let style = note.role == .toast || note.role == .text ? Style.plain : c.theme.style(note.role)
            var lines = TextWidth.wrap(note.text, width: max(1, area.width - 2))
            if lines.count > maxNoteRows {
                lines = Array(lines.prefix(maxNoteRows - 1)) + [lines.dropFirst(maxNoteRows - 1).joined(separator: " ")]
            }
            for line in lines { rows.append((Span(" " + line, style: style), bar)) }
        }
        if let tour = s.tour {
            // The caption in full, over two lines when 80 columns need them:
            // the presenter reads every step as it was written.
            let caption = "Tour \(tour.index + 1)/\(tour.steps.count) · \(tour.step.caption)"
            for line in TextWidth.wrap(caption, width: max(1, area.width - 2)).prefix(maxNoteRows) {
                rows.append((Span(" " + line), .toast))
            }
        } else if rows.isEmpty {
            if s.unlocked, let trouble = troubleText(s, width: area.width - 2) {
                rows.append((Span(" " + trouble, style: c.theme.style(.warning)), .statusBar))
            } else {
                rows.append((Span(" " + (s.unlocked ? freshness(s) : s.store?.name ?? "")), .statusBar))
            }
        }
        let top = max(0, area.y - (rows.count - 1))
        for (i, row) in rows.enumerated() {
            let line = Rect(x: area.x, y: top + i, width: area.width, height: 1)
            StatusBar(left: [row.text], style: c.theme.style(row.bar), glyphs: c.theme.glyphs).render(
                in: line, buffer: &c.buffer)
        }
    }

    /// The most lines a note takes (the rest of a longer one is cut, with "…").
    static let maxNoteRows = 3

    /// How many rows of the body's bottom the status line covers now: a
    /// note or tour caption of more than one line is drawn upwards over it.
    static func statusRowsOverBody(_ s: AppState) -> Int {
        let width = max(1, s.size.width - 2)
        var rows = s.note.map { min(maxNoteRows, TextWidth.wrap($0.text, width: width).count) } ?? 0
        if let tour = s.tour {
            let caption = "Tour \(tour.index + 1)/\(tour.steps.count) · \(tour.step.caption)"
            rows += min(maxNoteRows, TextWidth.wrap(caption, width: width).count)
        }
        return max(0, rows - 1)
    }

    /// The banner while the school data is away or broken: what is wrong
    /// and since when, and that the parent sees what they had then.
    /// The longest wording that fits `width` columns (the banner stays on
    /// one line, so a long school name gets the shorter one, never a cut).
    static func troubleText(_ s: AppState, width: Int = .max) -> String? {
        guard let model = s.snapshot?.model else { return nil }
        func since(_ t: StoreTrouble) -> String { DateText.moment(t.since, now: s.now, zone: s.displayZone) }
        func fitting(_ wordings: [String]) -> String {
            wordings.first { $0.displayWidth <= width } ?? wordings[wordings.count - 1]
        }
        // What is shown is as of the last good sync, which may be well
        // before the trouble was seen: said so, never fresher than it is.
        // Nothing of it on the device (its model started again with the
        // data away) is said so: "showing your copy" of nothing, before.
        func had(_ at: Date?, holds: Bool = true) -> String {
            guard holds else { return "nothing of it on this device yet" }
            return at.map { "showing what you had at \(DateText.moment($0, now: s.now, zone: s.displayZone))" }
                ?? "showing your copy"
        }
        if let t = model.storeTrouble {
            let holds = !model.schools.isEmpty
            let named = t.kind == .invalid ? troubleFile(t).map { " (\($0))" } ?? "" : ""
            let copy = holds ? "showing your copy" : "nothing here yet"
            let what = t.kind == .unreachable ? "Can't reach the school data" : "The school data has a problem"
            // The oldest school's: never fresher than any of it is (a school
            // held at its last good data since 08:00 read "at 11:00", the
            // other school's time).
            let last = model.schools.compactMap(\.lastUpdated).min()
            // Down to what fits 40 columns with its time (it was cut at
            // "since 23:2…").
            let short = t.kind == .unreachable ? "School data unreachable" : "School data has a problem"
            return fitting([
                "\(what)\(named) since \(since(t)) — \(had(last, holds: holds))",
                "\(what) since \(since(t)) — \(had(last, holds: holds))",
                "\(what) since \(since(t)) — \(copy)",
                "\(what) since \(since(t))",
                "\(short) since \(since(t))",
                "\(t.kind == .unreachable ? "Unreachable" : "A problem") since \(since(t))",
            ])
        }
        let held = Set(model.schools.map(\.id))
        // A school the model holds nothing of yet (an as-of view's first
        // sync met its files broken) is said too, by the name the store
        // gave: it vanished without a word.
        let troubled =
            model.schools.compactMap { school in
                model.trouble(school: school.id).map { (school.name, $0, school.lastUpdated, true) }
            }
            + model.schoolTroubles.keys.sorted().filter { !held.contains($0) }.map { id in
                (model.schoolTroubles[id]!.schoolName ?? id, model.schoolTroubles[id]!, nil as Date?, false)
            }
        guard let (name, t, last, holds) = troubled.first else { return nil }
        let copy = holds ? "showing your copy" : "nothing here yet"
        let what = t.kind == .unreachable ? "can't be reached" : "has a problem"
        let short = t.kind == .unreachable ? "unreachable" : "a problem"
        let others = troubled.count - 1
        let more = others > 0 ? " (and \(others) more school\(others == 1 ? "" : "s"))" : ""
        // Shorter and shorter, in words ("+1" read as nothing a parent
        // knows), down to what fits 40 columns whole (the time was cut).
        let andMore = others > 0 ? " and \(others) more" : ""
        // A name too long for the line is cut ("Saint Thomas More Roman…")
        // before the time or the school goes (a 62-character name lost
        // the time, a 107-character one the school).
        let rest = "\(andMore): \(short) since \(since(t))"
        let room = width - rest.displayWidth
        let cut = room >= 12 && name.displayWidth > room ? [TextWidth.truncate(name, toWidth: room) + rest] : []
        // The file, where there is room: what is wrong, for whoever phones
        // the school (the banner said only "has a problem").
        let file = t.kind == .invalid ? troubleFile(t).map { " (\($0))" } ?? "" : ""
        return fitting(
            [
                "\(name)'s data \(what)\(file) since \(since(t))\(more) — \(had(last, holds: holds))",
                // The file before the time of the copy: what is wrong first.
                "\(name)'s data \(what)\(file) since \(since(t))\(more) — \(copy)",
                "\(name)'s data \(what) since \(since(t))\(more) — \(had(last, holds: holds))",
                "\(name)'s data \(what) since \(since(t))\(more) — \(copy)",
                "\(name)\(andMore): \(short) since \(since(t)) — \(copy)",
                "\(name)\(andMore): \(short) since \(since(t))",
            ] + cut + (others > 0 ? ["\(troubled.count) schools: \(short) since \(since(t))"] : []) + [
                "\(name): \(short)",
                "\(short.prefix(1).uppercased() + short.dropFirst()) since \(since(t))",
            ])
    }

    /// The file a trouble names, as the parent might read it to the school:
    /// within the school's folder ("students.json", "messages/2025-26/group-7A.json").
    static func troubleFile(_ t: StoreTrouble) -> String? {
        guard let file = t.file, !file.isEmpty else { return nil }
        let parts = file.split(separator: "/")
        if parts.count > 2, parts[0] == "schools" { return parts.dropFirst(2).joined(separator: "/") }
        return file
    }

    /// "Updated 5 min ago", "Syncing…"
    static func freshness(_ s: AppState) -> String {
        if s.syncing { return "Syncing… " + (s.syncActivity ?? "") }
        guard let last = s.lastSync?.finishedAt else { return "Not yet updated" }
        return "Updated " + ago(last, now: s.now)
    }

    static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 60 { return "just now" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes) min ago" }
        let hours = minutes / 60
        if hours < 48 { return "\(hours) hour\(hours == 1 ? "" : "s") ago" }
        return "\(hours / 24) days ago"
    }

    static func keyHints(_ s: AppState, in area: Rect, _ c: inout Canvas) {
        c.fill(area, role: .text)
        if let tour = s.tour, Reducer.tourTakesKeys(s) {
            let hints = Reducer.keymap.hints(for: [.tour]).enumerated().map { i, hint in
                i == 0 && tour.isLast ? KeyHints.Hint(hint.key, "End the tour") : hint
            }
            KeyHints(
                hints, keyStyle: c.theme.style(.keyName),
                labelStyle: c.theme.style(.keyLabel)
            )
            .render(in: area.inset(left: 1), buffer: &c.buffer)
            return
        }
        let hints = Reducer.keymap.hints(for: Reducer.chain(s), editing: s.route.screen.isEditing(s)) {
            Reducer.isOffered($0, s)
        }
        // Help stays on screen however many keys the screen offers.
        KeyHints(
            hints, keyStyle: c.theme.style(.keyName), labelStyle: c.theme.style(.keyLabel),
            keepsLast: hints.last?.label == Reducer.helpLabel
        )
        .render(in: area.inset(left: 1), buffer: &c.buffer)
    }
}
