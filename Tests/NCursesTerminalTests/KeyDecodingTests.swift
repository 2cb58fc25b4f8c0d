import CNCursesW
import TerminalKit
import Testing

@testable import NCursesTerminal

/// The pure mappings of the backend: characters, key codes, mouse reports, color and
/// Unicode decisions, color pairs.
@Suite struct KeyDecodingTests {
    @Test func controlCharacters() {
        #expect(NCursesBackend.key(forCharacter: 1) == .ctrl("a"))
        #expect(NCursesBackend.key(forCharacter: 3) == .ctrl("c"))
        #expect(NCursesBackend.key(forCharacter: 12) == .ctrl("l"))
        #expect(NCursesBackend.key(forCharacter: 17) == .ctrl("q"))
        #expect(NCursesBackend.key(forCharacter: 26) == .ctrl("z"))
        #expect(NCursesBackend.key(forCharacter: 9) == .tab)
        #expect(NCursesBackend.key(forCharacter: 13) == .enter)
        #expect(NCursesBackend.key(forCharacter: 10) == .enter)
        #expect(NCursesBackend.key(forCharacter: 27) == .escape)
        #expect(NCursesBackend.key(forCharacter: 127) == .backspace)
        #expect(NCursesBackend.key(forCharacter: 8) == .backspace)
        #expect(NCursesBackend.key(forCharacter: 31) == .ctrl("_"))
        #expect(NCursesBackend.key(forCharacter: 0) == nil)
    }

    @Test func printableCharacters() {
        #expect(NCursesBackend.key(forCharacter: 0x61) == .char("a"))
        #expect(NCursesBackend.key(forCharacter: 0x20) == .char(" "))
        #expect(NCursesBackend.key(forCharacter: 0xE9) == .char("é"))
        #expect(NCursesBackend.key(forCharacter: 0x65E5) == .char("日"))
        #expect(NCursesBackend.key(forCharacter: 0x1F600) == .char("😀"))
        #expect(NCursesBackend.key(forCharacter: 0x85) == nil)
        #expect(NCursesBackend.key(forCharacter: 0xD800) == nil, "a lone surrogate is no character")
    }

    @Test func keyCodes() {
        let expected: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
            (KEY_DC, .delete), (KEY_BACKSPACE, .backspace), (KEY_ENTER, .enter), (KEY_BTAB, .backTab),
            (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)), (KEY_F0 + 63, .function(63)),
        ]
        for (code, key) in expected {
            #expect(NCursesBackend.key(forKeyCode: code) == key)
        }
        #expect(NCursesBackend.key(forKeyCode: KEY_IC) == nil)
        #expect(NCursesBackend.key(forKeyCode: KEY_F0) == nil)
    }

    @Test func mouseReports() {
        let at = Point(x: 4, y: 7)
        func keys(_ state: mmask_t) -> [Key] { NCursesBackend.mouseKeys(state: state, x: 4, y: 7) }
        #expect(keys(xp_button1_pressed()) == [.mouse(MouseEvent(.press(.left), at: at))])
        #expect(keys(xp_button1_released()) == [.mouse(MouseEvent(.release(.left), at: at))])
        #expect(keys(xp_button3_pressed()) == [.mouse(MouseEvent(.press(.right), at: at))])
        #expect(keys(xp_button2_released()) == [.mouse(MouseEvent(.release(.middle), at: at))])
        #expect(
            keys(xp_button1_clicked()) == [
                .mouse(MouseEvent(.press(.left), at: at)), .mouse(MouseEvent(.release(.left), at: at)),
            ])
        #expect(keys(xp_button4_pressed()) == [.mouse(MouseEvent(.wheelUp, at: at))])
        #expect(keys(xp_button5_pressed()) == [.mouse(MouseEvent(.wheelDown, at: at))])
        #expect(keys(0).isEmpty)
    }

    @Test func colorDecisions() {
        #expect(NCursesBackend.colorAllowed(mode: .automatic, noColor: nil))
        #expect(NCursesBackend.colorAllowed(mode: .automatic, noColor: ""), "an empty NO_COLOR does not count")
        #expect(!NCursesBackend.colorAllowed(mode: .automatic, noColor: "1"))
        #expect(!NCursesBackend.colorAllowed(mode: .disabled, noColor: nil))
    }

    @Test func localeDecisions() {
        #expect(NCursesBackend.locale(environment: [:]) == "C.UTF-8")
        #expect(NCursesBackend.locale(environment: ["LANG": ""]) == "C.UTF-8")
        #expect(NCursesBackend.locale(environment: ["LANG": "en_GB.UTF-8"]) == "")
        #expect(NCursesBackend.locale(environment: ["LC_ALL": "C"]) == "", "an explicit choice is respected")
    }

    @Test func unicodeDecisions() {
        #expect(NCursesBackend.unicodeLikely(codeset: "UTF-8", terminalType: "xterm-256color"))
        #expect(NCursesBackend.unicodeLikely(codeset: "utf8", terminalType: "tmux-256color"))
        #expect(!NCursesBackend.unicodeLikely(codeset: "UTF-8", terminalType: "vt100"))
        #expect(!NCursesBackend.unicodeLikely(codeset: "UTF-8", terminalType: "dumb"))
        #expect(!NCursesBackend.unicodeLikely(codeset: "ANSI_X3.4-1968", terminalType: "xterm"))
    }

    @Test func colorPairsAreAllocatedOnceAndRecycledWhenFull() {
        var cache = ColorPairCache(limit: 3)
        var initialised: [(Int16, Int16, Int16)] = []
        func pair(_ fg: Int, _ bg: Int) -> (pair: Int16, evicted: Bool) {
            cache.pair(foreground: fg, background: bg) { number, fg, bg in
                initialised.append((number, fg, bg))
                return true
            }
        }
        #expect(pair(-1, -1) == (1, false), "the default colors get a pair, not 0 (which costs bytes)")
        #expect(pair(1, -1) == (2, false))
        #expect(pair(1, -1) == (2, false))
        #expect(pair(2, 4) == (1, true), "full: start over")
        #expect(initialised.map(\.0) == [1, 2, 1])
        #expect(initialised.map(\.1) == [-1, 1, 2])
        #expect(cache.count == 1)
        var none = ColorPairCache(limit: 0)
        #expect(none.pair(foreground: 1, background: 2) { _, _, _ in true } == (0, false))
    }

    /// Combinations are told apart (the cache keys each by one number):
    /// swapped colors, the default (-1) beside 0, the palette's ends.
    @Test func everyCombinationHasAPairOfItsOwn() {
        var cache = ColorPairCache(limit: 100)
        let combinations = [(1, 2), (2, 1), (-1, 0), (0, -1), (-1, -1), (0, 0), (255, 255), (-1, 255), (255, -1)]
        let pairs = combinations.map { fg, bg in cache.pair(foreground: fg, background: bg) { _, _, _ in true }.pair }
        #expect(Set(pairs).count == combinations.count, "\(pairs)")
        let again = combinations.map { fg, bg in cache.pair(foreground: fg, background: bg) { _, _, _ in true }.pair }
        #expect(again == pairs)
    }
}
