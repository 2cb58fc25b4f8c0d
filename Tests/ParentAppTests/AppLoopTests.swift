import Foundation
import TerminalKit
import Testing

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// Answers each effect at once, from a table, and records what it was
/// asked: the loop then runs in process, deterministically, on a
/// `MemoryBackend` and a manual clock (as swift-nio's `EmbeddedEventLoop`
/// stands in for a real event loop).
final class InstantPerformer: EffectPerforming, @unchecked Sendable {
    let inbox = ActionInbox()
    let clock: any WallClock
    let settings: CoreSettings
    private(set) var performed: [Effect] = []
    let answer: (Effect) -> [Action]

    init(clock: any WallClock, settings: CoreSettings = CoreSettings(), answer: @escaping (Effect) -> [Action]) {
        self.clock = clock
        self.settings = settings
        self.answer = answer
    }

    func perform(_ effects: [Effect], backend: any TerminalBackend) {
        for effect in effects {
            performed.append(effect)
            if EffectRunner.performOnTerminal(effect, backend: backend) { continue }
            for action in answer(effect) { inbox.post(action) }
        }
    }

    func settle() {}
}

/// Time as the loop sees it in a test: each wait step of the script (the
/// loop finding no key) is `step` passing, so idle time is a script's
/// `<Wait 1>`s, deterministically.
final class WaitingClock: WallClock, @unchecked Sendable {
    let start: Date
    let step: TimeInterval
    var backend: MemoryBackend?

    init(_ start: Date, step: TimeInterval) {
        self.start = start
        self.step = step
    }

    func now() -> Date { start.addingTimeInterval(Double(backend?.timeoutCount ?? 0) * step) }
}

@Suite struct AppLoopTests {
    static let summary = StoreSummary(name: "Xpressions demo store", demoLogins: DemoStoreBuilder.logins)

    /// Liz, locked, with the screen fixture's model behind her PIN.
    func lockedLiz(
        clock: any WallClock = ManualClock(ScreenFixture.now),
        _ answerMore: @escaping (Effect) -> [Action]? = { _ in nil }
    ) -> InstantPerformer {
        let session = ScreenFixture.prepared.session
        return InstantPerformer(clock: clock) { effect in
            if let custom = answerMore(effect) { return custom }
            switch effect {
            case .open: return [.opened(ServiceOpening(status: .locked(session), store: AppLoopTests.summary))]
            case .unlock(let pin):
                return [.unlockFinished(pin == "739184" ? .unlocked(session) : .wrong(attemptsLeft: 9))]
            case .loadModel: return [.modelLoaded(ScreenFixture.prepared.snapshot)]
            case .sync: return [.syncStarted(manual: false), .syncFinished(SyncSummary(finishedAt: clock.now()))]
            default: return []
            }
        }
    }

    /// Types `script` into the terminal (then Ctrl-C twice: with a message
    /// written, the first only asks) and runs the loop to the end.
    func run(
        _ script: String, size: Size = Size(width: 80, height: 24), performer: InstantPerformer,
        clock: WaitingClock? = nil
    ) throws -> MemoryBackend {
        let backend = MemoryBackend(size: size)
        clock?.backend = backend
        try backend.enqueue(script: script + "<C-c><C-c>")
        let loop = AppLoop(backend: backend, performer: performer, keys: .terminal)
        loop.run()
        return backend
    }

    /// The rows of a frame, trailing spaces trimmed (ratatui's `assert_buffer_lines` in spirit).
    func rows(_ backend: MemoryBackend) -> [String] {
        (backend.lastFrame?.lines() ?? []).map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    /// Rows `first...` of the last frame are exactly `expected` (trailing
    /// spaces trimmed), as ratatui's `assert_buffer_lines` compares lines.
    func expectRows(
        _ backend: MemoryBackend, from first: Int, _ expected: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let screen = rows(backend)
        let got = Array(screen.dropFirst(first).prefix(expected.count))
        #expect(got == expected, "rows \(first)…:\n\(screen.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    /// A result left by the worker, and an effect ending, wake the loop
    /// waiting for a key (the backend watches `wakeup`), so the result is
    /// drawn at once instead of when the wait times out.
    @Test func resultsAndEndedEffectsWakeTheLoop() {
        let inbox = ActionInbox()
        #expect(!inbox.wakeup.wait(milliseconds: 0))
        inbox.post(.notice("Saved"))
        #expect(inbox.wakeup.wait(milliseconds: 0))
        inbox.began()
        #expect(!inbox.wakeup.wait(milliseconds: 0), "starting work wakes nobody")
        inbox.ended()
        #expect(inbox.wakeup.wait(milliseconds: 0))
        let performer = lockedLiz()
        let backend = MemoryBackend(size: Size(width: 80, height: 24))
        _ = AppLoop(backend: backend, performer: performer)
        #expect(backend.wakeup === performer.inbox.wakeup, "the loop's terminal watches the inbox")
    }

    /// From start to quit, two frames: the first, then the lock (the store
    /// opened while the first was painted), and none for the key that quits
    /// (the terminal is restored next: a frame then only cost time).
    @Test func fromStartToQuitTwoFramesAreDrawn() throws {
        let backend = try run("", performer: lockedLiz())
        let frames = backend.frames.map { $0.lines().joined(separator: "\n") }
        #expect(frames.count == 2, "\(frames.count) frames")
        #expect(frames.first?.contains("Opening the school data…") == true)
        #expect(frames.last?.contains("Xpressions is locked") == true)
    }

    /// A minute passing while the loop waits, whose tick starts work that
    /// answers at once (the background sync, due each minute): the new
    /// minute and the work's results are drawn in one frame, not a frame
    /// for the clock and another for the results.
    @Test func aTickWithResultsWaitingIsDrawnOnceWithThem() throws {
        func frames(_ script: String) throws -> (count: Int, syncs: Int, top: String) {
            let clock = WaitingClock(ScreenFixture.now, step: 60)
            let performer = lockedLiz(clock: clock)
            let backend = try run(script, performer: performer, clock: clock)
            let syncs = performer.performed.filter { if case .sync = $0 { return true } else { return false } }
            return (backend.frames.count, syncs.count, rows(backend)[0])
        }
        // The first wait ends the unlock's type-ahead (keys typed while the
        // PIN was checked); the second is the loop's own.
        let before = try frames("739184<Enter><Wait 1>")
        let after = try frames("739184<Enter><Wait 1>" + String(repeating: "<Wait 1>", count: 3))
        #expect(after.syncs > before.syncs, "a minute's tick started a sync")
        #expect(after.count == before.count + 3, "\(before.count) frames, then \(after.count)")
        #expect(after.top.hasSuffix("Wed 18 Mar 10:46"))
    }

    @Test func theFirstFrameComesBeforeAnythingSlowThenTheLock() throws {
        let backend = try run("", performer: lockedLiz())
        expectRows(
            backend, from: 2,
            [
                " Xpressions is locked", "", " Enter your PIN to unlock.", "", " PIN       4 to 6 digits", "",
                "           Forgot your PIN? Log in again",
            ])
        expectRows(backend, from: 22, [" Xpressions demo store", " Tab PIN, or \"Forgot your PIN?\"  F1 Help"])
        #expect(backend.frames.first?.lines().contains { $0.contains("Opening the school data…") } == true)
        let screen = rows(backend)
        #expect(screen[0].hasPrefix(" Xpressions ─ Locked"))
        #expect(screen[0].hasSuffix("Wed 18 Mar 10:42"))
        #expect(screen.contains(" Xpressions is locked"))
    }

    /// The app's clock may read the store (its demo date and time zone) and
    /// write the data directory: the first frame is painted before it is
    /// read, without a time, and the next frames have it.
    @Test func theFirstFrameIsPaintedBeforeTheClockIsRead() throws {
        let backend = MemoryBackend(size: Size(width: 80, height: 24))
        let read = Locked<Int?>(nil)
        nonisolated(unsafe) let painted = backend  // read on the loop's thread only
        let clock = LazyClock {
            read.withLock { $0 = painted.frames.count }
            return ManualClock(ScreenFixture.now)
        }
        try backend.enqueue(script: "<C-c><C-c>")
        AppLoop(backend: backend, performer: lockedLiz(clock: clock), keys: .terminal).run()
        #expect(read.withLock { $0 } == 1)
        let first = backend.frames.first?.lines() ?? []
        #expect(first.first?.trimmingCharacters(in: .whitespaces) == "Xpressions ─ Opening")
        #expect(first.contains { $0.contains("Opening the school data…") })
        #expect(rows(backend)[0].hasSuffix("Wed 18 Mar 10:42"))
    }

    @Test func aJourneyWithAQuestionRunsThroughTheWholeLoop() throws {
        let performer = lockedLiz()
        let backend = try run(
            "739184<Enter>2/options<Enter><Enter>rCan Ben leave at 2pm? Thanks!<C-s>", performer: performer)
        #expect(performer.performed.contains(.unlock(pin: "739184")))
        #expect(performer.performed.contains(.loadModel))
        let queued = performer.performed.compactMap { effect -> OutgoingDraft? in
            if case .queueMessage(let draft, _) = effect { return draft }
            return nil
        }
        #expect(queued.map(\.body) == ["Can Ben leave at 2pm? Thanks!"])
        // Back on the message it answers, the note and the reader's keys below.
        expectRows(
            backend, from: 2, [" Ben's Year 9 options interview                                             69%"])
        expectRows(
            backend, from: 22,
            [
                " Queued: your message to Green Abbey School will be sent at the next sync.",
                " r Reply  Enter Open attachment  J Next message  Esc Back  R Refresh now  ? Help",
            ])
    }

    @Test func resultsAreDrawnBeforeTheNextKeyAndANewMessageRings() throws {
        let performer = lockedLiz { effect in
            guard case .sync = effect else { return nil }
            return [
                .syncStarted(manual: false),
                .syncFinished(SyncSummary(finishedAt: ScreenFixture.now, announcements: ["Snow day: school closed"])),
            ]
        }
        let backend = try run("739184<Enter>", performer: performer)
        #expect(backend.bellCount == 1)
        #expect(rows(backend)[22] == " New message: Snow day: school closed")
    }

    /// Idle time relocks the app, through the loop's own ticks: five minutes
    /// without a key (five wait steps of a minute) and the lock is back,
    /// saying why; the PIN opens the timeline the parent left. Whole rows
    /// of the frame are compared.
    @Test func fiveIdleMinutesRelockAndThePinOpensWhereTheParentWas() throws {
        let clock = WaitingClock(ScreenFixture.now, step: 60)
        let locked = try run(
            "739184<Enter>2" + String(repeating: "<Wait 1>", count: 5), performer: lockedLiz(clock: clock),
            clock: clock)
        let screen = rows(locked)
        #expect(screen[0] == " Xpressions ─ Locked                                           Wed 18 Mar 10:47")
        #expect(screen.contains(" Locked after 5 minutes without use."), "\(screen)")
        let clock2 = WaitingClock(ScreenFixture.now, step: 60)
        let back = try run(
            "739184<Enter>2" + String(repeating: "<Wait 1>", count: 5) + "739184<Enter>",
            performer: lockedLiz(clock: clock2), clock: clock2)
        #expect(rows(back)[0] == " Xpressions ─ Timeline                                         Wed 18 Mar 10:47")
        // Four idle minutes are not five.
        let clock3 = WaitingClock(ScreenFixture.now, step: 60)
        let open = try run(
            "739184<Enter>2" + String(repeating: "<Wait 1>", count: 4), performer: lockedLiz(clock: clock3),
            clock: clock3)
        #expect(rows(open)[0] == " Xpressions ─ Timeline                                         Wed 18 Mar 10:46")
    }

    /// The background sync runs every interval (60 s by default) while the
    /// app is open, driven by the loop's ticks, and not more often.
    @Test func theBackgroundSyncRunsEveryMinuteThroughTheLoop() throws {
        let clock = WaitingClock(ScreenFixture.now, step: 30)
        let performer = lockedLiz(clock: clock)
        _ = try run("739184<Enter>" + String(repeating: "<Wait 1>", count: 6), performer: performer, clock: clock)
        let syncs = performer.performed.filter { if case .sync = $0 { return true } else { return false } }
        // One at the unlock, then one a minute: at 1:00, 2:00 and 3:00 of
        // the three idle minutes (six steps of 30 s).
        #expect(syncs.count == 4, "\(performer.performed)")
    }

    /// session.json damaged while the app sat locked over a message being
    /// written: the right PIN finds it unreadable. What was written is kept
    /// first (it was lost), then the login is set aside, and the login
    /// screen says why, and that the message waits for them (it said "Too
    /// many wrong PINs… data removed").
    @Test func aDamagedLoginFoundAtTheUnlockKeepsWhatWasWritten() throws {
        let clock = WaitingClock(ScreenFixture.now, step: 60)
        var damaged = false
        let performer = lockedLiz(clock: clock) { effect in
            switch effect {
            case .unlock(let pin) where damaged:
                return [.unlockFinished(pin == "739184" ? .unreadable : .wrong(attemptsLeft: 9))]
            case .unlock(let pin):
                damaged = true  // damaged while the app is open, after this unlock
                return [
                    .unlockFinished(
                        pin == "739184" ? .unlocked(ScreenFixture.prepared.session) : .wrong(attemptsLeft: 9))
                ]
            case .endUnreadableSession(let kept):
                return [
                    .sessionEnded(
                        "Your saved login on this device could not be read, so please log in again."
                            + (kept ? " What you were writing is kept." : ""))
                ]
            default: return nil
            }
        }
        let backend = try run(
            "739184<Enter>nDraft three about Ben" + String(repeating: "<Wait 1>", count: 5) + "739184<Enter>",
            performer: performer, clock: clock)
        let keptIndex = performer.performed.firstIndex {
            if case .keepUnsent(let draft) = $0 { return draft.body == "Draft three about Ben" }
            return false
        }
        let endIndex = performer.performed.firstIndex(of: .endUnreadableSession(keptWriting: true))
        #expect(keptIndex != nil && endIndex != nil && keptIndex! < endIndex!, "\(performer.performed)")
        let screen = rows(backend)
        #expect(screen[0].hasPrefix(" Xpressions ─ Log in"))
        #expect(screen.contains { $0.contains("Your saved login on this device could not be read") })
        #expect(!screen.joined().contains("Too many wrong PINs"))
    }

    @Test func aResizeWhileTypingKeepsTheText() throws {
        let backend = try run(
            "739184<Enter>n<Resize 100x30>Dear Mrs Okafor, q is a letter here.", performer: lockedLiz())
        let screen = rows(backend)
        #expect(screen.count == 30 && backend.lastFrame?.size.width == 100)
        expectRows(
            backend, from: 3,
            [
                " Write to school", "", " To        Green Abbey School", " About     Ben Abbot (9A)  ‹ ›",
                " Topic     Choose a topic  ‹ ›", "", " Message   Dear Mrs Okafor, q is a letter here.",
            ])
        expectRows(
            backend, from: 26,
            [
                " Ctrl-C again quits and discards what you wrote; any other key goes on writing.", "",
                " Updated just now", " Ctrl-S Send  Ctrl-E Write in $EDITOR  Esc Cancel  F1 Help",
            ])
        #expect(screen.contains { $0.contains("Message   Dear Mrs Okafor, q is a letter here.") })
        #expect(backend.pendingStepCount == 0, "the first Ctrl-C asked, the second quit")
    }

    /// Behind "Terminal too small" keys do nothing: typed letters went into the
    /// message unseen, and L locked the app.
    @Test func keysDoNothingWhileTheTerminalIsTooSmall() throws {
        let performer = lockedLiz()
        let backend = try run(
            "739184<Enter><Wait 1>nAsk<Resize 30x8>abc?q1L<Esc><Esc><Resize 80x24> about lunch", performer: performer)
        let screen = rows(backend)
        #expect(screen[0].hasPrefix(" Xpressions ─ Write to school"), "\(screen)")
        #expect(screen.contains { $0.contains("Message   Ask about lunch") }, "\(screen)")
        let small = backend.frames.first { $0.size.width == 30 }?.lines().joined(separator: "\n") ?? ""
        #expect(small.contains("Terminal too small") && small.contains("Make it larger"), "\(small)")
        #expect(small.contains("Keys are ignored") && small.contains("Ctrl-C quits"), "\(small)")
        // Ctrl-Q, the other quit key everywhere, quits there too (it was ignored as a letter would be).
        let quit = try run("739184<Enter><Wait 1><Resize 30x8><C-q>", performer: lockedLiz())
        #expect(quit.pendingStepCount == 2, "Ctrl-Q quit: the two Ctrl-C after it were never read")
        #expect(quit.frames.last?.size.width == 30)
    }

    @Test func aWrongPinSaysWhatHappensNextAndQuitStaysLoggedIn() throws {
        let performer = lockedLiz()
        let backend = try run("111999<Enter>", performer: performer)
        #expect(
            rows(backend).contains {
                $0.contains("That PIN isn't right. 9 more wrong PINs and you'll need to log in again.")
            })
        // q quits (from Home), and is a letter in a field.
        let typed = try run("739184<Enter>2/q", performer: lockedLiz())
        #expect(rows(typed)[2].contains("/ q"))
        let quit = try run("739184<Enter>2q", performer: lockedLiz())
        // q quit before either Ctrl-C was handled (the first was read, and
        // set aside, as the keys typed during the unlock were gathered).
        #expect(rows(quit)[0].contains("Timeline") && quit.pendingStepCount == 1)
    }

    /// Keys already typed when a check's answer comes (it came while the
    /// screen was drawn) are type-ahead: after a wrong PIN they are
    /// dropped, never typed into the field again; after a right one they go
    /// on to the next screen. (An auditor's "Enter x y z" after a refused
    /// login put "xyz" in the email field.)
    @Test func keysTypedBeforeAnAnswerAreTypeAhead() throws {
        let wrong = try run("111999<Enter>48", performer: lockedLiz())
        #expect(rows(wrong).contains { $0.contains("That PIN isn't right.") })
        #expect(rows(wrong).contains { $0.contains("PIN       4 to 6 digits") }, "\(rows(wrong))")
        let right = try run("739184<Enter>2", performer: lockedLiz())
        #expect(rows(right)[0].contains("Timeline"))
    }

    /// A session's end with the school data away says at once that nobody
    /// can log in now, under why the parent must (ten wrong PINs offline
    /// showed the login form, and "can't reach" came only after the last
    /// 4); with the data there, the form stays as it is.
    @Test func aSessionEndedWithTheStoreAwayShowsWhyNobodyCanLogInNow() throws {
        for away in [true, false] {
            var opens = 0
            let performer = lockedLiz { effect in
                switch effect {
                case .unlock: return [.unlockFinished(.wiped)]
                case .open:
                    opens += 1
                    guard opens > 1 else { return nil }
                    return [
                        .opened(
                            ServiceOpening(
                                status: .loggedOut(reason: nil), store: away ? nil : AppLoopTests.summary,
                                problems: away ? ["store.json: missing: the store directory is not there"] : [],
                                unreachable: away, preferences: DevicePreferences()))
                    ]
                default: return nil
                }
            }
            let backend = try run("111111<Enter><Wait 1><Wait 1>", performer: performer)
            let screen = rows(backend)
            #expect(opens == 2, "the store looked at once after the end: \(opens)")
            #expect(screen.joined(separator: " ").contains("Too many wrong PINs"), "\(screen)")
            if away {
                #expect(screen[0].hasPrefix(" Xpressions ─ Store problem"), "\(screen)")
                #expect(screen.contains { $0.contains("Can't reach the school data, so you can't log in yet") })
                #expect(screen.contains { $0.contains("store.json: missing") })
            } else {
                #expect(screen[0].hasPrefix(" Xpressions ─ Log in"), "\(screen)")
                #expect(screen.contains { $0.contains("Email     e.g. you@example.com") })
            }
        }
    }
}
