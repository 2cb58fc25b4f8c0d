import Foundation
import SchoolStore

/// Everything the local model holds, in memory: the decoded parts of one
/// generation. Values only; ``LocalModel`` reads and writes it and
/// ``ParentModel`` is the query view the app holds.
struct ModelState: Sendable, Equatable {
    var session: String
    var generation: Int = 0
    var schools: [String: SchoolPart] = [:]
    var cursors: [String: CursorPart] = [:]
    var children: [ChildRef: ChildPart] = [:]
    /// By part name.
    var timelines: [String: TimelinePart] = [:]
    var read = ReadPart(read: [])
    var syncedAt: [String: Date] = [:]
    /// Store troubles since the last good sync: by school id, and
    /// ``ModelState/storeKey`` for the whole store.
    var troubles: [String: StoreTrouble] = [:]
    /// Part name → the file holding it (its generation), as the manifest
    /// says: equal file names, equal part.
    var files: [String: String] = [:]

    init(session: String) { self.session = session }

    /// The key of the whole store's trouble among `troubles` (school ids
    /// never hold `*`).
    static let storeKey = "*"

    var isEmpty: Bool { schools.isEmpty && children.isEmpty && timelines.isEmpty && read.read.isEmpty }

    /// Every part, by name.
    var parts: [String: ModelPart] {
        var out: [String: ModelPart] = [:]
        for p in schools.values { out[p.partName] = .school(p) }
        for p in cursors.values { out[p.partName] = .cursors(p) }
        for p in children.values { out[p.partName] = .child(p) }
        for p in timelines.values { out[p.partName] = .timeline(p) }
        if !read.read.isEmpty { out[PartName.read] = .read(read) }
        return out
    }

    mutating func put(_ part: ModelPart) {
        switch part {
        case .school(let p): schools[p.id] = p
        case .cursors(let p): cursors[p.school] = p
        case .child(let p): children[p.ref] = p
        case .timeline(let p): timelines[p.partName] = p
        case .read(let p): read = p
        }
    }

    mutating func remove(_ name: String) {
        if let s = schools.first(where: { $0.value.partName == name })?.key {
            schools[s] = nil
            return
        }
        if let s = cursors.first(where: { $0.value.partName == name })?.key {
            cursors[s] = nil
            return
        }
        if let c = children.first(where: { $0.value.partName == name })?.key {
            children[c] = nil
            return
        }
        if timelines[name] != nil {
            timelines[name] = nil
            return
        }
        if name == PartName.read { read = ReadPart(read: []) }
    }

    /// Each school's messages not read now (marked unread again included):
    /// id and children, as the manifest keeps them for `status`.
    func unreadEntries() -> [String: [TimelineScanner.Entry]] {
        var out: [String: [TimelineScanner.Entry]] = [:]
        for name in timelines.keys.sorted(by: >) {
            let part = timelines[name]!
            let prefix = part.school + "/"
            for m in part.messages {
                let key = prefix + m.message.id
                if read.read.contains(key) && !read.unread.contains(key) { continue }
                out[part.school, default: []].append(TimelineScanner.Entry(id: m.message.id, children: m.children))
            }
        }
        return out
    }

    /// The files of the parts the timeline is built from (timelines and
    /// schools); equal, and the same children, means the same timeline.
    var timelineFiles: [String: String] {
        files.filter { $0.key.hasPrefix("timeline.") || $0.key.hasPrefix("school.") }
    }

    /// The timeline parts of one school, newest month first.
    func timelines(of school: String) -> [TimelinePart] {
        timelines.values.filter { $0.school == school }.sorted { $0.month > $1.month }
    }

    /// The timeline parts of one school and academic year.
    func timelines(of school: String, year: AcademicYear) -> [TimelinePart] {
        timelines.values.filter { $0.school == school && $0.year == year }.sorted { $0.month > $1.month }
    }

    /// The schools the model holds anything of.
    var schoolIDs: Set<String> {
        Set(schools.keys).union(cursors.keys).union(children.keys.map(\.school)).union(timelines.values.map(\.school))
    }

    /// The names of every part of a school (its details, cursors, children
    /// and timeline parts): what goes when it is no longer the parent's.
    func partNames(of school: String) -> [String] {
        var names: [String] = []
        if let p = schools[school] { names.append(p.partName) }
        if let p = cursors[school] { names.append(p.partName) }
        names += children.values.filter { $0.ref.school == school }.map(\.partName)
        names += timelines.values.filter { $0.school == school }.map(\.partName)
        return names
    }

    /// This state without the schools not in `kept` (a snapshot taken
    /// between a session losing a school and the sync that removes it).
    func keeping(schools kept: Set<String>) -> ModelState {
        let gone = schoolIDs.subtracting(kept)
        guard !gone.isEmpty else { return self }
        var s = self
        for school in gone {
            for name in partNames(of: school) {
                s.remove(name)
                s.files[name] = nil
            }
            s.syncedAt[school] = nil
            s.troubles[school] = nil
        }
        return s
    }

    /// The children of one school, in the school part's order.
    func children(of school: String) -> [ChildPart] {
        (schools[school]?.children ?? []).compactMap { children[ChildRef(school: school, student: $0)] }
    }
}
