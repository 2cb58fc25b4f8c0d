import Foundation
import SchoolStore

/// `xpressions store audit`: the seed's post-installation check for a
/// school's data manager ("Preparing your MIS"). For each school, the
/// contacts with parental responsibility for at least one student, who can
/// log in and who cannot, and why, by cause (``AuditCause``):
///
/// - no number typed Mobile;
/// - numbers typed Mobile of which none is a mobile: outside every mobile
///   range of the +44 plan, or not readable as a phone number
///   (`07400 500001 (mum)`) — ``MobileRule``, the login's own rule;
/// - no email in proper `ID@domain.tld` form: malformed, or none
///   (``EmailAddress``);
/// - duplicate records: two or more records at one school that one login
///   would accept together, because they hold the same email (trimmed,
///   lowercased) and the same mobile (normalised with the school's country
///   code, typed Mobile, in a mobile range). This app merges them; the seeds
///   ask for one record per person. Records sharing only an email or only a
///   number (a family address, a shared phone) are not flagged;
/// - correspondence not allowed about a child the contact has parental
///   responsibility for.
///
/// A contact can log in when they hold a mobile, a proper email, and a
/// child they have parental responsibility for with correspondence allowed.
/// A duplicate, or correspondence refused about only some children, is
/// listed but does not stop the login. Reads each school's `school.json`
/// and `contacts.json` once, schools in parallel; nothing else.
public struct StoreAudit: Sendable {
    public let store: FileStore
    /// The moment children are shown at (leavers past the school's leaver
    /// persistence are not); nil: not checked.
    public let at: Date?

    public init(store: FileStore, at: Date? = nil) {
        self.store = store
        self.at = at
    }

    /// Audits `schools` (in that order) on all cores, and throws the
    /// problems of any school whose files cannot be read. `progress` is
    /// called as each school is done, with how many are done, how many in
    /// all, and the school's id, from whichever thread finished it.
    public func run(schools: [String], progress: @escaping @Sendable (Int, Int, String) -> Void = { _, _, _ in })
        throws(StoreProblems) -> [SchoolAudit]
    {
        let (audits, problems) = runEach(schools: schools, progress: progress)
        if !problems.isEmpty { throw StoreProblems(problems) }
        return audits
    }

    /// As ``run(schools:progress:)``, but a school whose files cannot be
    /// read does not stop the others: the audits of the readable schools,
    /// and the problems of the rest (naming file, record and field).
    public func runEach(
        schools: [String], progress: @escaping @Sendable (Int, Int, String) -> Void = { _, _, _ in }
    ) -> (audits: [SchoolAudit], problems: [StoreProblem]) {
        let (audits, unaudited) = runAll(schools: schools, progress: progress)
        return (audits, unaudited.flatMap(\.problems))
    }

    /// As ``runEach(schools:progress:)``, with the schools that could not
    /// be audited kept apart, each with its problems: the report names them
    /// beside the others (a data manager reading only the table, or only a
    /// spreadsheet of the CSV, never sees stderr).
    public func runAll(
        schools: [String], progress: @escaping @Sendable (Int, Int, String) -> Void = { _, _, _ in }
    ) -> (audits: [SchoolAudit], unaudited: [UnauditedSchool]) {
        let store = self.store
        let at = self.at
        let done = Locked(0)
        let results = Parallel.map(schools.count) { i -> Result<SchoolAudit, StoreProblems> in
            let id = schools[i]
            let result = Result { () throws(StoreProblems) -> SchoolAudit in
                let read = try store.readableContacts(school: id)
                return StoreAudit.audit(
                    school: try store.school(id), contacts: read.contacts,
                    students: at == nil ? nil : try store.allStudents(school: id), at: at,
                    unreadable: read.unreadable)
            }
            let n = done.withLock { count -> Int in
                count += 1
                return count
            }
            progress(n, schools.count, id)
            return result
        }
        var audits: [SchoolAudit] = []
        var unaudited: [UnauditedSchool] = []
        for (i, r) in results.enumerated() {
            switch r {
            case .success(let a): audits.append(a)
            case .failure(let p):
                let name = (try? store.school(schools[i]))?.name
                unaudited.append(UnauditedSchool(school: schools[i], name: name, problems: p.problems))
            }
        }
        return (audits, unaudited)
    }

    /// The audit of one school's contact records.
    /// `unreadable`: the school's contact records that cannot be read, each
    /// a contact who cannot log in until it is mended (whether it gives
    /// parental responsibility cannot be told).
    public static func audit(
        school: School, contacts: [Contact], students: [Student]? = nil, at: Date? = nil,
        unreadable: [FileStore.UnreadableRecord] = []
    ) -> SchoolAudit {
        let byID = students.map { Dictionary($0.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        let today = at.map { school.zone.civilDate(of: $0) }
        let audited = contacts.filter { $0.students.contains(where: \.parentalResponsibility) }
        var findings: [AuditFinding] = []
        var canLogIn = 0
        var able: [SchoolAudit.LoggingIn] = []
        var loggingIn = Set<String>()
        var logins: [[LoginPair]] = []
        for c in audited {
            var own: [(AuditCause, String, String)] = []
            let verdicts = c.phones.map {
                (phone: $0, verdict: MobileRule.verdict($0, countryCode: school.countryCode))
            }
            let mobiles = verdicts.filter(\.verdict.isMobile)
            if !c.phones.contains(where: { $0.type == .mobile }) {
                own.append(
                    (
                        .noMobile, c.phones.map { "\($0.type.title) \($0.number)" }.joined(separator: "; "),
                        c.phones.isEmpty
                            ? "no phone number at all"
                            : "no number is typed Mobile in the MIS: only a number typed Mobile can register a parent, whatever its digits"
                    ))
            } else if mobiles.isEmpty {
                let typedMobile = verdicts.filter { $0.phone.type == .mobile }
                let why = typedMobile.map { v -> String in
                    // One number: the value says which; several: each is named.
                    let which = typedMobile.count == 1 ? "" : "\(Quote.value(v.phone.number)) "
                    switch v.verdict {
                    case .unreadable: return "\(which)can't be read as a phone number"
                    case .notInMobileRange(_, let range): return "\(which)is \(MobileRule.notMobilePhrase(range))"
                    case .notTypedMobile, .mobile: return ""
                    }
                }
                own.append(
                    (
                        .notAMobile, typedMobile.map(\.phone.number).joined(separator: "; "),
                        why.joined(separator: "; ") + ", so it cannot register the parent or receive SMS"
                    ))
            }
            let emails = c.emails.filter(EmailAddress.isValid)
            if emails.isEmpty {
                own.append(
                    (
                        .email, c.emails.joined(separator: "; "),
                        c.emails.isEmpty
                            ? "no email address: a parent needs both a mobile and an email to use Xpressions"
                            : c.emails.map { e in
                                (c.emails.count == 1 ? "" : "\(Quote.value(e)) ")
                                    + (EmailAddress.problem(e) ?? "is not in ID@domain.tld form")
                            }.joined(separator: "; ") + ", so the system does not recognise it"
                    ))
            }
            let responsible = c.students.filter(\.parentalResponsibility)
            let refused = responsible.filter { !$0.correspondence }
            if !refused.isEmpty {
                let ids = refused.map(\.student)
                own.append(
                    (
                        .correspondence, ids.joined(separator: "; "),
                        refused.count == responsible.count
                            ? "correspondence is not allowed about any child they have parental responsibility for, so they see no child"
                            : "correspondence is not allowed about \(ids.joined(separator: ", ")), so \(ids.count == 1 ? "that child is" : "those children are") not shown to them"
                    ))
            }
            // As doctor says: identified, but every child gone from what is
            // shown (the audit counted them as able to log in).
            var shown = responsible.contains(where: \.correspondence)
            if shown, let byID, let today {
                shown = responsible.contains { link in
                    link.correspondence
                        && byID[link.student].map {
                            $0.isVisible(on: today, leaverPersistenceMonths: school.leaverPersistenceMonths)
                        } == true
                }
                if !shown {
                    let ids = responsible.filter(\.correspondence).map(\.student)
                    // "Identified" only of a record that identifies (one with
                    // no mobile or email was said to be, beside its cause).
                    let identified = !mobiles.isEmpty && !emails.isEmpty
                    own.append(
                        (
                            .noChildShown, ids.joined(separator: "; "),
                            "every child they may hear about left more than \(school.leaverPersistenceMonths) months ago or is not in the student records, so "
                                + (identified
                                    ? "they are identified but see no child"
                                    : "no child would be shown even once that is mended")
                        ))
                }
            }
            let can = !mobiles.isEmpty && !emails.isEmpty && shown
            if can {
                canLogIn += 1
                able.append(SchoolAudit.LoggingIn(contactID: c.id, contactName: c.fullName))
            }
            for (cause, value, detail) in own {
                findings.append(
                    AuditFinding(
                        contactID: c.id, contactName: c.fullName, cause: cause, value: value, detail: detail,
                        canLogIn: can))
            }
            // The (email, mobile) pairs a login with this record would use.
            var pairs: [LoginPair] = []
            for e in emails {
                for m in mobiles {
                    pairs.append(
                        LoginPair(
                            email: e, mobile: m.phone.number,
                            key: "\(EmailAddress.normalise(e))|\(m.verdict.number?.digits ?? "")"))
                }
            }
            logins.append(pairs)
            if can { loggingIn.insert(c.id) }
        }
        findings += duplicates(audited, logins: logins, canLogIn: loggingIn)
        for (i, record) in unreadable.enumerated() {
            let first = record.problems.first
            findings.append(
                AuditFinding(
                    contactID: record.id ?? first?.record ?? "record \(i + 1)", contactName: record.name ?? "",
                    cause: .unreadable,
                    value: record.value ?? "",
                    detail: (first?.description ?? "cannot be read")
                        + (record.problems.count > 1 ? " (and \(record.problems.count - 1) more)" : "")
                        + ": this contact cannot log in until it is mended; the school's other records are not affected",
                    canLogIn: false))
        }
        var order: [String: Int] = [:]
        for (i, c) in audited.enumerated() where order[c.id] == nil { order[c.id] = i }
        findings.sort { a, b in
            a.cause != b.cause ? a.cause < b.cause : order[a.contactID, default: 0] < order[b.contactID, default: 0]
        }
        return SchoolAudit(
            school: school.id, name: school.name, contacts: audited.count + unreadable.count, canLogIn: canLogIn,
            findings: findings, loggingIn: able)
    }

    /// An email and a mobile a login with one record would use, as held,
    /// and the normalised pair that compares them.
    struct LoginPair {
        var email: String
        var mobile: String
        var key: String
    }

    /// Records that share a login pair, grouped (a record sharing pairs
    /// with two others joins them in one group), in the records' order.
    static func duplicates(_ contacts: [Contact], logins: [[LoginPair]], canLogIn: Set<String>) -> [AuditFinding] {
        var parent = Array(contacts.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var firstHolder: [String: Int] = [:]
        for (i, pairs) in logins.enumerated() {
            for p in pairs {
                if let j = firstHolder[p.key] { parent[root(i)] = root(j) } else { firstHolder[p.key] = i }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in contacts.indices where !logins[i].isEmpty { groups[root(i), default: []].append(i) }
        var out: [AuditFinding] = []
        for members in groups.values.sorted(by: { $0[0] < $1[0] }) where members.count > 1 {
            for i in members {
                let c = contacts[i]
                let others = members.filter { $0 != i }
                let theirs = Set(others.flatMap { logins[$0].map(\.key) })
                let shared = logins[i].first { theirs.contains($0.key) } ?? logins[i][0]
                out.append(
                    AuditFinding(
                        contactID: c.id, contactName: c.fullName, cause: .duplicate,
                        value: "\(shared.email); \(shared.mobile)",
                        detail:
                            "the same person as \(others.map { contacts[$0].id }.joined(separator: ", ")) (the same email and mobile): one login finds them all and this app merges them, but the seeds ask for a single record linked to every child",
                        canLogIn: canLogIn.contains(c.id)))
            }
        }
        return out
    }
}
