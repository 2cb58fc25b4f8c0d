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
