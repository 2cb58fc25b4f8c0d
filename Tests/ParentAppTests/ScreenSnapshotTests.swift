import Foundation
import TerminalKit
import TestSupport
import Testing

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// Every screen rendered into a buffer and compared with a text snapshot
/// stored beside this file (`XPRESSIONS_RECORD_SNAPSHOTS=1` re-records).
@Suite struct ScreenSnapshotTests {
    static let sizes: [(String, Size)] = [
        ("80x24", Size(width: 80, height: 24)), ("small", Size(width: 40, height: 12)),
        ("wide", Size(width: 120, height: 40)),
    ]

    func check(_ name: String, _ make: (Size) -> AppState) {
        for (label, size) in ScreenSnapshotTests.sizes {
            assertSnapshot(ScreenFixture.render(make(size)), named: "\(name)-\(label)")
        }
    }

    @Test func login() {
        check("login") { size in
            var s = AppState(size: size, now: ScreenFixture.now)
            s.store = StoreSummary(name: "Xpressions demo store", demoLogins: DemoStoreBuilder.logins)
            s.reset(to: .login)
            _ = s.login.email.insert("liz.abbot@example.com")
            return s
        }
    }

    @Test func loginLastFourWithTheUniformMessage() {
        check("login-last4") { size in
            var s = AppState(size: size, now: ScreenFixture.now)
            s.reset(to: .login)
            _ = s.login.email.insert("liz.abbot@example.com")
            _ = s.login.mobile.insert("07700 100001")
            _ = Reducer.reduce(&s, .loginFinished(.rejected(message: LoginOutcome.rejectionText, attemptsLeft: 4)))
            return s
        }
    }

    @Test func setPinAndLock() {
        check("set-pin") { size in
            var s = AppState(size: size, now: ScreenFixture.now)
            s.reset(to: .setPIN)
            _ = s.pin.first.insert("7391")
            return s
        }
        check("locked") { size in
            var s = AppState(size: size, now: ScreenFixture.now)
            s.reset(to: .unlock)
            _ = Reducer.reduce(&s, .unlockFinished(.wrong(attemptsLeft: 8)))
            _ = s.pin.first.insert("12")
            return s
        }
    }

    @Test func home() { check("home") { ScreenFixture.state(.home, size: $0) } }

    @Test func timeline() {
        check("timeline") { ScreenFixture.state(.timeline, size: $0) }
        check("timeline-filtered") { size in
            var s = ScreenFixture.state(.timeline, size: size)
            s.timeline.query.child = ChildRef(school: "green-abbey", student: "GA-BEN")
            s.timeline.query.category = .homework
            return s
        }
        check("timeline-search") { size in
            var s = ScreenFixture.state(.timeline, size: size)
            s.timeline.searching = true
            for ch in "simultaneous" { _ = Reducer.reduce(&s, .key(.char(ch))) }
            return s
        }
    }

    @Test func message() {
        check("message") { size in
            var s = ScreenFixture.state(.home, size: size)
            _ = MessageScreen.open(MessageRef(school: "green-abbey", id: "GA-DEMO-2"), &s)
            return s
        }
    }

    @Test func translatedMessageCarriesTheWarningLink() {
        check("message-translated") { size in
            var s = ScreenFixture.state(.home, size: size)
            let entry = s.snapshot!.model.timeline().first { $0.isTranslated }!
            _ = MessageScreen.open(entry.ref, &s)
            return s
        }
        var s = ScreenFixture.state(.home)
        let entry = s.snapshot!.model.timeline().first { $0.isTranslated }!
        _ = MessageScreen.open(entry.ref, &s)
        let link = s.snapshot!.model.message(entry.ref)!.translationWarningLink!
        #expect(Reducer.reduce(&s, .key(.char("o"))) == [.openURL(link)])
        #expect(ScreenFixture.render(s).contains("translated automatically"))
    }

    @Test func compose() {
        check("compose-reply") { size in
            var s = ScreenFixture.state(.home, size: size)
            _ = MessageScreen.open(MessageRef(school: "green-abbey", id: "GA-DEMO-2"), &s)
            _ = Reducer.reduce(&s, .key(.char("r")))
            _ = s.compose.body.insert("Thank you, 10:40 is fine.")
            return s
        }
    }

    @Test func attendance() {
        check("attendance") { ScreenFixture.state(.attendance, size: $0) }
        check("attendance-core") { size in
            var s = ScreenFixture.state(.attendance, size: size)
            s.attendance.child = 2  // Tom, at a Core school
            return s
        }
    }

    /// The two screens opened from one key each: every code of the
    /// child's year explained (from the attendance), and the messages kept
    /// from an earlier login (from Home).
    @Test func codesAndKept() {
        check("codes") { size in
            var s = ScreenFixture.state(.attendance, size: size)
            _ = Reducer.reduce(&s, .key(.enter))
            #expect(s.route == .codes)
            return s
        }
        check("kept") { size in
            var s = ScreenFixture.state(.home, size: size)
            s.snapshot = FirstHourTests.withKeptMessages(s.snapshot!)
            _ = Reducer.reduce(&s, .key(.char("m")))
            #expect(s.route == .kept)
            return s
        }
    }

    /// The first frame, and what it says when opening failed.
    @Test func opening() {
        check("opening") { size in AppState(size: size, now: ScreenFixture.now) }
        check("opening-failed") { size in
            var s = AppState(size: size, now: ScreenFixture.now)
            _ = Reducer.reduce(&s, .failed("the data directory /home/liz/.local/share/xpressions is not writable"))
            return s
        }
    }

    /// Every registered screen as a parent first meets it
    /// (`ScreenFixture.opened`), at 80x24, named from its type
    /// (`StoreProblemScreen`: "opens-store-problem"): a new screen is drawn
    /// and recorded from the registry alone (its first run records the file
    /// and fails, to be read and committed).
    @Test func everyScreenAsItOpens() {
        for screen in ScreenRegistry.all {
            let name = String(describing: screen).replacingOccurrences(of: "Screen", with: "")
            let slug = name.reduce(into: "") { out, ch in
                if ch.isUppercase, !out.isEmpty { out += "-" }
                out += ch.lowercased()
            }
            assertSnapshot(ScreenFixture.render(ScreenFixture.opened(screen)), named: "opens-\(slug)")
        }
    }

    @Test func absence() {
        check("absence") { size in
            var s = ScreenFixture.state(.home, size: size)
            _ = Reducer.reduce(&s, .key(.char("a")))
            return s
        }
        check("absence-filled") { size in
            var s = ScreenFixture.state(.home, size: size)
            _ = Reducer.reduce(&s, .key(.char("a")))
            s.absence.from = CivilDate(parsing: "2026-03-16")!
            s.absence.to = CivilDate(parsing: "2026-03-19")!
            s.absence.reason = .medical
            s.absence.focus = .note
            _ = s.absence.note.insert("Orthodontist in London on Thursday")
            return s
        }
        check("absence-refused") { size in
            var s = ScreenFixture.state(.home, size: size)
            _ = Reducer.reduce(&s, .key(.char("a")))
            s.absence.from = CivilDate(parsing: "2026-03-21")!
            s.absence.to = CivilDate(parsing: "2026-03-21")!
            _ = Reducer.reduce(&s, .key(.ctrl("s")))
            return s
        }
        check("attendance-reported") { AbsenceFixture.state(.attendance, size: $0) }
    }

    @Test func school() { check("school") { ScreenFixture.state(.school, size: $0) } }

    @Test func moreTabs() {
        for (i, feature) in MoreState.tabs.enumerated() {
            check("more-\(feature.rawValue)") { size in
                var s = ScreenFixture.state(.more, size: size)
                s.more.tab = i
                return s
            }
        }
        check("more-core") { size in
            var s = ScreenFixture.state(.more, size: size)
            s.more.child = 2
            return s
        }
    }

    @Test func helpAndLogout() {
        check("help") { size in
            var s = ScreenFixture.state(.home, size: size)
            _ = Reducer.reduce(&s, .key(.char("?")))
            return s
        }
        check("logout") { size in
            var s = ScreenFixture.state(.home, size: size)
            s.snapshot = FirstHourTests.withWrittenMessages(s.snapshot!)
            _ = Reducer.reduce(&s, .key(.char("X")))
            return s
        }
    }

    @Test func yourMessages() {
        check("your-messages") { size in
            var s = ScreenFixture.state(.home, size: size)
            s.snapshot = FirstHourTests.withWrittenMessages(s.snapshot!)
            _ = Reducer.reduce(&s, .key(.char("o")))
            return s
        }
    }

    @Test func tooSmall() {
        for size in [Size(width: 20, height: 6), Size(width: 39, height: 20), Size(width: 1, height: 1)] {
            let text = ScreenFixture.render(ScreenFixture.state(.timeline, size: size))
            #expect(text.contains("Terminal") || size.width < 8, "\(size)")
        }
        assertSnapshot(
            ScreenFixture.render(ScreenFixture.state(.timeline, size: Size(width: 20, height: 6))),
            named: "too-small-20x6")
    }

    @Test func monochromeKeepsMeaningWithAttributes() {
        let s = ScreenFixture.state(.attendance)
        let buffer = AppView.render(s, theme: Theme(color: false))
        assertSnapshot(buffer.styleSnapshot(), named: "attendance-monochrome-styles")
        // No color anywhere.
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width {
                #expect(buffer[x, y].style.foreground == .default && buffer[x, y].style.background == .default)
            }
        }
    }

    /// The timeline's count line ("511 messages, 12 unread  1/511") is in
    /// the default colours, as the unread mark that starts each row: a step
    /// down rewrites the position and two rows with no colour change
    /// between them (dim, the count cost ten bytes a step).
    @Test func theTimelineCountIsInTheDefaultColours() {
        let theme = Theme(color: true)
        let buffer = AppView.render(ScreenFixture.state(.timeline), theme: theme)
        let lines = buffer.lines()
        guard let y = lines.firstIndex(where: { $0.contains(" messages, ") }) else {
            Issue.record("no count line: \(lines)")
            return
        }
        let text = lines[y].trimmingCharacters(in: .whitespaces)
        let x = lines[y].distance(from: lines[y].startIndex, to: lines[y].firstIndex(of: text.first!)!)
        for dx in 0..<text.count {
            #expect(buffer[x + dx, y].style == theme.style(.text), "column \(x + dx) of \"\(text)\"")
        }
        #expect(text.hasSuffix("1/\(ScreenFixture.prepared.snapshot.model.messageCount)"), "\(text)")
    }

    @Test func wideCharactersStayAligned() {
        // 王小明's timeline rows: names in CJK take two cells each and the columns still line up.
        var s = ScreenFixture.state(.home)
        s.store = StoreSummary(name: "demo", demoLogins: DemoStoreBuilder.logins)
        s.unlocked = false
        s.reset(to: .login)
        let lines = AppView.render(s, theme: Theme(color: true)).lines()
        let rows = lines.filter { $0.contains("07700 1000") }
        let mobileColumns = rows.map { line -> Int in
            let prefix = line[..<line.range(of: "07700")!.lowerBound]
            return TextWidth.of(String(prefix))
        }
        #expect(rows.count == DemoStoreBuilder.logins.count)
        #expect(Set(mobileColumns).count == 1, "mobile numbers start at columns \(mobileColumns)")
    }
}
