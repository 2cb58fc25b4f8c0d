/// Where everything lives in a store directory. Paths are relative to the
/// store root, with `/` separators, as they appear in problem messages.
///
///     store.json
///     schools/<school>/school.json
///     schools/<school>/students.json           one record per student
///     schools/<school>/contacts.json           one record per contact
///     schools/<school>/<kind>/<year>.json      attendance, timetable, behaviour,
///                                              achievements, assessments: one record per student
///     schools/<school>/calendar/<year>.json    school calendar events
///     schools/<school>/messages/<year>/<scope>.json
///     schools/<school>/messages/<year>/files/<message>/<name>
///                                              attachment files, named as the message's
///                                              attachment metadata names them
///     schools/<school>/inbox/<key>.json        written by parents' apps
///     schools/<school>/receipts/<key>.json
///     schools/<school>/registrations/<id>.json
///     .index/                                  derived indexes, rebuilt when stale
///
/// Reads through a layout are confined to the store: a file or directory
/// whose real path (symbolic links followed) leaves the store directory is
/// refused, as are FIFOs, sockets, devices and files over
/// ``RawFile/maximumFileSize`` (see ``RawFile``).
public struct StoreLayout: Sendable {
    public let root: String
    /// The store directory's real path (symbolic links resolved), against
    /// which every read is confined; nil when it does not exist (yet).
    public let realRoot: String?

    public init(root: String) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        self.root = r
        realRoot = RawFile.realPath(r)
    }

    public func absolute(_ relative: String) -> String { "\(root)/\(relative)" }

    /// The root to confine reads to (the real path, found now if the store
    /// did not exist when the layout was made).
    var confinement: String? { realRoot ?? RawFile.realPath(root) }

    /// Opens a store file for reading; nil when it does not exist.
    func open(_ relative: String) throws(RawFile.ReadError) -> OpenFile? {
        try OpenFile(absolute(relative), confinedTo: confinement)
    }

    /// The whole of a store file.
    public func read(_ relative: String) throws(RawFile.ReadError) -> [UInt8] {
        guard let file = try open(relative) else { throw .missing }
        return try file.readAll()
    }

    /// The names in a store directory, sorted; nil when it does not exist.
    /// Throws when it is something else than a directory, or is reached
    /// through a link leading outside the store.
    public func list(_ relative: String) throws(RawFile.ReadError) -> [String]? {
        try RawFile.list(absolute(relative), confinedTo: confinement)
    }

    public static let storeFile = "store.json"
    public static let schoolsDirectory = "schools"
    public static let indexDirectory = ".index"

    public static func schoolDirectory(_ school: String) -> String { "schools/\(school)" }
    public static func schoolFile(_ school: String) -> String { "schools/\(school)/school.json" }
    public static func studentsFile(_ school: String) -> String { "schools/\(school)/students.json" }
    public static func contactsFile(_ school: String) -> String { "schools/\(school)/contacts.json" }
    public static func recordFile(_ school: String, _ kind: YearlyKind, _ year: AcademicYear) -> String {
        "schools/\(school)/\(kind.rawValue)/\(year).json"
    }
    public static func kindDirectory(_ school: String, _ kind: YearlyKind) -> String { "schools/\(school)/\(kind.rawValue)" }
    public static func messagesDirectory(_ school: String) -> String { "schools/\(school)/messages" }
    public static func messagesYearDirectory(_ school: String, _ year: AcademicYear) -> String { "schools/\(school)/messages/\(year)" }
    public static func messagesFile(_ school: String, _ year: AcademicYear, _ scope: MessageScope) -> String {
        "schools/\(school)/messages/\(year)/\(scope.fileStem).json"
    }
    /// The directory name, inside a messages year directory, of the attachment files.
    public static let attachmentsDirectoryName = "files"
    /// `schools/<school>/messages/<year>/files`: one directory per message with attachment files.
    public static func attachmentsDirectory(_ school: String, _ year: AcademicYear) -> String {
        "schools/\(school)/messages/\(year)/\(attachmentsDirectoryName)"
    }
    /// `schools/<school>/messages/<year>/files/<message>`: the attachment files of one message.
    public static func attachmentDirectory(_ school: String, _ year: AcademicYear, _ message: String) -> String {
        "\(attachmentsDirectory(school, year))/\(message)"
    }
    /// One attachment file, named as the message's attachment metadata names it.
    public static func attachmentFile(_ school: String, _ year: AcademicYear, _ message: String, _ name: String) -> String {
        "\(attachmentDirectory(school, year, message))/\(name)"
    }
    public static func inboxDirectory(_ school: String) -> String { "schools/\(school)/inbox" }
    public static func receiptsDirectory(_ school: String) -> String { "schools/\(school)/receipts" }
    public static func registrationsDirectory(_ school: String) -> String { "schools/\(school)/registrations" }
    public static func schoolAsset(_ school: String, _ name: String) -> String { "schools/\(school)/\(name)" }

    public static func indexFile(for relative: String, suffix: String = "idx") -> String { ".index/\(relative).\(suffix)" }

    /// The per-academic-year record files of a school, one per kind.
    public enum YearlyKind: String, Sendable, CaseIterable {
        case attendance
        case timetable
        case behaviour
        case achievements
        case assessments
        case calendar

        /// Whether the file holds one record per student (keyed by `student`).
        public var isPerStudent: Bool { self != .calendar }
        public var keyField: String { isPerStudent ? "student" : "id" }
    }
}
