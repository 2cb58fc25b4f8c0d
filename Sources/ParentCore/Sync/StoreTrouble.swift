import Foundation

/// The school data store, or one school in it, could not be used by the
/// syncs since `since`: what the app's banner says ("Can't reach the school
/// data since 10:42: showing what you had at 10:35"). The local model keeps the
/// last good state meanwhile; the trouble clears at the first sync that
/// gets through.
public struct StoreTrouble: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Not there, or cannot be read: the store directory is missing, a
        /// school's directory or file is gone or is not a file.
        case unreachable
        /// There, but not valid: a file does not decode, or refers to a record
        /// that does not exist.
        case invalid
    }

    public var kind: Kind
    /// The first failed sync after the last good one (the app's clock).
    public var since: Date
    /// The store file concerned (relative to the store), when there is one.
    public var file: String?
    /// The problem, said plainly and naming the file (and record and field).
    public var message: String
    /// The school's name, when the store said it: a school the model holds
    /// nothing of yet (an as-of view's first sync, a new device) is named
    /// by it in the banner (it vanished without one, or was said by id).
    public var schoolName: String?
    /// The other files held back with `file` (a school's behaviour,
    /// calendar and assessments files broken at once): each screen that
    /// shows one says it can't be read (only the first one's did).
    public var otherFiles: [String] = []

    public init(
        kind: Kind, since: Date, file: String? = nil, message: String, schoolName: String? = nil,
        otherFiles: [String] = []
    ) {
        self.kind = kind
        self.since = since
        self.file = file
        self.message = message
        self.schoolName = schoolName
        self.otherFiles = otherFiles
    }

    /// Whether a file whose path holds `fragment` (`/attendance/`) is one
    /// of those this trouble is about.
    public func concerns(_ fragment: String) -> Bool {
        (file?.contains(fragment) ?? false) || otherFiles.contains { $0.contains(fragment) }
    }

    /// The same trouble, whatever its start: a sync that meets it again does
    /// not need to record anything.
    func isSame(as other: StoreTrouble?) -> Bool {
        guard let other else { return false }
        return kind == other.kind && file == other.file && message == other.message && otherFiles == other.otherFiles
    }
}
