import Foundation
import SchoolStore

extension SyncEngine {
    /// The absence reports about the parent's `children` at `school` that
    /// are in the store's inbox, with the school's acknowledgements: made
    /// on any device, by any contact of the child (the child's other
    /// parent too), so every device of the parent sees that the school has
    /// been told, and how far it got. Read again only when the inbox or
    /// the acknowledgements folder has changed since `old` was read (their
    /// stamps, above and below an overlay): nil then, and when neither can
    /// be listed (the last reports are kept).
    ///
    /// What another contact wrote stays theirs: a report made from contact
    /// records that are not this session's keeps its sessions and reason,
    /// never its note.
    func storeReports(school: String, children: Set<String>, contacts: [String], old: SchoolPart?) -> (
        reports: [OutboxItem], stamp: String
    )? {
        let writer = StoreWriter(root: source.root, files: files)
        let folders = [StoreLayout.inboxDirectory(school), StoreLayout.acknowledgementsDirectory(school)]
        let stamp = folders.map { folder -> String in
            let paths = [writer.layout.absolute(folder)] + (writer.layout.lower.map { ["\($0)/\(folder)"] } ?? [])
            return paths.map { path in
                files.modificationInfo(path).map { "\($0.inode).\($0.modificationNanoseconds).\($0.size)" } ?? "-"
            }.joined(separator: "/")
        }.joined(separator: "|")
        if let old, old.reportsStamp == stamp { return nil }
        let skipped = ProblemList()
        guard let inbox = try? writer.absenceReports(school: school, skipped: skipped) else { return nil }
        let acknowledged = (try? writer.acknowledgements(school: school, skipped: skipped)) ?? [:]
        let mine = Set(contacts)
        let reports = inbox.compactMap { record -> OutboxItem? in
            guard var report = record.absence, children.contains(report.student) else { return nil }
            let own = record.contacts.contains(where: mine.contains)
            if !own { report.note = nil }
            var item = OutboxItem(
                key: record.key, kind: .absence, school: school, contacts: record.contacts,
                students: record.students, topic: record.topic, body: own ? record.body : nil,
                createdAt: record.createdAt, state: .sent(at: record.createdAt), absence: report,
                acknowledgedAt: acknowledged[record.key].flatMap {
                    $0.acknowledgedAt >= record.createdAt ? $0.acknowledgedAt : nil
                })
            item.schoolName = nil
            return item
        }
        return (reports, stamp)
    }
}
