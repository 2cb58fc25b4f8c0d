import Foundation
import TerminalKit
import TestSupport
import Testing

/// Attachments and links with the real binary under tmux: Enter hands the
/// opener ($BROWSER, a script recording its arguments) the app's own copy
/// of the file, `s` saves to the download directory and says where, the
/// link picker opens a link, `y` says what happened to the clipboard.
@Suite(.serialized) struct AttachmentJourneyTests {
    /// Waits (polling, with a deadline) until the file at `path` exists; its bytes.
    func waitForFile(_ path: String, timeout: Duration = .seconds(30)) throws -> [UInt8] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if let data = FileManager.default.contents(atPath: path) { return Array(data) }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw TmuxError("\(path) did not appear")
    }

    func arguments(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    @Test func openSaveLinksAndCopy() throws {
        let app = try AppHarness(size: Size(width: 160, height: 30))
        let bin = "\(app.directory)/bin"
        let downloads = "\(app.directory)/Downloads"
        let runtime = "\(app.directory)/runtime"
        for dir in [bin, downloads, runtime] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        // The opener records its arguments, numbered by call, then renames the record into place.
        let script = """
            #!/bin/sh
            n=$(ls '\(bin)' | grep -c '^call')
            for a in "$@"; do printf '%s\\0' "$a"; done > '\(bin)/tmp'
            mv '\(bin)/tmp' "\(bin)/call$n"

            """
        try Data(script.utf8).write(to: URL(fileURLWithPath: "\(bin)/opener"))
        chmod("\(bin)/opener", 0o755)
        try app.start(environment: [
            "BROWSER": "\(bin)/opener", "XDG_DOWNLOAD_DIR": downloads, "XDG_RUNTIME_DIR": runtime,
            "XPRESSIONS_CLIPBOARD": "1",
        ])
        try app.logInAsLiz()
        try Self.openTheOptionsLetter(app)

        // Enter: the opener gets one argument, the app's own copy.
        try app.press("Enter")
        try app.waitFor("Opened options-interview-letter.pdf")
        let opened = arguments(try waitForFile("\(bin)/call0"))
        #expect(opened.count == 1)
        let copy = try #require(opened.first)
        #expect(copy.hasPrefix("\(runtime)/xpressions-open-") && copy.hasSuffix("/options-interview-letter.pdf"))
        let original = FileManager.default.contents(
            atPath: "\(app.store)/schools/green-abbey/messages/2025-26/files/GA-DEMO-2/options-interview-letter.pdf")
        #expect(FileManager.default.contents(atPath: copy) == original)

        // a, then s: saved beside what is there, and the app says where.
        try app.press("a")
        try app.waitFor("▸ library-map.png")
        try app.press("s")
        try app.waitFor("Saved to \(downloads)/library-map.png")
        try app.press("s")
        try app.waitFor("Saved to \(downloads)/library-map (2).png")
        var info = stat()
        #expect(stat("\(downloads)/library-map (2).png", &info) == 0 && info.st_mode & 0o777 == 0o600)

        // u: the picker; Enter opens the selected link through the same opener.
        try app.press("u")
        try app.waitFor("Links in")
        try app.press("j")
        try app.press("Enter")
        try app.waitFor("Opened https://www.greenabbey.example.sch.uk/options/videos")
        #expect(arguments(try waitForFile("\(bin)/call1")) == ["https://www.greenabbey.example.sch.uk/options/videos"])

        // y: the clipboard (this terminal was said to allow it).
        try app.press("y")
        try app.waitFor("Copied the link to the clipboard.")
    }
    /// A terminal browser as $BROWSER (w3m, lynx…) is given the terminal
    /// while it runs, as mutt does, then the app comes back (started in the
    /// background it drew nothing, and the app said "Opened").
    @Test func aTerminalBrowserGetsTheTerminal() throws {
        let app = try AppHarness(size: Size(width: 100, height: 30))
        let bin = "\(app.directory)/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        // "w3m": shows the address, waits for a line, as a browser waits for q.
        let script = "#!/bin/sh\nprintf 'TERMINAL BROWSER SHOWS %s\\n' \"$1\"\nread line\nexit 0\n"
        try Data(script.utf8).write(to: URL(fileURLWithPath: "\(bin)/w3m"))
        chmod("\(bin)/w3m", 0o755)
        try app.start(environment: ["BROWSER": "\(bin)/w3m"])
        try app.logInAsLiz()
        try app.press("4")
        try app.waitFor("Headteacher")
        try app.press("u")
        try app.waitFor("Links in")
        try app.press("Enter")
        try app.waitFor("TERMINAL BROWSER SHOWS mailto:office@greenabbey.example.sch.uk")
        try app.press("Enter")
        try app.waitFor("Back from w3m.")

        // An attachment too (started in the background it showed nothing,
        // and the app said "Opened").
        try Self.openTheOptionsLetter(app)
        try app.press("Enter")
        try app.waitFor("/options-interview-letter.pdf")
        try app.waitFor("TERMINAL BROWSER SHOWS")
        try app.press("Enter")
        try app.waitFor("Back from w3m.")
    }

    /// A $BROWSER whose program is not installed is named when an
    /// attachment cannot be opened (it said "set $BROWSER" to someone who had).
    @Test(
        .enabled(
            if: !FileManager.default.fileExists(atPath: "/usr/bin/xdg-open")
                && !FileManager.default.fileExists(atPath: "/bin/xdg-open"),
            "xdg-open would open it"))
    func aMissingBrowserIsNamedForAnAttachment() throws {
        let app = try AppHarness(size: Size(width: 120, height: 30))
        try app.start(environment: [
            "BROWSER": "nosuchbrowser", "PATH": "/usr/bin:/bin", "MAILCAPS": "\(app.directory)/no-mailcap",
        ])
        try app.logInAsLiz()
        try Self.openTheOptionsLetter(app)
        try app.press("Enter")
        try app.waitFor("nosuchbrowser is not installed ($BROWSER)")
    }

    /// From Home: the timeline, a search for the options interview, the
    /// message opened, and its first attachment (the PDF letter) selected.
    static func openTheOptionsLetter(_ app: AppHarness) throws {
        try app.press("2")
        try app.waitFor("All children")
        try app.press("/")
        try app.type("options")
        try app.press("Enter")
        try app.waitFor("Ben's Year 9 options interview")
        try app.press("Enter")
        try app.waitFor("Mrs Okafor (Head of Year 9)")
        try app.press("G")
        try app.waitFor("▸ options-interview-letter.pdf")
    }
}
