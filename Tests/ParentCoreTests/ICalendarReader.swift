import Foundation

/// A small iCalendar reader for the tests, written from RFC 5545 rather
/// than from the writer: it checks the physical lines (CRLF ends, at most 75
/// octets, each line valid UTF-8 on its own, so no character was split),
/// unfolds them, and parses content lines, parameters and components.
struct ICalendarReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    struct Property {
        var name: String
        var parameters: [String: String]
        var value: String

        /// The value as TEXT, unescaped (§3.3.11).
        var text: String {
            var out = ""
            var escaped = false
            for c in value {
                if escaped {
                    switch c {
                    case "n", "N": out.append("\n")
                    default: out.append(c)
                    }
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else {
                    out.append(c)
                }
            }
            return out
        }

        /// A list value split on unescaped commas, each unescaped.
        var texts: [String] {
            var parts: [String] = []
            var current = ""
            var escaped = false
            for c in value {
                if escaped {
                    current.append("\\")
                    current.append(c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "," {
                    parts.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
            }
            parts.append(current)
            return parts.map { Property(name: name, parameters: [:], value: $0).text }
        }
    }

    struct Component {
        var name: String
        var properties: [Property] = []
        var components: [Component] = []

        func first(_ name: String) -> Property? { properties.first { $0.name == name } }
        func all(_ name: String) -> [Component] { components.filter { $0.name == name } }
    }

    /// The physical lines, checked.
    static func physicalLines(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D {
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else { throw Failure("a CR without LF at byte \(i)") }
                lines.append(current)
                current = []
                i += 2
                continue
            }
            if b == 0x0A { throw Failure("a LF without CR at byte \(i)") }
            current.append(b)
            i += 1
        }
        guard current.isEmpty else { throw Failure("the last line does not end with CRLF") }
        for (n, line) in lines.enumerated() {
            if line.count > 75 { throw Failure("line \(n + 1) is \(line.count) octets") }
            if String(validating: line, as: UTF8.self) == nil {
                throw Failure("line \(n + 1) is not UTF-8 on its own (a character was split)")
            }
        }
        return lines
    }

    /// Parses a whole stream into its top component (VCALENDAR).
    static func parse(_ text: String) throws -> Component {
        let physical = try physicalLines(Array(text.utf8))
        var logical: [String] = []
        for line in physical {
            let s = String(decoding: line, as: UTF8.self)
            if let first = s.first, first == " " || first == "\t" {
                guard !logical.isEmpty else { throw Failure("a continuation line first") }
                logical[logical.count - 1] += s.dropFirst()
            } else {
                logical.append(s)
            }
        }
        var stack: [Component] = []
        var top: Component?
        for line in logical {
            let p = try property(line)
            if p.name == "BEGIN" {
                stack.append(Component(name: p.value))
            } else if p.name == "END" {
                guard let last = stack.popLast(), last.name == p.value else {
                    throw Failure("END:\(p.value) does not match")
                }
                if stack.isEmpty { top = last } else { stack[stack.count - 1].components.append(last) }
            } else {
                guard !stack.isEmpty else { throw Failure("a property outside any component: \(line)") }
                stack[stack.count - 1].properties.append(p)
            }
        }
        guard stack.isEmpty, let top else { throw Failure("unbalanced BEGIN/END") }
        return top
    }

    /// `NAME;PARAM=value;PARAM="quoted":value`.
    static func property(_ line: String) throws -> Property {
        var name = ""
        var parameters: [String: String] = [:]
        var chars = Array(line)[...]
        while let c = chars.first, c != ";" && c != ":" {
            name.append(c)
            chars = chars.dropFirst()
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw Failure("bad name in \(line)")
        }
        while chars.first == ";" {
            chars = chars.dropFirst()
            var key = ""
            while let c = chars.first, c != "=" {
                key.append(c)
                chars = chars.dropFirst()
            }
            guard chars.first == "=" else { throw Failure("a parameter without '=' in \(line)") }
            chars = chars.dropFirst()
            var value = ""
            if chars.first == "\"" {
                chars = chars.dropFirst()
                while let c = chars.first, c != "\"" {
                    value.append(c)
                    chars = chars.dropFirst()
                }
                guard chars.first == "\"" else { throw Failure("an unclosed quote in \(line)") }
                chars = chars.dropFirst()
            } else {
                while let c = chars.first, c != ";" && c != ":" {
                    guard c != "," else { throw Failure("an unquoted ',' in a parameter of \(line)") }
                    value.append(c)
                    chars = chars.dropFirst()
                }
            }
            parameters[key] = value
        }
        guard chars.first == ":" else { throw Failure("no ':' in \(line)") }
        return Property(name: name, parameters: parameters, value: String(chars.dropFirst()))
    }
}
