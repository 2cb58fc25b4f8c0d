import Foundation
import TerminalKit
import TestSupport
import Testing

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// Reducer behaviour that needs the parent's model: mouse, timeline
/// filters and search, opening a message, replying, logout with unsent
/// messages, the store-problem screen.
@Suite struct MouseAndModelReducerTests {
    func click(_ x: Int, _ y: Int, _ s: inout AppState) -> [Effect] {
        Reducer.reduce(&s, .key(.mouse(MouseEvent(.press(.left), at: Point(x: x, y: y)))))
    }

    @Test func clickingASectionTabGoesThere() {
        var s = ScreenFixture.state(.home)
        let line = AppView.render(s, theme: Theme(color: true)).lines()[1]
        let x = TextWidth.of(String(line[..<line.range(of: "3 Attendance")!.lowerBound])) + 2
        _ = click(x, 1, &s)
        #expect(s.route == .attendance)
    }

    @Test func wheelScrollsAndClicksSelectThenOpen() {
        var s = ScreenFixture.state(.timeline)
        _ = Reducer.reduce(&s, .key(.mouse(MouseEvent(.wheelDown, at: Point(x: 10, y: 10)))))
        _ = Reducer.reduce(&s, .key(.mouse(MouseEvent(.wheelDown, at: Point(x: 10, y: 10)))))
        #expect(s.timeline.list.selected == 2)
        _ = Reducer.reduce(&s, .key(.mouse(MouseEvent(.wheelUp, at: Point(x: 10, y: 10)))))
        #expect(s.timeline.list.selected == 1)
        // The list starts on the 5th screen row (title, tabs, filter line, count line).
        #expect(click(20, 7, &s).isEmpty)
        #expect(s.timeline.list.selected == 3)
        let effects = click(20, 7, &s)
        guard s.route.shows(MessageScreen.self) else {
            Issue.record("the second click did not open the message")
            return
        }
        #expect(
            effects.allSatisfy {
                if case .markRead = $0 { return true }
                return false
            })
    }

    @Test func clickingAChildCardOpensTheirTimeline() {
        var s = ScreenFixture.state(.home)
        _ = click(20, 7, &s)  // Amy's card (the second)
        #expect(s.home.list.selected == 1)
        _ = click(20, 7, &s)
        #expect(s.route == .timeline)
        #expect(s.timeline.query.child == ChildRef(school: "green-abbey", student: "GA-AMY"))
    }

    /// Home keeps its first card in its state, as the timeline keeps its
    /// offset: moving back up one card does not jump the list, and a click
    /// lands on the card drawn there. The cards' latest messages are worked
    /// out once per model, not on every frame.
    @Test func homeScrollsSteadilyAndKeepsWhatItShows() {
        var s = ScreenFixture.state(.home, size: Size(width: 80, height: 14))
        _ = Reducer.reduce(&s, .key(.char("j")))
        _ = Reducer.reduce(&s, .key(.char("j")))
        #expect(s.home.list.selected == 2 && s.home.list.offset == 1)
        _ = Reducer.reduce(&s, .key(.char("k")))
        #expect(s.home.list.selected == 1 && s.home.list.offset == 1, "Amy is already in view: the list stays")
        let screen = ScreenFixture.render(s)
        #expect(!screen.contains("Ben Abbot") && screen.contains("Amy Abbot") && screen.contains("Tom Abbot"))
        #expect(screen.contains("1 more: ↑↓ to scroll"))
        _ = click(20, 5, &s)  // the second card drawn: Tom's
        #expect(s.home.list.selected == 2)
        let model = s.snapshot!.model
        #expect(s.home.latest?.perChild == model.children.map { model.timeline(TimelineQuery(child: $0.ref)).first })
        #expect(s.home.latest?.all.first == model.timeline().first)
    }

    /// The kept messages list scrolls: in a window with room for one row,
    /// the selected message is the one shown.
    @Test func keptMessagesScrollToTheSelection() throws {
        let height = try #require(
            (8...20).first { h in
                var s = ScreenFixture.state(.home, size: Size(width: 80, height: h))
                s.snapshot = FirstHourTests.withKeptMessages(s.snapshot!)
                s.push(.kept)
                return AppView.frame(for: s).map { KeptScreen.list(in: $0.body, count: 2).height } == 1
            })
        var s = ScreenFixture.state(.home, size: Size(width: 80, height: height))
        s.snapshot = FirstHourTests.withKeptMessages(s.snapshot!)
        s.push(.kept)
        #expect(ScreenFixture.render(s).contains("Ben is ill"))
        _ = Reducer.reduce(&s, .key(.char("j")))
        #expect(s.kept.list.selected == 1 && s.kept.list.offset == 1)
        let screen = ScreenFixture.render(s)
        #expect(screen.contains("Amy's coat is") && !screen.contains("Ben is ill"), "\(screen)")
    }

    @Test func timelineFiltersCycleAndSearchNarrows() {
        var s = ScreenFixture.state(.timeline)
        let model = s.snapshot!.model
        _ = Reducer.reduce(&s, .key(.char("c")))
        #expect(s.timeline.query.child == model.children[0].ref)
        _ = Reducer.reduce(&s, .key(.char("f")))
        #expect(s.timeline.query.category == model.categories.first)
        _ = Reducer.reduce(&s, .key(.char("x")))
        #expect(s.timeline.query == TimelineQuery())
        _ = Reducer.reduce(&s, .key(.char("/")))
        #expect(Reducer.chain(s) == [.search, .global])  // typing now goes to the search field, not the keymap
        for ch in "zoe" { _ = Reducer.reduce(&s, .key(.char(ch))) }
        #expect(s.timeline.query.search == "zoe")
        _ = Reducer.reduce(&s, .key(.escape))
        #expect(s.timeline.query.search == "" && !s.timeline.searching)
    }

    @Test func openingAnUnreadMessageMarksItReadAndRepliesGoToTheOutbox() {
        var s = ScreenFixture.state(.home)
        let ref = MessageRef(school: "green-abbey", id: "GA-DEMO-3")  // unread in the fixture
        #expect(MessageScreen.open(ref, &s) == [.markRead(school: "green-abbey", message: "GA-DEMO-3")])
        _ = Reducer.reduce(&s, .key(.char("r")))
        #expect(s.route == .compose)
        #expect(s.compose.reply?.message == "GA-DEMO-3")
        _ = s.compose.body.insert("Thank you")
        let effects = Reducer.reduce(&s, .key(.ctrl("s")))
        #expect(
            effects == [
                .queueMessage(
                    OutgoingDraft(school: "green-abbey", topic: nil, body: "Thank you", inReplyTo: "GA-DEMO-3"),
                    form: .compose),
                .sync(manual: true),
            ])
    }

    @Test func aCoreSchoolCannotBeWrittenTo() {
        var s = ScreenFixture.state(.home)
        let tom = s.snapshot!.model.timeline(
            TimelineQuery(child: ChildRef(school: "riverside-primary", student: "RP-TOM"))
        ).first!
        _ = MessageScreen.open(tom.ref, &s)
        // Reply does nothing here, so the footer does not offer it; the message says why.
        #expect(!Reducer.isEnabled(.reply, s))
        #expect(Reducer.reduce(&s, .key(.char("r"))).isEmpty)
        #expect(s.route == .message(tom.ref))
        #expect(!ScreenFixture.render(s).contains("r Reply"))
        let text = ScreenFixture.render(s).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        #expect(text.contains("Riverside Primary School does not accept replies through Xpressions."))
    }

    @Test func storeProblemsAreShownAndNothingElse() {
        var s = AppState(size: Size(width: 80, height: 24), now: ScreenFixture.now)
        _ = Reducer.reduce(
            &s,
            .opened(
                ServiceOpening(
                    status: .loggedOut(reason: nil), store: nil,
                    problems: [
                        "schools/green-abbey/contacts.json: contact C123: phones[1].type: unknown phone type \"mobil\""
                    ])))
        #expect(s.route == .storeProblem)
        _ = Reducer.reduce(&s, .key(.char("1")))
        #expect(s.route == .storeProblem)
        assertSnapshot(ScreenFixture.render(s), named: "store-problem")
    }
}
