import Foundation

/// One record of `schools/<id>/contacts.json`: a person, linked to one or
/// more students (siblings share one contact record).
public struct Contact: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String?
    public var forename: String
    public var surname: String
    public var phones: [ContactPhone]
    public var emails: [String]
    public var students: [StudentLink]
    public var publishedAt: Date?

    public init(
        id: String, title: String? = nil, forename: String, surname: String, phones: [ContactPhone], emails: [String],
        students: [StudentLink], publishedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.forename = forename
        self.surname = surname
        self.phones = phones
        self.emails = emails
        self.students = students
        self.publishedAt = publishedAt
    }

    public var fullName: String {
        let name = PersonName.display(forename: forename, surname: surname)
        return title.map { "\($0) \(name)" } ?? name
    }

    static let fields: Set<String> = [
        "id", "title", "forename", "surname", "phones", "emails", "students", "publishedAt",
    ]

    public static func decode(_ r: FieldReader) -> Contact? {
        let raw = r.string("id")
        let r = raw.map { r.relabelled("contact \($0)") } ?? r
        let id = raw.flatMap { r.identifier($0, field: "id") }
        r.rejectUnknownFields(fields)
        let title = r.string("title", required: false)
        let forename = r.string("forename")
        let surname = r.string("surname")
        // Bounded as a person's are (see ``listLimit``).
        let phoneList = r.objects("phones", limit: Contact.listLimit)
        let emailList = r.stringArray("emails", limit: Contact.listLimit)
        let linkList = r.objects("students", required: true, limit: Contact.linkLimit)
        let phones = (phoneList ?? []).compactMap(ContactPhone.decode)
        let emails = emailList ?? []
        let links = (linkList ?? []).compactMap(StudentLink.decode)
        var seen = Set<String>()
        for (i, link) in links.enumerated() where !seen.insert(link.student).inserted {
            r.report("students[\(i)].student", "student \(link.student) is linked twice")
        }
        let published = r.timestamp("publishedAt", required: false)
        guard let id, let forename, let surname else { return nil }
        return Contact(
            id: id, title: title, forename: forename, surname: surname, phones: phones, emails: emails,
            students: links, publishedAt: published)
    }

    /// The most phone numbers, or email addresses, a contact record holds.
    public static let listLimit = 50
    /// The most students a contact record links.
    public static let linkLimit = 200

    public func json(zone: SchoolTimeZone) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        o.setIfPresent("title", title)
        o.set("forename", forename)
        o.set("surname", surname)
        o.set("phones", .array(phones.map(\.json)))
        o.set("emails", emails)
        o.set("students", .array(students.map(\.json)))
        o.setIfPresent("publishedAt", publishedAt, zone: zone)
        return o.value
    }
}
