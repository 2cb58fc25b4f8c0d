import Foundation
import ParentCore
import SchoolStore

#if canImport(Glibc)
    import Glibc
#endif

/// Issue #3's figure: a login lookup in a store of 500 schools (about a
/// million contacts), against the floor of touching every school's
/// contacts file once.
enum LoginBenchmarks {
    static func run(work: String, quick: Bool) throws -> BenchTable {
        let schools = quick ? 50 : 500
        var table = BenchTable(title: "Login lookup (issue #3)")
        let dir = "\(work)/login-\(schools)x1600"
        if !RawFile.exists("\(dir)/store.json") {
            try? FileManager.default.removeItem(atPath: dir)
            let start = BenchClock.now()
            try StoreGenerator(
                options: GeneratorOptions(schools: schools, studentsPerSchool: 1600, years: 0, seed: 11, photos: false)
            ).generate(into: dir)
            print("generated \(dir) in \(BenchTable.format(BenchClock.now() - start))")
        }
        let indexStart = BenchClock.now()
        try StoreIndexer(root: dir).buildAll()
        print("indexes ready in \(BenchTable.format(BenchClock.now() - indexStart))")

        // Parents to look up: a spread of contacts with an email and a mobile.
        let probe = try FileStore(root: dir)
        var logins: [(String, String)] = []
        var contactCount = 0
        for (i, school) in probe.schoolIDs().enumerated() {
            let contacts = try probe.allContacts(school: school)
            contactCount += contacts.count
            if i % max(1, schools / 20) == 0,
                let c = contacts.first(where: {
                    $0.emails.count == 1 && EmailAddress.isValid($0.emails[0])
                        && $0.phones.contains { $0.type == .mobile }
                })
            {
                logins.append((c.emails[0], c.phones.first { $0.type == .mobile }!.number))
            }
        }
        print("\(schools) schools, \(contactCount) contacts; \(logins.count) parents to look up")

        let ids = probe.schoolIDs()
        table.add(
            "open and close every school's contacts.json",
            BenchClock.measure(runs: 20, warmup: 2) {
                for id in ids {
                    let fd = open("\(dir)/schools/\(id)/contacts.json", O_RDONLY)
                    close(fd)
                }
            })
        // What a sync's identity re-check costs when the store is unchanged:
        // the school list and two stats a school, nothing read.
        table.add(
            "identity re-check's look at the whole store: school list and 2 stats a school",
            BenchClock.measure(runs: 20, warmup: 2) {
                _ = IdentityRecheck.token(IdentityRecheck.stamps(probe))
            }, reference: "open and close every school's contacts.json",
            note: "\(schools) schools; every sync up to 20 schools, above that at most every 5 minutes")
        var k = 0
        table.add(
            "login lookup: contacts holding the email or mobile (fresh FileStore)",
            try BenchClock.measure(runs: 40, warmup: 2) {
                let (email, mobile) = logins[k % logins.count]
                k += 1
                let store = try FileStore(root: dir)
                let hits = try store.contactsMatching(email: email, phone: mobile)
                precondition(!hits.isEmpty)
            }, reference: "open and close every school's contacts.json", note: "\(contactCount) contacts")
        table.add(
            "login match with every rule and the children (fresh FileStore)",
            try BenchClock.measure(runs: 40, warmup: 2) {
                let (email, mobile) = logins[k % logins.count]
                k += 1
                let store = try FileStore(root: dir)
                let match = try IdentityMatcher(store: store).match(
                    email: email, mobile: mobile, at: Date(timeIntervalSince1970: 1_773_830_000))
                precondition(match.identified)
            }, reference: "open and close every school's contacts.json", note: "target ≤ 50 ms")

        // Validating it (what a first doctor or an audit of such a store
        // waits for), alternating with a plain read of the same files.
        let bytes = StoreBenchmarks.readEverything(dir)
        let read = "read every data file of the \(schools)-school store (\(bytes / 1_000_000) MB)"
        var readSamples: [UInt64] = []
        var validateSamples: [UInt64] = []
        for _ in 0..<3 {
            readSamples += BenchClock.measure(runs: 1, warmup: 0) { _ = StoreBenchmarks.readEverything(dir) }
            validateSamples += BenchClock.measure(runs: 1, warmup: 0) {
                let report = StoreValidator(root: dir).validate()
                precondition(report.isValid, "benchmark store invalid: \(report.problems.prefix(3))")
            }
        }
        table.add(read, readSamples)
        table.add("validate that store", validateSamples, reference: read)
        return table
    }
}
