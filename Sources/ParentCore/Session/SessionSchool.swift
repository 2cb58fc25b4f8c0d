/// A school the parent is matched at: the contact records that identify
/// them there, and their notification registration.
public struct SessionSchool: Sendable, Equatable {
    public var school: String
    public var contacts: [String]
    public var registration: String

    public init(school: String, contacts: [String], registration: String) {
        self.school = school
        self.contacts = contacts
        self.registration = registration
    }
}
