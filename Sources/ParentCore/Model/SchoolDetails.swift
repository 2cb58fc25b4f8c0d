import Foundation
import SchoolStore

/// A school as the school details screen shows it, with its Xpressions
/// settings and how fresh the parent's data from it is.
public struct SchoolDetails: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var serviceLevel: ServiceLevel
    /// The logo, relative to the school's directory in the store.
    public var logo: String?
    public var headteacher: String
    public var address: String
    public var phone: String
    public var email: String
    /// The website parents see (the management console's beats the MIS's).
    public var website: String
    public var features: [EnhancedFeature]
    /// Whether parents can write to the school (and reply to its messages).
    public var incomingEnabled: Bool
    /// The topics a parent must choose from when writing.
    public var topics: [String]
    public var translationWarningLink: String?
    /// The time of the last successful sync of this school.
    public var lastUpdated: Date?
    /// Attendance marks are complete up to here: the last sync minus the
    /// publication delay (92 minutes).
    public var attendanceCompleteUpTo: Date?
    public var zone: SchoolTimeZone
    /// The school's terms (with half terms): which weekdays are school days.
    public var terms: [Term] = []

    /// A weekday in term and outside half term; every weekday when the
    /// school's MIS gives no terms.
    public func isSchoolDay(_ date: CivilDate) -> Bool {
        terms.isEmpty ? !date.isWeekend : terms.contains { $0.isSchoolDay(date) }
    }

    public static func == (a: SchoolDetails, b: SchoolDetails) -> Bool {
        a.id == b.id && a.name == b.name && a.serviceLevel == b.serviceLevel && a.logo == b.logo
            && a.headteacher == b.headteacher
            && a.address == b.address && a.phone == b.phone && a.email == b.email && a.website == b.website
            && a.features == b.features && a.incomingEnabled == b.incomingEnabled && a.topics == b.topics
            && a.translationWarningLink == b.translationWarningLink && a.lastUpdated == b.lastUpdated
            && a.attendanceCompleteUpTo == b.attendanceCompleteUpTo && a.zone.identifier == b.zone.identifier
            && a.terms == b.terms
    }
}
