import Foundation
import SchoolStore

extension SyncEngine {
    /// What ``storeReports(school:children:old:)`` found.
    struct StoreReports {
        var reports: [OutboxItem]
        /// The inbox and acknowledgements folders' stamps (nil when a record
        /// could not be read: read again at the next sync, whatever they say).
        var stamp: String?
        /// The newest inbox record's modification time seen.
        var seenUpTo: Int64?
        /// Acknowledgement records that could not be read, named (a sync
        /// said nothing of another device's report's, and exited 0).
        var problems: [String] = []
    }

    /// Records this much older than the newest one seen last time are not
    /// read again (two seconds: a record written in the same clock tick as
    /// the last read's newest is still read).
    static let reportsMargin: Int64 = 2_000_000_000

    /// The absence reports about the parent's `children` at `school` that
    /// are in the store's inbox, with the school's acknowledgements: made
    /// on any device, by any contact of the child (the child's other parent
    /// too), so every device of the parent sees that the school has been
    /// told, and how far it got. nil when nothing changed since `old` was
    /// read (the folders' stamps), or the inbox cannot be listed (the last
    /// reports are kept).
    ///
    /// Only what the records say about the child is kept: the sessions and
    /// the reason, never the note or the text. Who wrote a record cannot be
    /// told from it (a contact record may since hold someone else's
    /// details), so the note stays on the device that sent it.
    ///
    /// Cost: a record is read once; later syncs list the folder and stat
    /// the records newer than the last read's newest, and read one
    /// acknowledgement file per report about these children.
    func storeReports(school: String, children: Set<String>, old: SchoolPart?) -> StoreReports? {
        let writer = StoreWriter(root: source.root, files: files)
        let inbox = StoreLayout.inboxDirectory(school)
        let folders = [inbox, StoreLayout.acknowledgementsDirectory(school)]
        let stamp = folders.map { folder -> String in
            let paths = [writer.layout.absolute(folder)] + (writer.layout.lower.map { ["\($0)/\(folder)"] } ?? [])
            return paths.map { path in
                files.modificationInfo(path).map { "\($0.inode).\($0.modificationNanoseconds).\($0.size)" } ?? "-"
            }.joined(separator: "/")
        }.joined(separator: "|")
        if let old, old.reportsStamp == stamp { return nil }
        let names: [String]
        do throws(RawFile.ReadError) { names = try writer.layout.list(inbox) ?? [] } catch { return nil }
        let known = Dictionary((old?.reports ?? []).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let floor = (old?.reportsSeenUpTo).map { $0 - SyncEngine.reportsMargin }
        var newest = old?.reportsSeenUpTo
        var unreadable: Int64?
        var reports: [OutboxItem] = []
        for name in names where name.hasSuffix(".json") && !TemporaryFileName.isTemporary(name) {
            let key = String(name.dropLast(5))
            if let item = known[key] {
                reports.append(item)
                continue
            }
            guard let info = files.modificationInfo(writer.layout.resolved("\(inbox)/\(name)")) else { continue }
            let at = info.modificationNanoseconds
            newest = max(newest ?? at, at)
            if let floor, at < floor { continue }
            let record: InboxItem?
            do { record = try writer.inboxRecord(key, school: school) } catch {
                // Read again next time (a record being restored, a
                // permission glitch): never dropped for good.
                unreadable = min(unreadable ?? at, at)
                continue
            }
            guard let record, var report = record.absence, children.contains(report.student) else { continue }
            report.note = nil
            reports.append(
                OutboxItem(
                    key: record.key, kind: .absence, school: school, contacts: record.contacts,
                    students: record.students, topic: record.topic, body: nil, createdAt: record.createdAt,
                    state: .sent(at: record.createdAt), absence: report))
        }
        var problems: [String] = []
        for i in reports.indices {
            let found: AbsenceAcknowledgement?
            do { found = try writer.acknowledgement(of: reports[i].key, school: school) } catch {
                // Said, and read again next time (the folders' stamp is not kept).
                let line =
                    (error as? StoreProblems)?.problems.first?.description ?? "an acknowledgement could not be read"
                if !problems.contains(line) { problems.append(line) }
                continue
            }
            guard let ack = found else { continue }
            // Validate's rule: never before the report was made.
            reports[i].acknowledgedAt = ack.acknowledgedAt >= reports[i].createdAt ? ack.acknowledgedAt : nil
        }
        reports.sort { ($0.createdAt, $0.key) < ($1.createdAt, $1.key) }
        if let unreadable {
            return StoreReports(
                reports: reports, stamp: nil,
                seenUpTo: min(newest ?? unreadable, unreadable - 2 * SyncEngine.reportsMargin), problems: problems)
        }
        return StoreReports(
            reports: reports, stamp: problems.isEmpty ? stamp : nil, seenUpTo: newest, problems: problems)
    }
}
