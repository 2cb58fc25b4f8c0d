import Foundation
import TerminalKit
import TestSupport
import Testing

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// The reader's attachments (a list: `a`/`A` select, Enter opens, `s`
/// saves), links in messages and school details (found, marked, listed by
/// `u`), and copying (`y`), key by key; the link picker and the reader with
/// attachments as snapshots; the runner's opener and clipboard messages.
@Suite struct AttachmentsAndLinksTests {
    static let interview = MessageRef(school: "green-abbey", id: "GA-DEMO-2")

    @discardableResult
    func press(_ keys: Key..., on s: inout AppState) -> [Effect] {
        keys.flatMap { Reducer.reduce(&s, .key($0)) }
    }

    func reader(size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = ScreenFixture.state(.home, size: size)
        _ = MessageScreen.open(Self.interview, &s)
        return s
    }

    // MARK: - School details from hostile or sloppy records

    /// The school's website and email come from its records: only web
    /// addresses and plain email addresses are opened (an audit had
    /// `javascript:`, `file:` and `mailto:…?attach=` handed to $BROWSER).
    @Test func aSchoolsWebsiteAndEmailOpenOnlyAsWebAndPlainEmailAddresses() throws {
        var school = try #require(ScreenFixture.state(.school).snapshot?.schools.first)
        func actions(website: String, email: String) -> [SchoolScreen.EntryAction] {
            school.website = website
            school.email = email
            return SchoolScreen.entries(for: school).filter { ["Email", "Website"].contains($0.label) }.map(\.action)
        }
        #expect(
            actions(website: "https://greenabbey.example.sch.uk", email: "office@greenabbey.example.sch.uk") == [
                .url("mailto:office@greenabbey.example.sch.uk"), .url("https://greenabbey.example.sch.uk"),
            ])
        // Bare addresses, as MIS data often holds them, open as https.
        #expect(
            actions(website: "www.greenabbey.example.sch.uk", email: "office@x.example")[1]
                == .url("https://www.greenabbey.example.sch.uk"))
        #expect(
            actions(website: "greenabbey.example.sch.uk", email: "")[1] == .url("https://greenabbey.example.sch.uk"))
        for hostile in [
            "javascript:alert(1)", "file:///etc/passwd", "smb://evil.example/share/x.desktop", "Ask the office",
        ] {
            #expect(actions(website: hostile, email: "office@x.example")[1] == .none, "\(hostile)")
            school.website = hostile
            #expect(!SchoolScreen.links(for: school).contains { $0.url.contains(hostile) }, "\(hostile) in the links")
        }
        let attach = "office@greenabbey.example.sch.uk?attach=/home/user/.ssh/id_rsa"
        #expect(actions(website: "", email: attach)[0] == .none)
        school.email = attach
        #expect(!SchoolScreen.links(for: school).contains { $0.url.contains("attach") })
        // Enter on such an entry says why it is not opened.
        let entry = SchoolScreen.Entry(label: "Website", value: "javascript:alert(1)", action: .none)
        #expect(SchoolScreen.unopenable(entry) == "Not a web address: shown as the school holds it, not opened.")
        // And whatever asks, the runner hands only these to an opener.
        #expect(EffectRunner.opensSafely("https://a.example/x?y=1") && EffectRunner.opensSafely("mailto:a@b.example"))
        for url in ["javascript:alert(1)", "file:///etc/passwd", "mailto:a@b.example?attach=/etc/passwd", "smb://x/y"] {
            #expect(!EffectRunner.opensSafely(url), "\(url)")
        }
    }

    // MARK: - Attachments in the reader

    @Test func aAndShiftASelectTheAttachmentAndBringItIntoView() {
        var s = reader(size: Size(width: 80, height: 14))
        #expect(s.message.attachment == 0 && s.message.scroll == 0)
        #expect(!ScreenFixture.render(s).contains("library-map.png"), "below the first screenful at 14 rows")
        press(.char("a"), on: &s)
        #expect(s.message.attachment == 1)
        let screen = ScreenFixture.render(s)
        #expect(screen.contains("▸ library-map.png  18 KB  PNG image"))
        #expect(screen.contains("  options-interview-letter.pdf") || !screen.contains("options-interview-letter.pdf"))
        press(.char("a"), on: &s)
        #expect(s.message.attachment == 0, "wraps round")
        press(.char("A"), on: &s)
        #expect(s.message.attachment == 1)
        // J/K, Space and r still work with an attachment selected.
        #expect(Reducer.isEnabled(.reply, s))
        press(.char("r"), on: &s)
        #expect(s.route.shows(ComposeScreen.self))
    }

    /// J and K show the next message with its first attachment selected,
    /// as opening it from the list does (the one selected in the message
    /// left behind stayed selected: an audit's Enter would have opened an
    /// attachment the parent never picked). At 80 columns the footer
    /// offers J beside the attachment's Enter (it had room for neither J,
    /// K nor Tab).
    @Test func jAndKStartTheNextMessageOnItsFirstAttachment() {
        var s = reader()
        press(.char("a"), on: &s)
        #expect(s.message.attachment == 1)
        let footer = ScreenFixture.render(s).split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("Enter Open attachment") && footer.contains("J Next message"), "\(footer)")
        press(.char("J"), on: &s)
        #expect(s.message.ref != Self.interview && s.message.attachment == 0)
        press(.char("K"), on: &s)
        #expect(s.message.ref == Self.interview && s.message.attachment == 0)
        #expect(press(.enter, on: &s) == [.openAttachment(Self.interview, index: 0)])
    }

    /// The reader's lines are laid out once a minute at most while nothing
    /// changes: the idle tick (ten a second) made a new key from the whole
    /// `now` and laid the message out again each time (a code audit).
    @Test func theReaderIsNotLaidOutAgainAtEveryTick() {
        var s = reader()
        let key = MessageScreen.linesKey(s, ref: Self.interview, width: 78, glyphs: .unicode)
        s.now = s.now.addingTimeInterval(0.1)
        #expect(MessageScreen.linesKey(s, ref: Self.interview, width: 78, glyphs: .unicode) == key)
        s.now = s.now.addingTimeInterval(60)
        #expect(MessageScreen.linesKey(s, ref: Self.interview, width: 78, glyphs: .unicode) != key)
    }

    /// Help's lines are worked out once per change and kept: the idle tick
    /// finds them (the update, every tick once scrolled, and the render each
    /// worked them out again: a code audit).
    @Test func helpsLinesAreWorkedOutOncePerChange() {
        var s = reader()
        HelpScreen.toggle(&s)
        s.route.screen.settle(&s)
        let width = AppView.frame(for: s)!.body.width
        #expect(s.help.lines.value(for: HelpScreen.linesKey(s, width: width)) != nil)
        s.now = s.now.addingTimeInterval(0.1)
        #expect(s.help.lines.value(for: HelpScreen.linesKey(s, width: width)) != nil, "a tick keeps them")
    }

    @Test func enterOpensAndSSavesTheSelectedAttachment() {
        var s = reader()
        #expect(press(.enter, on: &s) == [.openAttachment(Self.interview, index: 0)])
        // Said at once, before the opener starts (a second Enter opened a second copy).
        #expect(s.note?.text == "Opening options-interview-letter.pdf…")
        // One at a time: Enter or s again while it opens does nothing (a
        // big file's copy took seconds, and each press opened another copy).
        #expect(press(.enter, .char("s"), on: &s).isEmpty)
        #expect(s.note?.text == "Opening options-interview-letter.pdf… Wait for it to finish.")
        _ = Reducer.reduce(&s, .attachmentFinished)
        press(.char("a"), on: &s)
        #expect(press(.char("s"), on: &s) == [.saveAttachment(Self.interview, index: 1)])
        #expect(s.note?.text == "Saving library-map.png…")
        _ = Reducer.reduce(&s, .attachmentFinished)
        #expect(press(.enter, on: &s) == [.openAttachment(Self.interview, index: 1)])
        #expect(s.route.shows(MessageScreen.self))
        // The footer offers Enter only where there is something to open.
        let hints = Reducer.keymap.hints(for: Reducer.chain(s), enabled: { Reducer.isEnabled($0, s) }).map(\.label)
        #expect(hints.contains("Open attachment"))
        var plain = ScreenFixture.state(.home)
        let homework = MessageRef(school: "green-abbey", id: "GA-DEMO-3")
        _ = MessageScreen.open(homework, &plain)
        #expect(plain.snapshot!.model.message(homework)!.attachments.isEmpty)
        #expect(press(.enter, .char("s"), .char("a"), on: &plain).isEmpty)
        // u is offered only on a message with links (it said "no links").
        let hasLinks = !MessageScreen.links(plain.snapshot!.model.message(homework)!).isEmpty
        #expect(
            Reducer.keymap.hints(for: Reducer.chain(plain), enabled: { Reducer.isOffered($0, plain) }).map(\.label)
                .contains("Links") == hasLinks)
        #expect(
            !Reducer.keymap.hints(for: Reducer.chain(plain), enabled: { Reducer.isEnabled($0, plain) }).map(\.label)
                .contains("Open attachment"))
    }

    @Test func aClickSelectsAnAttachmentAndASecondOpensIt() {
        var s = reader(size: Size(width: 120, height: 40))
        let rows = AppView.render(s, theme: Theme(color: true)).lines()
        let y = rows.firstIndex { $0.contains("library-map.png") }!
        let click = Key.mouse(MouseEvent(.press(.left), at: Point(x: 10, y: y)))
        #expect(press(click, on: &s).isEmpty && s.message.attachment == 1)
        #expect(press(click, on: &s) == [.openAttachment(Self.interview, index: 1)])
        _ = Reducer.reduce(&s, .attachmentFinished)
        let text = Key.mouse(MouseEvent(.press(.left), at: Point(x: 10, y: y - 6)))
        #expect(
            press(text, on: &s).isEmpty && s.message.attachment == 1, "a click elsewhere in the message does nothing")
    }

    @Test func aNewMessageStartsWithItsFirstAttachment() {
        var s = reader()
        press(.char("a"), on: &s)
        press(.char("J"), on: &s)
        press(.char("K"), on: &s)
        #expect(s.message.ref == Self.interview)
        #expect(s.message.attachment == 0 || s.message.attachment == 1)
        var fresh = reader()
        press(.char("a"), on: &fresh)
        _ = MessageScreen.open(Self.interview, &fresh)
        #expect(fresh.message.attachment == 0)
    }

    // MARK: - Links

    @Test func linksAreFoundAsUrlscanFindsThem() {
        let text =
            "See https://a.example/x. Or (https://b.example/wiki/Foo_(bar)), www.c.example/path, "
            + "mail Office@School.example.sch.uk; not www.nodot or xwww.d.example, http://e.example:8080/?q=1&r=2#top! "
            + "zoe.o'brien@e.example and https://f.example/a@b.example."
        let found = LinkFinder.links(in: text).map(\.url)
        #expect(
            found == [
                "https://a.example/x", "https://b.example/wiki/Foo_(bar)", "https://www.c.example/path",
                "mailto:Office@School.example.sch.uk",
                "http://e.example:8080/?q=1&r=2#top", "mailto:zoe.o'brien@e.example", "https://f.example/a@b.example",
            ])
        #expect(LinkFinder.links(in: "a@b, @c.example, x@y.z, http://, https:///path").isEmpty)
        // What the picker shows is what the opener gets: an invisible
        // override is written out, never handed over hidden.
        #expect(
            LinkFinder.links(in: "See https://x.example.com/\u{202E}gnp.exe now").map(\.url) == [
                "https://x.example.com/%E2%80%AEgnp.exe"
            ])
        // An address for a host (an auditor's were neither shown nor offered).
        #expect(
            LinkFinder.links(in: "C http://192.168.0.1/z D https://10.0.0.1:8443/w F https://[::1]/v").map(\.url) == [
                "http://192.168.0.1/z", "https://10.0.0.1:8443/w", "https://[::1]/v",
            ])
        #expect(LinkFinder.links(in: "http://1.2.3/x http://300.1.1.1/ http://1.2.3.4.5/").isEmpty)
    }

    @Test func wrappedLinksKeepTheirColumnsOnEveryLine() {
        let lines = LinkFinder.wrap(
            "Go to https://example.org/a/very/long/path/indeed now, or mail a@b.example", width: 20)
        #expect(
            lines.map(\.text) == [
                "Go to", "https://example.org/", "a/very/long/path/ind", "eed now, or mail", "a@b.example",
            ])
        #expect(
            lines.map(\.links) == [
                [],
                [LinkFinder.Span(columns: 0..<20, url: "https://example.org/a/very/long/path/indeed")],
                [LinkFinder.Span(columns: 0..<20, url: "https://example.org/a/very/long/path/indeed")],
                [LinkFinder.Span(columns: 0..<3, url: "https://example.org/a/very/long/path/indeed")],
                [LinkFinder.Span(columns: 0..<11, url: "mailto:a@b.example")],
            ])
        let wide = LinkFinder.wrap("日本 https://例え.jp/ü end", width: 40)
        #expect(wide[0].links == [LinkFinder.Span(columns: 5..<22, url: "https://例え.jp/ü")])
    }

    @Test func theReaderMarksItsLinksAndTheTimelineHasNone() {
        let s = reader(size: Size(width: 120, height: 40))
        let buffer = AppView.render(s, theme: Theme(color: true))
        let rows = buffer.lines()
        #expect(
            buffer.links.map(\.url) == [
                "https://greenabbey.example.sch.uk/options", "https://www.greenabbey.example.sch.uk/options/videos",
                "mailto:options@greenabbey.example.sch.uk",
            ])
        for link in buffer.links {
            let row = Array(rows[link.row])
            let text = String(row[link.columns])
            #expect(link.url.hasSuffix(text) || link.url == "mailto:" + text, "\(text) is the link's own text")
            #expect(buffer[link.columns.lowerBound, link.row].style == Theme(color: true).style(.link))
        }
        #expect(AppView.render(ScreenFixture.state(.timeline), theme: Theme(color: true)).links.isEmpty)
        #expect(AppView.render(ScreenFixture.state(.home), theme: Theme(color: true)).links.isEmpty)
    }

    @Test func uListsTheLinksEnterOpensYCopiesEscGoesBack() {
        var s = reader()
        #expect(press(.char("u"), on: &s).isEmpty)
        #expect(s.route == .links)
        #expect(
            s.links.links.map(\.text) == [
                "https://greenabbey.example.sch.uk/options", "www.greenabbey.example.sch.uk/options/videos",
                "options@greenabbey.example.sch.uk",
            ])
        #expect(press(.enter, on: &s) == [.openURL("https://greenabbey.example.sch.uk/options")])
        press(.char("j"), on: &s)
        #expect(press(.enter, on: &s) == [.openURL("https://www.greenabbey.example.sch.uk/options/videos")])
        #expect(
            press(.char("y"), on: &s) == [
                .copy("https://www.greenabbey.example.sch.uk/options/videos", what: "the link")
            ])
        press(.char("G"), on: &s)
        #expect(press(.enter, on: &s) == [.openURL("mailto:options@greenabbey.example.sch.uk")])
        #expect(press(.char("y"), on: &s) == [.copy("options@greenabbey.example.sch.uk", what: "the email address")])
        press(.char("j"), on: &s)
        #expect(s.links.list.selected == 2, "stays on the last")
        press(.escape, on: &s)
        #expect(s.route.shows(MessageScreen.self) && s.message.ref == Self.interview)
        // A translated message lists its translation notice.
        var t = ScreenFixture.state(.home)
        let translated = t.snapshot!.model.timeline().first { $0.isTranslated }!.ref
        _ = MessageScreen.open(translated, &t)
        press(.char("u"), on: &t)
        #expect(t.links.links.map(\.url) == [t.snapshot!.model.message(translated)!.translationWarningLink!])
        // A message without links offers no picker, and says so.
        var plain = ScreenFixture.state(.home)
        _ = MessageScreen.open(MessageRef(school: "green-abbey", id: "GA-DEMO-3"), &plain)
        #expect(press(.char("u"), on: &plain).isEmpty && plain.route.shows(MessageScreen.self))
        #expect(plain.note?.text == "This message has no links.")
    }

    @Test func theLinkPickerTakesClicks() {
        var s = reader()
        press(.char("u"), on: &s)
        let body = AppView.frame(for: s)!.body
        let (first, _) = LinksScreen.listRows(in: body, s)
        let click = { (y: Int) in Key.mouse(MouseEvent(.press(.left), at: Point(x: body.x + 6, y: y))) }
        #expect(press(click(first + 1), on: &s).isEmpty && s.links.list.selected == 1)
        #expect(press(click(first + 1), on: &s) == [.openURL("https://www.greenabbey.example.sch.uk/options/videos")])
    }

    /// The selected link's whole address shows under the list, however
    /// long: a 280-character consent form link lost its end after three
    /// rows, with rows to spare (an audit).
    @Test func theLinkPickerShowsALongAddressWhole() {
        var s = reader()
        let token = String(repeating: "abcdef0123", count: 22)
        let url = "https://forms.example.com/consent?student=GA-BEN&form=trip&token=\(token)&end=1"
        LinksScreen.show(
            title: "Consent", links: [LinkFinder.Found(text: url, url: url, range: 0..<url.count)], &s)
        let screen = ScreenFixture.render(s, color: false)
        let flat = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        #expect(flat.contains(url), "\(screen)")
        #expect(screen.contains("Enter opens the link"), "the keys are still said")
    }

    /// A link with invisible characters (a zero-width joiner, which the
    /// terminal draws as nothing, in "www.exam\u{200D}ple.org") says so in
    /// its row, and the line under the list shows where it really goes.
    @Test func aLinkWithHiddenCharactersSaysSo() {
        var s = reader()
        let links = LinkFinder.links(in: "See www.exam\u{200D}ple.org/z and https://plain.example/")
        #expect(links.count == 2)
        LinksScreen.show(title: "Trip", links: links, &s)
        let screen = ScreenFixture.render(s, color: false)
        let rows = screen.split(separator: "\n")
        #expect(rows.contains { $0.contains("1  ") && $0.contains("hidden characters") }, "\(screen)")
        #expect(!rows.contains { $0.contains("2  https://plain.example/") && $0.contains("hidden") }, "\(screen)")
        #expect(screen.contains("%E2%80%8D"), "the address as it opens, under the list")
    }

    // MARK: - Copy

    @Test func yCopiesTheMessageOrTheSchoolsDetail() {
        var s = reader()
        let effects = press(.char("y"), on: &s)
        guard case .copy(let text, let what)? = effects.first, effects.count == 1 else {
            Issue.record("y gave \(effects)")
            return
        }
        #expect(what == "the message")
        #expect(
            text.hasPrefix("Ben's Year 9 options interview\nFrom: Mrs Okafor (Head of Year 9), Green Abbey School\n"))
        #expect(text.contains("Ben's options interview is booked for Tuesday 24 March"))
        #expect(text.hasSuffix("Attachments: options-interview-letter.pdf, library-map.png\n"))
        var school = ScreenFixture.state(.school)
        press(.char("j"), .char("j"), on: &school)
        #expect(press(.char("y"), on: &school) == [.copy("01632 960344", what: "the phone number")])
        press(.char("j"), on: &school)
        #expect(
            press(.char("y"), on: &school) == [.copy("office@greenabbey.example.sch.uk", what: "the email address")])
        #expect(press(.enter, on: &school) == [.openURL("mailto:office@greenabbey.example.sch.uk")])
        press(.char("u"), on: &school)
        #expect(
            school.links.links.map(\.url) == [
                "mailto:office@greenabbey.example.sch.uk", "https://greenabbey.example.sch.uk/parentinformation",
            ])
        #expect(school.links.title == "Green Abbey School")
        let page = AppView.render(ScreenFixture.state(.school), theme: Theme(color: true))
        #expect(
            page.links.map(\.url) == [
                "mailto:office@greenabbey.example.sch.uk", "https://greenabbey.example.sch.uk/parentinformation",
            ])
    }

    // MARK: - The calendar tab

    /// `e` saves the calendar only on More's calendar tab, for the child shown.
    @Test func eOnTheCalendarTabSavesTheChildsCalendar() throws {
        var s = ScreenFixture.state(.more)
        #expect(press(.char("e"), on: &s).isEmpty, "not on the timetable tab")
        while MoreState.tabs[s.more.tab] != .calendar { press(.char("]"), on: &s) }
        let shown = try #require(MoreScreen.selectedChild(s))
        #expect(press(.char("e"), on: &s) == [.exportCalendar(shown.ref)])
        #expect(
            Reducer.keymap.hints(for: Reducer.chain(s), editing: false) { Reducer.isEnabled($0, s) }.contains {
                $0.key == "e"
            })
        press(.char("c"), on: &s)
        let next = try #require(MoreScreen.selectedChild(s))
        #expect(next.ref != shown.ref)
        #expect(press(.char("e"), on: &s) == [.exportCalendar(next.ref)])
    }

    // MARK: - Snapshots

    @Test func snapshots() {
        for (label, size) in ScreenSnapshotTests.sizes {
            var s = reader(size: size)
            press(.char("a"), on: &s)
            assertSnapshot(ScreenFixture.render(s), named: "reader-attachments-\(label)")
            press(.char("u"), on: &s)
            assertSnapshot(ScreenFixture.render(s), named: "links-\(label)")
        }
        var school = ScreenFixture.state(.school)
        press(.char("u"), on: &school)
        assertSnapshot(ScreenFixture.render(school), named: "links-school-80x24")
        var monochrome = reader()
        press(.char("G"), on: &monochrome)
        assertSnapshot(
            AppView.render(monochrome, theme: Theme(color: false)).styleSnapshot(), named: "reader-attachments-styles")
    }

    // MARK: - The runner: opener, notices and the clipboard

    func runner(_ environment: [String: String], dir: TestDirectory) -> EffectRunner {
        EffectRunner(
            environment: AppEnvironment(
                storeRoot: dir.file("store"), dataDirectory: dir.file("data"), clock: ManualClock(ScreenFixture.now),
                files: PosixFileLayer(), processEnvironment: environment), inbox: ActionInbox())
    }

    func notices(_ runner: EffectRunner) -> [String] {
        runner.settle()
        return runner.inbox.drain().compactMap {
            switch $0 {
            case .notice(let text), .failed(let text): return text
            default: return nil
            }
        }
    }

    @Test func linksOpenThroughTheOpenerAndAMissingOpenerIsToldOnce() throws {
        try withTestDirectory { dir in
            let bin = dir.file("bin")
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            try Data("#!/bin/sh\nexit 0\n".utf8).write(to: URL(fileURLWithPath: "\(bin)/browser"))
            chmod("\(bin)/browser", 0o755)
            let backend = MemoryBackend()
            let withBrowser = runner(["PATH": bin, "BROWSER": "browser"], dir: dir)
            withBrowser.perform([.openURL("https://a.example/x")], backend: backend)
            #expect(notices(withBrowser) == ["Opened https://a.example/x"])

            let without = runner(["PATH": dir.file("nothing"), "MAILCAPS": dir.file("none")], dir: dir)
            without.perform([.openURL("https://a.example")], backend: backend)
            // A link's notice speaks of links (it spoke of saving attachments).
            #expect(notices(without) == [EffectRunner.linkOpenerMissingNotice])
            #expect(
                EffectRunner.linkOpenerMissingNotice.hasSuffix(
                    " y copies a selected link (or School's detail) instead."))
            #expect(EffectRunner.openerMissingNotice.hasSuffix(" s saves an attachment instead."))
            without.perform([.openURL("https://b.example")], backend: backend)
            #expect(notices(without) == ["No opener for https://b.example: y copies it where it is selected."])
            // It fits the status lines at 80 columns (it was once cut off before the save key).
            #expect(TextWidth.wrap(EffectRunner.openerMissingNotice, width: 78).count <= AppView.maxNoteRows)
            #expect(backend.frames.isEmpty, "nothing was drawn over the app")
        }
    }

    /// An attachment with nothing to open it: the full notice once (how to
    /// get an opener, and s to save instead), then a few words naming the
    /// file; nothing drawn over the app, no copy left behind to open.
    @Test func anAttachmentWithNoOpenerIsToldOnceThenBriefly() throws {
        try withTestDirectory { dir in
            let runtime = dir.file("runtime")
            try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
            let (runner, backend) = try Self.lizRunner(
                dir,
                environment: [
                    "PATH": dir.file("nothing"), "MAILCAPS": dir.file("none"), "HOME": dir.file("home"),
                    "XDG_RUNTIME_DIR": runtime,
                ])
            _ = runner.inbox.drain()
            let letter = MessageRef(school: "green-abbey", id: "GA-DEMO-2")
            runner.perform([.openAttachment(letter, index: 0)], backend: backend)
            #expect(notices(runner) == [EffectRunner.openerMissingNotice])
            runner.perform([.openAttachment(letter, index: 0)], backend: backend)
            #expect(notices(runner) == ["No opener for options-interview-letter.pdf: s saves it."])
            #expect(backend.frames.isEmpty, "nothing was drawn over the app")
        }
    }

    /// What the runner does with a message written when the app must end
    /// (kept, held, never sent) and with an edited one (queued, then the
    /// one it replaces discarded: never the other way round).
    /// Liz logged in and synced on a copy of the demo store (`edit`ed
    /// first), and a runner unlocked on it with her model loaded.
    static func lizRunner(
        _ dir: TestDirectory, environment: [String: String] = ProcessInfo.processInfo.environment,
        editing edit: (String) throws -> Void = { _ in }
    ) throws -> (
        EffectRunner, MemoryBackend
    ) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        try FileManager.default.copyItem(
            atPath: root.appendingPathComponent("Assets/demo-store").path, toPath: dir.file("store"))
        try edit(dir.file("store"))
        var settings = CoreSettings()
        settings.pinCost = 1
        settings.syncInterval = 3600
        let clock = ManualClock(ScreenFixture.now)
        let account = ParentAccount(
            store: try FileStore(root: dir.file("store")), dataDirectory: dir.file("data"),
            files: PosixFileLayer(), clock: clock, settings: settings)
        guard
            case .loggedIn(let pending) = try account.logIn(
                email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001"),
            try account.setPIN("739184", confirmation: "739184", for: pending) == nil
        else {
            throw CocoaError(.userCancelled)
        }
        let runner = EffectRunner(
            environment: AppEnvironment(
                storeRoot: dir.file("store"), dataDirectory: dir.file("data"), clock: clock,
                files: PosixFileLayer(), settings: settings, processEnvironment: environment), inbox: ActionInbox())
        let backend = MemoryBackend()
        // Synced once, as a first login does, so the model knows the schools.
        _ = try SyncEngine(account: account, session: try #require(try account.loadSession())).sync()
        for effect in [Effect.open, .unlock(pin: "739184"), .loadModel] {
            runner.perform([effect], backend: backend)
            runner.settle()
        }
        return (runner, backend)
    }

    /// An absence report filled in when the app had to end is kept whole,
    /// held (never sent at a sync), and offered among the messages from
    /// before; sending it from there sends it as a report.
    @Test func aKeptAbsenceReportThroughTheRunner() throws {
        try withTestDirectory { dir in
            let (runner, backend) = try Self.lizRunner(dir)
            let ben = ChildRef(school: "green-abbey", student: "GA-BEN")
            let day = CivilDate(parsing: "2026-03-19")!
            runner.perform(
                [.keepUnsentAbsence(AbsenceDraft(child: ben, from: day, to: day, reason: .illness, note: "Fever"))],
                backend: backend)
            runner.settle()
            let outbox = Outbox(dataDirectory: dir.file("data"), files: PosixFileLayer())
            let kept = try outbox.items()
            #expect(kept.count == 1 && kept.allSatisfy(\.isHeld), "\(kept)")
            let item = try #require(kept.first)
            #expect(item.kind == .absence && item.absence?.reason == .illness && item.absence?.note == "Fever")
            #expect(item.heldReason == KeptWhy.appClosed.text)
            runner.perform([.sync(manual: true)], backend: backend)
            runner.settle()
            #expect(try outbox.items().allSatisfy(\.isHeld), "a sync does not send it")
            #expect(
                ((try? FileManager.default.contentsOfDirectory(atPath: dir.file("store/schools/green-abbey/inbox")))
                    ?? []).isEmpty)
            runner.perform([.releaseHeld([item.key])], backend: backend)
            runner.settle()
            let deadline = Date().addingTimeInterval(10)
            var sent: [String] = []
            while Date() < deadline {
                // The record itself, never the temporary file it is written
                // through (seen for an instant, it failed this test once).
                sent =
                    ((try? FileManager.default.contentsOfDirectory(atPath: dir.file("store/schools/green-abbey/inbox")))
                    ?? []).filter { $0.hasSuffix(".json") && !TemporaryFileName.isTemporary($0) }
                if !sent.isEmpty { break }
                // No sync asked for here: releasing starts one (or, with one
                // under way, one more after it).
                Thread.sleep(forTimeInterval: 0.02)
            }
            let record = try String(
                contentsOfFile: dir.file("store/schools/green-abbey/inbox/\(try #require(sent.first))"), encoding: .utf8
            )
            #expect(record.contains("\"absence\"") && record.contains("Fever"), "\(record)")
            runner.finish()
        }
    }

    /// A report that cannot be kept as one (its days refused by the
    /// calendar as it is now) keeps its note as a message, never nothing.
    @Test func aReportThatCannotBeKeptWholeKeepsItsNote() throws {
        try withTestDirectory { dir in
            let (runner, backend) = try Self.lizRunner(dir)
            let ben = ChildRef(school: "green-abbey", student: "GA-BEN")
            let saturday = CivilDate(parsing: "2026-03-21")!
            runner.perform(
                [
                    .keepUnsentAbsence(
                        AbsenceDraft(child: ben, from: saturday, to: saturday, reason: .illness, note: "Fever"),
                        why: .schoolLeft)
                ], backend: backend)
            runner.settle()
            let kept = try Outbox(dataDirectory: dir.file("data"), files: PosixFileLayer()).items()
            #expect(kept.count == 1 && kept.allSatisfy(\.isHeld), "\(kept)")
            #expect(kept.first?.kind == .message && kept.first?.body?.hasSuffix("reason: Illness): Fever") == true)
            #expect(kept.first?.heldReason == KeptWhy.schoolLeft.text)
            runner.finish()
        }
    }

    @Test func keptAndEditedMessagesThroughTheRunner() throws {
        try withTestDirectory { dir in
            let (runner, backend) = try Self.lizRunner(dir)
            let ben = ChildRef(school: "green-abbey", student: "GA-BEN")
            runner.perform(
                [
                    .keepUnsent(
                        OutgoingDraft(school: "green-abbey", topic: nil, body: "Can Ben leave at 2?", children: [ben]))
                ],
                backend: backend)
            runner.settle()
            let outbox = Outbox(dataDirectory: dir.file("data"), files: PosixFileLayer())
            let first = try outbox.items()
            #expect(first.count == 1 && first.allSatisfy(\.isHeld) && first.first?.topic == nil)
            // Edited, and the app closed again mid-edit: the edit takes its
            // place (both were kept, and "send all" sent both).
            runner.perform(
                [
                    .keepUnsent(
                        OutgoingDraft(
                            school: "green-abbey", topic: nil, body: "Can Ben leave at 2 on Friday?", children: [ben],
                            replaces: try #require(first.first?.key), why: .loginEnded))
                ],
                backend: backend)
            runner.settle()
            let kept = try outbox.items()
            #expect(kept.count == 1 && kept.first?.body == "Can Ben leave at 2 on Friday?", "\(kept.map(\.body))")
            #expect(kept.first?.heldReason == "You were writing this when your login ended")
            let old = try #require(kept.first?.key)
            runner.perform(
                [
                    .queueMessage(
                        OutgoingDraft(
                            school: "green-abbey", topic: "Absence", body: "Can Ben leave at 2?", children: [ben],
                            replaces: old), form: .compose)
                ], backend: backend)
            runner.settle()
            let results = runner.inbox.drain()
            let after = try outbox.items()
            #expect(!results.contains { if case .notQueued = $0 { return true } else { return false } }, "\(results)")
            #expect(try outbox.item(old) == nil, "the edited one replaced it")
            #expect(after.count == 1 && after.first?.topic == "Absence" && after.first?.isHeld == false)
            runner.finish()
        }
    }

    /// A message that cannot be saved on the device (a file in place of the
    /// outbox folder) says so once, in its own words (it was said twice:
    /// "could not be saved on this device, so it is not queued: Your
    /// message could not be saved on this device (...)").
    @Test func notSavedIsSaidOnce() {
        let text = EffectRunner.notQueuedText(ComposeError.notSaved("Not a directory"), what: "Your message")
        #expect(
            text
                == "Your message could not be saved on this device (Not a directory). Nothing was sent. It is not queued; what you wrote is still here."
        )
        #expect(text.components(separatedBy: "could not be saved").count == 2)
    }

    /// A message the school refuses when it is queued (it turned messages
    /// off since the last sync) says so, not that the device could not save
    /// it (a walk read "could not be saved on this device").
    @Test func aRefusalAtQueueTimeIsSaidAsARefusal() throws {
        try withTestDirectory { dir in
            let (runner, backend) = try Self.lizRunner(dir) { store in
                let school = "\(store)/schools/green-abbey/school.json"
                let text = try String(contentsOfFile: school, encoding: .utf8)
                // The school takes no messages now (the model knows it: queueing refuses).
                try text.replacingOccurrences(of: "\"incomingEnabled\": true", with: "\"incomingEnabled\": false")
                    .write(toFile: school, atomically: true, encoding: .utf8)
            }
            runner.perform(
                [
                    .queueMessage(
                        OutgoingDraft(
                            school: "green-abbey", topic: "Absence", body: "Is the trip on?",
                            children: [ChildRef(school: "green-abbey", student: "GA-BEN")]), form: .compose)
                ], backend: backend)
            runner.settle()
            let said = runner.inbox.drain().compactMap { action -> String? in
                if case .notQueued(let text, _) = action { return text }
                return nil
            }
            #expect(
                said == [
                    "Not sent: Green Abbey School does not accept messages from parents in Xpressions. Please contact the school another way."
                ], "\(said)")
            runner.finish()
        }
    }

    /// The school turns messages off while a message to it is being
    /// written: the open form says so at the sync (it went on offering the
    /// school until Ctrl-S), stays on the same child, and keeps the text.
    @Test func aSchoolTurningMessagesOffIsSaidOnTheOpenForm() throws {
        try withTestDirectory { dir in
            let (runner, backend) = try Self.lizRunner(dir)
            func latest() -> ModelSnapshot? {
                runner.inbox.drain().compactMap { if case .modelLoaded(let m) = $0 { return m } else { return nil } }
                    .last
            }
            var s = ScreenFixture.state(.home)
            let first: ModelSnapshot = try #require(latest())
            s.snapshot = first
            _ = Reducer.reduce(&s, .key(.char("n")))
            for ch in "Is the trip on?" { _ = Reducer.reduce(&s, .key(.char(ch))) }
            #expect(s.route == .compose && s.compose.school == "green-abbey")
            let school = dir.file("store/schools/green-abbey/school.json")
            try String(contentsOfFile: school, encoding: .utf8)
                .replacingOccurrences(of: "\"incomingEnabled\": true", with: "\"incomingEnabled\": false")
                .write(toFile: school, atomically: true, encoding: .utf8)
            var after: ModelSnapshot?
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                runner.perform([.sync(manual: true)], backend: backend)
                runner.settle()
                Thread.sleep(forTimeInterval: 0.05)
                if let m = latest(), m.model.school("green-abbey")?.incomingEnabled == false {
                    after = m
                    break
                }
            }
            _ = Reducer.reduce(&s, .modelLoaded(try #require(after)))
            #expect(s.route == .compose && s.compose.school == "green-abbey", "not switched to another school")
            #expect(s.compose.text == "Is the trip on?")
            #expect(
                s.compose.message?.hasPrefix(
                    "Green Abbey School has just turned off messages through Xpressions. Phone ")
                    == true, "\(s.compose.message ?? "nothing said")")
            let screen = ScreenFixture.render(s, color: false)
            #expect(screen.contains("01632 960344"), "the number shows at 80x24: \(screen)")
            #expect(!Reducer.isEnabled(.send, s), "Send is not offered while messages are off")
            // It stays said while it is so: Enter, typing, Ctrl-S took it
            // away, and the form said "Ctrl-S sends" with Ctrl-S doing nothing.
            for key: Key in [.enter, .char("x"), .backspace, .backspace, .ctrl("s"), .backTab, .char("y")] {
                _ = Reducer.reduce(&s, .key(key))
                #expect(s.compose.message?.contains("has just turned off messages") == true, "\(key)")
                #expect(!ScreenFixture.render(s, color: false).contains("sends. Your message is kept"), "\(key)")
            }
            // On again at the next sync: the saying goes.
            _ = Reducer.reduce(&s, .modelLoaded(first))
            #expect(s.compose.message == nil && s.compose.text == "Is the trip on?y", "\(s.compose.text)")
            #expect(Reducer.isEnabled(.send, s))
            runner.finish()
        }
    }

    /// Edits Liz's contact record at Green Abbey, as a school's MIS would.
    static func editLiz(_ dir: TestDirectory, _ edit: (inout [String: Any]) -> Void) throws {
        let contacts = dir.file("store/schools/green-abbey/contacts.json")
        var records = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: contacts)))
                as? [[String: Any]])
        for i in records.indices where records[i]["id"] as? String == "GA-C-LIZ" { edit(&records[i]) }
        try JSONSerialization.data(withJSONObject: records).write(to: URL(fileURLWithPath: contacts))
    }

    /// A manual sync's summary: the sync runs on the coordinator's thread,
    /// so its result is waited for, with a deadline (nil: it never came).
    static func syncSummary(_ runner: EffectRunner, _ backend: MemoryBackend) -> SyncSummary? {
        runner.perform([.sync(manual: true)], backend: backend)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            runner.settle()
            for action in runner.inbox.drain() {
                if case .syncFinished(let summary) = action { return summary }
            }
            usleep(20_000)
        }
        return nil
    }

    /// A child the school unlinked from a record that still holds the
    /// parent's details is said, by name (the child vanished without a word).
    @Test func aChildTheSchoolUnlinkedIsSaid() throws {
        try withTestDirectory { dir in
            let (runner, backend) = try Self.lizRunner(dir)
            try Self.editLiz(dir) { liz in
                liz["students"] = (liz["students"] as? [[String: Any]])?.filter { $0["student"] as? String != "GA-AMY" }
            }
            let said = try #require(Self.syncSummary(runner, backend), "the sync never finished").recordsLeft
            #expect(
                said.contains(
                    "Amy is no longer shown on this device: Green Abbey School's records no longer list this child for you."
                ), "\(said)")
            runner.finish()
        }
    }

    /// A child whose link still stands but no longer lets the parent see
    /// them is said with the reason, one line a school (it said "no longer
    /// list this child" while the record still listed her).
    @Test(arguments: [false, true])
    func aChildRemovedWhileARecordStillNamesThemIsSaidWithWhy(benLeft: Bool) throws {
        try withTestDirectory { dir in
            let (runner, backend) = try Self.lizRunner(dir)
            try Self.editLiz(dir) { liz in
                liz["students"] = (liz["students"] as? [[String: Any]])?.map { link in
                    var link = link
                    if link["student"] as? String == "GA-AMY" { link["correspondence"] = false }
                    return link
                }
            }
            // Two children, two reasons: one line, each child's reason.
            if benLeft {
                let students = dir.file("store/schools/green-abbey/students.json")
                var records = try #require(
                    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: students)))
                        as? [[String: Any]])
                for i in records.indices where records[i]["id"] as? String == "GA-BEN" {
                    records[i]["leaver"] = true
                    records[i]["leftOn"] = "2025-10-31"
                }
                try JSONSerialization.data(withJSONObject: records).write(to: URL(fileURLWithPath: students))
            }
            let said = try #require(Self.syncSummary(runner, backend), "the sync never finished").recordsLeft
            #expect(
                said == [
                    benLeft
                        ? "Ben and Amy are no longer shown on this device: Green Abbey School's records changed (Ben: left on Fri 31 Oct 2025; Amy: correspondence not allowed)."
                        : "Amy is no longer shown on this device: Green Abbey School's records no longer allow correspondence with you about this child."
                ], "\(said)")
            runner.finish()
        }
    }

    /// A record the school renumbered (the same details under a new id):
    /// the session follows it and the children stay, and nothing is said
    /// ("A contact record … no longer holds these details for you" was).
    @Test func aRenumberedRecordIsNotNews() throws {
        try withTestDirectory { dir in
            let (runner, backend) = try Self.lizRunner(dir)
            try Self.editLiz(dir) { $0["id"] = "GA-C-LIZ-2" }
            let said = try #require(Self.syncSummary(runner, backend), "the sync never finished")
            #expect(said.recordsLeft.isEmpty, "\(said.recordsLeft)")
            runner.finish()
        }
    }

    @Test func copyingSaysWhatHappened() throws {
        try withTestDirectory { dir in
            let runner = runner([:], dir: dir)
            let backend = MemoryBackend()
            runner.perform([.copy("01632 960344", what: "the phone number")], backend: backend)
            #expect(
                notices(runner) == [
                    "Not copied: this terminal is not known to let programs set the clipboard (OSC 52). XPRESSIONS_CLIPBOARD=1 says it does."
                ])
            #expect(backend.clipboard.isEmpty)
            backend.capabilities.clipboard = true
            runner.perform([.copy("01632 960344", what: "the phone number")], backend: backend)
            #expect(notices(runner) == ["Copied the phone number to the clipboard."])
            #expect(backend.clipboard == ["01632 960344"])
        }
    }
}
