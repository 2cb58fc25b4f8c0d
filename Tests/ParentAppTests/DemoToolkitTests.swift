import Foundation
import TerminalKit
import TestSupport
import Testing

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// What a presenter and a support engineer use in the app itself.
@Suite struct DemoToolkitTests {
    func loginScreen() -> AppState {
        var s = AppState(size: Size(width: 80, height: 24), now: ScreenFixture.now)
        s.store = StoreSummary(name: "Xpressions demo store", demoLogins: DemoStoreBuilder.logins)
        s.reset(to: .login)
        return s
    }

    @Test func aDemoLoginIsPickedWithTheArrowsAndTheLastFourStillTyped() {
        var s = loginScreen()
        for key in [Key.down, .down, .down] { _ = Reducer.reduce(&s, .key(key)) }  // mobile, Liz, David
        #expect(s.login.demoIndex == 1)
        let screen = ScreenFixture.render(s)
        #expect(screen.contains("Enter fills in this login"))
        // Typing on the list is the email going on: it goes there (it was
        // dropped, and Enter then filled in another parent's details).
        _ = Reducer.reduce(&s, .key(.char("x")))
        #expect(s.login.email.text == "x" && s.login.focus == 0)
        for key in [Key.backspace, .down, .down, .down] { _ = Reducer.reduce(&s, .key(key)) }
        #expect(s.login.demoIndex == 1)
        #expect(Reducer.reduce(&s, .key(.enter)).isEmpty)
        #expect(s.login.email.text == "david.abbot@example.com" && s.login.mobile.text == "07700 100011")
        #expect(s.login.stage == .lastFour)
        for c in "0011" { _ = Reducer.reduce(&s, .key(.char(c))) }
        #expect(
            Reducer.reduce(&s, .key(.enter)) == [
                .logIn(email: "david.abbot@example.com", mobile: "07700 100011", lastFour: "0011")
            ])
    }

    /// A presenter does what the hint says, from wherever the cursor is, and
    /// lands on the first demo login (the first Tab from Email only reaches
    /// Mobile).
    @Test func theDemoLoginHintSaysHowManyTabsReachTheList() {
        var s = loginScreen()
        #expect(s.login.focus == 0)
        #expect(ScreenFixture.render(s).contains("Demo logins: Tab twice to pick one"))
        for _ in 0..<2 { _ = Reducer.reduce(&s, .key(.tab)) }
        #expect(s.login.demoIndex == 0)

        var fromMobile = loginScreen()
        _ = Reducer.reduce(&fromMobile, .key(.tab))
        #expect(fromMobile.login.focus == 1)
        let screen = ScreenFixture.render(fromMobile)
        #expect(screen.contains("Demo logins: Tab to pick one") && !screen.contains("twice"))
        _ = Reducer.reduce(&fromMobile, .key(.tab))
        #expect(fromMobile.login.demoIndex == 0)

        // At the last 4, Tab picks nothing: the hint says Esc goes back to the list.
        var lastFour = loginScreen()
        for key in "wang.li@example.com" { _ = Reducer.reduce(&lastFour, .key(.char(key))) }
        _ = Reducer.reduce(&lastFour, .key(.tab))
        for key in "07700 100008" { _ = Reducer.reduce(&lastFour, .key(.char(key))) }
        _ = Reducer.reduce(&lastFour, .key(.enter))
        #expect(lastFour.login.stage == .lastFour)
        let atLastFour = ScreenFixture.render(lastFour)
        #expect(atLastFour.contains("Demo logins (Esc to pick another)") && !atLastFour.contains("Tab to pick"))
        _ = Reducer.reduce(&lastFour, .key(.escape))
        #expect(lastFour.login.stage == .credentials)
    }

    @Test func upFromTheEmailReachesTheLastDemoLoginAndTabCycles() {
        var s = loginScreen()
        _ = Reducer.reduce(&s, .key(.up))
        #expect(s.login.demoIndex == DemoStoreBuilder.logins.count - 1)
        for _ in 0..<2 { _ = Reducer.reduce(&s, .key(.tab)) }
        #expect(s.login.focus == 1)  // round past the email to the mobile
        // Typing on a demo login goes into the email (it was dropped).
        var typing = loginScreen()
        for key in "liz.abbot" { _ = Reducer.reduce(&typing, .key(.char(key))) }
        _ = Reducer.reduce(&typing, .key(.up))
        for key in "@example.com" { _ = Reducer.reduce(&typing, .key(.char(key))) }
        #expect(typing.login.focus == 0 && typing.login.email.text == "liz.abbot@example.com")
    }
}
