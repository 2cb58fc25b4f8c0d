/// Every screen, in the order help lists their keys. Adding a screen is a
/// folder under `Screens/` and one line here.
enum ScreenRegistry {
    static let all: [any Screen.Type] = [
        OpeningScreen.self,
        StoreProblemScreen.self,
        LoginScreen.self,
        SetPinScreen.self,
        UnlockScreen.self,
        HomeScreen.self,
        TimelineScreen.self,
        MessageScreen.self,
        LinksScreen.self,
        ComposeScreen.self,
        AbsenceScreen.self,
        AttendanceScreen.self,
        CodesScreen.self,
        SchoolScreen.self,
        MoreScreen.self,
        HelpScreen.self,
        LogoutScreen.self,
        KeptScreen.self,
        SentScreen.self,
    ]
}

extension ScreenRegistry {
    /// The top-level sections, reachable with the number keys (1, 2, …) once
    /// unlocked, in tab order.
    static let sections: [Route] = [.home, .timeline, .attendance, .school, .more]
}
