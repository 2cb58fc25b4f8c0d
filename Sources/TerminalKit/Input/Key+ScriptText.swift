extension Key {
    /// The key as a key script writes it (``Key/parseScript(_:)`` reads it
    /// back): `a`, `<Space>`, `<lt>`, `<C-s>`, `<Enter>`, `<F5>`. A caller
    /// that types keys (the guided tour) names them from the keymap this
    /// way, so a rebinding changes what it types too. Nil for mouse events,
    /// resizes and pastes, which are not typed.
    public var scriptText: String? {
        switch self {
        case .char(" "): return "<Space>"
        case .char("<"): return "<lt>"
        case .char(let character): return character.isNewline ? nil : String(character)
        case .ctrl(let character): return "<C-\(character)>"
        case .enter: return "<Enter>"
        case .escape: return "<Esc>"
        case .tab: return "<Tab>"
        case .backTab: return "<S-Tab>"
        case .backspace: return "<BS>"
        case .delete: return "<Del>"
        case .up: return "<Up>"
        case .down: return "<Down>"
        case .left: return "<Left>"
        case .right: return "<Right>"
        case .home: return "<Home>"
        case .end: return "<End>"
        case .pageUp: return "<PgUp>"
        case .pageDown: return "<PgDn>"
        case .function(let number): return "<F\(number)>"
        case .mouse, .resize, .paste: return nil
        }
    }
}
