/// The link picker's state: what the links are in, the links, the selection.
struct LinksState: ScreenState {
    /// "Ben's Year 9 options interview", "Green Abbey School".
    var title = ""
    var links: [LinkFinder.Found] = []
    var selected = 0
    /// The first link shown (kept, so moving back up does not jump).
    var offset = 0
}

extension AppState {
    var links: LinksState {
        get { screens[LinksState.self] }
        set { screens[LinksState.self] = newValue }
    }
}
