import TerminalKit

/// Finds the links in text as a mail client's URL picker does (urlscan,
/// urlview): `http://` and `https://` URLs, `www.` addresses (opened as
/// `https://`) and email addresses (opened as `mailto:`). Trailing
/// punctuation is not part of a link ("see https://a.example/x." ends before
/// the full stop), nor a closing bracket it did not open.
enum LinkFinder {
    /// A link: the text as it is written, and what opening it opens.
    struct Found: Sendable, Hashable {
        var text: String
        var url: String
        /// Where in the text (as characters).
        var range: Range<Int>
        var isEmail: Bool { url.hasPrefix("mailto:") }
    }

    /// One wrapped line of text with the columns of its links.
    struct Line: Sendable, Equatable {
        var text: String
        var links: [Span]
    }

    /// The columns of a line that link to `url`.
    struct Span: Sendable, Hashable {
        var columns: Range<Int>
        var url: String
    }

    /// The links in `text`, in order.
    static func links(in text: String) -> [Found] {
        let chars = Array(text)
        var found: [Found] = []
        var i = 0
        while i < chars.count {
            if let link = url(at: i, in: chars) {
                found.append(link)
                i = link.range.upperBound
            } else {
                i += 1
            }
        }
        // Email addresses, outside the URLs found.
        var at = 0
        while at < chars.count {
            defer { at += 1 }
            guard chars[at] == "@", !found.contains(where: { $0.range.contains(at) }) else { continue }
            var start = at
            while start > 0, isLocal(chars[start - 1]) { start -= 1 }
            while start < at, chars[start] == "." || chars[start] == "'" { start += 1 }
            var end = at + 1
            while end < chars.count, isDomain(chars[end]) { end += 1 }
            while end > at + 1, chars[end - 1] == "." || chars[end - 1] == "-" { end -= 1 }
            guard start < at, chars[at - 1] != ".", end > at + 1,
                !found.contains(where: { $0.range.overlaps(start..<end) })
            else { continue }
            let domain = String(chars[(at + 1)..<end])
            let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
            guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let tld = labels.last, tld.count >= 2,
                tld.allSatisfy(\.isLetter)
            else { continue }
            let address = String(chars[start..<end])
            found.append(Found(text: address, url: "mailto:" + address, range: start..<end))
            at = end - 1
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// A URL starting at `i`, if one does (at the start of a word).
    private static func url(at i: Int, in chars: [Character]) -> Found? {
        if i > 0, isURL(chars[i - 1]) && !"([{'".contains(chars[i - 1]) { return nil }
        let rest = String(chars[i..<min(chars.count, i + 8)]).lowercased()
        let web: Bool
        let schemeLength: Int
        if rest.hasPrefix("https://") {
            web = false
            schemeLength = 8
        } else if rest.hasPrefix("http://") {
            web = false
            schemeLength = 7
        } else if rest.hasPrefix("www.") {
            web = true
            schemeLength = 4
        } else {
            return nil
        }
        var end = i + schemeLength
        while end < chars.count, isURL(chars[end]) { end += 1 }
        // Trailing punctuation, and closing brackets the link did not open, end the link.
        while end > i + schemeLength {
            let last = chars[end - 1]
            if ".,;:!?'\"*".contains(last) {
                end -= 1
                continue
            }
            if let open = [")": "(", "]": "[", "}": "{"][String(last)] {
                let inside = chars[i..<(end - 1)]
                if inside.filter({ String($0) == open }).count <= inside.filter({ $0 == last }).count {
                    end -= 1
                    continue
                }
            }
            break
        }
        let host = chars[(web ? i : i + schemeLength)..<end].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // A name, or (after a scheme) an IP address: `http://192.168.0.1/`,
        // `https://[::1]/` (they were neither shown nor offered).
        guard !host.isEmpty, host.contains(where: \.isLetter) || (!web && isAddress(String(host))) else { return nil }
        if web {
            // "www." and a name with a dot in it.
            guard host.dropFirst(4).contains("."), host.last != "." else { return nil }
        }
        let text = String(chars[i..<end])
        return Found(text: text, url: shown(web ? "https://" + text : text), range: i..<end)
    }

    /// `url` with its invisible characters (format characters: the bidi
    /// overrides, zero-width spaces) percent-encoded, so what the picker
    /// shows is what the opener is given (a U+202E in an address showed as
    /// ".../gnp.exe" while the opener got the override itself).
    static func shown(_ url: String) -> String {
        guard url.unicodeScalars.contains(where: { $0.properties.generalCategory == .format }) else { return url }
        var out = ""
        for scalar in url.unicodeScalars {
            guard scalar.properties.generalCategory == .format else {
                out.unicodeScalars.append(scalar)
                continue
            }
            let hex = Array("0123456789ABCDEF")
            for byte in String(scalar).utf8 { out += "%\(hex[Int(byte >> 4)])\(hex[Int(byte & 15)])" }
        }
        return out
    }

    /// An IPv4 address (four numbers up to 255) or a bracketed IPv6 one,
    /// with or without a port.
    static func isAddress(_ host: String) -> Bool {
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let inside = host[host.index(after: host.startIndex)..<close]
            return inside.contains(":") && inside.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        let address = host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = address.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { p in
                !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCII) && Int(p).map { $0 <= 255 } == true
            }
    }

    /// Characters a URL runs on through: not spaces, controls, quotes or angle brackets.
    private static func isURL(_ c: Character) -> Bool {
        guard let scalar = c.unicodeScalars.first, scalar.value > 0x20, scalar.value != 0x7F,
            !(0x80...0x9F).contains(scalar.value)
        else { return false }
        return !"<>\"`{}|\\^".contains(c) && !c.isWhitespace
    }

    private static func isLocal(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "._%+-'".contains(c))
    }
    private static func isDomain(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-")
    }

    /// `paragraph` (one line of text, without newlines) wrapped to `width` as
    /// `TextWidth.wrap` wraps it, with the columns of the links on each line;
    /// a link broken over lines is on each of them.
    static func wrap(_ paragraph: String, width: Int) -> [Line] {
        let text = String(paragraph.map { $0 == "\t" ? " " : $0 })
        let lines = TextWidth.wrap(text, width: width)
        let links = links(in: text)
        guard !links.isEmpty else { return lines.map { Line(text: $0, links: []) } }
        let chars = Array(text)
        var position = 0
        var out: [Line] = []
        for line in lines {
            let lineChars = Array(line)
            // Each line is the next run of the text, the spaces at a break dropped.
            var start = position
            while start < chars.count, chars[start] == " ",
                !(chars[start..<min(chars.count, start + lineChars.count)].elementsEqual(lineChars))
            { start += 1 }
            guard start + lineChars.count <= chars.count,
                chars[start..<(start + lineChars.count)].elementsEqual(lineChars)
            else {
                out.append(Line(text: line, links: []))
                continue
            }
            let end = start + lineChars.count
            var spans: [Span] = []
            for link in links where link.range.overlaps(start..<end) {
                let from = max(link.range.lowerBound, start)
                let to = min(link.range.upperBound, end)
                let column = TextWidth.of(String(chars[start..<from]))
                spans.append(Span(columns: column..<(column + TextWidth.of(String(chars[from..<to]))), url: link.url))
            }
            out.append(Line(text: line, links: spans))
            position = end
        }
        return out
    }
}
