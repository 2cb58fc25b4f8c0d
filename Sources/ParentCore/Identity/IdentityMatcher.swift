import Foundation
import SchoolStore

/// Applies the seeds' identity rules to the contact records that hold a
/// parent's email or mobile number, in every school of the store:
///
/// - a record identifies the parent only when it holds that email in proper
///   `ID@domain.tld` form AND that number with the MIS type Mobile (and, for a
///   +44 number, in a UK, Jersey, Guernsey or Isle of Man mobile range: no SMS
///   could reach anything else; other countries' numbers are accepted as
///   typed, their range unchecked);
/// - the parent's children are the students linked to identifying records
///   with parental responsibility and correspondence allowed, published,
///   and (for leavers) still within the school's leaver persistence;
/// - the same child never appears twice; several records for one person in
///   one school are merged, and reported as duplicates.
///
/// What the checks say about values the school holds that are not the ones
/// given (another email, an unreadable number) follows ``disclosure``:
/// masked by default, as held for `xpressions doctor`.
public struct IdentityMatcher: Sendable {
    public let store: FileStore
    /// How check details show held emails and numbers.
    public let disclosure: Disclosure

    public init(store: FileStore, disclosure: Disclosure = .redacted) {
        self.store = store
        self.disclosure = disclosure
    }

    /// `unreadable`: when no record holds either detail as the login reads
    /// it, look through every school's records for one holding it in a
    /// form that can't be read ("07400 500001 (mum)", "liz@example.com
    /// (home)"), so doctor can say so (it said no record held them). Never
    /// for a login: only support's question, and it reads every school.
    ///
    /// `skippingBrokenSchools`: a school whose files cannot be read is left
    /// out, its problems in ``IdentityMatch/skipped``, instead of failing
    /// the whole lookup (a login: one school's broken `contacts.json`
    /// stopped every parent of the store logging in, and a parent of two
    /// schools, one broken, could not log in at all).
    public func match(
        email: String, mobile: String, at now: Date, unreadable: Bool = false, skippingBrokenSchools: Bool = false
    ) throws(StoreProblems) -> IdentityMatch {
        let trimmedEmail = EmailAddress.typed(email)
        var hits: [FileStore.LoginHit]
        var skipped: [StoreProblem] = []
        if skippingBrokenSchools {
            let lookup = store.loginLookup(email: trimmedEmail.isEmpty ? nil : trimmedEmail, phone: mobile)
            hits = lookup.hits
            skipped = lookup.problems
        } else {
            hits = try store.contactsMatching(email: trimmedEmail.isEmpty ? nil : trimmedEmail, phone: mobile)
        }
        if hits.isEmpty, unreadable { hits = try unreadableHolders(email: trimmedEmail, mobile: mobile) }
        var assessments: [ContactAssessment] = []
        var schools: [String: School] = [:]
        var broken = Set<String>()
        for hit in hits where schools[hit.school] == nil && !broken.contains(hit.school) {
            do throws(StoreProblems) {
                schools[hit.school] = try store.school(hit.school)
            } catch {
                guard skippingBrokenSchools else { throw error }
                broken.insert(hit.school)
                skipped += error.problems
            }
        }
        // The number given, as each school found reads it: a record holding
        // the same number written another country's way ("+33 1 23 45 67 89"
        // at a UK school, "01 23 45 67 89" given for a French one) holds the
        // parent's mobile, as the session's re-check finds (doctor called it
        // a different number while the app showed the child).
        let readings = Set(
            Set(schools.values.map(\.countryCode)).compactMap { PhoneNumber(mobile, defaultCountryCode: $0) })
        for hit in hits {
            guard let school = schools[hit.school], !broken.contains(hit.school) else { continue }
            if let published = hit.contact.publishedAt, published > now { continue }  // not on the central servers yet
            do throws(StoreProblems) {
                assessments.append(
                    try assess(
                        hit.contact, school: school, email: trimmedEmail, mobile: mobile, readings: readings, at: now))
            } catch {
                // Its students cannot be read: the whole school is left out
                // (a record of it assessed before is taken back).
                guard skippingBrokenSchools else { throw error }
                broken.insert(hit.school)
                skipped += error.problems
                assessments.removeAll { $0.school == hit.school }
            }
        }
        assessments.sort { ($0.school, $0.contactID) < ($1.school, $1.contactID) }
        var match = IdentityMatch(assessments: assessments, duplicates: duplicates(in: assessments))
        match.skipped = skipped
        return match
    }

    /// Records holding the email among other text, or the mobile's digits
    /// in a number that can't be read.
    func unreadableHolders(email: String, mobile: String) throws(StoreProblems) -> [FileStore.LoginHit] {
        let wanted = EmailAddress.normalise(email)
        let digits = String(mobile.filter(\.isNumber).suffix(9))
        guard !wanted.isEmpty || digits.count == 9 else { return [] }
        var out: [FileStore.LoginHit] = []
        for school in store.schoolIDs() {
            let countryCode = (try? store.school(school))?.countryCode ?? 44
            for contact in try store.allContacts(school: school) {
                let email =
                    !wanted.isEmpty
                    && contact.emails.contains { held in
                        EmailAddress.problem(held) != nil && EmailAddress.normalisedWords(of: held).contains(wanted)
                    }
                let number =
                    digits.count == 9
                    && contact.phones.contains { phone in
                        PhoneNumber(phone.number, defaultCountryCode: countryCode) == nil
                            && phone.number.filter(\.isNumber).hasSuffix(digits)
                    }
                if email || number { out.append(FileStore.LoginHit(school: school, contact: contact)) }
            }
        }
        return out
    }

    func assess(
        _ contact: Contact, school: School, email: String, mobile: String, readings: Set<PhoneNumber> = [],
        at now: Date
    ) throws(StoreProblems) -> ContactAssessment {
        var checks = emailChecks(contact, email: email)
        let (phoneChecks, heldMobile) = numberChecks(
            contact, mobile: mobile, countryCode: school.countryCode, readings: readings)
        checks += phoneChecks

        var children: [ChildAssessment] = []
        let today = school.zone.civilDate(of: now)
        let year = AcademicYear(containing: today)
        for link in contact.students {
            let ref = ChildRef(school: school.id, student: link.student)
            let student = try store.student(link.student, school: school.id)?.value
            var reasons: [String] = []
            if let student {
                if let published = student.publishedAt, published > now {
                    reasons.append("the student record is not published until \(school.zone.format(published))")
                }
                if !student.isVisible(on: today, leaverPersistenceMonths: school.leaverPersistenceMonths) {
                    reasons.append(
                        "a leaver (left \(student.leftOn.map { $0.description } ?? "?")), past the school's leaver persistence of \(school.leaverPersistenceMonths) months"
                    )
                }
            } else {
                reasons.append("no such student in the school's records")
            }
            if !link.parentalResponsibility { reasons.append("no parental responsibility") }
            if !link.correspondence { reasons.append("correspondence not allowed") }
            let name = student?.displayName(showingGroup: school.showRegistrationGroup, in: year) ?? link.student
            children.append(
                ChildAssessment(
                    child: ref, name: name, relationship: link.relationship, visible: reasons.isEmpty, reasons: reasons)
            )
        }
        return ContactAssessment(
            school: school.id, schoolName: school.name, serviceLevel: school.serviceLevel, contactID: contact.id,
            contactName: contact.fullName, checks: checks, children: children, heldMobile: heldMobile,
            heldEmails: contact.emails, heldPhones: contact.phones)
    }

    /// The email rules: the record holds the address given, in proper form.
    /// When it holds another, doctor shows what it holds (as held, or
    /// masked with `--redact`) and says when that cannot be read as an
    /// address at all.
    func emailChecks(_ contact: Contact, email: String) -> [RuleCheck] {
        let wantedEmail = EmailAddress.normalise(email)
        if let held = contact.emails.first(where: { EmailAddress.normalise($0) == wantedEmail }) {
            var checks = [RuleCheck(.emailHeld, true, "holds the email address given")]
            if let problem = EmailAddress.problem(held) {
                checks.append(
                    RuleCheck(
                        .emailProperForm, false,
                        "email \(disclosure.email(held)) is not in ID@domain.tld form: it \(problem), so it is ignored")
                )
            } else {
                checks.append(RuleCheck(.emailProperForm, true, "email is in ID@domain.tld form"))
            }
            return checks
        }
        if contact.emails.isEmpty {
            return [
                RuleCheck(
                    .emailHeld, false, "no email address: a parent needs both a mobile and an email to use Xpressions")
            ]
        }
        let unreadable = contact.emails.filter { !EmailAddress.isValid($0) }
        let other = contact.emails.filter(EmailAddress.isValid)
        var parts = unreadable.map { held in
            "the school holds \(disclosure.email(held)), which can't be read as an email address: it \(EmailAddress.problem(held) ?? "is not in ID@domain.tld form")"
        }
        if !other.isEmpty {
            parts.append("holds a different email address (\(other.map(disclosure.email).joined(separator: ", ")))")
        }
        return [RuleCheck(.emailHeld, false, parts.joined(separator: "; "))]
    }

    /// The number rules: the record holds the number given, typed Mobile,
    /// in a mobile range (``MobileRule``). Returns the checks and the held
    /// mobile that matched (for the last-4 check). When the record does not
    /// hold the number, doctor shows what it holds instead, and says when a
    /// held number cannot be read as a phone number at all.
    func numberChecks(_ contact: Contact, mobile: String, countryCode: Int, readings: Set<PhoneNumber> = [])
        -> ([RuleCheck], PhoneNumber?)
    {
        guard let given = PhoneNumber(mobile, defaultCountryCode: countryCode) else {
            return ([RuleCheck(.numberHeld, false, "the number given is not a phone number")], nil)
        }
        let verdicts = contact.phones.map { (phone: $0, verdict: MobileRule.verdict($0, countryCode: countryCode)) }
        let held = verdicts.filter { v in v.verdict.number.map { $0 == given || readings.contains($0) } ?? false }
        if let typedMobile = held.first(where: { $0.phone.type == .mobile }) {
            var checks = [
                RuleCheck(.numberHeld, true, "holds the number given"),
                RuleCheck(.numberTypedMobile, true, "the number's MIS type is Mobile"),
            ]
            // One rule for every number (see the store format, "Phone numbers"):
            // a +44 number (UK, Jersey, Guernsey, Isle of Man) must be in a
            // mobile range; another country's is accepted as typed Mobile.
            switch typedMobile.verdict {
            case .mobile(let number, .crownDependencyMobile):
                let island = number.crownDependency?.rawValue ?? "Crown Dependency"
                checks.append(
                    RuleCheck(
                        .numberInMobileRange, true,
                        "the number is in \(island == "Isle of Man" ? "an" : "a") \(island) mobile range (+44, the UK's plan)"
                    ))
            case .mobile(let number, .noMetadata):
                checks.append(
                    RuleCheck(
                        .numberInMobileRange, true,
                        "the number is a +\(number.countryCode) number: its range could not be checked (range data covers the +44 plan only), so it is accepted as typed Mobile"
                    ))
            case .mobile:
                checks.append(RuleCheck(.numberInMobileRange, true, "the number is in a UK mobile range"))
            case .notInMobileRange(_, let range):
                checks.append(
                    RuleCheck(
                        .numberInMobileRange, false,
                        "the number is typed Mobile but is \(MobileRule.notMobilePhrase(range)), so no SMS could reach it"
                    ))
            case .unreadable, .notTypedMobile:
                break  // a held number that matched was read, and this one is typed Mobile
            }
            return (checks, typedMobile.verdict.number)
        }
        if let other = held.first {
            return (
                [
                    RuleCheck(.numberHeld, true, "holds the number given"),
                    RuleCheck(
                        .numberTypedMobile, false,
                        "the number is typed \(other.phone.type.title) in the MIS, not Mobile: only a number typed Mobile can register a parent, whatever its digits"
                    ),
                ],
                nil
            )
        }
        var parts = verdicts.filter { $0.verdict == .unreadable }.map { v in
            "the school holds \(disclosure.number(v.phone.number)) (typed \(v.phone.type.title)), which can't be read as a phone number, so it never matches the number given"
        }
        let otherMobiles = verdicts.filter { $0.phone.type == .mobile && $0.verdict != .unreadable }.map(\.phone.number)
        if !otherMobiles.isEmpty {
            parts.append(
                "holds a different mobile number (\(otherMobiles.map(disclosure.number).joined(separator: ", ")))")
        } else if !contact.phones.contains(where: { $0.type == .mobile }) {
            parts.insert("no number typed Mobile: a parent needs both a mobile and an email to use Xpressions", at: 0)
        }
        return ([RuleCheck(.numberHeld, false, parts.joined(separator: "; "))], nil)
    }

    /// Qualifying records at the same school, with the children each links
    /// that the parent may see at the time of the assessments (`now`).
    func duplicates(in assessments: [ContactAssessment]) -> [DuplicateContacts] {
        var bySchool: [String: [ContactAssessment]] = [:]
        var order: [String] = []
        for a in assessments where a.qualifies {
            if bySchool[a.school] == nil { order.append(a.school) }
            bySchool[a.school, default: []].append(a)
        }
        return order.compactMap { school in
            let records = bySchool[school]!
            guard records.count > 1 else { return nil }
            return DuplicateContacts(
                school: school,
                records: records.map { r in
                    DuplicateContacts.Record(
                        contactID: r.contactID, children: r.visibleChildren.map(\.child),
                        childNames: r.visibleChildren.map(\.name))
                })
        }
    }

}
