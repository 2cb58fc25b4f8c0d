import ParentCore
import TerminalKit

/// How each `Role` looks. `color` uses the 16 ANSI colors (so it works on
/// 8-color terminals too); `monochrome` only bold, dim, underline and
/// reverse, for `NO_COLOR`, `--no-color` and terminals such as vt100.
struct Theme: Sendable {
    let hasColor: Bool
    let glyphs: Glyphs

    init(capabilities: TerminalCapabilities) {
        hasColor = capabilities.colors.hasColor
        glyphs = capabilities.glyphs
    }

    init(color: Bool, unicode: Bool = true) {
        hasColor = color
        glyphs = unicode ? .unicode : .ascii
    }

    func style(_ role: Role) -> Style {
        hasColor ? colorStyle(role) : monochromeStyle(role)
    }

    func colorStyle(_ role: Role) -> Style {
        switch role {
        case .text: return .plain
        case .dim: return Style(foreground: .brightBlack)
        case .title: return Style(foreground: .brightWhite, background: .blue, attributes: .bold)
        case .header: return Style(foreground: .cyan, attributes: .bold)
        case .tabActive: return Style(foreground: .black, background: .cyan, attributes: .bold)
        case .tabInactive: return Style(foreground: .white, background: .blue)
        // Reverse video, as mutt's and tig's cursor bar: it reads on any
        // palette, and a step down a list rewrites two rows with one
        // attribute change each (black on cyan cost ncurses both colors
        // and their reset on every row: 18 B of a step's 261 B).
        case .selected: return Style(attributes: .reverse)
        case .unread: return Style(attributes: .bold)
        case .accent: return Style(foreground: .yellow, attributes: .bold)
        case .link: return Style(foreground: .cyan, attributes: .underline)
        case .warning: return Style(foreground: .yellow)
        case .error: return Style(foreground: .brightRed, attributes: .bold)
        case .success: return Style(foreground: .green)
        case .statusBar: return Style(foreground: .white, background: .blue)
        case .keyName: return Style(foreground: .brightWhite, attributes: .bold)
        case .keyLabel: return Style(foreground: .white)
        case .field: return Style(attributes: .underline)
        case .fieldFocused: return Style(foreground: .brightWhite, background: .blue)
        case .toast: return Style(foreground: .black, background: .yellow, attributes: .bold)
        case .present: return Style(foreground: .green)
        case .approvedActivity: return Style(foreground: .cyan)
        case .authorised: return Style(foreground: .yellow)
        case .unauthorised: return Style(foreground: .brightRed, attributes: .bold)
        case .notPossible: return Style(foreground: .brightBlack)
        case .homework: return Style(foreground: .magenta)
        case .emergency: return Style(foreground: .brightRed, attributes: .bold)
        }
    }

    func monochromeStyle(_ role: Role) -> Style {
        switch role {
        case .text, .keyLabel, .present, .approvedActivity, .homework: return .plain
        case .dim, .notPossible: return Style(attributes: .dim)
        case .title, .tabActive, .selected, .statusBar, .fieldFocused, .toast: return Style(attributes: .reverse)
        case .tabInactive: return .plain
        case .header, .unread, .accent, .keyName, .authorised: return Style(attributes: .bold)
        case .link, .field: return Style(attributes: .underline)
        case .warning, .success: return Style(attributes: .bold)
        case .error, .unauthorised, .emergency: return Style(attributes: [.bold, .underline])
        }
    }

    /// The role of an attendance code's category.
    static func role(for category: AttendanceCode.Category) -> Role {
        switch category {
        case .present: return .present
        case .approvedEducationalActivity: return .approvedActivity
        case .authorisedAbsence: return .authorised
        case .unauthorisedAbsence: return .unauthorised
        case .notPossible, .administrative: return .notPossible
        }
    }
}
