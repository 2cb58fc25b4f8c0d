import Foundation
import Glibc
import TerminalKit
import Testing

@testable import NCursesTerminal

/// What the backend writes for OSC 8 hyperlinks and OSC 52 clipboard
/// writes, read from the master side of a pseudo-terminal the backend draws
/// on (tmux's `capture-pane` shows neither). Part of the serialized suite:
/// one ncurses session per process.
extension NCursesBackendTests {
    /// A pseudo-terminal: the backend opens its slave, the test reads what
    /// it writes from the master.
    final class Pty {
        let master: Int32
        let slave: String

        /// glibc's pseudo-terminal calls, which Swift's Glibc module does not
        /// export (they need _XOPEN_SOURCE): looked up at run time.
        typealias IntCall = @convention(c) (Int32) -> Int32
        typealias NameCall = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        static func call<T>(_ name: String, as type: T.Type) -> T {
            unsafeBitCast(dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)!, to: type)
        }

        init(size: Size) throws {
            master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            guard master >= 0, Pty.call("grantpt", as: IntCall.self)(master) == 0,
                Pty.call("unlockpt", as: IntCall.self)(master) == 0,
                let name = Pty.call("ptsname", as: NameCall.self)(master)
            else {
                throw NCursesError.cannotOpenDevice(path: "/dev/ptmx", errno: errno)
            }
            slave = String(cString: name)
            var ws = winsize(ws_row: UInt16(size.height), ws_col: UInt16(size.width), ws_xpixel: 0, ws_ypixel: 0)
            _ = ioctl(master, UInt(TIOCSWINSZ), &ws)
            _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        }

        deinit { close(master) }

        /// Everything written to the terminal since the last call (the
        /// backend has flushed before its calls return).
        func drain() -> [UInt8] {
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, 4096) }
                if n <= 0 { break }
                out += chunk[0..<n]
            }
            return out
        }
    }

    func backend(on pty: Pty, hyperlinks: Bool? = nil, clipboard: Bool? = nil, environment: [String: String] = [:])
        throws -> NCursesBackend
    {
        let backend = try NCursesBackend(
            options: .init(
                terminalType: "xterm-256color", device: pty.slave, hyperlinks: hyperlinks,
                clipboard: clipboard, environment: environment))
        _ = pty.drain()
        return backend
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static let link = Style(foreground: .cyan, attributes: .underline)

    @Test func linksAreSentAsOSC8AroundTheirOwnCellsWithTheCursorSavedAndRestored() throws {
        let pty = try Pty(size: Size(width: 40, height: 8))
        let backend = try backend(on: pty, hyperlinks: true)
        defer { backend.shutdown() }
        #expect(backend.capabilities.hyperlinks)
        var buffer = ScreenBuffer(size: backend.size)
        buffer.put("Read https://example.org/a then", at: Point(x: 0, y: 2))
        buffer.put("https://example.org/a", at: Point(x: 5, y: 2), style: Self.link)
        buffer.addLink("https://example.org/a", row: 2, columns: 5..<26)
        buffer.put("日本 mail", at: Point(x: 0, y: 3))
        buffer.put("日本", at: Point(x: 0, y: 3), style: Self.link)
        buffer.addLink("https://例え.jp/ü?q=a b", row: 3, columns: 0..<4)
        backend.draw(buffer)
        let output = Self.text(pty.drain())
        let id = NCursesBackend.linkID("https://example.org/a")
        let first =
            "\u{1B}7\u{1B}[3;6H\u{1B}]8;id=\(id);https://example.org/a\u{1B}\\\u{1B}[0;4;36mhttps://example.org/a\u{1B}]8;;\u{1B}\\"
        let second =
            "\u{1B}[4;1H\u{1B}]8;id=\(NCursesBackend.linkID("https://例え.jp/ü?q=a b"));https://%E4%BE%8B%E3%81%88.jp/%C3%BC?q=a%20b\u{1B}\\"
            + "\u{1B}[0;4;36m日本\u{1B}]8;;\u{1B}\\\u{1B}8"
        let links = try #require(
            output.range(of: first + second),
            "the links, in order, between DECSC and DECRC:\n\(output.debugDescription)")
        let text = try #require(output.range(of: "Read"), "ncurses drew the row")
        #expect(text.lowerBound < links.lowerBound, "the links come after ncurses' own output")
        #expect(output.components(separatedBy: "]8;").count == 5, "two links, each opened and closed once")

        // The same frame again: nothing is sent.
        backend.draw(buffer)
        #expect(!Self.text(pty.drain()).contains("]8;"))
        // Another row changes: its links stay as they are on the terminal.
        buffer.put("other", at: Point(x: 0, y: 6))
        backend.draw(buffer)
        let other = Self.text(pty.drain())
        #expect(other.contains("other") && !other.contains("]8;"))
        // The link's row changes (ncurses may print over the link): that link is sent again, only it.
        buffer.put("Look", at: Point(x: 0, y: 2))
        backend.draw(buffer)
        let again = Self.text(pty.drain())
        #expect(again.contains("\u{1B}]8;id=\(id);https://example.org/a"))
        #expect(again.components(separatedBy: "]8;").count == 3)
        // A repaint sends every link.
        backend.forceRepaint()
        backend.draw(buffer)
        #expect(Self.text(pty.drain()).components(separatedBy: "]8;").count == 5)
    }

    @Test func linksStayPlainTextWhereTheTerminalIsNotKnownToShowThem() throws {
        let pty = try Pty(size: Size(width: 40, height: 8))
        let backend = try backend(on: pty, environment: ["TERM": "xterm-256color"])
        defer { backend.shutdown() }
        #expect(!backend.capabilities.hyperlinks)
        var buffer = ScreenBuffer(size: backend.size)
        buffer.put("https://example.org", at: .zero, style: Self.link)
        buffer.addLink("https://example.org", row: 0, columns: 0..<19)
        backend.draw(buffer)
        let output = Self.text(pty.drain())
        #expect(output.contains("https://example.org"))
        #expect(!output.contains("]8;"))
        #expect(!output.contains("\u{1B}7"))
    }

    @Test func theClipboardIsSetWithOSC52OnlyWhereAllowed() throws {
        let pty = try Pty(size: Size(width: 40, height: 8))
        do {
            let backend = try backend(on: pty, environment: ["TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"])
            defer { backend.shutdown() }
            #expect(backend.capabilities.clipboard)
            #expect(backend.copyToClipboard("01632 960344 ✓"))
            #expect(
                Self.text(pty.drain()) == "\u{1B}]52;c;\(Data("01632 960344 ✓".utf8).base64EncodedString())\u{1B}\\")
        }
        let backend = try backend(on: pty, environment: ["TERM": "xterm-256color", "TMUX": "/tmp/tmux-0/default,1,0"])
        defer { backend.shutdown() }
        #expect(!backend.capabilities.clipboard)
        #expect(!backend.copyToClipboard("secret"))
        #expect(!Self.text(pty.drain()).contains("]52;"))
    }
}
