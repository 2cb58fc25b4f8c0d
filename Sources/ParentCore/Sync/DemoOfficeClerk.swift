import Foundation
import SchoolStore

/// A demo store's school office (`store.json`'s ``DemoOffice``), answering
/// as its staff would from Messenger: each absence report at one of its
/// schools is acknowledged once it is the office's delay old, stamped at
/// the report's time plus that delay (when the office "saw" it), so the
/// parent reads "Acknowledged by the school at 09:13" a minute after
/// reporting at 09:12. Run by a sync, before it collects
/// acknowledgements, so that sync shows it. Best effort: an answer that
/// cannot be written now leaves the report waiting, as a busy office would.
enum DemoOfficeClerk {
    /// Acknowledges what is due at `schools` (the session's); the number written.
    @discardableResult
    static func answer(
        _ office: DemoOffice, schools: [String], source: any SchoolDataSource, files: any FileLayer, now: Date
    ) -> Int {
        let writer = StoreWriter(root: source.root, files: files)
        var written = 0
        for school in schools where office.acknowledgesAbsences.contains(school) {
            guard let reports = try? writer.absenceReports(school: school), !reports.isEmpty,
                let done = try? writer.acknowledgements(school: school)
            else { continue }
            let delay = TimeInterval(office.afterSeconds)
            // The school's zone (a read of its school.json) only when there is an answer to write.
            var zone: SchoolTimeZone?
            for report in reports where done[report.key] == nil {
                let due = report.createdAt.addingTimeInterval(delay)
                guard due <= now else { continue }
                if zone == nil { zone = try? source.school(school).zone }
                guard let zone else { break }
                let acknowledgement = AbsenceAcknowledgement(report: report.key, acknowledgedAt: due)
                if (try? writer.acknowledge(acknowledgement, school: school, zone: zone)) == true { written += 1 }
            }
        }
        return written
    }
}
