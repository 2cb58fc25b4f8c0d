import Foundation
import TerminalKit
import Testing

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// State + action in, state and effects out.
@Suite struct ReducerTests {
    static let t0 = Timestamp.parse("2026-03-18T10:42:00Z")!
    static let session = Session(
        id: "s1", createdAt: t0, lastUnlockedAt: t0, emailDigest: "d", schools: [], children: [])

    func state(_ route: Route = .login) -> AppState {
        var s = AppState(size: Size(width: 80, height: 24), now: ReducerTests.t0)
        s.store = StoreSummary(name: "Demo", demoLogins: [])
        s.reset(to: route)
        return s
    }

    func type(_ text: String, _ s: inout AppState) -> [Effect] {
        text.flatMap { Reducer.reduce(&s, .key(.char($0))) }
    }

    @Test func loginCollectsEmailMobileThenLastFourAndChecksNothingBefore() {
        var s = state()
        #expect(type("liz.abbot@example.com", &s).isEmpty)
        #expect(Reducer.reduce(&s, .key(.enter)).isEmpty)
        #expect(s.login.focus == 1)
        #expect(type("07700 100001", &s).isEmpty)
        #expect(Reducer.reduce(&s, .key(.enter)).isEmpty)  // no effect yet: nothing is revealed at this step
        #expect(s.login.stage == .lastFour)
        #expect(type("00x01", &s).isEmpty)
        #expect(s.login.lastFour.text == "0001")  // digits only
        #expect(
            Reducer.reduce(&s, .key(.enter)) == [
                .logIn(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")
            ])
        #expect(s.login.isBusy)
    }

    @Test(arguments: [
        (
            LoginOutcome.rejected(message: LoginOutcome.rejectionText, attemptsLeft: 3),
            "Those details don't match what your school holds (3 attempts left). Check your email address, your mobile number and the last 4 digits of your mobile, then try again. If they are right, ask the school to check that it holds your email address and your mobile number, recorded as a mobile."
        ),
        (
            LoginOutcome.lockedOut(until: ReducerTests.t0.addingTimeInterval(900)),
            "Too many attempts. For your security, please try again at 10:57."
        ),
        (LoginOutcome.noChildren(message: LoginOutcome.noChildrenText), LoginOutcome.noChildrenText),
    ])
    func loginFailuresAreShownOnTheForm(outcome: LoginOutcome, message: String) {
        var s = state()
        s.login.stage = .lastFour
        s.login.isBusy = true
        #expect(Reducer.reduce(&s, .loginFinished(outcome)).isEmpty)
        #expect(s.login.message == message)
        #expect(s.login.stage == .credentials && !s.login.isBusy)
        #expect(s.route == .login)
    }

    /// A typing hint left from before ("That is as long as this field goes")
    /// never hides what the login came to (a refusal and a lock-out went
    /// unseen, their attempt used).
    @Test func aLoginsOutcomeReplacesATypingHint() {
        var s = state()
        s.login.stage = .lastFour
        s.login.isBusy = true
        s.login.hint = "That is as long as this field goes (4 characters)."
        _ = Reducer.reduce(&s, .loginFinished(.rejected(message: LoginOutcome.rejectionText, attemptsLeft: 3)))
        #expect(s.login.hint == nil)
        let screen = ScreenFixture.render(s)
        #expect(screen.contains("(3 attempts left)") && !screen.contains("as long as this field goes"), "\(screen)")
    }

    /// Under an as-of view the lock-out's time is the real one, and is said
    /// to be (support read "10:57" under a shown 25 Dec as hours away).
    @Test func aLockOutInAnAsOfViewSaysItsTimeIsTheRealOne() {
        var s = state()
        s.settings.asOfView = true
        s.login.stage = .lastFour
        s.login.isBusy = true
        _ = Reducer.reduce(&s, .loginFinished(.lockedOut(until: ReducerTests.t0.addingTimeInterval(900))))
        #expect(
            s.login.message
                == "Too many attempts. For your security, please try again on Wed 18 Mar 2026 at 10:57 (real time, not the as-of clock).",
            "the day too: the as-of clock shows another")
        // On a demo store, whose header shows its own date, a lock-out on
        // the real day says so (the real date stood unexplained).
        var demo = state()
        demo.login.stage = .lastFour
        demo.login.isBusy = true
        _ = Reducer.reduce(&demo, .loginFinished(.lockedOut(until: ReducerTests.t0.addingTimeInterval(90 * 86_400))))
        #expect(
            demo.login.message
                == "Too many attempts. For your security, please try again on Tue 16 Jun 2026 at 11:42 (real time).")
    }

    /// A sync that ends the session (the schools no longer hold the
    /// parent's details) goes to the login screen saying why, with nothing of
    /// the model left; a later sync that finds nobody logged in keeps that
    /// message and what the parent has started typing.
    @Test func anEndedSessionGoesToTheLoginScreenAndKeepsItsReason() {
        var s = ScreenFixture.state(.timeline)
        s.unlocked = true
        _ = Reducer.reduce(&s, .sessionEnded(ParentAccount.detailsChangedText))
        #expect(s.route == .login && !s.unlocked && s.snapshot == nil)
        #expect(s.login.reason == ParentAccount.detailsChangedText)
        _ = type("liz", &s)
        _ = Reducer.reduce(&s, .sessionEnded(EffectRunner.loggedOutElsewhere))
        #expect(s.login.reason == ParentAccount.detailsChangedText)
        #expect(s.login.email.text == "liz")
        #expect(ScreenFixture.render(s).contains("Your schools' details for you have changed"))
        // A damaged login's reason, with the messages it keeps, is read to its end at 80 columns.
        var damaged = state()
        damaged.login.reason =
            "Your saved login on this device could not be read, so please log in again." + ParentAccount.keptText(2)
        let screen = ScreenFixture.render(damaged)
        #expect(screen.contains("the same email and mobile.\n"), "\(screen)")
    }

    /// A re-check that ends the session while the app is locked over a
    /// message being written: the message is kept durably for the same
    /// parent's next login, and the login screen says so (it was lost
    /// without a word).
    @Test func anEndedSessionUnderTheLockKeepsWhatWasBeingWritten() {
        var s = ScreenFixture.state(.home)
        s.unlocked = true
        for key in "n" { _ = Reducer.reduce(&s, .key(.char(key))) }
        for key in "Important reply? written before the lock" { _ = Reducer.reduce(&s, .key(.char(key))) }
        _ = UnlockScreen.lock(&s, reason: nil)
        #expect(!s.unlocked)
        let effects = Reducer.reduce(&s, .sessionEnded(ParentAccount.detailsChangedText))
        #expect(
            effects.contains {
                if case .keepUnsent(let draft) = $0 {
                    return draft.body == "Important reply? written before the lock" && draft.why == .loginEnded
                }
                return false
            }, "\(effects)")
        // The Kept screen says why it was kept: the login ended, not the app.
        #expect(KeptWhy.loginEnded.text == "You were writing this when your login ended")
        #expect(s.route == .login && s.snapshot == nil)
        #expect(s.login.reason?.contains("What you were writing is kept") == true)
        // Nothing written: the plain reason, and nothing kept.
        var plain = ScreenFixture.state(.home)
        plain.unlocked = true
        _ = UnlockScreen.lock(&plain, reason: nil)
        #expect(Reducer.reduce(&plain, .sessionEnded(ParentAccount.detailsChangedText)).isEmpty)
        #expect(plain.login.reason == ParentAccount.detailsChangedText)
        // A saved login found damaged while unlocked, over a message being
        // written: kept before the login is set aside (it was kept only under
        // the lock, and lost when the parent left the form), and not again
        // when the ending is said.
        var damaged = ScreenFixture.state(.home)
        damaged.unlocked = true
        for key in "nDraft kept?" { _ = Reducer.reduce(&damaged, .key(.char(key))) }
        let first = Reducer.reduce(&damaged, .sessionUnreadable)
        #expect(first.count == 2 && first.last == .endUnreadableSession(keptWriting: true), "\(first)")
        let reason = "Your saved login on this device could not be read, so please log in again."
        #expect(Reducer.reduce(&damaged, .sessionEnded(reason + Reducer.keptWritingText)).isEmpty)
        #expect(ScreenFixture.render(damaged).contains("kept on this device"))
    }

    /// A sync that had something to say while the app was locked: the lock
    /// screen names nothing, and the unlock says it (the line went on
    /// saying "unlock to see it").
    @Test func whatCameInUnderTheLockIsSaidAtTheUnlock() {
        var s = ScreenFixture.state(.home)
        s.unlocked = true
        _ = UnlockScreen.lock(&s, reason: nil)
        var summary = SyncSummary(finishedAt: ScreenFixture.now)
        summary.schoolsRemoved = ["Riverside Primary School no longer holds these details for you"]
        _ = Reducer.reduce(&s, .syncFinished(summary))
        #expect(s.note?.text == "Something came in while the app was locked: unlock to see it.")
        _ = Reducer.reduce(&s, .unlockFinished(.unlocked(ScreenFixture.prepared.session)))
        #expect(s.unlocked)
        #expect(
            s.note?.text.contains("Riverside Primary School no longer holds these details") == true,
            "\(s.note?.text ?? "")")
    }

    /// u on the School screen of a school whose details hold no website or
    /// email address says so there (it opened an empty picker: "There are
    /// no links here", without why).
    @Test func schoolLinksWithNoneSayWhy() {
        var s = ScreenFixture.state(.school)
        let m = s.snapshot!.model
        var state = m.state
        for id in Array(state.schools.keys) {
            state.schools[id]?.school.website = ""
            state.schools[id]?.school.email = ""
            state.schools[id]?.school.websiteOverride = nil
        }
        s.snapshot = ModelSnapshot(
            model: ParentModel(
                state: state, schoolOrder: m.schools.map(\.id), outbox: m.outbox, lastSynced: [:], reusing: m),
            images: [:], version: 99)
        #expect(Reducer.reduce(&s, .key(.char("u"))).isEmpty)
        #expect(s.route == .school)
        #expect(
            s.note?.text.hasSuffix("details hold no website or email address to open.") == true, "\(s.note?.text ?? "")"
        )
    }

    /// Messages queued offline to two schools, sent at once: the note names
    /// both (it said both went to the first).
    @Test func messagesSentToTwoSchoolsNameBoth() {
        var s = ScreenFixture.state(.home)
        var sent = SyncSummary(finishedAt: ScreenFixture.now)
        sent.sentTo = ["St John's Primary School", "St Mary's Primary Academy"]
        _ = Reducer.reduce(&s, .syncFinished(sent))
        #expect(
            s.note?.text.hasPrefix(
                "Sent: your 2 messages to St John's Primary School and St Mary's Primary Academy at") == true,
            "\(s.note?.text ?? "")")
        sent.sentTo = ["St John's Primary School", "St John's Primary School"]
        _ = Reducer.reduce(&s, .syncFinished(sent))
        #expect(s.note?.text.hasPrefix("Sent: your 2 messages to St John's Primary School at") == true)
    }

    /// A login that left out a school it could not read says so (its
    /// children were simply missing, without a word).
    @Test func aLoginThatLeftOutASchoolSaysSo() {
        var s = state()
        var pending = PendingLogin(
            id: "s1", checkedAt: ReducerTests.t0, emailDigest: "d",
            match: IdentityMatch(assessments: [], duplicates: []),
            mobile: PhoneNumber("07700 100001", defaultCountryCode: 44)!)
        pending.unchecked = ["Riverside Primary School"]
        _ = Reducer.reduce(&s, .loginFinished(.loggedIn(pending)))
        #expect(s.route == .setPIN)
        #expect(
            s.note?.text
                == "Riverside Primary School's data can't be read just now, so your details there could not be checked (tried again at every sync).",
            "\(s.note?.text ?? "")")
    }

    @Test func successfulLoginAsksForAPinTwiceThenOpensHomeAndSyncs() {
        var s = state()
        let pending = PendingLogin(
            id: "s1", checkedAt: ReducerTests.t0, emailDigest: "d",
            match: IdentityMatch(assessments: [], duplicates: []),
            mobile: PhoneNumber("07700 100001", defaultCountryCode: 44)!)
        _ = Reducer.reduce(&s, .loginFinished(.loggedIn(pending)))
        #expect(s.route == .setPIN)
        _ = type("7391", &s)
        _ = Reducer.reduce(&s, .key(.enter))
        _ = type("7391", &s)
        #expect(Reducer.reduce(&s, .key(.enter)) == [.setPIN("7391", confirmation: "7391")])
        #expect(Reducer.reduce(&s, .pinSetFinished(refusal: nil)) == [.loadModel, .sync(manual: false)])
        #expect(s.route == .home && s.unlocked)
    }

    @Test func aRefusedPinStartsAgainWithTheReason() {
        var s = state(.setPIN)
        _ = Reducer.reduce(&s, .pinSetFinished(refusal: PinRefusal.ascendingRun.message))
        #expect(s.pin.message == PinRefusal.ascendingRun.message)
        #expect(s.pin.first.isEmpty && s.pin.focus == 0)
    }

    @Test func wrongPinsCountDownThenWipe() {
        var s = state(.unlock)
        _ = type("000000", &s)
        #expect(Reducer.reduce(&s, .key(.enter)) == [.unlock(pin: "000000")])
        _ = Reducer.reduce(&s, .unlockFinished(.wrong(attemptsLeft: 2)))
        #expect(s.pin.message == "That PIN isn't right. 2 more wrong PINs and you'll need to log in again.")
        _ = Reducer.reduce(&s, .unlockFinished(.wiped))
        #expect(s.route == .login)
        #expect(s.login.reason?.hasPrefix("Too many wrong PINs") == true)
        // An as-of view counts wrong PINs on the device too, and says so.
        var asOf = state(.unlock)
        asOf.settings.asOfView = true
        _ = Reducer.reduce(&asOf, .unlockFinished(.wiped))
        #expect(
            asOf.login.reason?.hasPrefix(
                "Too many wrong PINs (an as-of view counts them on this device too): for your security the login on this device has ended"
            ) == true)
    }

    /// Keys typed while the PIN is checked were lost (the audit typed on
    /// straight away): they go to the screen that comes next when it
    /// succeeds, and are dropped when it does not.
    @Test func keysTypedWhileAPinIsCheckedAreKeptForTheNextScreen() {
        var s = state(.unlock)
        _ = type("528147", &s)
        #expect(Reducer.reduce(&s, .key(.enter)) == [.unlock(pin: "528147")])
        _ = type("2", &s)  // the timeline, typed before the lock has gone
        #expect(s.route == .unlock && s.pin.first.text == "528147" && s.typeAhead == [.char("2")])
        _ = Reducer.reduce(&s, .unlockFinished(.unlocked(ReducerTests.session)))
        // The model is still loading: the keys wait for it (n, a and o need it).
        #expect(s.unlocked && s.route == .home && s.typeAhead == [.char("2")])
        _ = Reducer.reduce(&s, .modelLoaded(ScreenFixture.state(.home).snapshot!))
        #expect(s.route == .timeline && s.typeAhead.isEmpty)
        // "2j": the j moves down the timeline the 2 opened (each replayed key
        // sees the state settled, as if typed now; the j was dropped).
        var j = state(.unlock)
        _ = type("528147", &j)
        _ = Reducer.reduce(&j, .key(.enter))
        _ = type("2j", &j)
        _ = Reducer.reduce(&j, .unlockFinished(.unlocked(ReducerTests.session)))
        _ = Reducer.reduce(&j, .modelLoaded(ScreenFixture.state(.home).snapshot!))
        #expect(j.route == .timeline && j.timeline.list.selected == 1)
        // n typed while the PIN is checked writes to school once the model is there.
        var w = state(.unlock)
        _ = type("528147", &w)
        _ = Reducer.reduce(&w, .key(.enter))
        _ = type("n", &w)
        _ = Reducer.reduce(&w, .unlockFinished(.unlocked(ReducerTests.session)))
        _ = Reducer.reduce(&w, .modelLoaded(ScreenFixture.state(.home).snapshot!))
        #expect(w.route == .compose)
        // A wrong PIN: what was typed meanwhile is not typed into the PIN again.
        var t = state(.unlock)
        _ = type("000000", &t)
        _ = Reducer.reduce(&t, .key(.enter))
        _ = type("1234", &t)
        _ = Reducer.reduce(&t, .unlockFinished(.wrong(attemptsLeft: 2)))
        #expect(t.pin.first.text.isEmpty && t.typeAhead.isEmpty)
    }

    func unlockedState() -> AppState {
        var s = state(.home)
        _ = Reducer.reduce(&s, .unlockFinished(.unlocked(ReducerTests.session)))
        return s
    }

    /// `--lock-after 15s` said "Locked after 0 minutes"; 90 s said "1 minutes".
    @Test func aShortRelockSaysItsLengthInWords() {
        var s = unlockedState()
        s.settings.idleRelock = 15
        _ = Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(16)))
        #expect(s.pin.message == "Locked after 15 seconds without use.")
        #expect(Reducer.duration(90) == "90 seconds")
        #expect(Reducer.duration(60) == "1 minute")
        #expect(Reducer.duration(1) == "1 second")
    }

    @Test func idleRelocksAfterTheConfiguredTime() {
        var s = unlockedState()
        _ = Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(4 * 60)))
        #expect(s.route == .home)
        _ = Reducer.reduce(&s, .key(.char("2")))
        _ = Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(8 * 60 + 59)))
        #expect(s.route == .timeline)  // the key press reset the idle timer
        _ = Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(9 * 60 + 1)))
        #expect(s.route == .unlock && !s.unlocked)
        #expect(s.pin.message == "Locked after 5 minutes without use.")
        // Unlocking goes back to where the parent was.
        _ = Reducer.reduce(&s, .unlockFinished(.unlocked(ReducerTests.session)))
        #expect(s.stack == [.home, .timeline] && s.unlocked)
    }

    @Test func backgroundSyncRunsOnTheIntervalAndNotTwiceAtOnce() {
        var s = unlockedState()
        s.settings.idleRelock = 3600
        #expect(Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(30))) == [])
        #expect(Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(61))) == [.sync(manual: false)])
        _ = Reducer.reduce(&s, .syncStarted(manual: false))
        #expect(Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(200))) == [])
        #expect(Reducer.reduce(&s, .key(.char("R"))) == [])  // already syncing
        _ = Reducer.reduce(&s, .syncFinished(SyncSummary(finishedAt: ReducerTests.t0.addingTimeInterval(201))))
        #expect(Reducer.reduce(&s, .key(.char("R"))) == [.sync(manual: true)])
    }

    /// Locked from the start (the app opened at the PIN): the background
    /// sync still runs, an interval after the last key, so a school's
    /// change to the parent's details is acted on before any unlock (an
    /// auditor saw the registration stay while the app sat locked).
    @Test func aLockedAppStillSyncsInTheBackground() {
        var s = state(.unlock)
        #expect(!s.unlocked)
        #expect(Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(30))) == [])
        #expect(Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(61))) == [.sync(manual: false)])
        _ = Reducer.reduce(&s, .syncStarted(manual: false))
        #expect(Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(200))) == [], "not twice at once")
        _ = Reducer.reduce(&s, .syncFinished(SyncSummary(finishedAt: ReducerTests.t0.addingTimeInterval(201))))
        // A PIN being typed puts the next one off (never a sync ahead of the unlock).
        _ = Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(230)))
        _ = Reducer.reduce(&s, .key(.char("7")))
        #expect(Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(125 + 61))) == [])
        #expect(Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(230 + 61))) == [.sync(manual: false)])
        // Not on the login screen: nobody to sync for.
        var login = state(.login)
        #expect(Reducer.reduce(&login, .tick(ReducerTests.t0.addingTimeInterval(600))) == [])
    }

    /// The lock screen names no school: what a sync says while the app is
    /// locked waits behind the PIN (it showed "Green Abbey School no longer
    /// holds these details for you" to whoever was at the screen).
    @Test func theLockScreenNamesNoSchool() {
        var s = state(.unlock)
        var summary = SyncSummary(finishedAt: ReducerTests.t0)
        summary.schoolsRemoved = ["Green Abbey School no longer holds these details for you"]
        _ = Reducer.reduce(&s, .syncFinished(summary))
        #expect(s.note.map { !$0.text.contains("Green Abbey") } == true, "\(String(describing: s.note))")
        var open = unlockedState()
        _ = Reducer.reduce(&open, .syncFinished(summary))
        #expect(open.note?.text.contains("Green Abbey") == true)
    }

    @Test func aNewMessageRaisesAToastAndTheBell() {
        var s = unlockedState()
        let effects = Reducer.reduce(
            &s, .syncFinished(SyncSummary(finishedAt: ReducerTests.t0, announcements: ["School closed today: snow"])))
        #expect(effects.contains(.bell))
        #expect(s.note?.text == "New message: School closed today: snow")
        #expect(s.note?.role == .toast)
        _ = Reducer.reduce(&s, .tick(ReducerTests.t0.addingTimeInterval(11)))
        #expect(s.note == nil)
    }

    @Test func logoutAsksFirstAndCanSendWaitingMessages() {
        var s = unlockedState()
        _ = Reducer.reduce(&s, .key(.char("X")))
        #expect(s.route == .logout)
        s.logout.pending = 2
        // With messages waiting, y would lose them: it does nothing; s sends first, d discards (explicitly).
        #expect(Reducer.reduce(&s, .key(.char("y"))) == [])
        var d = s
        #expect(Reducer.reduce(&d, .key(.char("d"))) == [.logOut(.discardUnsent)])
        #expect(Reducer.reduce(&s, .key(.char("s"))) == [.logOut(.sendFirst)])
        // Sending failed: still logged in, the screen says so and offers the same choices.
        _ = Reducer.reduce(
            &s, .logoutRefused("2 messages could not be sent: keep trying (stay logged in) or discard them.", unsent: 2)
        )
        #expect(s.route == .logout && s.unlocked && !s.logout.isBusy)
        #expect(ScreenFixture.render(s).contains("2 messages could not be sent"))
        var t = unlockedState()
        _ = Reducer.reduce(&t, .key(.char("X")))
        #expect(Reducer.reduce(&t, .key(.char("n"))) == [])
        #expect(t.route == .home)
        _ = Reducer.reduce(&t, .key(.char("X")))
        #expect(Reducer.reduce(&t, .key(.char("y"))) == [.logOut(.onlyIfNothingUnsent)])
        _ = Reducer.reduce(&t, .loggedOut(unregistered: true))
        #expect(t.route == .login && !t.unlocked && t.snapshot == nil)
    }

    @Test func sectionsNeedAnUnlockedSession() {
        var s = state(.login)
        _ = Reducer.reduce(&s, .key(.char("4")))
        #expect(s.route == .login)
        #expect(s.login.email.text == "4")  // typed into the field instead
        var u = unlockedState()
        _ = Reducer.reduce(&u, .key(.char("4")))
        #expect(u.stack == [.home, .school])
        _ = Reducer.reduce(&u, .key(.escape))
        #expect(u.route == .home)
    }

    /// Every key of every binding does something somewhere: in one of the
    /// states a parent passes through, it reaches its binding (not taken
    /// over by a more specific context, not typed into a field) and pressing
    /// it changes the state or asks for an effect. Help lists every binding,
    /// and no context binds a key twice.
    @Test func everyBindingChangesSomethingSomewhereAndHelpListsIt() {
        let states = FirstHourTests.journeyStates()
        for binding in Keymap.standard {
            for key in binding.keys {
                let works = states.contains { _, state in
                    guard Reducer.keymap.binding(for: key, in: Reducer.chain(state)) == binding else { return false }
                    if case .char = key, state.route.screen.isEditing(state) { return false }
                    var s = state
                    let effects = Reducer.reduce(&s, .key(key))
                    return s != state || !effects.isEmpty
                }
                #expect(
                    works, "\(key.displayName) (\(binding.label), \(binding.context.title)) does nothing in any state")
            }
        }
        // The help screen's own text (as drawn at 80 columns) names every
        // binding: its keys and what it does.
        let help = HelpScreen.lines(width: 80).map(\.0).joined(separator: "\n")
        for binding in Keymap.standard {
            #expect(help.contains(binding.keyNames), "help lacks the keys of \(binding.label)")
            #expect(
                help.contains(String(binding.label.prefix(40))) || help.contains(String(binding.label.prefix(20))),
                "help lacks \(binding.label)")
        }
        for context in Keymap().contexts {
            let keys = Keymap.standard.filter { $0.context == context }.flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "\(context) binds a key twice")
        }
    }
}
