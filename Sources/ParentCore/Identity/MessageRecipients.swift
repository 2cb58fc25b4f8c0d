import Foundation
import SchoolStore

/// Which of a parent's children a school message concerns: the rules sync
/// applies when it files messages into the local model, restated here so
/// that `doctor --message` can say why (sync keeps them in
/// `SchoolSync.scopes` and `SchoolSync.syncMessages`; a test compares the two
/// for every message of every demo parent).
///
/// - A message is filed in `messages/<academic-year>/<scope>.json`. The
///   school, a year group and a registration group concern the children
///   enrolled there in that academic year (not their year now); a student's
///   own file concerns that student, whatever the year.
/// - A message sent to the school, a year or a group after a leaver's
///   `leftOn` (in the school's time zone) does not concern them.
/// - A message is visible from its `publishedAt` (or `sentAt`).
/// - A message with a `contacts` list reaches the parent only when the list
///   names one of the records that identify them at that school.
/// - Only children the parent sees at all count (``IdentityMatch``: parental
///   responsibility, correspondence allowed, published, a leaver within the
///   school's persistence).
public enum MessageRecipients {
    /// Why a message's scope file does not concern a child.
    public enum Exclusion: Sendable, Equatable, CustomStringConvertible {
        /// The school, year or group of a year in which the child has no enrolment.
        case notEnrolled(AcademicYear)
        /// A year group the child was not in that academic year.
        case otherYearGroup(enrolled: Int, scope: Int, AcademicYear)
        /// A registration group the child was not in that academic year.
        case otherRegistrationGroup(enrolled: String, scope: String, AcademicYear)
        /// Another student's own file.
        case anotherStudent
        /// Sent to the school, a year or a group after the child left.
        case sentAfterLeaving(leftOn: CivilDate, sentOn: CivilDate)

        public var description: String {
            switch self {
            case .notEnrolled(let year):
                return "not on the school's roll in \(year) (no enrolment that academic year)"
            case .otherYearGroup(let enrolled, let scope, let year):
                return "in \(MessageRecipients.yearName(enrolled)) in \(year), not \(MessageRecipients.yearName(scope))"
            case .otherRegistrationGroup(let enrolled, let scope, let year):
                return "in registration group \(enrolled) in \(year), not \(scope)"
            case .anotherStudent:
                return "the message is to another student"
            case .sentAfterLeaving(let leftOn, let sentOn):
                return
                    "a leaver: left on \(leftOn), and the message was sent on \(sentOn); messages to the school, a year or a group sent after a student left do not concern them"
            }
        }
    }

    /// "Reception", "Year 9".
    static func yearName(_ year: Int) -> String { year == 0 ? "Reception" : "Year \(year)" }

    /// Why the scope file `scope` of academic year `year` does not concern
    /// `student` for a message sent at `sentAt`; empty when it does.
    public static func exclusions(
        of student: Student, scope: MessageScope, year: AcademicYear, sentAt: Date,
        zone: SchoolTimeZone
    ) -> [Exclusion] {
        if case .student(let id) = scope { return id == student.id ? [] : [.anotherStudent] }
        guard let enrolment = student.enrolments.first(where: { $0.academicYear == year }) else {
            return [.notEnrolled(year)]
        }
        var out: [Exclusion] = []
        switch scope {
        case .year(let y) where y != enrolment.year:
            out.append(.otherYearGroup(enrolled: enrolment.year, scope: y, year))
        case .group(let g) where g != enrolment.registrationGroup:
            out.append(.otherRegistrationGroup(enrolled: enrolment.registrationGroup, scope: g, year))
        default:
            break
        }
        let sentOn = zone.civilDate(of: sentAt)
        if student.leaver, let leftOn = student.leftOn, sentOn > leftOn {
            out.append(.sentAfterLeaving(leftOn: leftOn, sentOn: sentOn))
        }
        return out
    }

    /// Whether a message's `contacts` list lets it reach a parent whose
    /// identifying records at the school are `contacts`.
    public static func contactsAdmit(_ message: SchoolMessage, contacts: [String]) -> Bool {
        guard let only = message.contacts else { return true }
        return only.contains(where: contacts.contains)
    }

    /// The students among `visible` (the children the parent sees at the
    /// school, in the order of their records' links) that the message
    /// concerns at `now`, in that order: what sync puts in the model.
    public static func concerned(
        _ message: SchoolMessage, scope: MessageScope, year: AcademicYear, visible: [Student],
        contacts: [String], zone: SchoolTimeZone, now: Date
    ) -> [String] {
        guard message.visibleFrom <= now, contactsAdmit(message, contacts: contacts) else { return [] }
        return visible.filter {
            exclusions(of: $0, scope: scope, year: year, sentAt: message.sentAt, zone: zone).isEmpty
        }.map(\.id)
    }
}
