/// Human names for keys, for help screens and the key-hint footer.
extension Key {
    /// A short name such as "↑", "Ctrl-L", "PgDn", "Enter", "Shift-Tab", "F5", "q" or
    /// "Space".
    public var displayName: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return String(character)
        case .ctrl(let character): return "Ctrl-\(String(character).uppercased())"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let number): return "F\(number)"
        case .mouse(let event):
            switch event.kind {
            case .press(let button), .release(let button):
                switch button {
                case .left: return "Click"
                case .middle: return "Middle-click"
                case .right: return "Right-click"
                }
            case .wheelUp: return "Wheel↑"
            case .wheelDown: return "Wheel↓"
            }
        case .resize: return "Resize"
        case .paste: return "Paste"
        }
    }
}
