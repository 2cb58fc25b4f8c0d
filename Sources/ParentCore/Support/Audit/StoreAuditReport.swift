import Foundation
import SchoolStore

/// The audit of a store as the data manager reads it: a table of counts
/// per school and cause, then, school by school, the contacts under each
/// cause with the offending value as the MIS holds it; or `--csv`.
public struct StoreAuditReport: Sendable {
    public let audits: [SchoolAudit]
    /// Schools that could not be audited: named in the text and the CSV.
    public let unaudited: [UnauditedSchool]

    public init(audits: [SchoolAudit], unaudited: [UnauditedSchool] = []) {
        self.audits = audits
        self.unaudited = unaudited
    }

    /// At most this many of an unaudited school's problems are quoted in the text.
    static let problemsShown = 5

    public var contacts: Int { audits.reduce(0) { $0 + $1.contacts } }
    public var canLogIn: Int { audits.reduce(0) { $0 + $1.canLogIn } }
    public var cannotLogIn: Int { contacts - canLogIn }
    public func count(_ cause: AuditCause) -> Int { audits.reduce(0) { $0 + $1.count(cause) } }

    public func text() -> String {
        var lines: [String] = []
        let s = audits.count == 1 ? "" : "s"
        let notAudited =
            unaudited.isEmpty
            ? "" : "; \(Quote.count(unaudited.count)) school\(unaudited.count == 1 ? "" : "s") not audited (below)"
        lines.append(
            "\(Quote.count(audits.count)) school\(s), \(Quote.count(contacts)) contacts with parental responsibility: "
                + "\(Quote.count(canLogIn)) can log in, \(Quote.count(cannotLogIn)) cannot\(notAudited)")
        lines.append("")
        let headers = ["school", "contacts", "can log in", "cannot"] + AuditCause.allCases.map(\.column)
        var rows: [[String]] = audits.map { a in
            [a.school, Quote.count(a.contacts), Quote.count(a.canLogIn), Quote.count(a.cannotLogIn)]
                + AuditCause.allCases.map { Quote.count(a.count($0)) }
        }
        if audits.count > 1 {
            rows.append(
                ["total", Quote.count(contacts), Quote.count(canLogIn), Quote.count(cannotLogIn)]
                    + AuditCause.allCases.map { Quote.count(count($0)) })
        }
        // A school not audited has a row of its own, its id in the first column.
        let widths = headers.indices.map { c in
            max(
                headers[c].count, rows.map { $0[c].count }.max() ?? 0,
                c == 0 ? unaudited.map(\.school.count).max() ?? 0 : 0)
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        lines.append(line(headers))
        for r in rows { lines.append(line(r)) }
        for u in unaudited {
            let pad = String(repeating: " ", count: max(0, widths[0] - u.school.count))
            lines.append(u.school + pad + "  not audited: its files cannot be read")
        }
        for u in unaudited {
            lines.append("")
            let n = u.problems.count
            lines.append(
                "\(u.name.map { "\($0) (\(u.school))" } ?? u.school): not audited: its files have \(Quote.count(n)) "
                    + "problem\(n == 1 ? "" : "s"), and until they are fixed the app logs in none of its parents "
                    + "to see its children:")
            for problem in u.problems.prefix(Self.problemsShown) { lines.append("    \(problem.description)") }
            if n > Self.problemsShown {
                lines.append(
                    "    … and \(Quote.count(n - Self.problemsShown)) more: xpressions store validate lists them")
            }
        }
        for a in audits where !a.findings.isEmpty || !a.loggingIn.isEmpty {
            lines.append("")
            lines.append(
                "\(a.name) (\(a.school)): \(Quote.count(a.contacts)) contacts with parental responsibility, "
                    + "\(Quote.count(a.canLogIn)) can log in, \(Quote.count(a.cannotLogIn)) cannot")
            for cause in AuditCause.allCases {
                let under = a.findings(cause)
                guard !under.isEmpty else { continue }
                let note = cause == .duplicate ? "; they can log in: this app merges them" : ""
                lines.append("  \(cause.title) (\(under.count)\(note)):")
                let idWidth = under.map(\.contactID.count).max() ?? 0
                for f in under {
                    let id = f.contactID + String(repeating: " ", count: idWidth - f.contactID.count)
                    let value = f.value.isEmpty ? "" : "\(Quote.value(f.value)): "
                    lines.append("    \(id)  \(Quote.clip(f.contactName, limit: 40))  \(value)\(f.detail)")
                }
            }
            // Who can log in, listed as well as counted (the seed's check
            // asks for both lists).
            if !a.loggingIn.isEmpty {
                lines.append("  can log in (\(a.loggingIn.count)):")
                let idWidth = a.loggingIn.map(\.contactID.count).max() ?? 0
                for c in a.loggingIn {
                    let id = c.contactID + String(repeating: " ", count: idWidth - c.contactID.count)
                    lines.append("    \(id)  \(Quote.clip(c.contactName, limit: 40))")
                }
            }
        }
        return TerminalSafe.report(lines)
    }

    /// One row per contact and cause, RFC 4180 (CRLF line ends; a field
    /// with a comma, quote or line break quoted, quotes doubled). A field
    /// starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
    /// prefixed with `'`, so a spreadsheet shows it as text rather than
    /// running it as a formula (OWASP's advice on CSV injection; a number
    /// held as `+44 7700 100002` reads `'+44 7700 100002`).
    public func csv() -> String {
        var rows = [["school", "contact", "name", "cause", "can_log_in", "value", "detail"]]
        for a in audits {
            for f in a.findings {
                rows.append([
                    a.school, f.contactID, f.contactName, f.cause.code, f.canLogIn ? "yes" : "no", f.value, f.detail,
                ])
            }
        }
        // Who can log in: a row each, cause "can-log-in".
        for a in audits {
            for c in a.loggingIn {
                rows.append([
                    a.school, c.contactID, c.contactName, "can-log-in", "yes", "", "can log in and see a child",
                ])
            }
        }
        // A school not audited: a row per problem, so a spreadsheet shows it.
        for u in unaudited {
            for problem in u.problems {
                rows.append([u.school, "", "", "school-not-audited", "no", problem.file, problem.description])
            }
        }
        return rows.map { $0.map(StoreAuditReport.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ raw: String) -> String {
        var value = raw
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
