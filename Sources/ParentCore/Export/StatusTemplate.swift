import Foundation

/// The line `xpressions status --format TEMPLATE` prints. Placeholders in
/// braces are replaced:
///
/// | placeholder | |
/// |---|---|
/// | `{unread}` | unread messages (each once) |
/// | `{children}` | unread per child with any: `Ben 2, Amy 1` |
/// | `{synced}` | the last sync: `10:42` today, `17 Mar` before, `never` |
/// | `{ago}` | the same as `5 minutes ago` |
/// | `{queued}` | messages and replies waiting to be sent |
/// | `{failed}` | of those, the ones that failed |
/// | `{trouble}` | `⚠` when the last sync could not reach (or use) the school data, else nothing |
/// | `{since}` | when that trouble started (`10:42`), else nothing |
///
/// `{?NAME:TEXT}` shows TEXT (which may hold placeholders) only when NAME
/// is neither empty nor 0; `{{` and `}}` are literal braces (inside
/// `{?…}`, a `}}` with no `}` after it ends two conditionals instead).
public struct StatusTemplate: Sendable, Equatable {
    /// `✉ 3 (Ben 2, Amy 1) · synced 10:42`, with ` · 1 to send`, ` (1 refused)`
    /// and ` ⚠` when they apply.
    public static let standard =
        "✉ {unread}{?children: ({children})} · synced {synced}{?queued: · {queued} to send}{?failed: ({failed} refused)}{?trouble: {trouble}}"

    /// The placeholder names.
    public static let names = ["unread", "children", "synced", "ago", "queued", "failed", "trouble", "since"]

    indirect enum Node: Sendable, Equatable {
        case text(String)
        case value(String)
        case when(String, [Node])
    }

    let nodes: [Node]

    /// Parses a template; a mistake is one line saying what and where.
    public init(_ template: String) throws(StatusTemplateError) {
        var chars = Array(template)[...]
        nodes = try StatusTemplate.parse(&chars, nested: false)
    }

    static func parse(_ chars: inout ArraySlice<Character>, nested: Bool) throws(StatusTemplateError) -> [Node] {
        var out: [Node] = []
        var text = ""
        func flush() {
            if !text.isEmpty { out.append(.text(text)) }
            text = ""
        }
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case "{" where chars.first == "{":
                chars = chars.dropFirst()
                text.append("{")
            case "}" where chars.first == "}" && !nested:
                chars = chars.dropFirst()
                text.append("}")
            case "}" where nested:
                // "}}" is a literal brace, unless no "}" is left after it to
                // end this "{?": then it ends this one and the one around it
                // ("{?unread:{?children:x}}" said "no '}' to end it").
                if chars.first == "}", chars.dropFirst().contains("}") {
                    chars = chars.dropFirst()
                    text.append("}")
                    continue
                }
                flush()
                return out
            case "}":
                throw StatusTemplateError("a '}' with no '{' before it (write '}}' for a brace)")
            case "{":
                flush()
                if chars.first == "?" {
                    chars = chars.dropFirst()
                    guard let colon = chars.firstIndex(of: ":") else {
                        throw StatusTemplateError("'{?' needs NAME:TEXT}")
                    }
                    let name = String(chars[chars.startIndex..<colon])
                    try check(name)
                    chars = chars[(colon + 1)...]
                    let inner = try parse(&chars, nested: true)
                    out.append(.when(name, inner))
                } else {
                    guard let close = chars.firstIndex(of: "}") else {
                        throw StatusTemplateError("a '{' with no '}' after it (write '{{' for a brace)")
                    }
                    let name = String(chars[chars.startIndex..<close])
                    try check(name)
                    chars = chars[(close + 1)...]
                    out.append(.value(name))
                }
            default:
                text.append(c)
            }
        }
        if nested { throw StatusTemplateError("a '{?' with no '}' to end it") }
        flush()
        return out
    }

    static func check(_ name: String) throws(StatusTemplateError) {
        guard names.contains(name) else {
            throw StatusTemplateError(
                "unknown placeholder {\(name)}; the placeholders are \(names.map { "{\($0)}" }.joined(separator: " "))")
        }
    }

    /// The line for a status at `now`.
    public func render(_ status: ParentStatus, now: Date) -> String {
        StatusTemplate.render(nodes, status, now)
    }

    static func render(_ nodes: [Node], _ status: ParentStatus, _ now: Date) -> String {
        var out = ""
        for node in nodes {
            switch node {
            case .text(let t): out += t
            case .value(let name): out += value(name, status, now)
            case .when(let name, let inner):
                let v = value(name, status, now)
                if !v.isEmpty && v != "0" { out += render(inner, status, now) }
            }
        }
        return out
    }

    static func value(_ name: String, _ s: ParentStatus, _ now: Date) -> String {
        switch name {
        case "unread": return "\(s.unread)"
        case "children": return s.childrenText
        case "synced": return s.syncedText(now: now)
        case "ago": return s.lastSync.map { ParentModel.ago($0, now: now) } ?? "never"
        case "queued": return "\(s.queued)"
        case "failed": return "\(s.failed)"
        case "trouble": return s.trouble == nil ? "" : "⚠"
        case "since": return s.trouble.map { s.zone.clockText($0.since) } ?? ""
        default: return ""
        }
    }
}
