import Foundation
import Testing

@testable import SchoolStore

/// Index building in one pass: contacts.json's record and login indexes
/// from one scan, the structural scanner's eight-bytes-at-a-time strings,
/// and every school's indexes built in parallel; all of them byte for byte
/// what the full builds give.
@Suite struct IndexBuildTests {
    static func contactFiles() -> [(file: String, bytes: [UInt8], countryCode: Int)] {
        var out: [(String, [UInt8], Int)] = []
        for (_, files) in FastPathTests.generatedSchools() + [("demo", FastPathTests.demoFiles())] {
            for (path, bytes) in files where path.hasSuffix("/contacts.json") { out.append((path, bytes, 44)) }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    static let stamp = FileStamp(size: 1, inode: 2, modifiedNanoseconds: 3, changedNanoseconds: 4)
    static let schoolStamp = FileStamp(size: 5, inode: 6, modifiedNanoseconds: 7, changedNanoseconds: 8)

    /// The login index and record index bytes of one scan, or nil when the
    /// scan does not vouch for the file.
    static func fromScan(_ bytes: [UInt8], countryCode: Int) -> (login: [UInt8], records: [UInt8])? {
        guard let scanned = LoginIndex.scanContacts(bytes) else { return nil }
        let login = LoginIndex.build(
            scanned: scanned, contactsStamp: stamp, schoolStamp: schoolStamp, countryCode: countryCode)
        let records = RecordIndex(stamp: stamp, entries: scanned.map { ($0.id, $0.range) }).serialized()
        return (login, records)
    }

    /// The same two from the full builds (nil when either refuses the file).
    static func fromFullBuilds(_ bytes: [UInt8], countryCode: Int) -> (login: [UInt8], records: [UInt8])? {
        guard
            let login = try? LoginIndex.build(
                contacts: bytes, contactsStamp: stamp, schoolStamp: schoolStamp, countryCode: countryCode, file: "c"),
            let records = try? RecordIndex.build(bytes: bytes, keyField: "id", stamp: stamp, file: "c")
        else { return nil }
        return (login, records.serialized())
    }

    @Test func oneScanOfContactsGivesBothIndexesAsTheFullBuildsDo() throws {
        let files = IndexBuildTests.contactFiles()
        #expect(files.count >= 3)
        for (file, bytes, code) in files {
            let scan = try #require(
                IndexBuildTests.fromScan(bytes, countryCode: code), "the scan could not vouch for \(file)")
            let full = try #require(IndexBuildTests.fromFullBuilds(bytes, countryCode: code))
            #expect(scan.login == full.login, "\(file)")
            #expect(scan.records == full.records, "\(file)")
        }
    }

    @Test func damagedContactsAreScannedOnlyWhenTheFullBuildsGiveTheSame() throws {
        var rng = SplitMix64(seed: 9)
        var vouched = 0
        let files = IndexBuildTests.contactFiles().map {
            ($0.file, Array(JSONWriter().write(.array(Array(IndexBuildTests.records($0.bytes).prefix(4))))))
        }
        for round in 0..<2_000 {
            let (file, original) = files[round % files.count]
            let damaged = FastPathTests.damage(original, &rng)
            guard let scan = IndexBuildTests.fromScan(damaged, countryCode: 44) else { continue }
            vouched += 1
            let parsed = try? JSONParser.parseArray(damaged)
            #expect(
                parsed != nil,
                "the scan vouched for malformed \(file): \(Quote.value(String(decoding: damaged, as: UTF8.self)))")
            let full = IndexBuildTests.fromFullBuilds(damaged, countryCode: 44)
            #expect(
                full?.login == scan.login && full?.records == scan.records,
                "\(file): \(Quote.value(String(decoding: damaged, as: UTF8.self)))")
        }
        #expect(vouched > 100)
    }

    static func records(_ bytes: [UInt8]) -> [JSONValue] {
        if case .array(let values)? = try? JSONParser.parse(bytes) { return values }
        return []
    }

    @Test func theStructuralScannerFindsWhatItFoundByteByByte() {
        var inputs: [[UInt8]] = []
        for (_, files) in FastPathTests.generatedSchools() {
            for (path, bytes) in files where path.hasSuffix(".json") && !path.hasSuffix("school.json") {
                inputs.append(bytes)
            }
        }
        // Escapes and quotes on every side of an eight-byte boundary.
        for pad in 0..<17 {
            let filler = String(repeating: "x", count: pad)
            inputs.append(
                Array(
                    "[{\"id\": \"\(filler)\\\"q\", \"note\": \"\(filler)\\\\\"}, {\"id\": \"\(filler)a\",        \"n\": [1, {\"id\": \"no\"}]}]"
                        .utf8))
        }
        var rng = SplitMix64(seed: 4)
        let small = inputs.prefix(40).map { Array($0.prefix(3_000)) }
        for round in 0..<1_500 { inputs.append(FastPathTests.damage(small[round % small.count], &rng)) }
        for bytes in inputs {
            for key in ["id", "student"] {
                let now = JSONRecordScanner.scan(bytes, keyField: key)
                let before = IndexBuildTests.referenceScan(bytes, keyField: key)
                #expect(now == before, "\(Quote.value(String(decoding: bytes.prefix(200), as: UTF8.self)))")
            }
        }
    }

    @Test func everySchoolIsIndexedInParallelWithTheFilesTheLazyBuildsWrite() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let copy = store.root + "-lazy"
        try FileManager.default.copyItem(atPath: store.root, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        // Ahead of time, in one pass per file.
        try FileStore(root: store.root).buildIndexes()
        // Lazily, one index at a time, the full way.
        let lazy = try FileStore(root: copy)
        _ = try lazy.student("S1", school: "green-abbey")
        _ = try lazy.attendance(student: "S1", school: "green-abbey", year: AcademicYear(startYear: 2025))
        let contacts = StoreLayout.contactsFile("green-abbey")
        let bytes = try lazy.layout.read(contacts)
        let opened = try #require(try lazy.layout.open(contacts))
        let records = try RecordIndex.build(bytes: bytes, keyField: "id", stamp: opened.stamp, file: contacts)
        FileStore.saveQuietly(
            records.serialized(), to: lazy.layout.absolute(StoreLayout.indexFile(for: contacts, suffix: "id.idx")),
            under: lazy.layout.root)
        let login = try LoginIndex.build(
            contacts: bytes, contactsStamp: opened.stamp,
            schoolStamp: try #require(lazy.stamp(StoreLayout.schoolFile("green-abbey"))), countryCode: 44,
            file: contacts)
        FileStore.saveQuietly(
            login, to: lazy.layout.absolute(StoreLayout.indexFile(for: contacts, suffix: "login.idx")),
            under: lazy.layout.root)
        let names = [
            "students.json.id.idx", "contacts.json.id.idx", "contacts.json.login.idx",
            "attendance/2025-26.json.student.idx",
        ]
        for name in names {
            let a = try [UInt8](
                Data(contentsOf: URL(fileURLWithPath: "\(store.root)/.index/schools/green-abbey/\(name)")))
            let b = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(copy)/.index/schools/green-abbey/\(name)")))
            // The same but for the stamps of the files described (the copy's
            // inodes and times differ): 32 bytes after the magic, 64 for a
            // login index.
            let stamps = name.hasSuffix("login.idx") ? 64 : 32
            #expect(a.count > 100 && a.count == b.count, "\(name)")
            #expect(a.prefix(8) == b.prefix(8) && a.dropFirst(8 + stamps) == b.dropFirst(8 + stamps), "\(name)")
        }
        // And a lookup in a fresh view finds the parent through them.
        let hits = try FileStore(root: store.root).contactsMatching(
            email: "Liz.Abbot@example.com ", phone: "07700 100001")
        #expect(hits.map(\.contact.id) == ["C123"])
    }

    /// A store of the given schools' files in a new temporary directory.
    static func writeStore(_ schools: [(school: String, files: [String: [UInt8]])]) throws -> String {
        let root = NSTemporaryDirectory() + "index-build-\(UUID().uuidString)"
        var all: [String: [UInt8]] = [
            StoreLayout.storeFile: Array(#"{"format": "xpressions-store", "version": 1, "name": "Four"}"#.utf8)
        ]
        for (_, school) in schools { all.merge(school) { a, _ in a } }
        for (path, bytes) in all {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return root
    }

    @Test func theFirstLookupOnANewStoreBuildsEverySchoolsLoginIndexAndFindsTheParent() throws {
        let schools = FastPathTests.generatedSchools(students: 10, years: 0)
        let root = try IndexBuildTests.writeStore(schools)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A parent of the first school looked at, whose index is the first found missing.
        let store = try FileStore(root: root)
        let first = store.schoolIDs()[0]
        let contact = try #require(try store.allContacts(school: first).first { !$0.emails.isEmpty })
        let hits = try FileStore(root: root).contactsMatching(email: contact.emails[0], phone: nil)
        #expect(hits.map { "\($0.school) \($0.contact.id)" }.contains("\(first) \(contact.id)"))
        for (school, _) in schools {
            #expect(FileManager.default.fileExists(atPath: "\(root)/.index/schools/\(school)/contacts.json.login.idx"))
        }
        // The same hits from a store whose indexes were built ahead of time.
        let ahead = try IndexBuildTests.writeStore(schools)
        defer { try? FileManager.default.removeItem(atPath: ahead) }
        try FileStore(root: ahead).buildIndexes()
        let again = try FileStore(root: ahead).contactsMatching(email: contact.emails[0], phone: nil)
        #expect(again.map { "\($0.school) \($0.contact.id)" } == hits.map { "\($0.school) \($0.contact.id)" })
    }

    @Test func loginIndexesArePreparedForEverySchoolWithProgress() throws {
        let files = FastPathTests.generatedSchools(students: 10, years: 0)
        let root = try IndexBuildTests.writeStore(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let recorder = ProgressReporterTests.Recorder()
        let progress = ProgressReporter(delay: 0, interval: 0, clock: { recorder.time() }, sink: { recorder.write($0) })
        let store = try FileStore(root: root)
        try store.prepareLoginIndexes(progress: progress)
        for (school, _) in files {
            #expect(FileManager.default.fileExists(atPath: "\(root)/.index/schools/\(school)/contacts.json.login.idx"))
        }
        let lines = recorder.output
        #expect(lines.count == 5)  // four schools, then the line cleared
        #expect(lines.contains { $0.contains("4/4…") })
        #expect(lines.last?.hasSuffix("\r") == true)
    }
}

extension IndexBuildTests {
    /// The structural scanner as it was before it read eight bytes at a
    /// time: the reference its answers must match.
    static func referenceScan(_ bytes: [UInt8], keyField: String) -> [JSONRecordScanner.Entry]? {
        let keyBytes = Array(keyField.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> [JSONRecordScanner.Entry]? in
            var i = 0
            let n = buffer.count
            @inline(__always) func skipSpace() {
                while i < n, buffer[i] == 0x20 || buffer[i] == 0x0A || buffer[i] == 0x0D || buffer[i] == 0x09 { i += 1 }
            }
            // Skips a string starting at the opening quote; returns the content range.
            @inline(__always) func skipString() -> Range<Int>? {
                guard i < n, buffer[i] == 0x22 else { return nil }
                i += 1
                let start = i
                while i < n {
                    let b = buffer[i]
                    if b == 0x5C {
                        i += 2
                        continue
                    }
                    if b == 0x22 {
                        let r = start..<i
                        i += 1
                        return r
                    }
                    i += 1
                }
                return nil
            }
            if n >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { i = 3 }
            skipSpace()
            guard i < n, buffer[i] == 0x5B else { return nil }
            i += 1
            var entries: [JSONRecordScanner.Entry] = []
            skipSpace()
            if i < n, buffer[i] == 0x5D { return entries }
            while i < n {
                skipSpace()
                guard i < n, buffer[i] == 0x7B else { return nil }
                let start = i
                var depth = 0
                var key: String? = nil
                var expectKey = false
                while i < n {
                    let b = buffer[i]
                    if b == 0x22 {
                        let isKeyPosition = depth == 1 && expectKey
                        guard let content = skipString() else { return nil }
                        if isKeyPosition, key == nil, content.count == keyBytes.count,
                            keyBytes.withUnsafeBufferPointer({ kb in
                                var equal = true
                                for j in 0..<kb.count where buffer[content.lowerBound + j] != kb[j] {
                                    equal = false
                                    break
                                }
                                return equal
                            })
                        {
                            skipSpace()
                            guard i < n, buffer[i] == 0x3A else { return nil }
                            i += 1
                            skipSpace()
                            if i < n, buffer[i] == 0x22 {
                                guard let valueRange = skipString() else { return nil }
                                let raw = UnsafeBufferPointer(rebasing: buffer[valueRange])
                                if raw.contains(0x5C) { return nil }  // escaped keys: let the full parser handle it
                                key = String(decoding: raw, as: UTF8.self)
                            }
                        }
                        expectKey = false
                        continue
                    }
                    switch b {
                    case 0x7B, 0x5B:
                        depth += 1
                        expectKey = (b == 0x7B && depth == 1)
                    case 0x7D, 0x5D:
                        depth -= 1
                    case 0x2C:
                        if depth == 1 { expectKey = true }
                    default: break
                    }
                    i += 1
                    if depth == 0 { break }
                }
                guard depth == 0 else { return nil }
                entries.append(JSONRecordScanner.Entry(range: start..<i, key: key))
                skipSpace()
                guard i < n else { return nil }
                if buffer[i] == 0x2C {
                    i += 1
                    continue
                }
                if buffer[i] == 0x5D {
                    i += 1
                    skipSpace()
                    return i == n ? entries : nil
                }
                return nil
            }
            return nil
        }
    }
}
