import Foundation
import SchoolStore

/// What `xpressions status` says about the parent logged in to a data
/// directory: unread messages (in all and per child), when each school's
/// data was last synced, messages waiting to be sent, and whether the last
/// sync met trouble (the school data unreachable or invalid). Worked out
/// from the local model alone, and quickly: ``read(dataDirectory:files:)``
/// decodes only what it needs (no sync cursors, no attendance or
/// timetables), and counts unread messages as the app does without
/// building its search index.
public struct ParentStatus: Sendable, Equatable {
    /// One child's unread messages.
    public struct Child: Sendable, Equatable {
        public var ref: ChildRef
        /// "Ben Abbot (9A)".
        public var name: String
        /// "Ben Abbot".
        public var fullName: String
        /// "Ben".
        public var forename: String
        public var unread: Int
    }

    /// One of the parent's schools.
    public struct School: Sendable, Equatable {
        public var id: String
        public var name: String
        /// The last successful sync (nil: never).
        public var lastSync: Date?
        public var zoneIdentifier: String
        /// The school's own trouble at the last sync.
        public var trouble: StoreTrouble?
        /// Messages and replies to it not sent yet (queued or failed).
        public var queued: Int
        /// Of those, the ones that failed.
        public var failed: Int
    }

    /// Unread messages, each once whatever the number of children it concerns.
    public var unread: Int
    public var children: [Child]
    public var schools: [School]
    /// The whole store could not be used at the last sync.
    public var storeTrouble: StoreTrouble?
    /// Messages kept from an earlier moment (the app closed while one was
    /// written, a login that changed) waiting for the parent to send, edit
    /// or discard them in the app: never sent without them (status said 0
    /// messages waiting of one kept).
    public var kept = 0

    public init(unread: Int, children: [Child], schools: [School], storeTrouble: StoreTrouble?) {
        self.unread = unread
        self.children = children
        self.schools = schools
        self.storeTrouble = storeTrouble
    }

    /// The status of a snapshot the app holds.
    public init(model: ParentModel) {
        unread = model.unreadCount()
        children = model.children.map {
            Child(ref: $0.ref, name: $0.name, fullName: $0.fullName, forename: $0.forename, unread: $0.unreadCount)
        }
        schools = model.schools.map { s in
            let unsent = model.outbox.filter { $0.school == s.id && $0.kind != .receipt && $0.isUnsent }
            return School(
                id: s.id, name: s.name, lastSync: s.lastUpdated, zoneIdentifier: s.zone.identifier,
                trouble: model.schoolTroubles[s.id], queued: unsent.count,
                failed: unsent.filter(\.isFailed).count)
        }
        storeTrouble = model.storeTrouble
        kept = model.recovered.count
    }

    /// The status of the parent logged in to `dataDirectory`, read without
    /// changing anything (see ``ParentData``); the same errors.
    public static func read(dataDirectory: String, files: any FileLayer) throws(ExportError) -> ParentStatus {
        let session = try ParentData.readSession(dataDirectory: dataDirectory, files: files)
        let reading = try ModelReader.read(
            dataDirectory: dataDirectory, session: session.id, files: files, depth: .status)
        let all = try ParentData.outboxItems(dataDirectory: dataDirectory, files: files)
        let items = all.filter { $0.isCurrent(in: session) }
        var status = ParentStatus(
            state: reading.state, messages: reading.messages, schoolOrder: session.schools.map(\.school), outbox: items,
            unreadListed: reading.unreadListed)
        status.kept = all.filter { $0.isKept(for: session) && $0.kind != .receipt }.count
        return status
    }

    /// Counts as ``ParentModel`` does (the same schools, children, names and
    /// read state), from each school's message ids and children, without
    /// the messages themselves or the timeline's search index.
    /// `unreadListed`: `messages` are the unread ones as the last commit
    /// saw them (the manifest's list), already net of the read state.
    init(
        state: ModelState, messages: [String: [TimelineScanner.Entry]], schoolOrder: [String], outbox: [OutboxItem],
        unreadListed: Bool = false
    ) {
        var read = state.read.read
        if !unreadListed {
            // A receipt queued but not yet in the read state (a crash between the two).
            for item in outbox where item.kind == .receipt {
                if let m = item.message { read.insert(ReadPart.key(school: item.school, message: m)) }
            }
        }
        read.subtract(state.read.unread)  // marked unread again (N), as ParentModel counts
        let order = schoolOrder + state.schools.keys.sorted().filter { !schoolOrder.contains($0) }
        var unreadTotal = 0
        var perChild: [ChildRef: Int] = [:]
        var children: [Child] = []
        var schools: [School] = []
        for id in order {
            guard let part = state.schools[id] else { continue }
            let school = part.school
            let present = Set(part.children.filter { state.children[ChildRef(school: id, student: $0)] != nil })
            for m in messages[id] ?? [] where !read.contains(ReadPart.key(school: id, message: m.id)) {
                let concerned = m.children.filter(present.contains)
                guard !concerned.isEmpty else { continue }
                unreadTotal += 1
                for student in concerned { perChild[ChildRef(school: id, student: student), default: 0] += 1 }
            }
            let year = state.syncedAt[id].map { AcademicYear(containing: school.zone.civilDate(of: $0)) }
            for child in state.children(of: id) {
                let s = child.student
                children.append(
                    Child(
                        ref: child.ref, name: s.displayName(showingGroup: school.showRegistrationGroup, in: year),
                        fullName: s.fullName,
                        forename: s.displayForename, unread: perChild[child.ref] ?? 0))
            }
            let unsent = outbox.filter { $0.school == id && $0.kind != .receipt && $0.isUnsent }
            schools.append(
                School(
                    id: id, name: school.name, lastSync: state.syncedAt[id], zoneIdentifier: school.zone.identifier,
                    trouble: state.troubles[id], queued: unsent.count,
                    failed: unsent.filter(\.isFailed).count))
        }
        self.init(
            unread: unreadTotal, children: children, schools: schools, storeTrouble: state.troubles[ModelState.storeKey]
        )
    }

    /// The status of one child: its unread messages, its school's sync,
    /// trouble and messages waiting.
    public func only(_ child: ChildRef) -> ParentStatus {
        let kids = children.filter { $0.ref == child }
        return ParentStatus(
            unread: kids.first?.unread ?? 0, children: kids, schools: schools.filter { $0.id == child.school },
            storeTrouble: storeTrouble)
    }

    /// The latest successful sync of any school (nil: never).
    public var lastSync: Date? { schools.compactMap(\.lastSync).max() }
    /// Messages and replies not sent yet (queued or failed).
    public var queued: Int { schools.reduce(0) { $0 + $1.queued } }
    /// Of those, the ones that failed (the parent has to retry or discard them).
    public var failed: Int { schools.reduce(0) { $0 + $1.failed } }
    /// The store's trouble, else the first school's.
    public var trouble: StoreTrouble? { storeTrouble ?? schools.lazy.compactMap(\.trouble).first }
    /// The schools with trouble (`*` for the whole store).
    public var troubledSchools: [String] {
        (storeTrouble == nil ? [] : ["*"]) + schools.filter { $0.trouble != nil }.map(\.id)
    }

    /// The zone times are shown in: the first school's.
    var zone: SchoolTimeZone { schools.first.flatMap { SchoolTimeZone(identifier: $0.zoneIdentifier) } ?? .utc }

    /// "Ben 2, Amy 1": the children with unread messages.
    public var childrenText: String {
        children.filter { $0.unread > 0 }.map { "\($0.forename) \($0.unread)" }.joined(separator: ", ")
    }

    /// "10:42" for a sync today (in the first school's time), "17 Mar" for
    /// an earlier one this year, "17 Mar 2025" before, "never" before the first.
    public func syncedText(now: Date) -> String {
        guard let lastSync else { return "never" }
        let zone = self.zone
        let day = zone.civilDate(of: lastSync)
        let today = zone.civilDate(of: now)
        if day == today { return zone.clockText(lastSync) }
        return day.year == today.year ? day.shortText : "\(day.shortText) \(day.year)"
    }

    /// The status as JSON (a stable shape; fields are only ever added):
    /// `{"loggedIn": true, "unread", "children": [{"student", "school",
    /// "name", "forename", "unread"}], "lastSync", "queued", "failed", "kept",
    /// "trouble": null or {"kind", "since", "schools", "message"}, "text"}`.
    public func json(text: String) -> String {
        let zone = self.zone
        var o = JSONObjectBuilder()
        o.set("loggedIn", true)
        o.set("unread", unread)
        o.set(
            "children",
            .array(
                children.map { c in
                    var x = JSONObjectBuilder()
                    x.set("student", c.ref.student)
                    x.set("school", c.ref.school)
                    x.set("name", c.name)
                    x.set("forename", c.forename)
                    x.set("unread", c.unread)
                    return x.value
                }))
        o.set("lastSync", lastSync.map { .string(zone.format($0)) } ?? .null)
        o.set("queued", queued)
        o.set("failed", failed)
        o.set("kept", kept)
        if let trouble {
            var t = JSONObjectBuilder()
            t.set("kind", trouble.kind.rawValue)
            t.set("since", trouble.since, zone: zone)
            t.set("schools", troubledSchools)
            t.set("message", trouble.message)
            o.set("trouble", t.value)
        } else {
            o.set("trouble", .null)
        }
        o.set("text", text)
        return JSONWriter().string(o.value)
    }

    /// The JSON for nobody logged in: `{"loggedIn": false}`.
    public static let loggedOutJSON = JSONWriter().string(.object([("loggedIn", .bool(false))]))
}
