/// Where a binding applies. A screen's chain lists the contexts searched for
/// a key, most specific first. The shared contexts are here; each screen
/// declares its own beside itself (`extension KeyContext { static let
/// timeline = KeyContext("Timeline") }`). The help screen groups keys by
/// context under its title.
struct KeyContext: Sendable, Hashable {
    let title: String

    init(_ title: String) { self.title = title }

    static let global = KeyContext("Everywhere")
    static let app = KeyContext("Once logged in")
    static let list = KeyContext("Lists")
    static let scroll = KeyContext("Scrolling text")
    static let form = KeyContext("Forms")
    /// The guided demo (`xpressions demo tour`): searched before any screen's keys.
    static let tour = KeyContext("The guided tour")
}
