import Foundation
import TestSupport
import Testing

@testable import SchoolStore

@Suite struct PosixFileLayerTests {
    let files = PosixFileLayer()

    @Test func readOfAMissingFileIsNil() throws {
        try withTestDirectory { dir throws in
            #expect(try files.read(dir.file("absent.json")) == nil)
            #expect(!files.exists(dir.file("absent.json")))
            #expect(files.modificationInfo(dir.file("absent.json")) == nil)
        }
    }

    /// A FIFO where the parent's data goes (session.json, an outbox item,
    /// preferences.json) hung the app and sync on open: it is refused at once.
    @Test func aFifoIsRefusedNotWaitedOn() throws {
        try withTestDirectory { dir throws in
            let path = dir.file("session.json")
            #expect(mkfifo(path, 0o600) == 0)
            #expect {
                _ = try files.read(path)
            } throws: { error in
                (error as? FileLayerError)?.description
                    == "could not read \(path): it is a FIFO (named pipe), not a regular file"
            }
        }
    }

    @Test func atomicWriteCreatesAndReplaces() throws {
        try withTestDirectory { dir throws in
            let path = dir.file("state.json")
            try files.writeAtomically([UInt8](utf8: "first"), to: path)
            #expect(try files.read(path) == [UInt8](utf8: "first"))
            try files.writeAtomically([UInt8](utf8: "second, longer"), to: path)
            #expect(try files.read(path) == [UInt8](utf8: "second, longer"))
            try files.writeAtomically([], to: path)
            #expect(try files.read(path) == [])
            #expect(try files.list(dir.path) == ["state.json"])
            #expect(permissions(path) == 0o600)
        }
    }

    @Test func largeFilesRoundTrip() throws {
        try withTestDirectory { dir throws in
            let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            try files.writeAtomically(bytes, to: dir.file("big"))
            #expect(try files.read(dir.file("big")) == bytes)
        }
    }

    @Test func atomicWriteReportsEveryStepInOrder() throws {
        try withTestDirectory { dir throws in
            var steps: [WriteStep] = []
            try files.writeAtomically([1, 2, 3], to: dir.file("a"), onStep: { steps.append($0) })
            #expect(steps == [.tempCreated, .tempPartlyWritten, .tempWritten, .tempSynced, .renamed, .directorySynced])
        }
    }

    @Test func atomicWriteReplacesTheInodeSoStampsChange() throws {
        try withTestDirectory { dir throws in
            let path = dir.file("a")
            try files.writeAtomically([UInt8](utf8: "one"), to: path)
            let before = try #require(files.modificationInfo(path))
            #expect(before.size == 3 && !before.isDirectory)
            try files.writeAtomically([UInt8](utf8: "two"), to: path)
            let after = try #require(files.modificationInfo(path))
            #expect(after != before)
            #expect(after.inode != before.inode)
            #expect(files.modificationInfo(dir.path)?.isDirectory == true)
        }
    }

    @Test func createExclusivelyNeverOverwrites() throws {
        try withTestDirectory { dir throws in
            let path = dir.file("outbox-1.json")
            var steps: [WriteStep] = []
            #expect(try files.createExclusively([UInt8](utf8: "message"), at: path, onStep: { steps.append($0) }))
            #expect(
                steps == [
                    .tempCreated, .tempPartlyWritten, .tempWritten, .tempSynced, .linked, .tempRemoved,
                    .directorySynced,
                ])
            steps = []
            #expect(try !files.createExclusively([UInt8](utf8: "different"), at: path, onStep: { steps.append($0) }))
            #expect(steps == [.tempCreated, .tempPartlyWritten, .tempWritten, .tempSynced, .tempRemoved])
            #expect(try files.read(path) == [UInt8](utf8: "message"))
            #expect(try files.sweepTemporaryFiles(in: dir.path) == [])
            #expect(permissions(path) == 0o600)
        }
    }

    @Test func removeIsFineWhenMissingAndRemovesFilesAndEmptyDirectories() throws {
        try withTestDirectory { dir throws in
            try files.remove(dir.file("never-existed"))
            try files.writeAtomically([1], to: dir.file("a"))
            try files.remove(dir.file("a"))
            #expect(!files.exists(dir.file("a")))
            try files.makeDirectory(dir.file("empty"))
            try files.remove(dir.file("empty"))
            #expect(!files.exists(dir.file("empty")))
        }
    }

    @Test func removeTreeRemovesEverythingWithoutFollowingLinks() throws {
        try withTestDirectory { dir throws in
            let outside = dir.file("outside")
            try files.writeAtomically([UInt8](utf8: "keep me"), to: outside)
            let tree = dir.file("tree")
            try files.makeDirectory(Paths.join(tree, "a/b/c"))
            try files.writeAtomically([1], to: Paths.join(tree, "a/b/c/file"))
            try files.writeAtomically([2], to: Paths.join(tree, "a/file"))
            plantFile(Paths.join(tree, "a/.tmp-0123456789abcdef"))
            #expect(symlink(outside, Paths.join(tree, "a/link")) == 0)
            try files.removeTree(tree)
            #expect(!files.exists(tree))
            #expect(try files.read(outside) == [UInt8](utf8: "keep me"))
            try files.removeTree(tree)  // missing is fine
            try files.removeTree(outside)  // a plain file is fine too
            #expect(!files.exists(outside))
        }
    }

    @Test func listIsSortedHidesTemporaryFilesAndToleratesMissingDirectories() throws {
        try withTestDirectory { dir throws in
            #expect(try files.list(dir.file("missing")) == [])
            for name in ["b", "a", "C", "é", "a1"] { try files.writeAtomically([0], to: dir.file(name)) }
            try files.makeDirectory(dir.file("sub"))
            plantFile(dir.file(".tmp-deadbeefdeadbeef"))
            #expect(try files.list(dir.path) == ["C", "a", "a1", "b", "sub", "é"])
            #expect(files.exists(dir.file(".tmp-deadbeefdeadbeef")))
        }
    }

    @Test func sweepRemovesOnlyTemporaryFiles() throws {
        try withTestDirectory { dir throws in
            try files.writeAtomically([UInt8](utf8: "data"), to: dir.file("data.json"))
            plantFile(dir.file(".tmp-00000000000000aa"), [1, 2])
            plantFile(dir.file(".tmp-00000000000000bb"), [])
            plantFile(dir.file(".hidden-but-not-temporary"))
            #expect(try files.sweepTemporaryFiles(in: dir.path) == [".tmp-00000000000000aa", ".tmp-00000000000000bb"])
            #expect(try files.sweepTemporaryFiles(in: dir.path) == [])
            #expect(try files.sweepTemporaryFiles(in: dir.file("missing")) == [])
            #expect(try files.list(dir.path) == [".hidden-but-not-temporary", "data.json"])
        }
    }

    @Test func makeDirectoryCreatesIntermediatesAt0700AndTightensAnExistingOne() throws {
        try withTestDirectory { dir throws in
            let deep = dir.file("x/y/z")
            try files.makeDirectory(deep)
            #expect(permissions(dir.file("x")) == 0o700)
            #expect(permissions(dir.file("x/y")) == 0o700)
            #expect(permissions(deep) == 0o700)
            try files.makeDirectory(deep)  // idempotent
            #expect(chmod(deep, 0o755) == 0)
            #expect(chmod(dir.file("x"), 0o755) == 0)
            try files.makeDirectory(deep)
            #expect(permissions(deep) == 0o700)
            #expect(permissions(dir.file("x")) == 0o755)  // existing parents are left alone
            try files.makeDirectory(deep + "/")
        }
    }

    @Test func makeDirectoryFollowsASymlinkedParent() throws {
        try withTestDirectory { dir throws in
            try files.makeDirectory(dir.file("real"))
            #expect(symlink(dir.file("real"), dir.file("alias")) == 0)
            try files.makeDirectory(dir.file("alias/data"))
            #expect(permissions(dir.file("real/data")) == 0o700)
        }
    }

    @Test func failuresAreErrorsNamingThePathAndTheReason() throws {
        try withTestDirectory { dir throws in
            let inMissing = dir.file("no-such-dir/state.json")
            let error = #expect(throws: FileLayerError.self) { try files.writeAtomically([1], to: inMissing) }
            #expect(error?.path == inMissing)
            #expect(error?.code == ENOENT)
            #expect(error?.description.contains("No such file or directory") == true)
            #expect(error?.description.contains(inMissing) == true)

            try files.writeAtomically([1], to: dir.file("plain"))
            let notDirectory = #expect(throws: FileLayerError.self) { try files.makeDirectory(dir.file("plain/sub")) }
            #expect(notDirectory?.code == ENOTDIR)
            #expect(notDirectory?.path == dir.file("plain"))
            let listFile = #expect(throws: FileLayerError.self) { try files.list(dir.file("plain")) }
            #expect(listFile?.code == ENOTDIR)

            try files.makeDirectory(dir.file("folder"))
            let readDirectory = #expect(throws: FileLayerError.self) { try files.read(dir.file("folder")) }
            #expect(readDirectory?.code == EISDIR)
            #expect(try files.list(dir.path) == ["folder", "plain"])  // no temporary left behind
        }
    }

    @Test(.enabled(if: geteuid() != 0, "root ignores directory permissions"))
    func permissionFailuresAreErrorsToo() throws {
        try withTestDirectory { dir throws in
            let locked = dir.file("locked")
            try files.makeDirectory(locked)
            #expect(chmod(locked, 0o500) == 0)
            defer { chmod(locked, 0o700) }
            let error = #expect(throws: FileLayerError.self) {
                try files.writeAtomically([1], to: Paths.join(locked, "f"))
            }
            #expect(error?.code == EACCES)
        }
    }

    @Test func tightenPermissionsFixesFilesAndDirectoriesButNotLinks() throws {
        try withTestDirectory { dir throws in
            let root = dir.file("data")
            try files.makeDirectory(Paths.join(root, "school"))
            plantFile(Paths.join(root, "loose.json"), mode: 0o644)
            plantFile(Paths.join(root, "school/open.json"), mode: 0o666)
            try files.writeAtomically([1], to: Paths.join(root, "fine.json"))
            #expect(chmod(Paths.join(root, "school"), 0o755) == 0)
            plantFile(dir.file("elsewhere"), mode: 0o644)
            #expect(symlink(dir.file("elsewhere"), Paths.join(root, "link")) == 0)

            let changed = try files.tightenPermissions(under: root)
            #expect(
                changed == [
                    Paths.join(root, "loose.json"), Paths.join(root, "school"), Paths.join(root, "school/open.json"),
                ])
            #expect(permissions(Paths.join(root, "loose.json")) == 0o600)
            #expect(permissions(Paths.join(root, "school")) == 0o700)
            #expect(permissions(Paths.join(root, "school/open.json")) == 0o600)
            #expect(permissions(dir.file("elsewhere")) == 0o644)  // link target untouched
            #expect(try files.tightenPermissions(under: root) == [])
            #expect(try files.tightenPermissions(under: dir.file("missing")) == [])
        }
    }

    @Test func everythingTheLayerWritesIs0600And0700() throws {
        try withTestDirectory { dir throws in
            let root = dir.file("app")
            try files.makeDirectory(Paths.join(root, "schools/100/outbox"))
            try files.makeDirectory(Paths.join(root, "cache"))
            try files.writeAtomically([UInt8](utf8: "{}"), to: Paths.join(root, "session.json"))
            try files.writeAtomically([UInt8](utf8: "{}"), to: Paths.join(root, "session.json"))
            _ = try files.createExclusively([UInt8](utf8: "hello"), at: Paths.join(root, "schools/100/outbox/1.json"))
            try files.writeAtomically([UInt8](utf8: "x"), to: Paths.join(root, "cache/model.json"))
            let entries = dir.walk()
            #expect(entries.count == 8)
            for entry in entries {
                #expect(
                    entry.mode == (entry.isDirectory ? 0o700 : 0o600),
                    "\(entry.path) has mode \(String(entry.mode, radix: 8))")
            }
        }
    }

    /// umask is process-wide, so this runs in a child process.
    @Test func modesDoNotDependOnTheUmask() async {
        await #expect(processExitsWith: .success) {
            umask(0o277)  // would strip owner write from anything relying on the umask
            let files = PosixFileLayer()
            guard let dir = try? TestDirectory() else { exit(2) }
            defer { try? files.removeTree(dir.path) }
            do {
                try files.makeDirectory(dir.file("a/b"))
                try files.writeAtomically([1], to: dir.file("a/b/file"))
                _ = try files.createExclusively([1], at: dir.file("a/b/created"))
            } catch {
                exit(3)
            }
            guard permissions(dir.file("a")) == 0o700, permissions(dir.file("a/b")) == 0o700,
                permissions(dir.file("a/b/file")) == 0o600, permissions(dir.file("a/b/created")) == 0o600
            else { exit(4) }
            umask(0o022)
            exit(0)
        }
    }

    @Test func pathHelpers() {
        #expect(Paths.parent(of: "a/b") == "a")
        #expect(Paths.parent(of: "b") == ".")
        #expect(Paths.parent(of: "/b") == "/")
        #expect(Paths.parent(of: "/a/b/") == "/a")
        #expect(Paths.join("/a", "b") == "/a/b")
        #expect(Paths.join("/a/", "b") == "/a/b")
        #expect(TemporaryFileName.isTemporary(TemporaryFileName.make()))
        #expect(TemporaryFileName.make() != TemporaryFileName.make())
        #expect(!TemporaryFileName.isTemporary("tmp-file"))
    }
}
