import Foundation
import TerminalKit
import Testing

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// "Forgot your PIN? Log in again" on the lock screen: a full login in place
/// of the PIN, and back to the lock if the parent changes their mind.
@Suite struct ForgotPinTests {
    func locked() -> AppState {
        var s = AppState(size: Size(width: 80, height: 24), now: ScreenFixture.now)
        s.store = StoreSummary(name: "demo", demoLogins: [])
        s.reset(to: .unlock)
        return s
    }

    @discardableResult
    func press(_ keys: Key..., on s: inout AppState) -> [Effect] { keys.flatMap { Reducer.reduce(&s, .key($0)) } }

    @Test func tabThenEnterLeadsToAFullLoginAndEscComesBack() {
        var s = locked()
        press(.char("1"), .tab, on: &s)
        #expect(s.pin.focus == 1 && !UnlockScreen.isEditing(s))
        #expect(ScreenFixture.render(s).contains("Forgot your PIN? Log in again"))
        #expect(press(.enter, on: &s).isEmpty)  // no PIN check: a login instead
        #expect(s.route == .login && s.stack == [.unlock, .login])
        #expect(s.login.reason?.contains("Messages you had not sent are kept") == true)
        // Changing their mind: Esc is offered and goes back to the lock.
        #expect(Reducer.isEnabled(.back, s))
        press(.escape, on: &s)
        #expect(s.route == .unlock && s.pin.first.isEmpty && s.pin.focus == 0)
    }

    /// A message being written when the app locked itself: taking "Forgot
    /// your PIN?" keeps it first, for the same parent (it was dropped with
    /// the locked screens, and its text lost).
    @Test func forgettingThePinKeepsWhatWasBeingWritten() {
        var s = ScreenFixture.state(.home)
        press(.char("n"), on: &s)
        for c in "Draft under lock: the trip form?" { _ = Reducer.reduce(&s, .key(.char(c))) }
        _ = UnlockScreen.lock(&s, reason: nil)
        #expect(s.route == .unlock && s.holds(ComposeScreen.self))
        press(.tab, on: &s)
        let effects = press(.enter, on: &s)
        #expect(s.route == .login)
        let kept = effects.compactMap { effect -> String? in
            if case .keepUnsent(let draft) = effect, draft.why == .loggingInAgain { return draft.body }
            return nil
        }
        #expect(kept == ["Draft under lock: the trip form?"], "\(effects)")
    }

    /// At 50x14 the forgot-PIN reason was cut to its first line, and
    /// "Messages you had not sent are kept" with it: the reason goes before
    /// the general advice.
    @Test func theReasonIsWholeOnASmallTerminal() {
        var s = locked()
        s.size = Size(width: 50, height: 14)
        press(.tab, .enter, on: &s)
        let screen = ScreenFixture.render(s, color: false)
        #expect(screen.contains("not sent are kept."), "\(screen)")
        #expect(!screen.contains("…"), "\(screen)")
    }

    /// At 40x10 the lock screen's way back fell below the screen while the
    /// footer offered it: it is in view at every size the app draws.
    @Test func theWayBackIsInViewOnAShortTerminal() {
        for size in [Size(width: 40, height: 10), Size(width: 80, height: 10), Size(width: 40, height: 12)] {
            var s = locked()
            s.size = size
            let screen = ScreenFixture.render(s, color: false)
            #expect(screen.contains("Forgot your PIN? Log in again") && screen.contains("PIN"), "\(size): \(screen)")
        }
    }

    /// On a short terminal the reason above the form took the rows of the
    /// last 4 (an audit, at 70x16, 72x17 and 40x18): the fields come first,
    /// and a reason cut short says so.
    @Test func theLastFourStaysInViewOnAShortTerminal() {
        for size in [
            Size(width: 70, height: 16), Size(width: 72, height: 17), Size(width: 40, height: 18),
            Size(width: 80, height: 10), Size(width: 40, height: 10), Size(width: 40, height: 11),
            Size(width: 80, height: 11),
        ] {
            var s = locked()
            s.size = size
            press(.tab, .enter, on: &s)
            #expect(s.route == .login)
            s.login.email.text = "liz.abbot@example.com"
            s.login.mobile.text = "07700 100001"
            s.login.stage = .lastFour
            let screen = ScreenFixture.render(s, color: false)
            #expect(screen.contains("Last 4"), "\(size): \(screen)")
            s.login.hint = "Digits only: the last 4 digits of the mobile."
            let hinted = ScreenFixture.render(s, color: false)
            #expect(hinted.contains("Last 4") && hinted.contains("Digits only"), "\(size): \(hinted)")
        }
        // A wrong last 4 on a short terminal still says how many tries are left.
        for size in [Size(width: 70, height: 16), Size(width: 80, height: 12)] {
            var s = locked()
            s.size = size
            press(.tab, .enter, on: &s)
            s.login.isBusy = true
            _ = Reducer.reduce(&s, .loginFinished(.rejected(message: LoginOutcome.rejectionText, attemptsLeft: 2)))
            let screen = ScreenFixture.render(s, color: false).split(separator: "\n").joined(separator: " ")
            let flat = screen.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains("2 attempts left"), "\(size): \(ScreenFixture.render(s, color: false))")
        }
    }

    @Test func theLoginFromTheLockGoesOnToANewPin() {
        var s = locked()
        press(.tab, .enter, on: &s)
        for c in "liz.abbot@example.com" { press(.char(c), on: &s) }
        press(.enter, on: &s)
        for c in "07700 100001" { press(.char(c), on: &s) }
        press(.enter, on: &s)
        for c in "0001" { press(.char(c), on: &s) }
        #expect(
            press(.enter, on: &s) == [.logIn(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")])
        let pending = PendingLogin(
            id: "s2", checkedAt: ScreenFixture.now, emailDigest: "d",
            match: IdentityMatch(assessments: [], duplicates: []),
            mobile: PhoneNumber("07700 100001", defaultCountryCode: 44)!)
        _ = Reducer.reduce(&s, .loginFinished(.loggedIn(pending)))
        #expect(s.route == .setPIN && s.stack == [.setPIN])
        // Changing their mind at "Choose a PIN": Esc is offered and goes back to
        // the lock, where the old PIN still works (nothing was saved).
        #expect(Reducer.isEnabled(.back, s) && ScreenFixture.render(s).contains("Esc"))
        // A PIN refused first (too easy to guess): Esc still goes back (it
        // was taken away, leaving only quitting).
        _ = Reducer.reduce(&s, .pinSetFinished(refusal: "A PIN that repeats one digit is too easy to guess."))
        #expect(Reducer.isEnabled(.back, s) && ScreenFixture.render(s).contains("Esc"))
        #expect(press(.escape, on: &s).isEmpty)
        #expect(s.route == .unlock && s.pin.message == "Your PIN was not changed. Enter it to unlock.")
    }

    /// Another parent logging in after "Forgot your PIN?" starts afresh: the
    /// first parent's search, filter and selections are not theirs (an
    /// auditor saw Liz's child filter and search on David's timeline).
    @Test func aNewLoginStartsWithNothingTheLastParentChose() {
        var s = ScreenFixture.state(.home)
        press(.char("2"), .char("/"), on: &s)
        for c in "options?" { press(.char(c), on: &s) }
        press(.enter, .char("c"), .char("u"), on: &s)
        press(.char("1"), .down, .char("5"), .tab, on: &s)
        #expect(s.timeline.query.search == "options?" && s.timeline.query.child != nil && s.home.list.selected == 1)
        press(.char("L"), .tab, .enter, on: &s)
        #expect(s.route == .login)
        let pending = PendingLogin(
            id: "s2", checkedAt: ScreenFixture.now, emailDigest: "d",
            match: IdentityMatch(assessments: [], duplicates: []),
            mobile: PhoneNumber("07700 100011", defaultCountryCode: 44)!)
        _ = Reducer.reduce(&s, .loginFinished(.loggedIn(pending)))
        #expect(s.route == .setPIN && s.snapshot == nil)
        #expect(s.timeline.query == TimelineQuery() && s.timeline.list.selected == 0)
        #expect(s.home.list.selected == 0 && s.more == MoreState() && s.attendance.child == 0)
        var fresh = ScreenStates()
        fresh[PinState.self].returnsToLock = true
        #expect(s.screens == fresh, "every screen's state is as a first login leaves it")
    }

    @Test func digitsTypedOnTheLinkGoToThePin() {
        var s = locked()
        press(.tab, .char("7"), on: &s)
        #expect(s.pin.focus == 0 && s.pin.first.text == "7")
        press(.char("x"), on: &s)
        #expect(s.pin.first.text == "7" && s.pin.hint != nil)
    }

    /// Enter with nothing typed is not offered and does nothing; a PIN
    /// shorter than any PIN is not a try: nothing is checked, and the
    /// parent is told to type all of it.
    @Test func aShortPinIsNotATry() {
        var s = locked()
        #expect(!ScreenFixture.render(s).contains("Enter Continue"))
        #expect(press(.enter, on: &s).isEmpty && s.pin.message == nil)
        #expect(press(.char("1"), .char("2"), .enter, on: &s).isEmpty)
        #expect(s.pin.message?.hasPrefix("A PIN has 4 to 6 digits: type all of yours.") == true)
        #expect(!s.pin.isBusy && s.route == .unlock)
        press(.char("3"), .char("4"), on: &s)
        #expect(s.pin.message == nil, "the hint clears as the parent types again")
        #expect(press(.enter, on: &s) == [.unlock(pin: "1234")])
    }

    /// Locking clears a note that may name a child or a school (a compose
    /// refusal: "...about Tom here. Its phone number is...").
    @Test func lockingClearsWhatTheStatusLineSaid() {
        var s = ScreenFixture.state(.home)
        s.note("Riverside Primary doesn't accept messages through Xpressions, so you can't write to it about Tom here.")
        press(.char("L"), on: &s)
        #expect(s.route == .unlock && s.note == nil)
        #expect(!ScreenFixture.render(s).contains("Tom"))
    }
}

@Suite struct LockedPrivacyTests {
    @Test func theLockScreenNeverShowsWhatANewMessageSays() {
        var s = AppState(size: Size(width: 80, height: 24), now: ScreenFixture.now)
        s.reset(to: .unlock)
        _ = Reducer.reduce(
            &s, .syncFinished(SyncSummary(finishedAt: ScreenFixture.now, announcements: ["Ben's detention on Friday"])))
        #expect(s.note?.text == "1 new message: unlock to read it.")
        #expect(!ScreenFixture.render(s).contains("detention"))
        // Unlocked, it goes: Home shows the message (it said "unlock to
        // read it" over Home for 9 seconds).
        _ = Reducer.reduce(&s, .unlockFinished(.unlocked(ScreenFixture.prepared.session)))
        #expect(s.unlocked && s.note?.text != "1 new message: unlock to read it.", "\(s.note?.text ?? "")")
    }

    @Test func openingOnALockedSessionPrefetchesTheModel() {
        var s = AppState(size: Size(width: 80, height: 24), now: ScreenFixture.now)
        let effects = Reducer.reduce(
            &s, .opened(ServiceOpening(status: .locked(ScreenFixture.prepared.session), store: nil)))
        #expect(effects == [.prefetch])
        #expect(s.route == .unlock && s.snapshot == nil)
    }
}
