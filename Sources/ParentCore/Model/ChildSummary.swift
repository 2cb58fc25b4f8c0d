import SchoolStore

/// A child as the screens list them (choosing a child, filtering the
/// timeline).
public struct ChildSummary: Sendable, Equatable, Identifiable {
    public var ref: ChildRef
    /// "Ben Abbot (9A)" when the school shows registration groups, else "Ben Abbot".
    public var name: String
    /// "Ben Abbot".
    public var fullName: String
    /// "Ben" (the preferred name when there is one).
    public var forename: String
    /// "BA": the stand-in when there is no photo.
    public var initials: String
    public var school: String
    public var schoolName: String
    public var serviceLevel: ServiceLevel
    /// The photo, relative to the school's directory in the store (read it
    /// with `FileStore.image(school:path:)`); nil: show `initials`.
    public var photo: String?
    /// Year (0 = Reception) and registration group this academic year.
    public var yearGroup: Int?
    public var registrationGroup: String?
    public var isLeaver: Bool
    public var leftOn: CivilDate?

    /// Whether the child has left the school by `today`: a leaver whose
    /// leaving day is past, or who has none. A leaving day still to come is
    /// a child at school until then (it was shown as "left", and absence
    /// reports for the days before it were refused).
    public func hasLeft(by today: CivilDate) -> Bool { isLeaver && (leftOn.map { $0 < today } ?? true) }
    public var isGuest: Bool
    public var isPreAdmission: Bool
    /// The Enhanced data the school shows for this child (none on Core).
    public var features: [EnhancedFeature]
    /// Unread messages that concern this child.
    public var unreadCount: Int

    public var id: ChildRef { ref }
}
