import CNCursesW
import TerminalKit

/// Decoding ncurses input into `Key`s (pure mappings, testable without a terminal).
extension NCursesBackend {
    /// The key for a character `get_wch` returned (not a key code).
    static func key(forCharacter character: wint_t) -> Key? {
        switch character {
        case 8, 127: return .backspace
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(character) + 96)))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        case 0, 128..<160: return nil
        default:
            guard let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// What Alt held with `next` gives (Escape then `next` at once): a
    /// character is itself, Backspace deletes a word (Ctrl-W); nil for any
    /// other key, which is read as itself after the Escape.
    static func metaKey(_ next: Key) -> Key? {
        switch next {
        case .char: return next
        case .backspace: return .ctrl("w")
        default: return nil
        }
    }

    /// The key for an ncurses key code (`KEY_*`), except resize and mouse, which need
    /// the session. Nil for keys the app has no use for.
    static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// Teaches ncurses the Home and End sequences that terminals send besides the ones
    /// their terminfo entry names: tmux sends `ESC [1~` and `ESC [4~` whatever `TERM`
    /// says, rxvt `ESC [7~` and `ESC [8~`, xterm `ESC [H`/`ESC OH` depending on mode.
    static func defineKeyVariants() {
        let variants: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ]
        for (sequence, code) in variants where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }

    /// Key codes for the marks a terminal puts around pasted text once
    /// bracketed paste is on (`ESC [200~` … `ESC [201~`): past ncurses' own.
    static let pasteStartCode = KEY_MAX + 0x101
    static let pasteEndCode = KEY_MAX + 0x102
    /// Bracketed paste on (DECSET 2004) and off; a terminal without it ignores them.
    static let bracketedPasteOn = Array("\u{1B}[?2004h".utf8)
    static let bracketedPasteOff = Array("\u{1B}[?2004l".utf8)

    /// Teaches ncurses the paste marks, so a paste comes as one ``Key/paste(_:)``.
    static func definePasteKeys() {
        define_key("\u{1B}[200~", pasteStartCode)
        define_key("\u{1B}[201~", pasteEndCode)
    }

    /// The mouse mask the backend asks for: presses, releases and the wheel, plus
    /// clicks, which is how ncurses reports a press and release that arrive together.
    static func mouseMask() -> mmask_t {
        xp_button1_pressed() | xp_button1_released() | xp_button1_clicked()
            | xp_button2_pressed() | xp_button2_released() | xp_button2_clicked()
            | xp_button3_pressed() | xp_button3_released() | xp_button3_clicked()
            | xp_button4_pressed() | xp_button5_pressed()
    }

    /// The keys for a mouse report's button state at (x, y): one event, or a press and
    /// a release for a click; none for reports the backend does not use.
    static func mouseKeys(state: mmask_t, x: Int, y: Int) -> [Key] {
        let position = Point(x: x, y: y)
        let kinds: [(mmask_t, [MouseEvent.Kind])] = [
            (xp_button1_pressed(), [.press(.left)]), (xp_button1_released(), [.release(.left)]),
            (xp_button1_clicked(), [.press(.left), .release(.left)]),
            (xp_button2_pressed(), [.press(.middle)]), (xp_button2_released(), [.release(.middle)]),
            (xp_button2_clicked(), [.press(.middle), .release(.middle)]),
            (xp_button3_pressed(), [.press(.right)]), (xp_button3_released(), [.release(.right)]),
            (xp_button3_clicked(), [.press(.right), .release(.right)]),
            (xp_button4_pressed(), [.wheelUp]), (xp_button5_pressed(), [.wheelDown]),
        ]
        guard let events = kinds.first(where: { state & $0.0 != 0 })?.1 else { return [] }
        return events.map { .mouse(MouseEvent($0, at: position)) }
    }
}
