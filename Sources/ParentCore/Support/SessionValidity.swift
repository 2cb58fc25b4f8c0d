import Foundation
import SchoolStore

/// `xpressions doctor --data-dir D`: whether the login session in a
/// parent's data directory would still be valid against the store, and
/// why: the identity re-check a sync would make (``IdentityRecheck``),
/// record by record, without changing anything.
///
/// Read-only, like ``DeviceRecord``: it reads `session.json` and the
/// install key (``InstallKey/existing(dataDirectory:files:)``, never made)
/// and writes nothing into the directory.
public struct SessionValidity: Sendable {
    public enum State: Sendable, Equatable {
        /// No `session.json`: nobody is logged in there.
        case none
        /// A `session.json` that cannot be read (the app sets it aside and asks for a login).
        case damaged
        /// A session, re-checked.
        case checked(IdentityCheck)
        /// A session, not checked: the store could not be read (why).
        case storeUnreadable(String)
    }

    public var dataDirectory: String
    public var state: State
    /// The session's id (its notification registration's name).
    public var session: String?
    /// With `--email` and `--mobile`: whether the session was made with
    /// them (its digests match); nil when not asked or not known.
    public var madeWith: Bool?
    public var at: Date

    /// With no session: why the last one ended by itself at a sync, and
    /// when (`session-ended.json`), if it did.
    public var ended: (reason: String, at: Date?)?

    public init(dataDirectory: String, state: State, session: String?, madeWith: Bool?, at: Date) {
        self.dataDirectory = dataDirectory
        self.state = state
        self.session = session
        self.madeWith = madeWith
        self.at = at
    }

    /// Reads `dataDirectory` and re-checks its session against `source` at
    /// `now`. `email` and `mobile` (optional) are compared with the
    /// session's digests. I/O errors other than a missing file are thrown.
    ///
    /// With no `source` (the store away or unreadable: `storeProblem` says
    /// why), what the directory holds is told, unchecked.
    public static func read(
        dataDirectory: String, source: (any SchoolDataSource)?, files: any FileLayer, now: Date,
        email: String? = nil, mobile: String? = nil, storeProblem: String = "it cannot be read",
        disclosure: Disclosure = .asHeld
    ) throws -> SessionValidity {
        var out = SessionValidity(dataDirectory: dataDirectory, state: .none, session: nil, madeWith: nil, at: now)
        let path = Paths.join(dataDirectory, "session.json")
        if let info = files.modificationInfo(path), info.isDirectory || info.isSpecial {
            out.state = .damaged  // never read: a FIFO would hang, a device never end
            return out
        }
        guard let bytes = try files.read(path) else {
            if let note = try? files.read(Paths.join(dataDirectory, ParentAccount.endedNoteName)),
                let value = try? JSONParser.parse(note), case .string(let reason)? = value["reason"]
            {
                var at: Date? = nil
                if case .string(let text)? = value["at"] { at = Timestamp.parse(text) }
                out.ended = (reason, at)
            }
            return out
        }
        guard let session = Session.decode(bytes) else {
            out.state = .damaged
            return out
        }
        out.session = session.id
        let key = try InstallKey.existing(dataDirectory: dataDirectory, files: files)
        if let email, let key, let digest = session.emailDigest {
            var same = key.emailDigest(EmailAddress.normalise(EmailAddress.typed(email))) == digest
            if let mobile, session.mobileDigest != nil {
                let codes = session.schools.compactMap { try? source?.school($0.school).countryCode } + [44]
                same =
                    same
                    && codes.contains { code in
                        PhoneNumber(mobile, defaultCountryCode: code).map {
                            key.mobileDigest($0) == session.mobileDigest(countryCode: code)
                        } ?? false
                    }
            }
            out.madeWith = same
        }
        guard let source else {
            out.state = .storeUnreadable(storeProblem)
            return out
        }
        var check = IdentityRecheck(source: source, key: key, now: now, disclosure: disclosure).check(session)
        // A key file there but damaged: the next sync sets it aside and
        // makes a new one, and says the key was replaced; said the same here
        // (doctor said it "can no longer be checked", sync something else).
        if key == nil, files.exists(Paths.join(dataDirectory, InstallKey.fileName)),
            case .impossible(IdentityRecheck.keyMissingText) = check.mode
        {
            check.mode = .impossible(IdentityRecheck.keyReplacedText)
        }
        if out.madeWith == true, let email, let mobile {
            check.records = check.records.map {
                unreadable($0, email: email, mobile: mobile, source: source, disclosure: disclosure)
            }
        }
        out.state = .checked(check)
        return out
    }

    /// A record that "no longer holds" the details given, when it holds
    /// them in a value that cannot be read (`liz@x.org; liz@y.org`,
    /// `07700 100001 (mum)`): said as such, as the login doctor says it,
    /// never as a different value.
    static func unreadable(
        _ record: IdentityCheck.Record, email: String, mobile: String, source: any SchoolDataSource,
        disclosure: Disclosure = .asHeld
    ) -> IdentityCheck.Record {
        guard case .noLongerMatches(let reasons) = record.state,
            let contact = (try? source.contacts(school: record.school))?.first(where: { $0.id == record.contact })
        else { return record }
        let wantedEmail = EmailAddress.normalise(EmailAddress.typed(email))
        let wantedDigits = String(mobile.filter(\.isNumber).suffix(9))
        let out = reasons.map { reason -> String in
            if reason == "it no longer holds the email address used at login",
                let held = contact.emails.first(where: {
                    EmailAddress.problem($0) != nil && $0.lowercased().contains(wantedEmail)
                }), let why = EmailAddress.problem(held)
            {
                return "it holds \(disclosure.email(held)), which can't be read as an email address (it \(why))"
            }
            if reason.hasPrefix("it no longer holds the mobile number used at login"), wantedDigits.count == 9,
                let held = contact.phones.first(where: {
                    PhoneNumber($0.number, defaultCountryCode: 44) == nil
                        && $0.number.filter(\.isNumber).contains(wantedDigits)
                })
            {
                return "it holds \(disclosure.number(held.number)), which can't be read as a phone number"
            }
            return reason
        }
        var refined = record
        refined.state = .noLongerMatches(out)
        return refined
    }

    /// The re-check, when there was a session to check.
    public var check: IdentityCheck? {
        if case .checked(let c) = state { return c }
        return nil
    }

    /// The session would still be valid at the next sync (it may still lose
    /// some records, or gain some).
    public var isValid: Bool {
        guard let check, !check.sessionEnds else { return false }
        // Nothing could be checked: no answer, not "valid".
        return check.records.isEmpty || check.records.contains { if case .unknown = $0.state { false } else { true } }
    }

    /// The answer in one word for scripts: "valid", "no longer valid",
    /// "cannot be told" (the store, the install key, or none of the
    /// login's records could be checked), "no login", "damaged".
    public var result: String {
        switch state {
        case .none: return "no login"
        case .damaged: return "damaged"
        case .storeUnreadable: return "cannot be told"
        case .checked(let check):
            if case .impossible = check.mode { return "no longer valid" }
            if check.sessionEnds { return "no longer valid" }
            let unchecked = check.records.filter { if case .unknown = $0.state { true } else { false } }
            if !check.records.isEmpty, unchecked.count == check.records.count { return "cannot be told" }
            return "valid"
        }
    }

    /// `emailOnly`: the login keeps no digest of its mobile, so only the
    /// email was checked (it claimed the mobile matched, unchecked).
    static func stateText(_ r: IdentityCheck.Record, emailOnly: Bool = false) -> String {
        switch r.state {
        case .matches where emailOnly: return "still holds the email used at login (the mobile cannot be checked)"
        case .matches: return "still holds the email and the mobile used at login"
        case .noLongerMatches(let why): return why.joined(separator: "; ")
        case .unknown(let why): return "could not be checked: \(why)"
        }
    }

    static func mark(_ r: IdentityCheck.Record) -> String {
        switch r.state {
        case .matches: return "✓"
        case .noLongerMatches: return "✗"
        case .unknown: return "?"
        }
    }

    public func text(zone: SchoolTimeZone = .utc) -> String {
        var lines: [String] = []
        switch state {
        case .none:
            lines.append("Nobody is logged in with data in \(dataDirectory) (no session.json).")
            if let ended {
                lines.append(
                    "The last login there was ended by a sync\(ended.at.map { " at \(zone.format($0))" } ?? ""); the parent was told: \"\(ended.reason)\""
                )
            }
            return TerminalSafe.report(lines)
        case .damaged:
            lines.append(
                "The login in \(dataDirectory) cannot be read (session.json is damaged): the app sets it aside and asks for a full login."
            )
            return TerminalSafe.report(lines)
        case .storeUnreadable(let why):
            lines.append(
                "The login in \(dataDirectory) (session \(session ?? "?")) could not be checked: the store \(why).")
            if let madeWith {
                lines.append(
                    madeWith
                        ? "  ✓ it was made with the email and mobile given"
                        : "  ✗ it was not made with the email and mobile given (another parent, or other details)")
            }
            lines.append(
                "  Meanwhile the app shows what it had at its last sync and keeps trying; nothing is removed while the store cannot be read."
            )
            lines.append("")
            lines.append("Result: cannot be told until the store can be read.")
            return TerminalSafe.report(lines)
        case .checked:
            break
        }
        let check = self.check!
        lines.append(
            "The login in \(dataDirectory) (session \(session ?? "?")), checked against the store at \(zone.format(at)):"
        )
        if let madeWith {
            lines.append(
                madeWith
                    ? "  ✓ it was made with the email and mobile given"
                    : "  ✗ it was not made with the email and mobile given (another parent, or other details)")
        }
        switch check.mode {
        case .full: break
        case .emailOnly:
            lines.append(
                "  This login was made before the re-check (it keeps no digest of the mobile): it is checked by email only, and no record can join it."
            )
        case .impossible(let why):
            // The cause, for support (the quoted sentence is the parent's).
            switch why {
            case IdentityRecheck.keyMissingText:
                lines.append(
                    FileManager.default.fileExists(atPath: Paths.join(dataDirectory, "install.key"))
                        ? "  install.key in \(dataDirectory) cannot be used (damaged: not a key of 32 bytes): the login's keyed digests cannot be recomputed, so nothing can be checked."
                        : "  install.key is missing from \(dataDirectory): the login's keyed digests cannot be recomputed, so nothing can be checked."
                )
            case IdentityRecheck.keyReplacedText:
                lines.append(
                    "  install.key in \(dataDirectory) is not the key the login was made with (replaced, or damaged and set aside): its digests match nothing."
                )
            case IdentityRecheck.earlierVersionText:
                lines.append(
                    "  The login was saved by an earlier build that kept no digest of the email: it cannot be checked.")
            default:
                break
            }
            lines.append("")
            lines.append("Result: no longer valid: the next sync ends it (\"\(why)\").")
            return TerminalSafe.report(lines)
        }
        var schools: [String] = []
        for r in check.records where !schools.contains(r.school) { schools.append(r.school) }
        for school in schools {
            let records = check.records.filter { $0.school == school }
            lines.append("")
            lines.append("\(records[0].schoolName) (\(school))")
            for r in records {
                lines.append(
                    "  \(Self.mark(r)) Contact \(r.contact)\(r.contactName.map { ", \($0)" } ?? ""): \(Self.stateText(r, emailOnly: check.mode == .emailOnly))"
                )
            }
        }
        if !check.joining.isEmpty {
            lines.append("")
            lines.append(
                "Records the login lookup finds that would join the login (they hold the email and the mobile used at login):"
            )
            for j in check.joining {
                lines.append(
                    "  + Contact \(j.contact)\(j.contactName.map { ", \($0)" } ?? "") at \(j.schoolName) (\(j.school))")
            }
        }
        if let next = check.next {
            lines.append("  (a record holding both is published at \(zone.format(next)); it would join then)")
        }
        for p in check.problems { lines.append("problem: \(p.description)") }
        lines.append("")
        if let message = check.endMessage {
            lines.append(
                "Result: no longer valid: no record holds the details used at login, so the next sync ends it (\"\(message)\"); registrations are withdrawn and unsent messages kept for the same parent."
            )
        } else {
            var what: [String] = []
            let kept = Set(check.schools.map(\.school))
            for school in schools where !kept.contains(school) {
                let name = check.records.first { $0.school == school }?.schoolName ?? school
                what.append("removes \(name) (\"\(IdentityChanges.removedText(name))\")")
            }
            let droppedAll = check.records.filter { $0.isDropped && kept.contains($0.school) }
            // A record gone where another joins at the same school (the
            // school renumbered it): said as one taking over from the other,
            // the children both link staying (it read as children removed).
            let swapSchools = Set(droppedAll.map(\.school)).intersection(check.joining.map(\.school))
            for school in swapSchools.sorted() {
                let gone = droppedAll.filter { $0.school == school }.map(\.contact)
                let joins = check.joining.filter { $0.school == school }
                let name = joins.first?.schoolName ?? school
                what.append(
                    "takes \(joins.map(\.contact).joined(separator: ", ")) at \(name) in place of \(gone.joined(separator: ", ")) (the children both link stay; only a child \(gone.count == 1 ? "it" : "they") alone linked goes)"
                )
            }
            let dropped = droppedAll.filter { !swapSchools.contains($0.school) }
            if !dropped.isEmpty {
                what.append(
                    "removes contact record\(dropped.count == 1 ? "" : "s") \(dropped.map(\.contact).joined(separator: ", ")) and the children only they link"
                )
            }
            let joining = check.joining.filter { !swapSchools.contains($0.school) }
            if !joining.isEmpty {
                // The app looks at the whole store at most every 5 minutes
                // (at once on R, or `xpressions sync`): "the next sync" was
                // not what a parent in the app saw.
                what.append(
                    "adds \(joining.map { "\($0.contact) at \($0.schoolName)" }.joined(separator: ", ")) (in the app within 5 minutes, or at once on R; at once with xpressions sync)"
                )
            }
            let unchecked = check.records.filter { if case .unknown = $0.state { true } else { false } }
            if !check.records.isEmpty, unchecked.count == check.records.count {
                lines.append(
                    "Result: cannot be told: none of the login's records could be checked against this store (see above). Is it the store the app uses (--store)?"
                )
            } else if what.isEmpty {
                lines.append(
                    unchecked.isEmpty
                        ? "Result: still valid: every record still holds the details used at login."
                        : "Result: still valid as far as it can be checked (\(unchecked.count) record\(unchecked.count == 1 ? "" : "s") could not be checked: see above)."
                )
            } else {
                lines.append("Result: still valid; the next sync \(what.joined(separator: "; ")).")
            }
        }
        return TerminalSafe.report(lines)
    }

    /// The stable JSON form (fields are only ever added).
    public func json() -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("dataDirectory", dataDirectory)
        o.set("at", Timestamp.format(at))
        switch state {
        case .none:
            o.set("session", "none")
            if let ended {
                var e = JSONObjectBuilder()
                e.set("reason", ended.reason)
                e.set("at", ended.at.map { .string(Timestamp.format($0)) } ?? .null)
                o.set("ended", e.value)
            }
        case .damaged: o.set("session", "damaged")
        case .checked: o.set("session", "present")
        case .storeUnreadable(let why):
            o.set("session", "present")
            o.set("storeProblem", why)
        }
        o.set("valid", isValid)
        o.set("result", result)
        if let session { o.set("id", session) }
        o.set("madeWithDetailsGiven", madeWith.map(JSONValue.bool) ?? .null)
        guard let check else { return o.value }
        switch check.mode {
        case .full: o.set("mode", "full")
        case .emailOnly: o.set("mode", "email only")
        case .impossible: o.set("mode", "cannot be checked")
        }
        o.set(
            "records",
            .array(
                check.records.map { r in
                    var x = JSONObjectBuilder()
                    x.set("school", r.school)
                    x.set("schoolName", r.schoolName)
                    x.set("contact", r.contact)
                    x.set("name", r.contactName.map(JSONValue.string) ?? .null)
                    switch r.state {
                    case .matches: x.set("state", "matches")
                    case .noLongerMatches: x.set("state", "no longer matches")
                    case .unknown: x.set("state", "unknown")
                    }
                    x.set("reasons", r.reasons)
                    return x.value
                }))
        o.set(
            "joining",
            .array(
                check.joining.map { j in
                    var x = JSONObjectBuilder()
                    x.set("school", j.school)
                    x.set("schoolName", j.schoolName)
                    x.set("contact", j.contact)
                    x.set("name", j.contactName.map(JSONValue.string) ?? .null)
                    return x.value
                }))
        o.set(
            "schools",
            .array(
                check.schools.map { s in
                    var x = JSONObjectBuilder()
                    x.set("school", s.school)
                    x.set("contacts", s.contacts)
                    return x.value
                }))
        o.set("endsSession", check.sessionEnds)
        o.set("message", check.endMessage.map(JSONValue.string) ?? .null)
        o.set("problems", check.problems.map(\.description))
        return o.value
    }
}
