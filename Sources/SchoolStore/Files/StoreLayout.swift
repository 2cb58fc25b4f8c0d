import Glibc

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
///     schools/<school>/acknowledgements/<key>.json  written by the school side: absence reports seen
///     login-attempts/<digest>/<key>.json      failed logins, by keyed email digest (store-wide)
///     .index/                                  derived indexes, rebuilt when stale
///
/// Reads through a layout are confined to the store: a file or directory
/// whose real path (symbolic links followed) leaves the store directory is
/// refused, as are FIFOs, sockets, devices and files over
/// ``RawFile/maximumFileSize`` (see ``RawFile``).
///
/// A store directory can be an overlay on a read-only store (see
/// ``StoreOverlay``): a path it does not hold is read from the store below,
/// directories list the names of both, and every write (``absolute(_:)``)
/// goes to the overlay. The app uses the built-in demo store this way, in
/// place, with the demo's write-backs in the data directory.
public struct StoreLayout: Sendable {
    public let root: String
    /// The store directory's real path (symbolic links resolved), against
    /// which every read is confined; nil when it does not exist (yet).
    public let realRoot: String?
    /// The read-only store below an overlay (nil for a plain store), and
    /// its real path, against which reads that fall through are confined.
    public let lower: String?
    let realLower: String?

    public init(root: String) {
        var r = root
        while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
        self.root = r
        realRoot = RawFile.realPath(r)
        lower = StoreOverlay.lower(of: r)
        realLower = lower.flatMap(RawFile.realPath)
    }

    /// Where `relative` is written: always in `root` (the overlay, if any).
    public func absolute(_ relative: String) -> String { "\(root)/\(relative)" }

    /// Where `relative` is read from: in `root` when anything is there (or
    /// for the store's own indexes, never shared with the store below), else
    /// in the store below when it is there, else in `root`.
    public func resolved(_ relative: String) -> String {
        resolvedWithConfinement(relative).path
    }

    private func resolvedWithConfinement(_ relative: String) -> (path: String, confinement: String?) {
        let upper = absolute(relative)
        guard let lower, !relative.hasPrefix(StoreLayout.indexDirectory) else { return (upper, confinement) }
        var st = stat()
        if lstat(upper, &st) == 0 { return (upper, confinement) }
        let below = "\(lower)/\(relative)"
        if lstat(below, &st) == 0 { return (below, realLower ?? RawFile.realPath(lower)) }
        return (upper, confinement)
    }

    /// The stamp of the file `relative` reads from; nil when there is none.
    public func stamp(_ relative: String) -> FileStamp? { FileStamp.of(resolved(relative)) }

    /// True when `relative` is a directory (in the overlay or below it).
    public func isDirectory(_ relative: String) -> Bool {
        RawFile.isDirectory(absolute(relative)) || (lower.map { RawFile.isDirectory("\($0)/\(relative)") } ?? false)
    }

    /// The root to confine reads to (the real path, found now if the store
    /// did not exist when the layout was made).
    var confinement: String? { realRoot ?? RawFile.realPath(root) }

    /// Opens a store file for reading; nil when it does not exist.
    func open(_ relative: String) throws(RawFile.ReadError) -> OpenFile? {
        let (path, confinement) = resolvedWithConfinement(relative)
        return try OpenFile(path, confinedTo: confinement)
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
        let upper = try RawFile.list(absolute(relative), confinedTo: confinement)
        guard let lower, !relative.hasPrefix(StoreLayout.indexDirectory),
            let below = try RawFile.list("\(lower)/\(relative)", confinedTo: realLower ?? RawFile.realPath(lower))
        else { return upper }
        guard let upper else { return below }
        return Array(Set(upper).union(below)).sorted()
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
    public static func kindDirectory(_ school: String, _ kind: YearlyKind) -> String {
        "schools/\(school)/\(kind.rawValue)"
    }
    public static func messagesDirectory(_ school: String) -> String { "schools/\(school)/messages" }
    public static func messagesYearDirectory(_ school: String, _ year: AcademicYear) -> String {
        "schools/\(school)/messages/\(year)"
    }
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
    public static func attachmentFile(_ school: String, _ year: AcademicYear, _ message: String, _ name: String)
        -> String
    {
        "\(attachmentDirectory(school, year, message))/\(name)"
    }
    public static func inboxDirectory(_ school: String) -> String { "schools/\(school)/inbox" }
    public static func receiptsDirectory(_ school: String) -> String { "schools/\(school)/receipts" }
    public static func registrationsDirectory(_ school: String) -> String { "schools/\(school)/registrations" }
    public static func acknowledgementsDirectory(_ school: String) -> String { "schools/\(school)/acknowledgements" }
    public static func schoolAsset(_ school: String, _ name: String) -> String { "schools/\(school)/\(name)" }

    /// Whether a path a school's records give (a logo, a photo) stays inside
    /// the school's folder: validate's rule, and the app's (a photo of
    /// "../riverside-primary/logo.ppm" showed another school's logo).
    public static func staysInSchool(_ path: String) -> Bool { !path.contains("..") && !path.hasPrefix("/") }

    /// Login attempt records, store-wide: one directory per keyed digest of
    /// a normalised email, one create-only file per attempt or success.
    public static let loginAttemptsDirectory = "login-attempts"
    public static func loginAttemptsDirectory(_ digest: String) -> String { "\(loginAttemptsDirectory)/\(digest)" }
    public static func loginAttemptFile(_ digest: String, _ key: String) -> String {
        "\(loginAttemptsDirectory)/\(digest)/\(key).json"
    }

    public static func indexFile(for relative: String, suffix: String = "idx") -> String {
        ".index/\(relative).\(suffix)"
    }

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
