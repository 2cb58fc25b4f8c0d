import Dispatch
import Foundation
import Testing

@testable import SchoolStore

/// The store reads defensively: only regular files inside the store, of a
/// bounded size, and a broken file is one problem naming it.
@Suite struct DefensiveReadTests {
    static let students = "schools/green-abbey/students.json"

    /// Runs `body` on another thread and gives up after `seconds`: a read
    /// that blocks (a FIFO) must fail the test, not hang the suite.
    func finishes<T: Sendable>(within seconds: Double = 20, _ body: @escaping @Sendable () -> T) -> T? {
        let box = Locked<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let value = body()
            box.withLock { $0 = value }
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return box.withLock { $0 }
    }

    func replace(_ store: TinyStore, _ file: String, with make: (String) -> Void) {
        let path = "\(store.root)/\(file)"
        try? FileManager.default.removeItem(atPath: path)
        make(path)
    }

    /// A Unix socket where a file should be: refused by name, never
    /// connected to or waited on.
    @Test func aSocketIsRefusedByName() throws {
        let store = try TinyStore()
        defer { store.remove() }
        replace(store, Self.students) { path in
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            #expect(fd >= 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            #expect(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (i, b) in bytes.enumerated() { raw[i] = b }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            #expect(bound == 0)
            close(fd)
        }
        let problems = try #require(finishes { store.problems() }, "validate blocked on a socket")
        #expect(problems.first == "\(Self.students): is a socket, not a regular file: refused", "\(problems)")
    }

    @Test func aFIFOIsRefusedByNameWithoutBlocking() throws {
        let store = try TinyStore()
        defer { store.remove() }
        replace(store, Self.students) { #expect(mkfifo($0, 0o644) == 0) }
        let problems = try #require(finishes { store.problems() }, "validate blocked on a FIFO")
        #expect(
            problems == [
                "\(Self.students): is a FIFO (named pipe), not a regular file: refused",
                "\(Self.students): 4 checks that depend on students.json skipped",
            ])
        let root = store.root
        let read = try #require(
            finishes { () -> [String] in
                do throws(StoreProblems) {
                    _ = try FileStore(root: root).student("S1", school: "green-abbey")
                    return []
                } catch {
                    return error.problems.map(\.description)
                }
            }, "a record read blocked on a FIFO")
        #expect(read == ["\(Self.students): is a FIFO (named pipe), not a regular file: refused"])
    }

    @Test func aLinkToADeviceIsRefused() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let file = "schools/green-abbey/attendance/2025-26.json"
        replace(store, file) { #expect(symlink("/dev/zero", $0) == 0) }
        let problems = try #require(finishes { store.problems() }, "validate read /dev/zero")
        #expect(problems == ["\(file): is a character device, not a regular file: refused"])
    }

    @Test func linksLeavingTheStoreAreRefusedAndLinksInsideAreFollowed() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try Data(TinyStore.files[Self.students]!.utf8).write(to: URL(fileURLWithPath: outside))
        replace(store, Self.students) { #expect(symlink(outside, $0) == 0) }
        #expect(
            store.problems() == [
                "\(Self.students): is reached through a symbolic link that leads outside the store: refused",
                "\(Self.students): 4 checks that depend on students.json skipped",
            ])
        // The same file, linked from inside the store, is read.
        try FileManager.default.removeItem(atPath: "\(store.root)/\(Self.students)")
        try Data(TinyStore.files[Self.students]!.utf8).write(
            to: URL(fileURLWithPath: "\(store.root)/students-master.json"))
        #expect(symlink("../../students-master.json", "\(store.root)/\(Self.students)") == 0)
        #expect(store.problems() == [])
    }

    @Test func aSchoolDirectoryLeadingOutsideIsOneProblem() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let elsewhere = try TinyStore()
        defer { elsewhere.remove() }
        #expect(symlink("\(elsewhere.root)/schools/green-abbey", "\(store.root)/schools/other") == 0)
        #expect(
            store.problems() == [
                "schools/other: is reached through a symbolic link that leads outside the store: refused"
            ])
    }

    @Test func aDirectoryInPlaceOfAFileIsNamed() throws {
        let store = try TinyStore()
        defer { store.remove() }
        replace(store, Self.students) {
            try? FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false)
        }
        #expect(store.problems().first == "\(Self.students): is a directory, not a regular file: refused")
    }

    /// A sparse file over the cap: refused from its size alone, so the test
    /// neither writes nor reads 300 MB.
    @Test func aFileOverTheSizeCapIsRefusedBeforeReading() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let path = "\(store.root)/\(Self.students)"
        #expect(truncate(path, 300_000_000) == 0)
        let problems = store.problems()
        #expect(
            problems.first == "\(Self.students): is 300,000,000 bytes, over the 256 MB limit for a store file: refused")
        #expect(throws: RawFile.ReadError.tooLarge(300_000_000)) { try RawFile.read(path) }
    }

    @Test func writeBacksAndImagesAreReadDefensivelyToo() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let inbox = "schools/green-abbey/inbox"
        try FileManager.default.createDirectory(atPath: "\(store.root)/\(inbox)", withIntermediateDirectories: true)
        #expect(mkfifo("\(store.root)/\(inbox)/k1.json", 0o644) == 0)
        let root = store.root
        let problems = try #require(finishes { store.problems() })
        #expect(problems == ["\(inbox)/k1.json: is a FIFO (named pipe), not a regular file: refused"])
        let inboxRead = try #require(
            finishes { () -> String in
                do {
                    _ = try StoreWriter(root: root, files: PosixFileLayer()).inbox(school: "green-abbey")
                    return ""
                } catch { return "\(error)" }
            }, "the school inbox blocked on a FIFO")
        #expect(inboxRead == "\(inbox)/k1.json: is a FIFO (named pipe), not a regular file: refused")
        // A photo that is a FIFO: the app shows initials, at once.
        #expect(mkfifo("\(store.root)/schools/green-abbey/photo.ppm", 0o644) == 0)
        let noImage: Bool? = finishes {
            (try? FileStore(root: root))?.image(school: "green-abbey", path: "photo.ppm") == nil
        }
        #expect(noImage == true)
    }

    /// A FIFO where a derived index should be is ignored and the index is
    /// rebuilt in memory.
    @Test func aFIFOInTheIndexDirectoryIsIgnored() throws {
        let store = try TinyStore()
        defer { store.remove() }
        let index = "\(store.root)/\(StoreLayout.indexFile(for: Self.students, suffix: "id.idx"))"
        try FileManager.default.createDirectory(atPath: Paths.parent(of: index), withIntermediateDirectories: true)
        #expect(mkfifo(index, 0o644) == 0)
        let root = store.root
        let name = try #require(
            finishes { try? FileStore(root: root).student("S1", school: "green-abbey")?.value.forename })
        #expect(name == "Ben")
    }

    @Test func reasonsAreWordsNeverEnumCases() {
        #expect(RawFile.errnoText(EACCES) == "permission denied")
        #expect(RawFile.ReadError.failed(RawFile.errnoText(EACCES)).description == "unreadable: permission denied")
        #expect(RawFile.ReadError.missing.description == "missing")
    }

    /// Permission 000: root reads anyway, so this runs only as another user.
    @Test(.enabled(if: geteuid() != 0)) func anUnreadableFileSaysPermissionDenied() throws {
        let store = try TinyStore()
        defer { store.remove() }
        #expect(chmod("\(store.root)/\(Self.students)", 0) == 0)
        #expect(store.problems().first == "\(Self.students): unreadable: permission denied")
    }
}

extension DefensiveReadTests {
    /// A list in a record is bounded as a person's is: one problem for a
    /// contact with thousands of phones (it was valid, and doctor printed it
    /// as a 2.3 MB line), and a list of problems past its limit ends with a
    /// line saying how many more there are, counted in the total (it said
    /// "10000 problems" for 99,999).
    @Test func listsInARecordAreBoundedAndCappedProblemsAreCounted() throws {
        let phones = (0..<60).map { #"{"number": "07700 1\#(String(format: "%05d", $0))", "type": "mobile"}"# }
        let contacts =
            #"[{"id": "C123", "forename": "Liz", "surname": "Abbot", "phones": ["#
            + phones.joined(separator: ", ")
            + #"], "emails": ["liz.abbot@example.com"], "students": [{"student": "S1", "relationship": "Mother", "priority": 1, "parentalResponsibility": true, "correspondence": true}]}]"#
        let store = try TinyStore(overriding: ["schools/green-abbey/contacts.json": contacts])
        defer { store.remove() }
        #expect(
            store.problems().contains(
                "schools/green-abbey/contacts.json: contact C123: phones: 60 entries: at most 50"),
            "\(store.problems())")
        let list = ProblemList(limit: 3)
        for i in 0..<5 { list.add(file: "f", "problem \(i)") }
        #expect(list.problems.count == 4 && list.count == 5)
        #expect(list.problems.last?.description == "f: 2 more problems past the first 3 are not listed")
        #expect(StoreProblem.count(list.problems) == 5)
    }
}
