/// Where the parent is: a screen and, for a message, which one. The app
/// keeps a stack of routes, the current one last; Esc pops. Each screen
/// declares its route beside itself (`extension Route { static let home =
/// Route(HomeScreen.self) }`), so the route *is* the registry entry: the
/// screen it names handles its keys and draws it.
struct Route: Sendable, Hashable, CustomStringConvertible {
    let screen: any Screen.Type
    /// What the screen shows, when a route can show different things (the
    /// message a message route opens: "<school>/<id>").
    let subject: String?

    init(_ screen: any Screen.Type, subject: String? = nil) {
        self.screen = screen
        self.subject = subject
    }

    static func == (a: Route, b: Route) -> Bool {
        ObjectIdentifier(a.screen) == ObjectIdentifier(b.screen) && a.subject == b.subject
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(screen))
        hasher.combine(subject)
    }

    /// Whether this route shows `screen` (whatever its subject).
    func shows(_ screen: any Screen.Type) -> Bool { ObjectIdentifier(self.screen) == ObjectIdentifier(screen) }

    var title: String { screen.title }

    var description: String { subject.map { "\(screen.title)(\($0))" } ?? screen.title }
}
