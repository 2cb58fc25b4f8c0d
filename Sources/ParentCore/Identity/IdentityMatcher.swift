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
public struct IdentityMatcher: Sendable {
    public let store: FileStore

    public init(store: FileStore) { self.store = store }

    public func match(email: String, mobile: String, at now: Date) throws(StoreProblems) -> IdentityMatch {
        let trimmedEmail = email.trimmingCharacters(in: .whitespacesAndNewlines)
        let hits = try store.contactsMatching(email: trimmedEmail.isEmpty ? nil : trimmedEmail, phone: mobile)
        var assessments: [ContactAssessment] = []
        var schools: [String: School] = [:]
        for hit in hits {
            let school: School
            if let s = schools[hit.school] { school = s } else {
                school = try store.school(hit.school)
                schools[hit.school] = school
            }
            if let published = hit.contact.publishedAt, published > now { continue } // not on the central servers yet
            assessments.append(try assess(hit.contact, school: school, email: trimmedEmail, mobile: mobile, at: now))
        }
        assessments.sort { ($0.school, $0.contactID) < ($1.school, $1.contactID) }
        return IdentityMatch(assessments: assessments, duplicates: duplicates(in: assessments))
    }

    func assess(_ contact: Contact, school: School, email: String, mobile: String, at now: Date) throws(StoreProblems) -> ContactAssessment {
        var checks: [RuleCheck] = []
        let wantedEmail = EmailAddress.normalise(email)
        if let held = contact.emails.first(where: { EmailAddress.normalise($0) == wantedEmail }) {
            checks.append(RuleCheck(.emailHeld, true, "holds the email address given"))
            if let problem = EmailAddress.problem(held) {
                checks.append(RuleCheck(.emailProperForm, false, "email \"\(held)\" is not in ID@domain.tld form: it \(problem), so it is ignored"))
            } else {
                checks.append(RuleCheck(.emailProperForm, true, "email is in ID@domain.tld form"))
            }
        } else if contact.emails.isEmpty {
            checks.append(RuleCheck(.emailHeld, false, "no email address: a parent needs both a mobile and an email to use Xpressions"))
        } else {
            let masked = contact.emails.map(IdentityMatcher.mask).joined(separator: ", ")
            checks.append(RuleCheck(.emailHeld, false, "holds a different email address (\(masked))"))
        }

        let given = PhoneNumber(mobile, defaultCountryCode: school.countryCode)
        let heldPhones = contact.phones.filter { p in
            given != nil && PhoneNumber(p.number, defaultCountryCode: school.countryCode) == given
        }
        var heldMobile: PhoneNumber? = nil
        if given == nil {
            checks.append(RuleCheck(.numberHeld, false, "the number given is not a phone number"))
        } else if let mobileTyped = heldPhones.first(where: { $0.type == .mobile }) {
            checks.append(RuleCheck(.numberHeld, true, "holds the number given"))
            checks.append(RuleCheck(.numberTypedMobile, true, "the number's MIS type is Mobile"))
            let number = PhoneNumber(mobileTyped.number, defaultCountryCode: school.countryCode)!
            // One rule for every number (see the store format, "Phone numbers"):
            // a +44 number (UK, Jersey, Guernsey, Isle of Man) must be in a
            // mobile range; another country's is accepted as typed Mobile.
            let range = number.ukMobileRangeCheck()
            switch range {
            case .mobile:
                checks.append(RuleCheck(.numberInMobileRange, true, "the number is in a UK mobile range"))
            case .crownDependencyMobile:
                let island = number.crownDependency?.rawValue ?? "Crown Dependency"
                checks.append(RuleCheck(.numberInMobileRange, true, "the number is in a \(island) mobile range (+44, the UK's plan)"))
            case .noMetadata:
                checks.append(RuleCheck(.numberInMobileRange, true,
                                        "the number is a +\(number.countryCode) number: its range could not be checked (range data covers the +44 plan only), so it is accepted as typed Mobile"))
            case .personalNumber, .pager, .notMobile:
                let what: String
                switch range {
                case .personalNumber: what = "a UK personal number (070), not a mobile"
                case .pager: what = "a UK pager number (076), not a mobile"
                default: what = "not in any UK mobile range (nor a Jersey, Guernsey or Isle of Man one)"
                }
                checks.append(RuleCheck(.numberInMobileRange, false, "the number is typed Mobile but is \(what), so no SMS could reach it"))
            }
            heldMobile = number
        } else if let other = heldPhones.first {
            checks.append(RuleCheck(.numberHeld, true, "holds the number given"))
            checks.append(RuleCheck(.numberTypedMobile, false,
                                    "the number is typed \(other.type.title) in the MIS, not Mobile: only a number typed Mobile can register a parent, whatever its digits"))
        } else if contact.phones.contains(where: { $0.type == .mobile }) {
            checks.append(RuleCheck(.numberHeld, false, "holds a different mobile number"))
        } else {
            checks.append(RuleCheck(.numberHeld, false, "no number typed Mobile: a parent needs both a mobile and an email to use Xpressions"))
        }

        var children: [ChildAssessment] = []
        let today = school.zone.civilDate(of: now)
        let year = AcademicYear(containing: today)
        for link in contact.students {
            let ref = ChildRef(school: school.id, student: link.student)
            let student = try store.student(link.student, school: school.id)?.value
            var reasons: [String] = []
            if let student {
                if let published = student.publishedAt, published > now { reasons.append("the student record is not published until \(school.zone.format(published))") }
                if !student.isVisible(on: today, leaverPersistenceMonths: school.leaverPersistenceMonths) {
                    reasons.append("a leaver (left \(student.leftOn.map { $0.description } ?? "?")), past the school's leaver persistence of \(school.leaverPersistenceMonths) months")
                }
            } else {
                reasons.append("no such student in the school's records")
            }
            if !link.parentalResponsibility { reasons.append("no parental responsibility") }
            if !link.correspondence { reasons.append("correspondence not allowed") }
            let name = student?.displayName(showingGroup: school.showRegistrationGroup, in: year) ?? link.student
            children.append(ChildAssessment(child: ref, name: name, relationship: link.relationship, visible: reasons.isEmpty, reasons: reasons))
        }
        return ContactAssessment(school: school.id, schoolName: school.name, serviceLevel: school.serviceLevel, contactID: contact.id,
                                 contactName: contact.fullName, checks: checks, children: children, heldMobile: heldMobile)
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
            return DuplicateContacts(school: school, records: records.map { r in
                DuplicateContacts.Record(contactID: r.contactID, children: r.visibleChildren.map(\.child), childNames: r.visibleChildren.map(\.name))
            })
        }
    }

    /// "l***@example.com": enough for support staff to see it is another
    /// address without printing it.
    static func mask(_ email: String) -> String {
        let trimmed = email.trimmingCharacters(in: .whitespaces)
        guard let at = trimmed.firstIndex(of: "@"), at > trimmed.startIndex else { return "***" }
        return "\(trimmed[trimmed.startIndex])***\(trimmed[at...])"
    }
}
