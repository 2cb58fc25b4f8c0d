import Foundation

/// One record of `schools/<id>/students.json`.
public struct Student: Sendable, Equatable, Identifiable {
    public var id: String
    public var forename: String
    public var surname: String
    public var preferredName: String?
    /// Year and registration group per academic year, oldest first.
    public var enrolments: [Enrolment]
    /// The most enrolments a student record holds (one a school year).
    public static let enrolmentLimit = 100
    /// A PPM image file relative to the school's directory, or nil.
    public var photo: String?
    public var leaver: Bool
    public var leftOn: CivilDate?
    public var guest: Bool
    public var preAdmission: Bool
    /// When this record reached the central servers (new records are
    /// invisible before); nil = long published.
    public var publishedAt: Date?

    public init(
        id: String, forename: String, surname: String, preferredName: String? = nil, enrolments: [Enrolment],
        photo: String? = nil, leaver: Bool = false, leftOn: CivilDate? = nil, guest: Bool = false,
        preAdmission: Bool = false, publishedAt: Date? = nil
    ) {
        self.id = id
        self.forename = forename
        self.surname = surname
        self.preferredName = preferredName
        self.enrolments = enrolments
        self.photo = photo
        self.leaver = leaver
        self.leftOn = leftOn
        self.guest = guest
        self.preAdmission = preAdmission
        self.publishedAt = publishedAt
    }

    public var displayForename: String { preferredName ?? forename }
    public var fullName: String { PersonName.display(forename: displayForename, surname: surname) }

    /// The enrolment in force in an academic year: that year's, or the
    /// latest earlier one (a leaver keeps their last).
    public func enrolment(in year: AcademicYear) -> Enrolment? {
        enrolments.last { $0.academicYear <= year } ?? enrolments.first
    }

    public var currentEnrolment: Enrolment? { enrolments.last }

    /// The enrolment shown for `year`: that year's, or the latest earlier
    /// one; none before the first (not ``enrolment(in:)``'s first); the
    /// latest when the year is not known.
    public func enrolment(of year: AcademicYear?) -> Enrolment? {
        guard let year else { return currentEnrolment }
        return enrolments.last { $0.academicYear <= year }
    }

    /// "Ben Abbot (9A)" when the school shows registration groups: the
    /// group of `year` (a leaver keeps their last), none before the first
    /// enrolment (an as-of view of a year before Amy joined showed her in
    /// 7B); the latest when the year is not known.
    public func displayName(showingGroup: Bool, in year: AcademicYear?) -> String {
        guard showingGroup, let e = enrolment(of: year) else { return fullName }
        return "\(fullName) (\(e.registrationGroup))"
    }

    /// Initials for a photo stand-in: "BA".
    public var initials: String {
        let f = displayForename.first.map { String($0) } ?? ""
        let s = surname.first.map { String($0) } ?? ""
        return PersonName.isEastAsian(surname) ? s + f : (f + s).uppercased()
    }

    /// Whether a leaver is still visible to parents at `date` given the
    /// school's leaver persistence (in months).
    public func isVisible(on date: CivilDate, leaverPersistenceMonths months: Int) -> Bool {
        guard leaver, let leftOn else { return true }
        var y = leftOn.year
        var m = leftOn.month + months
        while m > 12 {
            m -= 12
            y += 1
        }
        let day = min(leftOn.day, CivilDate.daysIn(month: m, year: y))
        let until = CivilDate(year: y, month: m, day: day) ?? leftOn
        return date <= until
    }

    static let fields: Set<String> = [
        "id", "forename", "surname", "preferredName", "enrolments", "photo", "leaver", "leftOn", "guest",
        "preAdmission", "publishedAt",
    ]

    public static func decode(_ r: FieldReader) -> Student? {
        let raw = r.string("id")
        let r = raw.map { r.relabelled("student \($0)") } ?? r
        let id = raw.flatMap { r.identifier($0, field: "id") }
        r.rejectUnknownFields(fields)
        let forename = r.string("forename")
        let surname = r.string("surname")
        let preferred = r.string("preferredName", required: false)
        // A school year each: a few dozen at most, whatever the file says.
        let enrolments = (r.objects("enrolments", required: true, limit: Student.enrolmentLimit) ?? []).compactMap(
            Enrolment.decode)
        if r.raw("enrolments") == .array([]) { r.report("enrolments", "must list at least one year and group") }
        for i in enrolments.indices.dropFirst() where enrolments[i].academicYear <= enrolments[i - 1].academicYear {
            r.report("enrolments[\(i)].academicYear", "enrolments must be in increasing academic year order")
        }
        let photo = r.string("photo", required: false)
        let leaver = r.bool("leaver", default: false)
        let leftOn = r.date("leftOn", required: false)
        if leaver && leftOn == nil && r.raw("leftOn") == nil {
            r.report("leftOn", "missing (a leaver needs the date they left)")
        }
        if !leaver && leftOn != nil { r.report("leftOn", "set on a student who is not a leaver") }
        let guest = r.bool("guest", default: false)
        let pre = r.bool("preAdmission", default: false)
        let published = r.timestamp("publishedAt", required: false)
        guard let id, let forename, let surname, !enrolments.isEmpty else { return nil }
        return Student(
            id: id, forename: forename, surname: surname, preferredName: preferred, enrolments: enrolments,
            photo: photo, leaver: leaver, leftOn: leftOn, guest: guest, preAdmission: pre, publishedAt: published)
    }

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        o.set("forename", forename)
        o.set("surname", surname)
        o.setIfPresent("preferredName", preferredName)
        o.set("enrolments", .array(enrolments.map(\.json)))
        o.setIfPresent("photo", photo)
        o.setIfTrue("leaver", leaver)
        o.setIfPresent("leftOn", leftOn)
        o.setIfTrue("guest", guest)
        o.setIfTrue("preAdmission", preAdmission)
        o.setIfPresent("publishedAt", publishedAt, zone: zone)
        return o.value
    }
}
