import Foundation
import ParentCore
import SchoolStore

/// Issue #13's first-doctor figure: `doctor` on a store nobody has opened
/// yet (4 schools of 300 students, 2 years: validated, then its login and
/// record indexes built) against the same `doctor` once the store has been
/// seen (validation remembered, indexes on disk).
enum DoctorBenchmarks {
    /// What `xpressions doctor` does with a store: validate unless the
    /// files are as they were at the last validation, open the store, match
    /// the parent (login lookup across schools, their records and children).
    static func doctor(_ root: String, email: String, mobile: String, at: Date) throws {
        let report = StoreValidator(root: root).validateUsingCache()
        precondition(report.isValid, "benchmark store invalid: \(report.problems.prefix(3))")
        let store = try FileStore(root: root)
        let match = try IdentityMatcher(store: store).match(email: email, mobile: mobile, at: at)
        precondition(match.identified, "the benchmark parent was not found")
    }

    /// The same without validation: the index build and the lookup alone.
    static func lookup(_ root: String, email: String, mobile: String, at: Date) throws {
        let store = try FileStore(root: root)
        let match = try IdentityMatcher(store: store).match(email: email, mobile: mobile, at: at)
        precondition(match.identified, "the benchmark parent was not found")
    }

    static func run(work: String, quick: Bool) throws -> BenchTable {
        var table = BenchTable(title: "First doctor (issue #13)")
        let pristine = try StoreBenchmarks.store(work, schools: 4, students: quick ? 100 : 300, years: 2, seed: 7)
        let fresh = "\(work)/doctor-fresh"
        let probe = try FileStore(root: pristine)
        let school = probe.schoolIDs()[1]
        let contact = try probe.allContacts(school: school).first {
            $0.emails.count == 1 && EmailAddress.isValid($0.emails[0]) && $0.phones.contains { $0.type == .mobile }
        }!
        let email = contact.emails[0]
        let mobile = contact.phones.first { $0.type == .mobile }!.number
        let at = Date(timeIntervalSince1970: 1_773_830_000)
        // A copy nobody has opened: no .index directory, no validation remembered.
        func copyFresh() throws {
            try? FileManager.default.removeItem(atPath: fresh)
            try FileManager.default.copyItem(atPath: pristine, toPath: fresh)
            try? FileManager.default.removeItem(atPath: "\(fresh)/\(StoreLayout.indexDirectory)")
        }
        let name =
            "first doctor on a new \(quick ? 100 : 300)-student × 4-school, 2-year store (validate, index, look up)"
        let second = "second doctor on that store"
        table.add(
            name,
            try BenchClock.measureEach(runs: 5, warmup: 1, prepare: copyFresh) {
                try doctor(fresh, email: email, mobile: mobile, at: at)
            }, reference: second, note: "target ≤ 1 s")
        table.add(
            second,
            try BenchClock.measure(runs: 20, warmup: 1) {
                try doctor(fresh, email: email, mobile: mobile, at: at)
            })
        let secondLookup = "second lookup (indexes on disk)"
        table.add(
            "first lookup on a new store (login and record indexes built, no validation)",
            try BenchClock.measureEach(runs: 5, warmup: 1, prepare: copyFresh) {
                try lookup(fresh, email: email, mobile: mobile, at: at)
            }, reference: secondLookup)
        table.add(
            secondLookup,
            try BenchClock.measure(runs: 20, warmup: 1) {
                try lookup(fresh, email: email, mobile: mobile, at: at)
            })
        table.add(
            "build every index of that store (store index)",
            try BenchClock.measureEach(runs: 5, warmup: 1, prepare: copyFresh) {
                try StoreIndexer(root: fresh).buildAll()
            })
        try? FileManager.default.removeItem(atPath: fresh)
        return table
    }
}
