import CNCursesW
import Foundation
import Glibc
import TerminalKit

/// A `TerminalBackend` on a real terminal through ncursesw.
///
/// Start it once, run the loop, call `shutdown()`:
///
///     let backend = try NCursesBackend(options: .init(color: noColor ? .disabled : .automatic))
///     defer { backend.shutdown() }
///
/// Setup: `setlocale(LC_CTYPE, "")` (or `C.UTF-8` when the environment names no locale;
/// only the character category, which is all ncurses reads),
/// `newterm` on standard input and output (or
/// `Options.device`), raw mode (Ctrl-C, Ctrl-Z, Ctrl-Q arrive as keys), no echo,
/// keypad, `nonl`, a 25 ms escape delay, a hidden cursor, mouse clicks and wheel,
/// colors with the terminal's default colors unless disabled or `NO_COLOR` is set.
/// On a terminal without colors (`TERM=vt100`) only attributes are used.
///
/// The terminal is restored by `shutdown()`, on SIGTERM/SIGHUP/SIGINT (see
/// `terminationRequested`) and on crashes; see `SignalGuard` for the choices made.
/// Only one backend may exist per process.
public final class NCursesBackend: TerminalBackend {
    public private(set) var size: Size
    public let capabilities: TerminalCapabilities

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFile: UnsafeMutablePointer<FILE>
    private let ownsFiles: Bool
    private let outputDescriptor: Int32
    private let inputDescriptor: Int32
    /// Watched beside the keyboard while waiting for a key (see `wake(on:)`).
    private var wakeup: Wakeup?
    private var colorPairs: ColorPairCache
    private let defaultColorsAvailable: Bool
    private var repaintPending = true
    private var cursorShown = false
    private var pendingKeys: [Key] = []
    private var isShutDown = false
    /// The frame drawn last (for deciding which links to send again); nil
    /// after a repaint.
    private var lastFrame: ScreenBuffer?
    /// Reused for building each cell's wide-character string.
    private var characterScratch = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
    /// The style of the cell put last and its rendition: a row's cells
    /// mostly share one (a color pair is looked up once per run of them).
    private var lastRendition: (style: Style, attributes: attr_t, pair: Int16)?

    /// Starts the terminal session.
    /// - Throws: `NCursesError` if a session is already active, the device cannot be
    ///   opened, it is not a terminal, or the terminal type is unknown.
    public init(options: Options = Options()) throws(NCursesError) {
        guard SignalGuard.claimSession() else { throw .alreadyActive }
        var claimed = true
        defer { if claimed { SignalGuard.releaseSession() } }

        // Files: the device, or standard input and output; when those are
        // not a terminal (output redirected) but the process has one, /dev/tty.
        let inputDescriptor: Int32
        let outputDescriptor: Int32
        var device = options.device
        if device == nil, isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1,
            NCursesBackend.hasControllingTerminal()
        {
            device = "/dev/tty"
        }
        if let device {
            let descriptor = open(device, O_RDWR | O_NOCTTY)
            guard descriptor >= 0 else { throw .cannotOpenDevice(path: device, errno: errno) }
            inputDescriptor = descriptor
            outputDescriptor = dup(descriptor)
        } else {
            inputDescriptor = STDIN_FILENO
            outputDescriptor = STDOUT_FILENO
        }
        let ownsFiles = device != nil
        func closeOwned() {
            if ownsFiles {
                close(inputDescriptor)
                close(outputDescriptor)
            }
        }
        guard isatty(inputDescriptor) == 1, isatty(outputDescriptor) == 1 else {
            closeOwned()
            throw .notATerminal
        }
        guard let inputFile = fdopen(inputDescriptor, "r"), let outputFile = fdopen(outputDescriptor, "w") else {
            closeOwned()
            throw .notATerminal
        }

        SignalGuard.install()
        // The character category only: ncurses reads nothing else, and all
        // of them (LC_ALL) opened and mapped a dozen files, a quarter of a
        // millisecond at every start.
        setlocale(LC_CTYPE, options.locale ?? NCursesBackend.locale(environment: options.environment))
        let terminalType = options.terminalType ?? options.environment["TERM"]
        // The terminal's modes as the user had them: newterm() changes them
        // (no echo, no canonical input, no output newline mapping) before a
        // refusal below could restore them with endwin().
        var userModes = termios()
        let haveModes = tcgetattr(inputDescriptor, &userModes) == 0
        guard let screen = newterm(terminalType, outputFile, inputFile) else {
            SignalGuard.uninstall()
            if ownsFiles {
                fclose(inputFile)
                fclose(outputFile)
            }
            throw .unknownTerminal(terminalType ?? "")
        }
        set_term(screen)
        // A terminal that cannot move the cursor (TERM=dumb) cannot show the app.
        guard NCursesBackend.canAddressCursor() else {
            // No endwin(): on such a terminal it can only move down with
            // newlines, scrolling away the line that says what is wrong.
            // The modes go back as they were (left changed, the user's
            // shell echoed nothing and printed in a staircase).
            delscreen(screen)
            if haveModes { tcsetattr(inputDescriptor, TCSANOW, &userModes) }
            SignalGuard.uninstall()
            if ownsFiles {
                fclose(inputFile)
                fclose(outputFile)
            }
            throw .cannotAddressCursor(terminalType ?? "")
        }
        SignalGuard.setCursesActive(true)
        let window = xp_stdscr()!

        raw()
        noecho()
        nonl()
        // No keyboard poll inside a frame: ncurses otherwise polls before
        // each changed line, to stop part-way when a key is waiting. The
        // loop reads that key after the frame and draws again in any case.
        // (ncurses still writes at each cursor jump: its mvcur flushes until
        // the screen has been through endwin once, lib_mvcur.c's ewInitial
        // test; the login screen is about 20 writes, the C program's one
        // frame 5. Going through endwin at the start would make each frame
        // one write, but ncurses's resume resets the terminal's palette,
        // OSC 104, which would undo a theme the user set with OSC 4.)
        typeahead(-1)
        // No "ESC ( B" with every attribute change (see the shim).
        _ = xp_drop_charset_designation()
        keypad(window, true)
        set_escdelay(25)
        wtimeout(window, NCursesBackend.pollInterval)
        curs_set(0)
        leaveok(window, true)

        // Color, unless disabled or the terminal has none.
        var colors = ColorSupport.monochrome
        var defaultColors = false
        if NCursesBackend.colorAllowed(mode: options.color, noColor: options.environment["NO_COLOR"]), has_colors() {
            start_color()
            defaultColors = use_default_colors() == OK
            colors = ColorSupport(colorCount: Int(xp_colors()))
        }

        // Mouse: presses, releases and the wheel, reported at once (no click timing).
        var mouse = false
        if options.mouse {
            mouse = mousemask(NCursesBackend.mouseMask(), nil) != 0
            mouseinterval(0)
        }
        NCursesBackend.defineKeyVariants()

        let unicode =
            options.unicode
            ?? NCursesBackend.unicodeLikely(
                codeset: String(cString: nl_langinfo(nl_item(CODESET))), terminalType: terminalType ?? ""
            )

        self.screen = screen
        self.window = window
        self.inputFile = inputFile
        self.outputFile = outputFile
        self.ownsFiles = ownsFiles
        self.outputDescriptor = outputDescriptor
        self.inputDescriptor = inputDescriptor
        self.defaultColorsAvailable = defaultColors
        self.colorPairs = ColorPairCache(limit: colors.hasColor ? Int(xp_color_pairs()) : 0)
        self.capabilities = TerminalCapabilities(
            colors: colors, unicode: unicode, mouse: mouse,
            hyperlinks: options.hyperlinks ?? NCursesBackend.hyperlinksLikely(environment: options.environment),
            clipboard: options.clipboard ?? NCursesBackend.clipboardLikely(environment: options.environment))
        self.size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        claimed = false
        NCursesBackend.definePasteKeys()
        write(NCursesBackend.bracketedPasteOn)
    }

    deinit {
        shutdown()
    }

    /// Whether the process has a terminal of its own to open.
    static func hasControllingTerminal() -> Bool {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    /// Whether the current terminal type can address the cursor (`cup`).
    static func canAddressCursor() -> Bool {
        guard let cup = tigetstr("cup") else { return false }
        return Int(bitPattern: cup) != -1
    }

    /// How long one `get_wch` waits before the loop checks for signals again.
    static let pollInterval: Int32 = 100

    public var terminationRequested: Bool {
        SignalGuard.requestedSignal != 0
    }

    /// The termination signal received (SIGTERM, SIGHUP, SIGINT), if any.
    public var terminationSignal: Int32? {
        let signal = SignalGuard.requestedSignal
        return signal == 0 ? nil : signal
    }

    public func draw(_ buffer: ScreenBuffer) {
        guard !isShutDown else { return }
        if repaintPending {
            clearok(window, true)
            repaintPending = false
            lastFrame = nil
        }
        // The window still holds the frame drawn last (only draw writes to
        // it): a cell the same as there needs no put. Putting every cell of
        // every frame was a fifth of the start to the login screen.
        let previous = lastFrame.flatMap { $0.size == buffer.size && $0.size == size ? $0 : nil }
        if previous == nil { werase(window) }
        let rows = min(size.height, buffer.size.height)
        let columns = min(size.width, buffer.size.width)
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = buffer[x, y]
                if cell.isContinuation || previous?[x, y] == cell { continue }
                put(cell, x: x, y: y)
            }
        }
        if let cursor = buffer.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.width, cursor.y < size.height {
            leaveok(window, false)
            if !cursorShown {
                curs_set(1)
                cursorShown = true
            }
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else if cursorShown {
            curs_set(0)
            leaveok(window, true)
            cursorShown = false
        }
        wrefresh(window)
        if capabilities.hyperlinks {
            write(
                NCursesBackend.hyperlinkBytes(
                    buffer, previous: lastFrame, size: size, colors: capabilities.colors,
                    defaultColors: defaultColorsAvailable))
        }
        lastFrame = buffer
    }

    /// Puts `text` on the clipboard with OSC 52 when the terminal is known to allow it.
    public func copyToClipboard(_ text: String) -> Bool {
        guard !isShutDown, capabilities.clipboard else { return false }
        write(NCursesBackend.clipboardBytes(text))
        return true
    }

    /// Writes bytes straight to the terminal, after what ncurses has sent.
    private func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        fflush(outputFile)
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, outputFile) }
        fflush(outputFile)
    }

    public func readKey(timeout: Duration?) -> Key? {
        if !pendingKeys.isEmpty { return pendingKeys.removeFirst() }
        guard !isShutDown else { return nil }
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        while !terminationRequested {
            var wait = NCursesBackend.pollInterval
            if let deadline {
                let remaining = clock.now.duration(to: deadline)
                let milliseconds =
                    remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
                wait = Int32(clamping: max(0, min(Int64(wait), milliseconds)))
            }
            if wait > 0, let wakeup, wakeup.descriptor >= 0 {
                // Keys ncurses has read already come first; then the
                // keyboard and the wake-up are waited for together.
                if let key = nextKey(wait: 0) { return key }
                switch waitForInputOrWakeup(wakeup, milliseconds: wait) {
                case .woken: return nil
                case .input: wait = 0
                case .timedOut:
                    if let deadline, clock.now >= deadline { return nil }
                    continue
                }
            }
            if let key = nextKey(wait: wait) { return key }
            if let deadline, clock.now >= deadline { return nil }
        }
        return nil
    }

    public func wake(on wakeup: Wakeup) {
        self.wakeup = wakeup
    }

    private enum WaitOutcome { case input, woken, timedOut }

    /// Polls the keyboard and the wake-up; a signal (a resize, say) counts
    /// as input, for ncurses to report.
    private func waitForInputOrWakeup(_ wakeup: Wakeup, milliseconds: Int32) -> WaitOutcome {
        var watched = [
            pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeup.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&watched, 2, milliseconds)
        if ready < 0 { return .input }
        if ready == 0 { return .timedOut }
        if watched[1].revents != 0 {
            wakeup.drain()
            return .woken
        }
        return .input
    }

    /// One `wget_wch` waiting up to `wait` ms; the key, or nil.
    private func nextKey(wait: Int32) -> Key? {
        wtimeout(window, wait)
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == OK {
            if let key = NCursesBackend.key(forCharacter: character) {
                return key == .escape ? readMeta() ?? key : key
            }
        } else if result == KEY_CODE_YES {
            return decodeKeyCode(Int32(bitPattern: character))
        }
        return nil
    }

    /// An Escape with a key already behind it (within the escape delay) is
    /// Alt/Option held with that key, as terminals send it: the key alone
    /// (Alt-3 is "3", Alt-j "j"; Alt-Backspace deletes a word). Esc then
    /// the key ended a search and ran the key as a command. Anything else
    /// behind it is read next, as its own key.
    private func readMeta() -> Key? {
        wtimeout(window, 0)
        defer { wtimeout(window, NCursesBackend.pollInterval) }
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        let next: Key?
        if result == OK {
            next = NCursesBackend.key(forCharacter: character)
        } else if result == KEY_CODE_YES {
            next = decodeKeyCode(Int32(bitPattern: character))
        } else {
            return nil
        }
        guard let next else { return nil }
        if let meta = NCursesBackend.metaKey(next) { return meta }
        pendingKeys.append(next)
        return nil
    }

    /// The text of a bracketed paste, read up to its end mark (or a pause
    /// of half a second: a terminal that dropped the end mark never hangs
    /// the app), at most a megabyte of it.
    private func readPaste() -> Key {
        var text = ""
        var count = 0
        wtimeout(window, 500)
        defer { wtimeout(window, NCursesBackend.pollInterval) }
        while count < 1_000_000 {
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == OK {
                if let scalar = Unicode.Scalar(UInt32(character)) { text.unicodeScalars.append(scalar) }
                count += 1
            } else if result == KEY_CODE_YES {
                if Int32(bitPattern: character) == NCursesBackend.pasteEndCode { break }
            } else {
                break
            }
        }
        return .paste(text)
    }

    public func bell() {
        beep()
    }

    public func suspend() {
        guard !isShutDown else { return }
        write(NCursesBackend.bracketedPasteOff)
        endwin()
        SignalGuard.setCursesActive(false)
        // Stop the whole process group as Ctrl-Z would, with the default action
        // (ncurses' SIGTSTP handler would redo what was just done).
        var stopDefault = sigaction()
        stopDefault.__sigaction_handler.sa_handler = SIG_DFL
        var previous = sigaction()
        sigaction(SIGTSTP, &stopDefault, &previous)
        kill(0, SIGTSTP)
        sigaction(SIGTSTP, &previous, nil)
        resumeCurses()
    }

    /// Back to curses mode after the terminal was given up (suspended, or
    /// lent to another program); the size may have changed meanwhile.
    private func resumeCurses() {
        SignalGuard.setCursesActive(true)
        reset_prog_mode()
        write(NCursesBackend.bracketedPasteOn)
        keypad(window, true)
        if capabilities.mouse { _ = mousemask(NCursesBackend.mouseMask(), nil) }
        if let newSize = terminalSize(), newSize != size {
            resizeterm(Int32(newSize.height), Int32(newSize.width))
            size = newSize
            pendingKeys.append(.resize(newSize))
        }
        repaintPending = true
    }

    public func forceRepaint() {
        repaintPending = true
    }

    public func releaseTerminal(during body: () -> Void) {
        guard !isShutDown else {
            body()
            return
        }
        def_prog_mode()
        write(NCursesBackend.bracketedPasteOff)
        endwin()
        SignalGuard.setCursesActive(false)
        body()
        resumeCurses()
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        curs_set(1)
        write(NCursesBackend.bracketedPasteOff)
        endwin()
        SignalGuard.setCursesActive(false)
        delscreen(screen)
        if ownsFiles {
            fclose(inputFile)
            fclose(outputFile)
        } else {
            fflush(outputFile)
        }
        SignalGuard.uninstall()
        SignalGuard.releaseSession()
    }

    /// Ends the process by the termination signal that was received, if any, with its
    /// default action, so the parent sees an honest exit status. Call after `shutdown()`.
    public func reraiseTerminationSignal() {
        guard let signal = terminationSignal else { return }
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
    }

    /// The terminal's size as the kernel reports it now.
    private func terminalSize() -> Size? {
        var windowSize = winsize()
        guard ioctl(outputDescriptor, UInt(TIOCGWINSZ), &windowSize) == 0, windowSize.ws_col > 0, windowSize.ws_row > 0
        else {
            return nil
        }
        return Size(width: Int(windowSize.ws_col), height: Int(windowSize.ws_row))
    }

    /// Keys that need the session: resize and mouse; the rest are pure mappings.
    private func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case NCursesBackend.pasteStartCode: return readPaste()
        case KEY_RESIZE:
            // After a suspend the new size was already reported; ncurses may still
            // deliver the SIGWINCHs that arrived meanwhile.
            let newSize = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
            guard newSize != size else { return nil }
            size = newSize
            repaintPending = true
            return .resize(size)
        case KEY_MOUSE:
            // Reports that arrive together come with one KEY_MOUSE; getmouse pops them
            // newest first. Drain the queue and deliver them in order.
            var events: [MEVENT] = []
            var event = MEVENT()
            while events.count < 64, getmouse(&event) == OK {
                events.append(event)
            }
            var keys = events.reversed().flatMap {
                NCursesBackend.mouseKeys(state: $0.bstate, x: Int($0.x), y: Int($0.y))
            }
            guard !keys.isEmpty else { return nil }
            let first = keys.removeFirst()
            pendingKeys.append(contentsOf: keys)
            return first
        default:
            return NCursesBackend.key(forKeyCode: code)
        }
    }

    /// Writes one cell at (x, y) in its style.
    private func put(_ cell: Cell, x: Int, y: Int) {
        let width = cell.width
        let (attributes, pair) = rendition(for: cell.style)
        let isBottomRight = x == size.width - 1 && y == size.height - 1
        var glyph = cchar_t()
        // One ASCII byte (most cells) is its own scalar: no array for it.
        let utf8 = cell.character.utf8
        let padding: Int
        if utf8.count == 1, let byte = utf8.first, byte < 0x80 {
            padding = width - 1
            characterScratch[0] = wchar_t(byte)
            characterScratch[1] = 0
        } else {
            let encoded = NCursesBackend.terminalScalars(for: cell.character, width: width)
            padding = encoded.padding
            for (index, scalar) in encoded.scalars.enumerated() {
                characterScratch[index] = wchar_t(bitPattern: scalar)
            }
            characterScratch[encoded.scalars.count] = 0
        }
        setcchar(&glyph, characterScratch, attributes, pair, nil)
        if isBottomRight {
            // Inserting does not move the cursor, so the last cell cannot scroll.
            mvwins_wch(window, Int32(y), Int32(x), &glyph)
        } else {
            mvwadd_wch(window, Int32(y), Int32(x), &glyph)
        }
        if padding > 0 {
            characterScratch[0] = 0x20
            characterScratch[1] = 0
            var blank = cchar_t()
            setcchar(&blank, characterScratch, attributes, pair, nil)
            for column in (x + 1)...(x + padding) where column < size.width {
                if column == size.width - 1 && y == size.height - 1 {
                    mvwins_wch(window, Int32(y), Int32(column), &blank)
                } else {
                    mvwadd_wch(window, Int32(y), Int32(column), &blank)
                }
            }
        }
    }

    /// Each `TextAttributes` member and its ncurses attribute.
    private static let attributeMap: [(TextAttributes, attr_t)] = [
        (.bold, xp_attr_bold()), (.dim, xp_attr_dim()), (.italic, xp_attr_italic()),
        (.underline, xp_attr_underline()), (.blink, xp_attr_blink()), (.reverse, xp_attr_reverse()),
    ]

    /// ncurses attributes and color pair for a style.
    private func rendition(for style: Style) -> (attr_t, Int16) {
        if let last = lastRendition, last.style == style { return (last.attributes, last.pair) }
        let made = makeRendition(for: style)
        lastRendition = (style, made.0, made.1)
        return made
    }

    private func makeRendition(for style: Style) -> (attr_t, Int16) {
        var attributes = attr_t(0)
        for (attribute, value) in NCursesBackend.attributeMap where style.attributes.contains(attribute) {
            attributes |= value
        }
        guard capabilities.colors.hasColor else { return (attributes, 0) }
        var foreground = style.foreground.paletteIndex(for: capabilities.colors) ?? -1
        var background = style.background.paletteIndex(for: capabilities.colors) ?? -1
        if !defaultColorsAvailable {
            if foreground < 0 { foreground = 7 }
            if background < 0 { background = 0 }
        }
        let lookup = colorPairs.pair(foreground: foreground, background: background) { number, fg, bg in
            init_pair(number, fg, bg) == OK
        }
        if lookup.evicted { repaintPending = true }
        return (attributes, lookup.pair)
    }
}
