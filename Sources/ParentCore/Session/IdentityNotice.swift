import Foundation
import SchoolStore

/// What a sync's identity re-check took away ("Green Abbey School no longer
/// holds these details for you: Ben and Amy are no longer shown"), kept for
/// a week in the data directory (`identity-changes.json`), so the app says
/// it at its next start even when another process (`xpressions sync`) made
/// the change. Only the session's own notices are shown.
public struct IdentityNotice: Sendable, Equatable {
    public var at: Date
    public var text: String
    /// The school that went (nil in a file written before it was kept): a
    /// notice goes when its school joins the session again.
    public var school: String?
    /// When it happened on the clock the app shows (a demo date, `--now`),
    /// for saying when; `at` (the real time) decides how long it is kept.
    /// nil in a file written before it was kept.
    public var shownAt: Date?
    /// For a school's first sync, not a change of identity: how many of its
    /// messages started read for being over 14 days old. Said on Home for a
    /// day whichever process synced (a first sync by `xpressions sync`
    /// left Home silent about it).
    public var history: Int?

    public init(at: Date, text: String, school: String? = nil, shownAt: Date? = nil, history: Int? = nil) {
        self.at = at
        self.text = text
        self.school = school
        self.shownAt = shownAt
        self.history = history
    }

    /// How long this notice is shown: a week, a day for a history note.
    var shownFor: TimeInterval { history == nil ? IdentityNotice.keptFor : 86_400 }

    static let fileName = "identity-changes.json"
    /// How long a notice is shown.
    static let keptFor: TimeInterval = 7 * 86_400
    /// The most kept (the newest).
    static let limit = 10

    /// The session's notices younger than a week, newest first; none when
    /// the file is missing or cannot be read (a notice is a courtesy: the
    /// change itself is in the session and the model).
    /// `history`: the first syncs' history notes instead (``history``).
    static func read(session: String, dataDirectory: String, files: any FileLayer, now: Date, history: Bool = false)
        -> [IdentityNotice]
    {
        read(dataDirectory: dataDirectory, files: files).filter {
            $0.session == session && now.timeIntervalSince($0.notice.at) < $0.notice.shownFor
                && ($0.notice.history != nil) == history
        }.map(\.notice).sorted { $0.at > $1.at }
    }

    /// Adds notices for `session` (under the data directory's lock), keeping
    /// the newest ``limit`` that are younger than a week.
    static func add(
        _ notices: [IdentityNotice], session: String, dataDirectory: String, files: any FileLayer, now: Date,
        removingSchools rejoined: Set<String> = []
    ) throws {
        guard !notices.isEmpty || !rejoined.isEmpty else { return }
        try files.makeDirectory(dataDirectory)
        try DirectoryLock.withLock(dataDirectory) {
            // The same words said again replace the older entry (a change
            // re-checked twice was listed twice).
            let texts = Set(notices.map(\.text))
            var all = read(dataDirectory: dataDirectory, files: files).filter {
                now.timeIntervalSince($0.notice.at) < $0.notice.shownFor
                    && !($0.session == session && $0.notice.school.map(rejoined.contains) == true)
                    && !($0.session == session && texts.contains($0.notice.text))
            }
            all += notices.map { (session, $0) }
            all = Array(all.sorted { $0.notice.at > $1.notice.at }.prefix(limit))
            let array = JSONValue.array(
                all.map { entry in
                    var o = JSONObjectBuilder()
                    o.set("session", entry.session)
                    o.set("at", Timestamp.format(entry.notice.at))
                    o.set("text", entry.notice.text)
                    if let school = entry.notice.school { o.set("school", school) }
                    if let shown = entry.notice.shownAt { o.set("shownAt", Timestamp.format(shown)) }
                    if let history = entry.notice.history { o.set("history", history) }
                    return o.value
                })
            try files.writeAtomically(JSONWriter().write(array), to: Paths.join(dataDirectory, fileName))
        }
    }

    private static func read(dataDirectory: String, files: any FileLayer) -> [(session: String, notice: IdentityNotice)]
    {
        guard let bytes = try? files.read(Paths.join(dataDirectory, fileName)),
            case .array(let values)? = try? JSONParser.parse(bytes)
        else { return [] }
        return values.compactMap { value in
            guard case .string(let session)? = value["session"], case .string(let at)? = value["at"],
                let date = Timestamp.parse(at), case .string(let text)? = value["text"]
            else { return nil }
            var school: String? = nil
            if case .string(let s)? = value["school"] { school = s }
            var shown: Date? = nil
            if case .string(let s)? = value["shownAt"] { shown = Timestamp.parse(s) }
            var history: Int? = nil
            if case .number(let n)? = value["history"], n >= 0, n < 1e9 { history = Int(n) }
            return (session, IdentityNotice(at: date, text: text, school: school, shownAt: shown, history: history))
        }
    }
}
