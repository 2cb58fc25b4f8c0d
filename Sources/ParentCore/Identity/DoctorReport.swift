import Foundation
import SchoolStore

/// `xpressions doctor`: what a login with an email and mobile would find,
/// and why, in the seeds' terms, for support staff. It speaks only of
/// records that hold the email or the number given; nothing about anyone
/// else is printed. For those records it shows the emails and numbers
/// exactly as the MIS holds them, or masked (``Disclosure/redacted``,
/// `--redact`) for pasting into a ticket.
public struct DoctorReport: Sendable {
    public let match: IdentityMatch
    public let schools: [String: School]
    public let at: Date
    public let disclosure: Disclosure
    /// Where the email stands with the store's login attempt records (on
    /// the real clock, whatever `at` is), when the store keeps them.
    public var attempts: LoginAttemptCount?
    /// Whether the store keeps login attempt records at all (`store.json`
    /// has a `secret`); without, each device counts its own.
    public var storeCountsAttempts = true
    /// Why the store's count of login attempts cannot be read or written
    /// (its `login-attempts` folder is a file, say): every login fails
    /// until it is mended, as the app says.
    public var attemptsProblem: String?
    /// The names of the schools the lookup left out because their files
    /// cannot be read (``IdentityMatch/skipped``), by id, as a login leaves
    /// them out.
    public var skippedNames: [String: String] = [:]
    /// The attempt window (15 minutes).
    public var attemptWindow: TimeInterval = 15 * 60
    /// The time zone the app's login screen says a lock-out's end in (the
    /// store's, ``ParentService/summary(_:)``), so doctor says the same time
    /// (it said a Paris school's 23:32 for the app's 22:32). nil: the
    /// schools'.
    public var loginZone: SchoolTimeZone?

    /// The first school's zone (by id: the dictionary's order changed from
    /// run to run), else UTC: the report's times.
    var schoolZone: SchoolTimeZone {
        schools.keys.sorted().first.flatMap { schools[$0].flatMap { SchoolTimeZone(identifier: $0.timezone) } } ?? .utc
    }

    /// The zone a lock-out's times are said in: the login screen's.
    var attemptZone: SchoolTimeZone { loginZone ?? schoolZone }

    public init(match: IdentityMatch, schools: [String: School], at: Date, disclosure: Disclosure = .redacted) {
        self.match = match
        self.schools = schools
        self.at = at
        self.disclosure = disclosure
    }

    /// "email "liz.abbot@example.com", Mobile "07700 100001", Home "01632 960001"":
    /// what the record holds, as held or masked. A number that can't be read
    /// as a phone number says so.
    func holdings(_ a: ContactAssessment) -> String {
        let countryCode = schools[a.school]?.countryCode ?? 44
        var parts = a.heldEmails.isEmpty ? ["no email"] : a.heldEmails.map { "email \(disclosure.email($0))" }
        if a.heldPhones.isEmpty { parts.append("no phone number") }
        for p in a.heldPhones {
            let unreadable = MobileRule.verdict(p, countryCode: countryCode) == .unreadable
            parts.append(
                "\(p.type.title) \(disclosure.number(p.number))\(unreadable ? " (can't be read as a phone number)" : "")"
            )
        }
        return parts.joined(separator: ", ")
    }

    /// Whether a login with these details would go through now.
    public var canLogInNow: Bool { match.canLogIn && attempts?.lockedUntil == nil && attemptsProblem == nil }

    func schoolOrder() -> [String] {
        var order: [String] = []
        for a in match.assessments where !order.contains(a.school) { order.append(a.school) }
        return order
    }

    func screens(_ school: School) -> String {
        school.serviceLevel == .core
            ? "Core: messages and school details only"
            : "Enhanced: messages, school details, "
                + school.availableFeatures.map { $0.title.lowercased() }.joined(separator: ", ")
    }

    public func text() -> String {
        var lines: [String] = []
        let zone = schoolZone
        lines.append("What a login with these details would find, at \(zone.format(at)):")
        if match.assessments.isEmpty {
            lines.append("")
            lines.append("No contact record in any school holds this email address or this mobile number.")
            lines.append(
                "The parent cannot log in: the school's MIS needs a contact with both, the number typed Mobile.")
            // A typo in the MIS, and the parent locked out trying: support
            // is asked exactly when they can try again (it was left out here).
            lines += attemptLines()
            return TerminalSafe.report(lines)
        }
        for id in schoolOrder() {
            let school = schools[id]
            lines.append("")
            lines.append("\(school?.name ?? id) (\(id)), \(school?.serviceLevel.rawValue ?? "?")")
            for a in match.assessments where a.school == id {
                lines.append(
                    "  Contact \(a.contactID), \(a.contactName): \(a.qualifies ? "identifies the parent" : "does not identify the parent")"
                )
                lines.append("    the school holds: \(holdings(a))")
                for c in a.checks { lines.append("    \(c.passed ? "✓" : "✗") \(c.detail)") }
                if a.children.isEmpty { lines.append("    linked to no students") }
                for c in a.children {
                    let why = c.visible ? "" : ": " + c.reasons.joined(separator: "; ")
                    let mark = a.qualifies && c.visible ? "✓" : "✗"
                    lines.append(
                        "    \(mark) child \(c.name), \(c.relationship)\(why)\(a.qualifies || !c.visible ? "" : " (not shown: the record does not identify the parent)")"
                    )
                }
            }
        }
        for d in match.duplicates {
            lines.append("")
            lines.append(
                "Duplicate contact records at \(schools[d.school]?.name ?? d.school): \(d.contactIDs.joined(separator: ", ")) are one person."
            )
            lines.append("  The seeds ask for a single contact record linked to every child. This app merges them.")
            lines += d.explanation.map { "  " + $0 }
        }
        lines.append("")
        if match.canLogIn {
            if attemptsProblem != nil {
                lines.append(
                    "Result: the details pass every rule, but every login fails until the store's count of login attempts is mended (below); then the parent can log in (the last 4 digits asked for are those of the mobile above) and sees:"
                )
            } else if let until = attempts?.lockedUntil {
                lines.append(
                    "Result: the details pass every rule, but logins with this email are refused until \(attemptZone.clockTextRoundedUp(until)) (too many failed attempts); then the parent can log in (the last 4 digits asked for are those of the mobile above) and sees:"
                )
            } else {
                lines.append(
                    "Result: the parent can log in (the last 4 digits asked for are those of the mobile above) and sees:"
                )
            }
            for id in schoolOrder() {
                let kids = match.qualifying.filter { $0.school == id }.flatMap(\.visibleChildren)
                var names: [String] = []
                for k in kids where !names.contains(k.name) { names.append(k.name) }
                guard !names.isEmpty, let school = schools[id] else { continue }
                lines.append("  \(school.name) (\(screens(school))): \(names.joined(separator: ", "))")
            }
        } else if match.identified {
            lines.append("Result: the parent is identified but no child would be shown, so they cannot use the app.")
        } else {
            lines.append("Result: the parent cannot log in: no contact record passes every rule.")
        }
        lines += skippedLines()
        lines += attemptLines()
        return TerminalSafe.report(lines)
    }

    /// The schools left out because they cannot be read, as a login leaves
    /// them out (doctor gave no answer at all, while the login went on
    /// with the other schools).
    func skippedLines() -> [String] {
        let schools = match.skippedSchools
        guard !schools.isEmpty else { return [] }
        var lines = ["", "Not checked, as a login now leaves them out (their files cannot be read, above):"]
        for id in schools {
            let name = skippedNames[id].map { "\($0) (\(id))" } ?? id
            lines.append("  \(name): \(skippedFiles(id).joined(separator: ", ")) cannot be read")
        }
        lines.append(
            "  A record there holding these details joins the login at the first sync after the school's files can be read."
        )
        return lines
    }

    /// The files of school `id` that the lookup could not read, once each.
    func skippedFiles(_ id: String) -> [String] {
        Set(match.skipped.map(\.file).filter { $0.hasPrefix("\(StoreLayout.schoolsDirectory)/\(id)/") }).sorted()
    }

    /// Where the email stands with the store's count of login attempts.
    func attemptLines() -> [String] {
        let zone = attemptZone
        if let problem = attemptsProblem {
            return ["", "Login attempts: the store cannot count them, so every login fails: \(problem)"]
        } else if let attempts {
            var lines = [
                "",
                "Login attempts (the store's count, on the real time, \(zone.identifier)): \(attempts.text(zone: zone, window: attemptWindow))",
            ]
            if attempts.lockedUntil != nil {
                lines.append("  Logins with this email are refused until then, on every device, whatever the details.")
            }
            return lines
        } else if !storeCountsAttempts {
            return [
                "",
                "Login attempts: not counted by the store (store.json has no secret), so each device limits its own.",
            ]
        }
        return []
    }

    /// The stable JSON form (documented in the README).
    public func json() -> JSONValue {
        var root = JSONObjectBuilder()
        root.set("canLogIn", match.canLogIn)
        // The details decide canLogIn (and the exit status); the store's
        // attempt count decides whether now.
        root.set("canLogInNow", canLogInNow)
        root.set("identified", match.identified)
        root.set("at", Timestamp.format(at))
        root.set("redacted", disclosure == .redacted)
        var schoolValues: [JSONValue] = []
        for id in schoolOrder() {
            var s = JSONObjectBuilder()
            s.set("id", id)
            s.set("name", schools[id]?.name ?? id)
            s.set("serviceLevel", schools[id]?.serviceLevel.rawValue ?? "")
            s.set("features", schools[id]?.availableFeatures.map(\.rawValue) ?? [])
            var contacts: [JSONValue] = []
            for a in match.assessments where a.school == id {
                var c = JSONObjectBuilder()
                c.set("id", a.contactID)
                c.set("name", a.contactName)
                c.set("identifies", a.qualifies)
                c.set("emails", a.heldEmails.map { disclosure.raw(email: $0) })
                let countryCode = schools[id]?.countryCode ?? 44
                c.set(
                    "phones",
                    .array(
                        a.heldPhones.map { p in
                            var o = JSONObjectBuilder()
                            o.set("number", disclosure.raw(number: p.number))
                            o.set("type", p.type.rawValue)
                            o.set("readable", MobileRule.verdict(p, countryCode: countryCode) != .unreadable)
                            return o.value
                        }))
                c.set(
                    "checks",
                    .array(
                        a.checks.map { check in
                            var o = JSONObjectBuilder()
                            o.set("rule", check.rule.rawValue)
                            o.set("passed", check.passed)
                            o.set("detail", check.detail)
                            return o.value
                        }))
                c.set(
                    "children",
                    .array(
                        a.children.map { child in
                            var o = JSONObjectBuilder()
                            o.set("student", child.child.student)
                            o.set("name", child.name)
                            o.set("relationship", child.relationship)
                            o.set("visible", a.qualifies && child.visible)
                            o.set(
                                "reasons",
                                child.reasons
                                    + (a.qualifies || !child.visible ? [] : ["the record does not identify the parent"])
                            )
                            return o.value
                        }))
                contacts.append(c.value)
            }
            s.set("contacts", .array(contacts))
            schoolValues.append(s.value)
        }
        root.set("schools", .array(schoolValues))
        root.set(
            "duplicates",
            .array(
                match.duplicates.map { d in
                    var o = JSONObjectBuilder()
                    o.set("school", d.school)
                    o.set("contacts", d.contactIDs)
                    o.set("childrenHiddenWithoutMerging", d.childrenHiddenWithoutMerging)
                    return o.value
                }))
        root.set(
            "children",
            .array(
                match.children.map { ref in
                    var o = JSONObjectBuilder()
                    o.set("school", ref.school)
                    o.set("student", ref.student)
                    let name = match.qualifying.flatMap(\.children).first { $0.child == ref }?.name ?? ref.student
                    o.set("name", name)
                    return o.value
                }))
        if let attempts {
            var a = JSONObjectBuilder()
            a.set("failures", attempts.failures.count)
            a.set("since", attempts.since.map { .string(Timestamp.format($0)) } ?? .null)
            a.set("lockedUntil", attempts.lockedUntil.map { .string(Timestamp.format($0)) } ?? .null)
            a.set("remaining", attempts.remaining)
            root.set("loginAttempts", a.value)
        } else {
            root.set("loginAttempts", .null)
        }
        root.set("loginAttemptsProblem", attemptsProblem.map { .string($0) } ?? .null)
        root.set(
            "schoolsNotChecked",
            .array(
                match.skippedSchools.map { id in
                    var o = JSONObjectBuilder()
                    o.set("school", id)
                    o.set("name", skippedNames[id].map { .string($0) } ?? .null)
                    o.set("files", skippedFiles(id))
                    return o.value
                }))
        return root.value
    }
}
