/// The link picker's state: what the links are in, the links, the selection.
struct LinksState: ScreenState {
    /// "Ben's Year 9 options interview", "Green Abbey School".
    var title = ""
    var links: [LinkFinder.Found] = []
    var list = ListCursor()
}

extension AppState {
    var links: LinksState {
        get { screens[LinksState.self] }
        set { screens[LinksState.self] = newValue }
    }
}
