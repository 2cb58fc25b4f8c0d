import Foundation
import TerminalKit
import Testing

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// Reading as in a mail client: next and previous without going back
/// (J and K, as mutt's pager), Space through a message and on to the next,
/// Tab to the next unread, and a preview pane on wide terminals.
@Suite struct ReadingTests {
    @discardableResult
    func press(_ keys: Key..., on s: inout AppState) -> [Effect] {
        keys.flatMap { Reducer.reduce(&s, .key($0)) }
    }

    func openFirst(_ s: inout AppState) {
        press(.enter, on: &s)
        #expect(s.route.shows(MessageScreen.self))
    }

    @Test func jAndKMoveThroughTheListTheReaderCameFrom() {
        var s = ScreenFixture.state(.timeline)
        s.timeline.query.child = ChildRef(school: "green-abbey", student: "GA-AMY")
        s.route.screen.settle(&s)
        let results = s.timeline.results!
        openFirst(&s)
        #expect(s.message.ref == results[0].ref)
        let effects = press(.char("J"), on: &s)
        #expect(s.message.ref == results[1].ref && s.message.index == 1)
        #expect(s.stack.count == 3)  // replaced, not stacked: Esc goes straight back to the timeline
        if !s.snapshot!.model.isRead(results[1].ref) {
            #expect(effects == [.markRead(school: results[1].ref.school, message: results[1].ref.id)])
        }
        press(.char("K"), on: &s)
        #expect(s.message.ref == results[0].ref)
        // At the first message K stays and says so (as mutt does), and the footer does not offer it.
        #expect(!Reducer.isOffered(.previousMessage, s))
        #expect(press(.char("K"), on: &s).isEmpty && s.message.ref == results[0].ref)
        #expect(s.note?.text == "This is the first message.")
        press(.escape, on: &s)
        #expect(s.route == .timeline)
    }

    @Test func spacePagesDownThenGoesOnToTheNextMessage() {
        var s = ScreenFixture.state(.timeline, size: Size(width: 80, height: 12))
        let results = s.timeline.results!
        openFirst(&s)
        var steps = 0
        while s.message.ref == results[0].ref && steps < 50 {
            press(.char(" "), on: &s)
            steps += 1
        }
        #expect(s.message.ref == results[1].ref)
        #expect(steps > 1)  // at 12 rows the first message takes more than one page
        #expect(s.message.scroll == 0)
        // At the end of the last message, Space stays there and says so (as mutt does).
        var last = ScreenFixture.state(.timeline, size: Size(width: 80, height: 12))
        last.timeline.list.selected = results.count - 1
        press(.enter, on: &last)
        let lastRef = results[results.count - 1].ref
        #expect(last.message.ref == lastRef)
        for _ in 0..<50 where last.note?.text != "This is the last message." { press(.char(" "), on: &last) }
        #expect(last.message.ref == lastRef && last.route.shows(MessageScreen.self))
        #expect(last.note?.text == "This is the last message.")
        let end = last.message.scroll
        press(.char(" "), on: &last)
        #expect(last.message.ref == lastRef && last.message.scroll == end)
    }

    @Test func tabFindsTheNextUnreadInTheTimelineAndTheReader() {
        var s = ScreenFixture.state(.timeline)
        let results = s.timeline.results!
        let model = s.snapshot!.model
        let unread = results.indices.filter { !model.isRead(results[$0].ref) }
        s.timeline.list.selected = unread[0]
        press(.tab, on: &s)
        #expect(s.timeline.list.selected == unread[1])
        press(.enter, on: &s)
        #expect(s.message.ref == results[unread[1]].ref)
        press(.tab, on: &s)
        #expect(s.message.ref == results[unread[2]].ref)
        // Back in the list, the cursor is on the message last read (as in mutt).
        press(.escape, on: &s)
        #expect(s.route == .timeline && s.timeline.list.selected == unread[2])
        // From the last unread, Tab wraps to the first, and says so.
        s.timeline.list.selected = unread.last!
        press(.tab, on: &s)
        #expect(s.timeline.list.selected == unread[0])
        #expect(s.note?.text == MessageScreen.wrappedNote)
        // The next move does not wrap: the note goes with it (it stayed).
        press(.tab, on: &s)
        #expect(s.timeline.list.selected == unread[1])
        #expect(s.note == nil)
    }

    /// J and K in the reader move the timeline's cursor with them.
    @Test func theTimelineFollowsTheReader() {
        var s = ScreenFixture.state(.timeline)
        let results = s.timeline.results!
        s.timeline.list.selected = 2
        press(.enter, .char("J"), .char("J"), .char("K"), .escape, on: &s)
        #expect(s.route == .timeline && s.timeline.list.selected == 3)
        #expect(results[3].ref == s.timeline.results![3].ref)
    }

    @Test func thePreviewPaneShowsAtWideTerminalsAndCanBeTurnedOff() {
        var s = ScreenFixture.state(.timeline, size: Size(width: 120, height: 40))
        let subject = s.timeline.results![0].subject
        var screen = ScreenFixture.render(s).split(separator: "\n")
        #expect(screen[4].contains("│ \(subject)"))
        // Turned off, and kept for this device (the next start reads it back).
        #expect(press(.char("V"), on: &s) == [.savePreferences(DevicePreferences(previewPane: false))])
        screen = ScreenFixture.render(s).split(separator: "\n")
        #expect(!screen[4].contains("│ \(subject)"))
        #expect(!s.fresh().preferences.previewPane, "logging out keeps the device's choice")
        var restarted = ScreenFixture.state(.timeline, size: Size(width: 120, height: 40))
        _ = Reducer.reduce(
            &restarted,
            .opened(
                ServiceOpening(
                    status: .locked(ScreenFixture.prepared.session), store: nil,
                    preferences: DevicePreferences(previewPane: false))))
        #expect(!restarted.preferences.previewPane)
        // At 80 columns there is no room: V says so, and changes nothing.
        var narrow = ScreenFixture.state(.timeline)
        #expect(press(.char("V"), on: &narrow).isEmpty && narrow.preferences.previewPane)
        #expect(narrow.note?.text == "The preview pane needs a terminal 120 columns wide (this one is 80).")
        // Widened, V says what it did (the narrow size's note stayed).
        narrow.size = Size(width: 130, height: 40)
        press(.char("V"), on: &narrow)
        #expect(!narrow.preferences.previewPane && narrow.note?.text == "Preview pane off: V shows it again.")
        press(.char("V"), on: &narrow)
        #expect(narrow.preferences.previewPane && narrow.note?.text == "Preview pane on.")
    }

    @Test func aAsksFirstThenMarksTheMessagesListedReadAndNTogglesOne() {
        var s = ScreenFixture.state(.timeline)
        s.timeline.query.child = ChildRef(school: "green-abbey", student: "GA-AMY")
        s.route.screen.settle(&s)
        let unread = s.timeline.results!.unreadRefs
        #expect(unread.count > 1)
        #expect(press(.char("A"), on: &s).isEmpty)
        #expect(s.timeline.markingAllRead == unread)
        let screen = ScreenFixture.render(s, color: false)
        #expect(
            screen.contains("Mark \(unread.count) unread messages read (Amy)? No read receipts are sent."), "\(screen)")
        #expect(screen.contains("y Yes, mark them read") && screen.contains("n No"))
        // Other keys wait for the answer (as mutt's yes/no questions do).
        #expect(
            press(.char("j"), .char("x"), on: &s).isEmpty && s.timeline.markingAllRead == unread
                && s.timeline.list.selected == 0)
        // Y and N in capitals answer too, as log out's do (Y was ignored).
        #expect(press(.char("N"), on: &s).isEmpty && s.timeline.markingAllRead == nil)
        press(.char("A"), on: &s)
        #expect(press(.char("Y"), on: &s) == [.markAllRead(unread)])
        press(.char("A"), on: &s)
        // No: nothing happens; Esc is a no too.
        #expect(press(.char("n"), on: &s).isEmpty && s.timeline.markingAllRead == nil)
        press(.char("A"), on: &s)
        #expect(press(.escape, on: &s).isEmpty && s.timeline.markingAllRead == nil && s.route == .timeline)
        press(.char("A"), on: &s)
        #expect(press(.char("y"), on: &s) == [.markAllRead(unread)])
        // Only y: Enter, the open key a hand presses by reflex, waits too.
        press(.char("A"), on: &s)
        #expect(press(.enter, on: &s).isEmpty && s.timeline.markingAllRead == unread)
        press(.char("n"), on: &s)
        // N: the selected message, read to unread or back, never a receipt.
        let first = s.timeline.results![0]
        let effects = press(.char("N"), on: &s)
        #expect(effects == [first.isUnread ? .markAllRead([first.ref]) : .markUnread(first.ref)])
        #expect(s.note?.text == (first.isUnread ? "Marked read (no read receipt)." : "Marked unread."))
    }

    /// N in the reader leaves the message just opened unread for later,
    /// however soon after opening it is pressed (the read may not be back yet).
    @Test func nInTheReaderLeavesTheMessageUnread() {
        var s = ScreenFixture.state(.timeline)
        let first = s.timeline.results![0]
        let opened = press(.enter, on: &s)
        #expect(
            s.route.shows(MessageScreen.self)
                && opened.contains(.markRead(school: first.ref.school, message: first.ref.id)))
        #expect(press(.char("N"), on: &s) == [.markUnread(first.ref)])
        #expect(s.note?.text == "Marked unread: it stays unread when you go back (N again: read).")
        #expect(Reducer.keymap.label(for: .toggleRead, in: Reducer.chain(s)) == "N", "help lists it")
        // N again reads it, as neomutt's pager toggles (it stayed unread).
        #expect(press(.char("N"), on: &s) == [.markRead(school: first.ref.school, message: first.ref.id)])
        #expect(s.note?.text == "Marked read again.")
        #expect(press(.char("N"), on: &s) == [.markUnread(first.ref)])
    }

    /// The reader's footer offers Tab (next unread) only where there is an
    /// unread message to go to (it offered it with none: Tab then said "No
    /// more unread messages").
    @Test func theReadersFooterOffersNextUnreadOnlyWithOneToGoTo() {
        var s = ScreenFixture.state(.timeline, size: Size(width: 160, height: 30))
        press(.enter, on: &s)
        let some = MessageScreen.isOffered(.nextUnread, s)
        let model = s.snapshot!.model
        let list = s.message.list!
        let anyOther = (0..<list.count).contains { $0 != s.message.index && !model.isRead(list[$0].ref) }
        #expect(some == anyOther && some, "the fixture has unread messages")
        let all = (0..<list.count).map { list[$0].ref }
        var read = s
        read.snapshot = ModelSnapshot(
            model: ParentModel(
                state: {
                    var state = model.state
                    state.read.read.formUnion(all.map { ReadPart.key(school: $0.school, message: $0.id) })
                    state.read.unread.subtract(all.map { ReadPart.key(school: $0.school, message: $0.id) })
                    return state
                }(), schoolOrder: model.schools.map(\.id), outbox: model.outbox, lastSynced: [:], reusing: model),
            images: [:], version: 99)
        #expect(!MessageScreen.isOffered(.nextUnread, read))
    }

    /// A note about one message does not follow the reader to the next
    /// ("Marked unread." stayed on three messages each just read).
    @Test func aNoteStaysWithTheMessageItIsAbout() {
        var s = ScreenFixture.state(.timeline)
        press(.enter, .char("N"), on: &s)
        #expect(s.note?.text == "Marked unread: it stays unread when you go back (N again: read).")
        press(.char("J"), on: &s)
        #expect(s.note == nil)
        // Nor to the list, nor to the next message opened from it.
        press(.char("N"), .escape, on: &s)
        #expect(s.route == .timeline && s.note == nil)
        press(.char("j"), .char("N"), on: &s)
        press(.char("j"), .enter, on: &s)
        #expect(s.note == nil)
    }

    /// With nothing unread, Tab in the timeline says so (it did nothing),
    /// though the footer does not offer it; an empty unread-only list says
    /// all is read, not "Nothing here yet."
    @Test func withNothingUnreadTabAndTheEmptyListSaySo() {
        var s = ScreenFixture.state(.timeline)
        let everything = s.timeline.results!.refs
        let m = s.snapshot!.model
        var state = m.state
        state.read.read.formUnion(everything.map { ReadPart.key(school: $0.school, message: $0.id) })
        state.read.unread = []
        let model = ParentModel(
            state: state, schoolOrder: m.schools.map(\.id), outbox: m.outbox, lastSynced: [:], reusing: m,
            recovered: m.recovered)
        s.snapshot = ModelSnapshot(model: model, images: s.snapshot!.images, version: s.snapshot!.version + 1)
        s.route.screen.settle(&s)
        #expect(s.timeline.unread == 0)
        #expect(!Reducer.isOffered(.nextUnread, s))
        press(.tab, on: &s)
        #expect(s.note?.text == "No more unread messages.")
        press(.char("u"), on: &s)
        #expect(ScreenFixture.render(s, color: false).contains("No unread messages: all read."))
        #expect(!Reducer.isOffered(.open, s), "an empty list offers nothing to open")
    }

    /// In an unread-only view, N keeps the row, shown read, so a second N
    /// puts it back (as neomutt's limit: the row vanished); setting the view
    /// again lets it go.
    @Test func markingReadInAnUnreadOnlyViewKeepsTheRow() {
        var s = ScreenFixture.state(.timeline)
        press(.char("u"), on: &s)
        let count = s.timeline.results!.count
        let first = s.timeline.results![0].ref
        #expect(press(.char("N"), on: &s) == [.markAllRead([first])])
        // The read state comes back in a new snapshot.
        let m = s.snapshot!.model
        var state = m.state
        state.read.read.insert(ReadPart.key(school: first.school, message: first.id))
        let model = ParentModel(
            state: state, schoolOrder: m.schools.map(\.id), outbox: m.outbox, lastSynced: [:], reusing: nil,
            recovered: m.recovered)
        s.snapshot = ModelSnapshot(model: model, images: s.snapshot!.images, version: s.snapshot!.version + 1)
        s.route.screen.settle(&s)
        #expect(s.timeline.results!.count == count)
        #expect(s.timeline.results![0].ref == first && !s.timeline.results![0].isUnread)
        #expect(press(.char("N"), on: &s) == [.markUnread(first)], "a second N puts it back")
        // The view set again: the read one goes.
        press(.char("u"), .char("u"), on: &s)
        #expect(s.timeline.results!.count == count - 1)
    }

    @Test func aIsOfferedOnlyWhenTheListHasUnreadMessages() {
        var s = ScreenFixture.state(.timeline)
        s.timeline.query.search = "no message says this"
        s.route.screen.settle(&s)
        #expect(!Reducer.isEnabled(.toggleRead, s))
        // A says there is nothing to mark, rather than nothing at all.
        #expect(press(.char("A"), on: &s).isEmpty && s.timeline.markingAllRead == nil)
        #expect(s.note?.text == "Nothing unread here.")
    }

    @Test func theFirstSyncSaysOlderMessagesStartRead() {
        var s = ScreenFixture.state(.home)
        var summary = SyncSummary(finishedAt: ScreenFixture.now)
        summary.historyMarkedRead = 446
        _ = Reducer.reduce(&s, .syncFinished(summary))
        #expect(
            s.note?.text == "446 messages over 14 days old start read; in the timeline N marks one unread, A all read.")
    }
}

/// What the timeline keeps when new data comes in while a parent reads it.
@Suite struct TimelineSelectionTests {
    /// A message arriving above the selected one (a sync while the list is
    /// open) leaves the selection on its message, as mutt does: by row
    /// number, Enter, N or r acted on another message. The list stays where
    /// it was, so the new message shows at the top.
    @Test func aSyncKeepsTheSelectionOnItsMessage() throws {
        let full = ScreenFixture.state(.timeline)
        let newest = try #require(full.timeline.results?.ref(at: 0))
        let fewer = ScreenFixture.prepare(name: "fewer") { store in
            let dir = "\(store)/schools/\(newest.school)/messages"
            for year in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: "\(dir)/\(year)")) ?? []
                where name.hasSuffix(".json") {
                    let path = "\(dir)/\(year)/\(name)"
                    guard let data = FileManager.default.contents(atPath: path),
                        var records = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
                    else { continue }
                    let before = records.count
                    records.removeAll { $0["id"] as? String == newest.id }
                    if records.count != before {
                        try! JSONSerialization.data(withJSONObject: records).write(to: URL(fileURLWithPath: path))
                    }
                }
            }
        }
        var s = ScreenFixture.state(.timeline, from: fewer)
        #expect(s.timeline.results?.firstIndex(of: newest) == nil)
        for _ in 0..<5 { _ = Reducer.reduce(&s, .key(.char("j"))) }
        let selected = try #require(s.timeline.results?.ref(at: 5))
        let offset = s.timeline.list.offset
        // The sync brings the newest message in.
        _ = Reducer.reduce(
            &s,
            .modelLoaded(ModelSnapshot(model: full.snapshot!.model, images: [:], version: s.snapshot!.version + 1)))
        #expect(s.timeline.results?.ref(at: s.timeline.list.selected) == selected)
        #expect(s.timeline.list.selected == 6)
        #expect(s.timeline.list.offset == offset)
        #expect(ScreenFixture.render(s, color: false).contains(full.timeline.results![0].subject))
        // Enter opens that message, not the one now on its old row.
        _ = Reducer.reduce(&s, .key(.enter))
        #expect(s.message.ref == selected)
        // A new query starts from the top as ever.
        _ = Reducer.reduce(&s, .key(.escape))
        _ = Reducer.reduce(&s, .key(.char("u")))
        #expect(s.timeline.list.selected == 0)
    }
}

extension ReadingTests {
    /// A search in the unread-only list that finds only read messages says
    /// so (it said "No message matches", though 22 did).
    @Test func anUnreadOnlySearchThatFindsOnlyReadMessagesSaysSo() {
        var s = ScreenFixture.state(.timeline)
        s.timeline.query.unreadOnly = true
        s.timeline.query.search = "zzzz-no-such-thing"
        s.route.screen.settle(&s)
        #expect(
            TimelineScreen.emptyText(s.timeline.query, s)
                == "No unread message matches \"zzzz-no-such-thing\" (u shows the read ones too).")
        // While the search is typed (the search owns the keyboard): drawn,
        // and the same words (a debug build stopped on the key's name).
        s.timeline.searching = true
        #expect(ScreenFixture.render(s).contains("No unread message matches \"zzzz-no-such-thing\" (u shows"))
        s.timeline.searching = false
        s.timeline.query.unreadOnly = false
        #expect(TimelineScreen.emptyText(s.timeline.query, s) == "No message matches \"zzzz-no-such-thing\".")
    }

    /// In the unread-only list, three messages read one after another in the
    /// reader (Enter, J, J), then back: the selection is on the next unread
    /// message, the first row (it kept its row number, and two unread
    /// messages were skipped over: an audit).
    @Test func backFromTheReaderInTheUnreadOnlyListSelectsTheNextUnread() throws {
        var s = ScreenFixture.state(.timeline)
        press(.char("u"), on: &s)
        let unread = try #require(s.timeline.results?.refs)
        #expect(unread.count > 4 && s.timeline.list.selected == 0)
        press(.enter, .char("J"), .char("J"), on: &s)
        #expect(s.message.ref == unread[2])
        // They are read now (the runner queues their receipts).
        let m = s.snapshot!.model
        let receipts = unread.prefix(3).map { ref in
            OutboxItem(
                key: "r-\(ref.id)", kind: .receipt, school: ref.school, contacts: ["GA-C-LIZ"], students: [],
                message: ref.id, createdAt: ScreenFixture.now)
        }
        let read = ParentModel(
            state: m.state, schoolOrder: m.schools.map(\.id), outbox: m.outbox + receipts, lastSynced: [:],
            reusing: m, recovered: m.recovered)
        _ = Reducer.reduce(&s, .modelLoaded(ModelSnapshot(model: read, images: [:], version: s.snapshot!.version + 1)))
        press(.escape, on: &s)
        #expect(s.route == .timeline)
        #expect(s.timeline.results?.ref(at: s.timeline.list.selected) == unread[3])
        #expect(s.timeline.list.selected == 0)
    }
}

/// Home's selection carries into the sections about one child.
@Suite struct HomeSelectionTests {
    /// Tab to Amy on Home, then 3: Amy's attendance (it showed Ben's), and
    /// 5: Amy's More; n and a were already about her.
    @Test func attendanceAndMoreOpenOnTheChildSelectedOnHome() {
        var s = ScreenFixture.state(.home)
        _ = Reducer.reduce(&s, .key(.tab))
        let amy = s.snapshot!.model.children[s.home.list.selected]
        #expect(amy.forename == "Amy")
        _ = Reducer.reduce(&s, .key(.char("3")))
        #expect(AttendanceScreen.child(s)?.ref == amy.ref)
        // Straight on to More from her attendance: hers too (it showed Ben's).
        _ = Reducer.reduce(&s, .key(.char("5")))
        #expect(s.snapshot!.model.children[s.more.child].ref == amy.ref)
        // c to Tom on More, then 3: Tom's attendance.
        _ = Reducer.reduce(&s, .key(.char("c")))
        let tom = s.snapshot!.model.children[s.more.child]
        _ = Reducer.reduce(&s, .key(.char("3")))
        #expect(AttendanceScreen.child(s)?.ref == tom.ref)
        _ = Reducer.reduce(&s, .key(.char("1")))
        _ = Reducer.reduce(&s, .key(.char("5")))
        #expect(s.snapshot!.model.children[s.more.child].ref == amy.ref, "Home's selection again")
        // A Core child selected on Home: n and a are not offered there.
        _ = Reducer.reduce(&s, .key(.char("1")))
        _ = Reducer.reduce(&s, .key(.tab))
        #expect(s.snapshot!.model.children[s.home.list.selected].forename == "Tom")
        #expect(!Reducer.isOffered(.compose, s) && !Reducer.isOffered(.reportAbsence, s))
        #expect(!ScreenFixture.render(s, color: false).contains("Report an absence"))
    }

    /// More scrolled to its end keeps the heading its rows belong to on
    /// top: the assessments' school year (an audit read a screen of grades
    /// with nothing saying which year), the timetable's weekdays.
    @Test func moreKeepsTheHeadingOfWhatIsScrolledOnTop() {
        var s = ScreenFixture.state(.more)
        s.more.tab = MoreState.tabs.firstIndex(of: .assessments)!
        _ = Reducer.reduce(&s, .key(.char("G")))
        #expect(s.more.scroll > 0)
        let rows = ScreenFixture.render(s, color: false).split(separator: "\n", omittingEmptySubsequences: false)
        // The first row of the tab's lines (under the tabs, the child, a blank).
        let first = String(rows[5])
        #expect(first.contains("20") && first.contains("-"), "no year on top: \(rows.joined(separator: "\n"))")
        #expect(String(rows[6]).contains("Subject") && String(rows[6]).contains("Grade"), "the columns too")
        #expect(
            MoreScreen.sticky([[("a", .header)], [("b", .text)], [("c", .text)]], top: 2, timetable: false).count == 1)
        #expect(MoreScreen.sticky([[("Mon", .dim)], [("1", .text)]], top: 1, timetable: true).first?.first?.0 == "Mon")
        #expect(MoreScreen.sticky([[("a", .header)], [("b", .text)]], top: 0, timetable: false).isEmpty)
    }

    /// The codes page, over the tabs, takes the sections' keys (they
    /// worked by mouse only) and carries the attendance's child: 5 opens
    /// that child's More.
    @Test func theCodesPageTakesTheSectionKeysWithItsChild() {
        var s = ScreenFixture.state(.attendance)
        _ = Reducer.reduce(&s, .key(.char("c")))  // Amy
        let amy = s.attendance.child
        _ = Reducer.reduce(&s, .key(.enter))
        #expect(s.route == .codes)
        _ = Reducer.reduce(&s, .key(.char("5")))
        #expect(s.route == .more && s.more.child == amy)
    }

    /// The timeline filtered on one child is that child in view too: 3
    /// opens their attendance. Unfiltered, the attendance stays on its own.
    @Test func theTimelinesChildFilterCarriesToo() {
        var s = ScreenFixture.state(.timeline)
        _ = Reducer.reduce(&s, .key(.char("c")))
        _ = Reducer.reduce(&s, .key(.char("c")))
        let filtered = try! #require(s.timeline.query.child)
        _ = Reducer.reduce(&s, .key(.char("3")))
        #expect(AttendanceScreen.child(s)?.ref == filtered)
        _ = Reducer.reduce(&s, .key(.char("5")))
        #expect(s.snapshot!.model.children[s.more.child].ref == filtered)
        #expect(MoreScreen.childInView(s) == AttendanceScreen.childInView(s))
    }
}

/// Settling keeps every list's selection on a row there is.
@Suite struct SettleClampTests {
    /// Fewer rows than before (a sync withdrew messages, or a child): the
    /// selection comes back onto the last row (the timeline and Home kept
    /// an index past the end, and Enter there did nothing).
    @Test func aSelectionPastTheEndComesBackOntoTheList() throws {
        var timeline = ScreenFixture.state(.timeline)
        timeline.timeline.list.selected = 99_999
        TimelineScreen.settle(&timeline)
        let count = try #require(timeline.timeline.results?.count)
        #expect(timeline.timeline.list.selected == count - 1)
        // A child filter on a child no longer shown: all children again (it
        // read "0 of 365 (S000001)" over an empty list).
        var filtered = ScreenFixture.state(.timeline)
        filtered.timeline.query.child = ChildRef(school: "green-abbey", student: "GA-GONE")
        TimelineScreen.settle(&filtered)
        #expect(filtered.timeline.query.child == nil && filtered.timeline.results?.isEmpty == false)
        var home = ScreenFixture.state(.home)
        home.home.list.selected = 42
        HomeScreen.settle(&home)
        #expect(home.home.list.selected == home.snapshot!.model.children.count - 1)
    }
}
