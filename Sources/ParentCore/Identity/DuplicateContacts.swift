/// Several contact records for one person in one school: the seeds say a
/// contact must be a single record linked to all their children. The app
/// merges them; a system that does not would show only one record's children.
public struct DuplicateContacts: Sendable, Equatable {
    public var school: String
    public var contactIDs: [String]
    /// Children that only the other records link: hidden by a system that
    /// takes the first record alone.
    public var childrenHiddenWithoutMerging: [String]

    public init(school: String, contactIDs: [String], childrenHiddenWithoutMerging: [String]) {
        self.school = school
        self.contactIDs = contactIDs
        self.childrenHiddenWithoutMerging = childrenHiddenWithoutMerging
    }
}
