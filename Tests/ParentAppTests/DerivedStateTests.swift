import Foundation
import TerminalKit
import Testing

@testable import ParentApp
@testable import ParentCore

/// What a screen derives from the model (a report, a layout) is worked out
/// once per change, in its settle, and read back by its update and render:
/// the attendance grid was built about eight times per key, and the reader
/// laid its message out three times.
@Suite struct DerivedStateTests {
    @discardableResult
    func press(_ keys: Key..., on s: inout AppState) -> [Effect] {
        keys.flatMap { Reducer.reduce(&s, .key($0)) }
    }

    /// The timeline's query runs once per change of the query or the model:
    /// moving, drawing and clicking read its results (the reducer, the view
    /// and the mouse each ran it, two or three times a key).
    @Test func theTimelineQueryRunsOncePerChange() throws {
        var s = ScreenFixture.state(.home)
        press(.char("2"), on: &s)
        #expect(s.route == .timeline)
        let first = s.timeline.queriesRun
        #expect(first >= 1)
        let key = s.timeline.resultsKey
        press(.char("j"), .char("j"), .down, .pageDown, .char("k"), on: &s)
        _ = ScreenFixture.render(s)
        _ = Reducer.reduce(&s, .key(.mouse(MouseEvent(.wheelDown, at: Point(x: 10, y: 10)))))
        _ = Reducer.reduce(&s, .key(.mouse(MouseEvent(.press(.left), at: Point(x: 10, y: 8)))))
        _ = ScreenFixture.render(s)
        #expect(s.route == .timeline)
        #expect(s.timeline.queriesRun == first, "moving, drawing and the wheel ran the query again")
        #expect(s.timeline.resultsKey == key)
        // A new filter: once.
        press(.char("c"), on: &s)
        #expect(s.timeline.queriesRun == first + 1)
        #expect(s.timeline.resultsKey != key)
        // A new model (a sync): once.
        s.snapshot?.version += 1
        press(.char("j"), on: &s)
        #expect(s.timeline.queriesRun == first + 2)
    }

    @Test func attendanceKeepsTheReportForTheChildShownUntilItChanges() throws {
        var s = ScreenFixture.state(.home)
        press(.char("3"), on: &s)
        #expect(s.route == .attendance)
        let kept = try #require(s.attendance.report.value(for: AttendanceScreen.reportKey(s)))
        let child = try #require(AttendanceScreen.child(s))
        #expect(kept == s.snapshot?.model.attendance(for: child.ref, now: s.now))
        // Another child: the kept report is the other child's.
        press(.char("c"), on: &s)
        let other = try #require(AttendanceScreen.child(s))
        #expect(other.ref != child.ref)
        #expect(
            s.attendance.report.value(for: AttendanceScreen.reportKey(s))
                == s.snapshot?.model.attendance(for: other.ref, now: s.now))
        // A new model (a sync): nothing kept for it until it is settled.
        var next = s
        next.snapshot?.version += 1
        #expect(next.attendance.report.value(for: AttendanceScreen.reportKey(next)) == nil)
        next.route.screen.settle(&next)
        #expect(next.attendance.report.value(for: AttendanceScreen.reportKey(next)) != nil)
    }

    /// The grid is laid out once per change of what it comes from (the
    /// report, the scroll, the body's size), and the keys read that layout:
    /// it was built about six times a key.
    @Test func attendanceKeepsItsGridForTheScrollAndTheSize() throws {
        var s = ScreenFixture.state(.home)
        press(.char("3"), on: &s)
        let key = try #require(AttendanceScreen.layoutKey(s))
        let kept = try #require(s.attendance.layout.value(for: key))
        let child = try #require(AttendanceScreen.child(s))
        let report = try #require(AttendanceScreen.report(s))
        let fresh = try #require(
            AttendanceScreen.layout(s, child: child, report: report, area: key.body, glyphs: .unicode))
        #expect(kept?.grid.first == fresh.grid.first && kept?.grid.visible.count == fresh.grid.visible.count)
        #expect(kept?.bottom == fresh.bottom)
        // A step back through the weeks (this week first, older below):
        // laid out again for the new scroll, and the keys ask that layout.
        let older = AttendanceScreen.isEnabled(.down, s)
        #expect(older, "weeks of the year before this one")
        press(.down, on: &s)
        let moved = try #require(AttendanceScreen.layoutKey(s))
        #expect(moved.scroll != key.scroll)
        let again = try #require(s.attendance.layout.value(for: moved))
        #expect(again?.grid.first == AttendanceScreen.grid(s)?.first)
        #expect(again?.grid.first == (kept?.grid.first ?? 0) + 1)
        // A resize: laid out again for the new body.
        press(.resize(Size(width: 100, height: 30)), on: &s)
        let wide = try #require(AttendanceScreen.layoutKey(s))
        #expect(wide.body != moved.body && s.attendance.layout.value(for: wide) != nil)
    }

    @Test func theReaderKeepsItsLinesForTheWidthAndTheSelectedAttachment() throws {
        var s = ScreenFixture.state(.timeline)
        press(.enter, on: &s)
        #expect(s.route.shows(MessageScreen.self))
        let ref = try #require(s.message.ref)
        let body = try #require(AppView.frame(for: s)?.body)
        let key = MessageScreen.linesKey(s, ref: ref, width: MessageScreen.textWidth(body), glyphs: .unicode)
        let kept = try #require(s.message.lines.value(for: key))
        let detail = try #require(s.snapshot?.model.message(ref))
        let model = try #require(s.snapshot?.model)
        #expect(
            kept == MessageScreen.lines(detail, model: model, s, width: MessageScreen.textWidth(body), glyphs: .unicode)
        )
        // A resize: laid out again for the new width.
        press(.resize(Size(width: 100, height: 30)), on: &s)
        let wide = try #require(AppView.frame(for: s)?.body)
        #expect(
            s.message.lines.value(
                for: MessageScreen.linesKey(s, ref: ref, width: MessageScreen.textWidth(wide), glyphs: .unicode))
                != nil)
    }

    @Test func moreKeepsTheTabsLinesAndStatesStayEqualWhateverTheyKeep() throws {
        var s = ScreenFixture.state(.home)
        press(.char("5"), on: &s)
        #expect(s.route == .more)
        let body = try #require(AppView.frame(for: s)?.body)
        #expect(s.more.lines.value(for: MoreScreen.linesKey(s, width: body.width)) != nil)
        press(.char("]"), on: &s)
        #expect(s.more.tab == 1)
        #expect(s.more.lines.value(for: MoreScreen.linesKey(s, width: body.width)) != nil)
        // A cache is not part of what the state is.
        var emptied = s
        emptied.more.lines = Derived()
        #expect(emptied == s)
    }
}
