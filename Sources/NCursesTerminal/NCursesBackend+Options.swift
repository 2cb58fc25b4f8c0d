import Foundation

extension NCursesBackend {
    /// How to start the terminal session.
    public struct Options: Sendable {
        /// Whether color may be used at all.
        public enum ColorMode: Sendable, Hashable {
            /// Color when the terminal has it, unless `NO_COLOR` is set and non-empty.
            case automatic
            /// Never color (`--no-color`): attributes only.
            case disabled
        }

        public var color: ColorMode
        /// Report mouse clicks and the wheel. Off, the terminal keeps its own mouse
        /// selection.
        public var mouse: Bool
        /// Force Unicode glyphs on or off; nil decides from the locale (UTF-8?) and the
        /// terminal type (not a vt-series terminal or "dumb").
        public var unicode: Bool?
        /// The terminfo name to use; nil uses `TERM`.
        public var terminalType: String?
        /// A terminal device to open (e.g. "/dev/tty" or a tmux pane's tty) instead of
        /// standard input and output.
        public var device: String?
        /// The locale for characters (`setlocale(LC_CTYPE, ...)`); nil: the environment's,
        /// or `C.UTF-8` when the environment names none (no `LC_ALL`, `LC_CTYPE`, `LANG`),
        /// as in minimal containers whose terminals are UTF-8 all the same.
        public var locale: String?
        /// Send links as OSC 8 hyperlinks; nil decides from the environment
        /// (see ``NCursesBackend/hyperlinksLikely(environment:)``).
        public var hyperlinks: Bool?
        /// Let the app set the clipboard with OSC 52; nil decides from the
        /// environment (see ``NCursesBackend/clipboardLikely(environment:)``).
        public var clipboard: Bool?
        /// The environment consulted for `NO_COLOR`, `TERM`, the locale variables and
        /// the terminal's identity (hyperlinks, clipboard).
        public var environment: [String: String]

        public init(
            color: ColorMode = .automatic, mouse: Bool = true, unicode: Bool? = nil,
            terminalType: String? = nil, device: String? = nil, locale: String? = nil,
            hyperlinks: Bool? = nil, clipboard: Bool? = nil,
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) {
            self.hyperlinks = hyperlinks
            self.clipboard = clipboard
            self.color = color
            self.mouse = mouse
            self.unicode = unicode
            self.terminalType = terminalType
            self.device = device
            self.locale = locale
            self.environment = environment
        }
    }
}
