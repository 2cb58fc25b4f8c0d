import Foundation

/// A small mboxrd reader for the tests, written from the format's
/// description rather than from the writer: a message starts at a `From `
/// line that opens the file or follows an empty line, and ends at the empty
/// line before the next; body lines that are `From ` after one or more `>`
/// lose one `>`. Headers are unfolded and RFC 2047 encoded-words decoded.
struct MboxReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    struct Message {
        var fromLine: String
        /// Header fields as written (unfolded, not decoded).
        var rawHeaders: [(name: String, value: String)]
        /// Everything after the blank line ending the headers, unquoted.
        var body: String

        /// The first field of that name, decoded.
        func header(_ name: String) -> String? { headers(name).first }

        /// An address field as a mail client shows it: decoded, and its
        /// quoted-strings without their quotes (`"Mme" Zoë "Green Abbey
        /// School" <a@b>` is `Mme Zoë Green Abbey School <a@b>`).
        func displayed(_ name: String) -> String? {
            guard let value = header(name) else { return nil }
            var out = ""
            var quoted = false
            var escaped = false
            for c in value {
                if escaped {
                    out.append(c)
                    escaped = false
                } else if quoted && c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    quoted.toggle()
                } else {
                    out.append(c)
                }
            }
            return out
        }

        /// Every field of that name, decoded.
        func headers(_ name: String) -> [String] {
            rawHeaders.filter { $0.name.lowercased() == name.lowercased() }.map { MboxReader.decodeWords($0.value) }
        }
    }

    static func parse(_ text: String) throws -> [Message] {
        guard text.isEmpty || text.hasSuffix("\n") else { throw Failure("the mailbox does not end with a line end") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()  // after the final line end
        var starts: [Int] = []
        for (i, line) in lines.enumerated() where line.hasPrefix("From ") && (i == 0 || lines[i - 1].isEmpty) {
            starts.append(i)
        }
        guard lines.isEmpty || starts.first == 0 else { throw Failure("the mailbox does not start with a From line") }
        var messages: [Message] = []
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] : lines.count
            var content = Array(lines[(start + 1)..<end])
            guard content.last == "" else { throw Failure("message \(n + 1) is not followed by an empty line") }
            content.removeLast()
            content = content.map(unquote)
            guard let blank = content.firstIndex(of: "") else {
                throw Failure("message \(n + 1) has no end of headers")
            }
            var headers: [(name: String, value: String)] = []
            for line in content[..<blank] {
                if line.first == " " || line.first == "\t" {
                    guard !headers.isEmpty else { throw Failure("a continuation line first") }
                    headers[headers.count - 1].value += line
                } else {
                    guard let colon = line.firstIndex(of: ":") else { throw Failure("not a header field: \(line)") }
                    headers.append(
                        (
                            String(line[..<colon]),
                            String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                        ))
                }
            }
            let body = content[(blank + 1)...].map { $0 + "\n" }.joined()
            messages.append(Message(fromLine: lines[start], rawHeaders: headers, body: body))
        }
        return messages
    }

    /// mboxrd: `>From ` → `From `, `>>From ` → `>From `.
    static func unquote(_ line: String) -> String {
        let rest = line.drop { $0 == ">" }
        return line.hasPrefix(">") && rest.hasPrefix("From ") ? String(line.dropFirst()) : line
    }

    /// RFC 2047: `=?charset?B|Q?text?=` decoded (UTF-8 only here); white
    /// space between two encoded-words dropped.
    static func decodeWords(_ value: String) -> String {
        var out = ""
        var rest = Substring(value)
        var pendingSpace = ""
        var lastWasEncoded = false
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let decoded = encodedWord(&rest) {
                if !lastWasEncoded { out += pendingSpace }
                pendingSpace = ""
                out += decoded
                lastWasEncoded = true
                continue
            }
            let c = rest.removeFirst()
            if c == " " || c == "\t" {
                pendingSpace.append(c)
            } else {
                out += pendingSpace
                pendingSpace = ""
                out.append(c)
                lastWasEncoded = false
            }
        }
        return out + pendingSpace
    }

    static func encodedWord(_ rest: inout Substring) -> String? {
        let parts = rest.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].uppercased() == "UTF-8", parts[3].hasPrefix("=") else { return nil }
        let text = parts[2]
        var bytes: [UInt8]
        switch parts[1].uppercased() {
        case "B":
            guard let data = Data(base64Encoded: String(text)) else { return nil }
            bytes = Array(data)
        case "Q":
            bytes = []
            var u = Array(text.utf8)[...]
            while let b = u.first {
                u = u.dropFirst()
                if b == 0x5F {
                    bytes.append(0x20)
                } else if b == 0x3D, u.count >= 2,
                    let v = UInt8(String(decoding: u.prefix(2), as: UTF8.self), radix: 16)
                {
                    bytes.append(v)
                    u = u.dropFirst(2)
                } else {
                    bytes.append(b)
                }
            }
        default: return nil
        }
        guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
        let consumed = 2 + parts[0].count + 1 + parts[1].count + 1 + text.count + 2
        rest = rest.dropFirst(consumed)
        return s
    }

    /// Quoted-printable decoded (soft line breaks joined).
    static func quotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let u = Array(text.utf8)
        var i = 0
        while i < u.count {
            if u[i] == 0x3D {
                if i + 1 < u.count, u[i + 1] == 0x0A {
                    i += 2
                    continue
                }
                if i + 2 < u.count, let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(v)
                    i += 3
                    continue
                }
            }
            bytes.append(u[i])
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
