import Foundation
import SchoolStore

/// The login rules applied again to a session, as every sync does before
/// anything else: schools correct contact data all the time, and a device
/// that logged in with details a school no longer holds must lose access.
///
/// The session keeps only keyed digests of the email and mobile used at
/// login (``Session/emailDigest``, ``Session/mobileDigest``, HMAC-SHA-256
/// under the ``InstallKey``). Each of its contact records must still hold
/// that email in proper `ID@domain.tld` form and that number with the MIS
/// type Mobile, passing the mobile rule (``MobileRule``), exactly as
/// ``IdentityMatcher`` decides at login: a held value matches when its
/// digest does. A record that still matches gives the plain email and
/// number back, and with them the login lookup runs once, so that records
/// newly holding both (a duplicate added, a second school) join.
///
/// Never decided on a broken file: a record whose school's files cannot be
/// read, or that is missing while the session's registration still names
/// it (a dangling reference), stays as it was ("unknown") and the check is
/// done again next time.
///
/// Sessions written before the re-check: one without a mobile digest is
/// re-checked by email only (``IdentityCheck/Mode/emailOnly``); one without
/// an email digest, or whose install key is gone, cannot be re-checked and
/// ends (``IdentityCheck/Mode/impossible(_:)``).
///
/// Reads only: the caller applies what it found (``SyncEngine`` at a sync,
/// doctor `--data-dir` to explain it).
public struct IdentityRecheck: Sendable {
    public let source: any SchoolDataSource
    /// The key of the session's digests (nil when the data directory has none).
    public let key: InstallKey?
    /// The app's clock: a record not published yet does not join.
    public let now: Date
    /// How a value a record holds is said in a reason (a number the login's
    /// mobile is in, with other text around it): nil, never (a sync's
    /// lines and the app's notes hold no one's number or email; `sync`
    /// printed them), or as doctor shows them to support.
    public var disclosure: Disclosure?

    public init(source: any SchoolDataSource, key: InstallKey?, now: Date, disclosure: Disclosure? = nil) {
        self.source = source
        self.key = key
        self.now = now
        self.disclosure = disclosure
    }

    public static let earlierVersionText =
        "Your login on this device was made by an earlier version of Xpressions and cannot be checked against your school's details. Please log in again."
    public static let keyMissingText =
        "Your login on this device can no longer be checked against your school's details. Please log in again."
    public static let keyReplacedText =
        "This device's key for your details has changed (replaced, or damaged and set aside), so your login can no longer be checked against your school's details. Please log in again."

    /// Whether a session ended for `reason` leaves its unsent messages
    /// unmatchable to any later login: they were matched by digests made
    /// with the device's key, which is gone or replaced (a deleted key was
    /// said to keep them "for you after you log in again", and they were
    /// never offered: an audit).
    public static func loses(_ reason: String?) -> Bool { reason == keyReplacedText || reason == keyMissingText }

    /// The `school.json` and `contacts.json` stamps of schools (two `stat`s
    /// a school, nothing read): of every school of the store (one directory
    /// listing) when `schools` is nil.
    public static func stamps(_ source: any SchoolDataSource, schools: [String]? = nil) -> [String: [FileStamp?]] {
        let ids =
            schools
            ?? (RawFile.list(Paths.join(source.root, StoreLayout.schoolsDirectory)) ?? []).filter { !$0.hasPrefix(".") }
        var out: [String: [FileStamp?]] = [:]
        for id in ids {
            out[id] = [source.stamp(StoreLayout.schoolFile(id)), source.stamp(StoreLayout.contactsFile(id))]
        }
        return out
    }

    /// One token for the stamps of `schools` (all of `stamps` when nil; a
    /// school not in `stamps` counts as missing files). Equal tokens: a
    /// re-check would find the same there.
    public static func token(_ stamps: [String: [FileStamp?]], schools: [String]? = nil) -> String {
        var digest = DigestBuilder()
        for id in (schools ?? Array(stamps.keys)).sorted() {
            digest.mix(id)
            for stamp in stamps[id] ?? [nil, nil] {
                guard let s = stamp else {
                    digest.mix(0)
                    continue
                }
                digest.mix(UInt64(bitPattern: s.size))
                digest.mix(s.inode)
                digest.mix(UInt64(bitPattern: s.modifiedNanoseconds))
                digest.mix(UInt64(bitPattern: s.changedNanoseconds))
            }
        }
        return StableHash.hex(digest.value)
    }

    /// Re-checks `session` against the store.
    public func check(_ session: Session) -> IdentityCheck {
        // The stamps before anything is read: a change while the check runs
        // is seen by the next one.
        let stamps = IdentityRecheck.stamps(source)
        let storeStamp = IdentityRecheck.token(stamps)
        guard let emailDigest = session.emailDigest else {
            return IdentityCheck(
                mode: .impossible(IdentityRecheck.earlierVersionText), records: [], joining: [], schools: [],
                problems: [],
                next: nil, sessionStamp: "", storeStamp: storeStamp)
        }
        guard let key else {
            return IdentityCheck(
                mode: .impossible(IdentityRecheck.keyMissingText), records: [], joining: [], schools: [], problems: [],
                next: nil, sessionStamp: "", storeStamp: storeStamp)
        }
        // Digests made with another key match nothing: that is the device's
        // key, not the school's details, and is said so.
        if let check = session.keyCheck, check != key.check {
            return IdentityCheck(
                mode: .impossible(IdentityRecheck.keyReplacedText), records: [], joining: [], schools: [], problems: [],
                next: nil, sessionStamp: "", storeStamp: storeStamp)
        }
        let mode: IdentityCheck.Mode = session.mobileDigest == nil ? .emailOnly : .full
        var reads = 0
        var problems: [StoreProblem] = []
        // Other schools' files that could not be read while looking for the
        // parent's details elsewhere (said only if the session would end).
        var unreadElsewhere: [StoreProblem] = []
        var schools: [String: School?] = [:]
        func school(_ id: String) -> School? {
            if let known = schools[id] { return known }
            reads += 1
            do throws(StoreProblems) {
                let s = try source.school(id)
                schools[id] = s
                return s
            } catch {
                problems += error.problems
                schools[id] = .some(nil)
                return nil
            }
        }

        // 1. The session's own records.
        var records: [IdentityCheck.Record] = []
        var recovered: (email: String, mobile: PhoneNumber)?
        for s in session.schools {
            let details = school(s.school)
            for contactID in s.contacts {
                let name = details?.name ?? s.school
                guard let details else {
                    records.append(
                        .init(
                            school: s.school, schoolName: name, contact: contactID, contactName: nil,
                            state: .unknown(
                                "the school's details could not be read (\(problems.last?.description ?? "unreadable"))"
                            )))
                    continue
                }
                reads += 1
                let fetched: Fetched<Contact>?
                do throws(StoreProblems) { fetched = try source.contact(contactID, school: s.school) } catch {
                    problems += error.problems
                    records.append(
                        .init(
                            school: s.school, schoolName: name, contact: contactID, contactName: nil,
                            state: .unknown(
                                "its record could not be read (\(error.problems.first?.description ?? "unreadable"))")))
                    continue
                }
                guard let contact = fetched?.value else {
                    // The school deleted the record: it no longer matches, though
                    // this device's registration still names it (the central
                    // server keeps registrations; it is withdrawn with the school).
                    // A contacts file left with no record at all is a fault, not
                    // a deletion (a school never drops every parent in one
                    // step): then nothing changes until it is mended.
                    reads += 1
                    if ((try? source.contactCount(school: s.school)) ?? 0) == 0 {
                        let contacts = StoreLayout.contactsFile(s.school)
                        // Gone, or there and empty: said as it is (a deleted
                        // file was "emptied", and support looked for one).
                        let problem = StoreProblem(
                            file: contacts,
                            message: source.entry(contacts) == .missing
                                ? "missing: the school's contact records are not there, though this device's (\(contactID)) was among them; the last good data is kept until they are back"
                                : "holds no contact records, though this device's (\(contactID)) was in it: the file looks emptied; the last good data is kept until it holds records again"
                        )
                        problems.append(problem)
                        records.append(
                            .init(
                                school: s.school, schoolName: name, contact: contactID, contactName: nil,
                                state: .unknown("the record is missing (\(problem.description))")))
                    } else {
                        records.append(
                            .init(
                                school: s.school, schoolName: name, contact: contactID, contactName: nil,
                                state: .noLongerMatches(["the school no longer has this contact record"])))
                    }
                    continue
                }
                let verdict =
                    mode == .full
                    ? IdentityRecheck.verdict(
                        contact, emailDigest: emailDigest,
                        mobileDigest: session.mobileDigest(countryCode: details.countryCode) ?? "", key: key,
                        countryCode: details.countryCode, disclosure: disclosure)
                    : IdentityRecheck.emailOnlyVerdict(
                        contact, emailDigest: emailDigest, key: key, countryCode: details.countryCode,
                        disclosure: disclosure)
                switch verdict {
                case .success(let found):
                    if recovered == nil, let mobile = found.mobile { recovered = (found.email, mobile) }
                    records.append(
                        .init(
                            school: s.school, schoolName: name, contact: contactID, contactName: contact.fullName,
                            state: .matches))
                case .failure(let why):
                    records.append(
                        .init(
                            school: s.school, schoolName: name, contact: contactID, contactName: contact.fullName,
                            state: .noLongerMatches(why.reasons)))
                }
            }
        }

        // 1b. No record holds the details any more: the school may have
        // renumbered the parent's record (a new id holding the same email
        // and mobile), or the child moved to another school that holds both.
        // The session keeps digests, not the details, so records are compared
        // by digest, once, before the session ends: the session's schools'
        // first, then every other school of the store (a whole-store read,
        // only on the way to ending a session).
        if mode == .full, recovered == nil, !records.isEmpty, records.allSatisfy(\.isDropped) {
            let own = session.schools.map(\.school)
            let others = stamps.keys.filter { !own.contains($0) }.sorted()
            search: for id in own + others {
                // Another school's broken files are its own affair: skipped,
                // not a problem of this session's check.
                let isOwn = own.contains(id)
                guard let details = isOwn ? school(id) : (try? source.school(id)) else { continue }
                reads += 1
                let all: [Contact]
                do throws(StoreProblems) { all = try source.contacts(school: id) } catch {
                    if isOwn { problems += error.problems } else { unreadElsewhere += error.problems }
                    continue
                }
                let held = session.schools.first { $0.school == id }?.contacts ?? []
                for contact in all where !held.contains(contact.id) {
                    if case .success(let found) = IdentityRecheck.verdict(
                        contact, emailDigest: emailDigest,
                        mobileDigest: session.mobileDigest(countryCode: details.countryCode) ?? "", key: key,
                        countryCode: details.countryCode), let mobile = found.mobile
                    {
                        recovered = (found.email, mobile)
                        break search
                    }
                }
            }
        }

        // 2. The login lookup, once, with the details a matching record gave back.
        var joining: [IdentityCheck.Joining] = []
        var next: Date?
        var lookups = 0
        if mode == .full, let (email, mobile) = recovered {
            lookups = 1
            reads += 1
            let lookup = source.loginLookup(email: email, phone: "+" + mobile.digits)
            problems += lookup.problems
            var seen = Set<String>()
            let held = Set(session.schools.flatMap { s in s.contacts.map { "\(s.school)/\($0)" } })
            for hit in lookup.hits.sorted(by: { ($0.school, $0.contact.id) < ($1.school, $1.contact.id) }) {
                let ref = "\(hit.school)/\(hit.contact.id)"
                guard !held.contains(ref), seen.insert(ref).inserted else { continue }
                if let published = hit.contact.publishedAt, published > now {
                    next = earliest(next, published)  // not on the central servers yet
                    continue
                }
                guard let details = school(hit.school) else { continue }
                let verdict = IdentityRecheck.verdict(
                    hit.contact, emailDigest: emailDigest,
                    mobileDigest: session.mobileDigest(countryCode: details.countryCode) ?? "",
                    key: key, countryCode: details.countryCode)
                if case .success = verdict {
                    joining.append(
                        .init(
                            school: hit.school, schoolName: details.name, contact: hit.contact.id,
                            contactName: hit.contact.fullName))
                }
            }
        }

        // No record would stay and none joins, but a school's files could not
        // be read on the way: a record there may hold the parent's details
        // (the search and the lookup read every school), so the session
        // does not end on the strength of what could not be read. The
        // records that no longer match stay, unknown, until the check can
        // be made whole (it ended a session whose parent's new record sat
        // in a school whose contacts file was being restored).
        if mode == .full, joining.isEmpty, !problems.isEmpty || !unreadElsewhere.isEmpty,
            !records.isEmpty, records.allSatisfy(\.isDropped)
        {
            problems += unreadElsewhere
            let files = Set(problems.map(\.file)).sorted().joined(separator: ", ")
            for i in records.indices {
                records[i].state = .unknown(
                    "no longer matches, but \(files) cannot be read, and may hold the parent's details: the session stays until it can be"
                )
            }
        }

        // 3. The schools that follow: kept records (matching or unknown), then those joining.
        var out: [SessionSchool] = []
        for s in session.schools {
            var contacts = s.contacts.filter { id in
                records.first { $0.school == s.school && $0.contact == id }.map { !$0.isDropped } ?? true
            }
            contacts += joining.filter { $0.school == s.school }.map(\.contact)
            if !contacts.isEmpty {
                out.append(SessionSchool(school: s.school, contacts: contacts, registration: s.registration))
            }
        }
        for j in joining where !out.contains(where: { $0.school == j.school }) {
            out.append(
                SessionSchool(
                    school: j.school, contacts: joining.filter { $0.school == j.school }.map(\.contact),
                    registration: session.id))
        }
        // One file's problem, met by the record check and by the lookup, is said once.
        var said = Set<String>()
        problems = problems.filter { said.insert($0.description).inserted }
        var result = IdentityCheck(
            mode: mode, records: records, joining: joining, schools: out, problems: problems, next: next,
            sessionStamp: IdentityRecheck.token(stamps, schools: out.map(\.school)), storeStamp: storeStamp)
        result.reads = reads
        result.lookups = lookups
        return result
    }

    // MARK: - The rules, on digests

    /// What a record gave back: the normalised email, and the mobile number
    /// (nil when checked by email only).
    struct Found {
        var email: String
        var mobile: PhoneNumber?
    }

    struct Failed: Error {
        var reasons: [String]
    }

    /// The login's rules (``IdentityMatcher``'s email and number checks) on
    /// one record, with the values given at login known only by digest.
    static func verdict(
        _ contact: Contact, emailDigest: String, mobileDigest: String, key: InstallKey,
        countryCode: Int, disclosure: Disclosure? = nil
    ) -> Result<Found, Failed> {
        var reasons: [String] = []
        let email = emailVerdict(contact, emailDigest: emailDigest, key: key, disclosure: disclosure)
        if case .failure(let why) = email { reasons += why.reasons }
        var mobile: PhoneNumber?
        // As at login: the first held number equal to the one given decides,
        // when it is typed Mobile; otherwise its type is what is wrong.
        let held = contact.phones.map { (phone: $0, verdict: MobileRule.verdict($0, countryCode: countryCode)) }
            .filter { $0.verdict.number.map { key.mobileDigest($0) == mobileDigest } ?? false }
        if let typed = held.first(where: { $0.phone.type == .mobile }) {
            switch typed.verdict {
            case .mobile(let number, _): mobile = number
            case .notInMobileRange(_, let range):
                reasons.append(
                    "the mobile number used at login is typed Mobile but is \(MobileRule.notMobilePhrase(range)), so it can no longer log in"
                )
            case .unreadable, .notTypedMobile:
                reasons.append("the mobile number used at login can no longer be read")
            }
        } else if let other = held.first {
            reasons.append(
                "the mobile number used at login is now typed \(other.phone.type.title) in the MIS, not Mobile")
        } else if let unreadable = contact.phones.first(where: { phone in
            // The number used at login, with something around it that
            // cannot be read ("07700 100002 (mum)", "07100/000001"): said
            // so, never "no longer holds" (support saw the same digits).
            // The whole value, or one of the numbers run together in it
            // ("07100 000003/07700 123456": said "no longer holds").
            PhoneNumber(phone.number, defaultCountryCode: countryCode) == nil
                && ([phone.number] + phone.number.split(whereSeparator: { "/,;|&".contains($0) }).map(String.init))
                    .contains { piece in
                        PhoneNumber(piece.filter { $0.isNumber || $0 == "+" }, defaultCountryCode: countryCode).map {
                            key.mobileDigest($0) == mobileDigest
                        } ?? false
                    }
        }) {
            reasons.append(
                disclosure.map {
                    "it holds \($0.number(unreadable.number)) (typed \(unreadable.type.title)), which can't be read as a phone number"
                }
                    ?? "its number typed \(unreadable.type.title) holds the mobile number used at login with other text around it, so it can't be read as a phone number"
            )
        } else {
            reasons.append("it no longer holds the mobile number used at login")
        }
        guard reasons.isEmpty, case .success(let plain) = email, let mobile else {
            return .failure(Failed(reasons: reasons))
        }
        return .success(Found(email: plain, mobile: mobile))
    }

    /// A session written before the re-check: the email used at login, in
    /// proper form, and some number that passes the mobile rule.
    static func emailOnlyVerdict(
        _ contact: Contact, emailDigest: String, key: InstallKey, countryCode: Int, disclosure: Disclosure? = nil
    ) -> Result<Found, Failed> {
        var reasons: [String] = []
        let email = emailVerdict(contact, emailDigest: emailDigest, key: key, disclosure: disclosure)
        if case .failure(let why) = email { reasons += why.reasons }
        if !contact.phones.contains(where: { MobileRule.verdict($0, countryCode: countryCode).isMobile }) {
            reasons.append("it no longer holds a number that passes the mobile rule (typed Mobile, in a mobile range)")
        }
        guard reasons.isEmpty, case .success(let plain) = email else { return .failure(Failed(reasons: reasons)) }
        return .success(Found(email: plain, mobile: nil))
    }

    /// As at login: the first held email equal to the one given must be in
    /// proper form. Gives back the normalised email.
    static func emailVerdict(_ contact: Contact, emailDigest: String, key: InstallKey, disclosure: Disclosure? = nil)
        -> Result<String, Failed>
    {
        guard let held = contact.emails.first(where: { key.emailDigest(EmailAddress.normalise($0)) == emailDigest })
        else {
            // The address used at login with something around it that
            // cannot be read ("liz@example.com (home)"): said so.
            if let unreadable = contact.emails.first(where: { held in
                EmailAddress.normalisedWords(of: held).contains { key.emailDigest($0) == emailDigest }
            }) {
                let why = EmailAddress.problem(unreadable).map { " (it \($0))" } ?? ""
                return .failure(
                    Failed(reasons: [
                        disclosure.map {
                            "it holds \($0.email(unreadable)), which can't be read as an email address\(why)"
                        }
                            ?? "its email address holds the one used at login with other text around it, so it can't be read as an email address\(why)"
                    ]))
            }
            return .failure(Failed(reasons: ["it no longer holds the email address used at login"]))
        }
        guard EmailAddress.problem(held) == nil else {
            return .failure(Failed(reasons: ["the email address used at login is no longer in ID@domain.tld form"]))
        }
        return .success(EmailAddress.normalise(held))
    }
}
