import Foundation
import TestSupport
import Testing

@testable import SchoolStore

@Suite struct FaultyFileLayerTests {
    let posix = PosixFileLayer()

    /// A small scenario touching every mutating operation once.
    func scenario(_ files: any FileLayer, in dir: TestDirectory) throws {
        try files.makeDirectory(dir.file("data"))
        try files.writeAtomically([UInt8](utf8: "state"), to: dir.file("data/state.json"))
        _ = try files.read(dir.file("data/state.json"))
        _ = try files.createExclusively([UInt8](utf8: "message"), at: dir.file("data/outbox-1.json"))
        try files.remove(dir.file("data/outbox-1.json"))
        _ = try files.list(dir.file("data"))
        _ = try files.sweepTemporaryFiles(in: dir.file("data"))
        _ = try files.tightenPermissions(under: dir.file("data"))
        try files.removeTree(dir.file("data"))
    }

    @Test func countsOnlyMutatingOperations() throws {
        try withTestDirectory { dir throws in
            let files = FaultyFileLayer(wrapping: posix, plan: .none)
            try scenario(files, in: dir)
            #expect(files.faultPointCount == 7)
            #expect(
                files.passedPoints.map(\.operation) == [
                    .makeDirectory, .writeAtomically, .createExclusively, .remove,
                    .sweepTemporaryFiles, .tightenPermissions, .removeTree,
                ])
            #expect(files.passedPoints.allSatisfy { $0.step == nil })
            #expect(files.passedPoints[1].description == "#2 before writeAtomically \(dir.file("data/state.json"))")
            #expect(files.crashPoint == nil)
        }
    }

    @Test func countsStepsInsideAtomicWritesWhenAsked() throws {
        try withTestDirectory { dir throws in
            let files = FaultyFileLayer(wrapping: posix, plan: .none, countsSteps: true)
            try scenario(files, in: dir)
            #expect(files.faultPointCount == 7 + 6 + 7)
            let writeSteps = files.passedPoints.filter { $0.operation == .writeAtomically }.map(\.step)
            #expect(
                writeSteps == [
                    nil, .tempCreated, .tempPartlyWritten, .tempWritten, .tempSynced, .renamed, .directorySynced,
                ])
            #expect(
                files.passedPoints[3].description
                    == "#4 after tempPartlyWritten in writeAtomically \(dir.file("data/state.json"))")
        }
    }

    @Test func failAtMakesExactlyTheKthOperationFail() throws {
        try withTestDirectory { dir throws in
            let path = dir.file("counter")
            let files = FaultyFileLayer(wrapping: posix, plan: .failAt(2))
            try files.writeAtomically([UInt8](utf8: "1"), to: path)
            let error = #expect(throws: FileLayerError.self) { try files.writeAtomically([UInt8](utf8: "2"), to: path) }
            #expect(error?.isInjected == true)
            #expect(error?.code == EIO)
            #expect(error?.path == path)
            #expect(error?.description.contains("injected") == true)
            #expect(try files.read(path) == [UInt8](utf8: "1"))
            try files.writeAtomically([UInt8](utf8: "3"), to: path)
            #expect(try files.read(path) == [UInt8](utf8: "3"))
            #expect(files.faultPointCount == 3)
        }
    }

    @Test func failFromKeepsFailing() throws {
        try withTestDirectory { dir throws in
            let files = FaultyFileLayer(wrapping: posix, plan: .failFrom(2))
            try files.writeAtomically([1], to: dir.file("a"))
            for _ in 0..<3 {
                #expect(throws: FileLayerError.self) { try files.writeAtomically([2], to: dir.file("a")) }
            }
            #expect(try files.read(dir.file("a")) == [1])
        }
    }

    /// An injected failure at any step is handled like a real I/O error: the
    /// target holds the old or the new bytes and no temporary file remains.
    @Test func failuresAtEveryStepLeaveNoDebris() throws {
        let old = [UInt8](utf8: "old contents")
        let new = [UInt8](utf8: "new contents, somewhat longer than the old")
        for k in 1...7 {
            try withTestDirectory { dir throws in
                let path = dir.file("state.json")
                try posix.writeAtomically(old, to: path)
                let files = FaultyFileLayer(wrapping: posix, plan: .failAt(k), countsSteps: true)
                #expect(throws: FileLayerError.self) { try files.writeAtomically(new, to: path) }
                let after = try posix.read(path)
                #expect(after == old || (k >= 6 && after == new), "k=\(k)")
                #expect(try posix.sweepTemporaryFiles(in: dir.path) == [], "k=\(k)")
            }
        }
    }

    /// The crash-safety property, checked at every point of an overwrite: after
    /// the "process" dies, a restarted reader sees the old or the new bytes,
    /// never a mixture; leftovers are temporary files only, never listed, and
    /// swept away.
    @Test func crashAtEveryPointOfAnOverwriteLeavesOldOrNew() throws {
        let old = [UInt8](utf8: "old contents")
        let new = [UInt8](utf8: "new contents, somewhat longer than the old")
        var outcomes: [Int: String] = [:]
        var sawHalfWrittenTemporary = false
        var k = 1
        while true {
            let finished = try withTestDirectory { dir throws -> Bool in
                let path = dir.file("state.json")
                try posix.writeAtomically(old, to: path)
                let files = FaultyFileLayer(wrapping: posix, plan: .simulatedCrashAt(k), countsSteps: true)
                do {
                    try files.writeAtomically(new, to: path)
                } catch let crash as SimulatedCrash {
                    #expect(crash.point.number == k)
                    #expect(files.crashPoint == crash.point)
                    // A dead process does nothing more.
                    #expect(throws: SimulatedCrash.self) { try files.writeAtomically(new, to: path) }
                    #expect(throws: SimulatedCrash.self) { try files.read(path) }
                    #expect(files.faultPointCount == k)

                    // Restart: a fresh layer over the same directory.
                    let restarted = PosixFileLayer()
                    let seen = try restarted.read(path)
                    #expect(seen == old || seen == new, "k=\(k)")
                    outcomes[k] = seen == new ? "new" : "old"
                    #expect(try restarted.list(dir.path) == ["state.json"])
                    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name != "state.json"
                    {
                        #expect(TemporaryFileName.isTemporary(name))
                        if try restarted.read(dir.file(name)) == Array(new.prefix(new.count / 2)) {
                            sawHalfWrittenTemporary = true
                        }
                    }
                    _ = try restarted.sweepTemporaryFiles(in: dir.path)
                    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["state.json"])
                    return false
                }
                #expect(files.faultPointCount < k)
                return true
            }
            if finished { break }
            k += 1
        }
        #expect(k == 8)  // 1 start + 6 steps, then a run without a crash
        #expect(outcomes == [1: "old", 2: "old", 3: "old", 4: "old", 5: "old", 6: "new", 7: "new"])
        #expect(sawHalfWrittenTemporary)
    }

    /// Exclusive creation under crashes at every point: the file is absent or
    /// complete, and retrying after the restart converges on one complete file.
    @Test func crashAtEveryPointOfAnExclusiveCreateIsRecoverable() throws {
        let message = [UInt8](utf8: "{\"to\":\"school\",\"body\":\"Ben is ill today\"}")
        for k in 1...8 {
            try withTestDirectory { dir throws in
                let path = dir.file("outbox-7.json")
                let files = FaultyFileLayer(wrapping: posix, plan: .simulatedCrashAt(k), countsSteps: true)
                #expect(throws: SimulatedCrash.self) { _ = try files.createExclusively(message, at: path) }
                let restarted = PosixFileLayer()
                let seen = try restarted.read(path)
                #expect(seen == nil || seen == message, "k=\(k)")
                let createdNow = try restarted.createExclusively(message, at: path)
                #expect(createdNow == (seen == nil), "k=\(k)")
                #expect(try restarted.read(path) == message)
                _ = try restarted.sweepTemporaryFiles(in: dir.path)
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["outbox-7.json"])
            }
        }
    }

    @Test func aHookThatReturnsOnlyObserves() throws {
        try withTestDirectory { dir throws in
            let seen = Locked<[Int]>([])
            let files = FaultyFileLayer(
                wrapping: posix, plan: .crashAt(2) { point in seen.withLock { $0.append(point.number) } })
            try files.writeAtomically([1], to: dir.file("a"))
            try files.writeAtomically([2], to: dir.file("a"))
            try files.writeAtomically([3], to: dir.file("a"))
            #expect(seen.withLock { $0 } == [2])
            #expect(try files.read(dir.file("a")) == [3])
            #expect(files.crashPoint == nil)
        }
    }

    @Test func environmentWithoutVariablesLeavesTheLayerAlone() throws {
        let layer = try FaultyFileLayer.fromEnvironment(wrapping: posix, environment: ["HOME": "/home/parent"])
        #expect(layer is PosixFileLayer)
    }

    @Test func environmentFailAtBuildsAFailingLayer() throws {
        try withTestDirectory { dir throws in
            let layer = try FaultyFileLayer.fromEnvironment(
                wrapping: posix, environment: ["XPRESSIONS_FAIL_AT": "2", "XPRESSIONS_FAULT_STEPS": "1"])
            let faulty = try #require(layer as? FaultyFileLayer)
            #expect(faulty.countsSteps)
            let error = #expect(throws: FileLayerError.self) { try layer.writeAtomically([1], to: dir.file("a")) }
            #expect(error?.isInjected == true)
            #expect(faulty.passedPoints.last?.step == .tempCreated)
        }
    }

    @Test(arguments: [
        ["XPRESSIONS_CRASH_AT": "0"], ["XPRESSIONS_CRASH_AT": "-3"], ["XPRESSIONS_CRASH_AT": "soon"],
        ["XPRESSIONS_FAIL_AT": ""], ["XPRESSIONS_FAULT_STEPS": "yes"],
        ["XPRESSIONS_CRASH_AT": "2", "XPRESSIONS_FAIL_AT": "3"],
    ])
    func malformedEnvironmentIsAnError(_ environment: [String: String]) {
        let error = #expect(throws: FaultEnvironmentError.self) {
            _ = try FaultyFileLayer.fromEnvironment(wrapping: PosixFileLayer(), environment: environment)
        }
        #expect(error.map { environment.keys.contains($0.variable) } == true)
        #expect(error?.description.contains("XPRESSIONS_") == true)
    }

    /// A real crash: the child process exits 137 at point 3 (after half the
    /// bytes reach the temporary file); the parent then finds the old data
    /// intact and one half-written temporary file to sweep.
    @Test func environmentCrashAtKillsTheProcessAtThatPoint() async throws {
        let dir = try TestDirectory()
        defer { try? PosixFileLayer().removeTree(dir.path) }
        let path = dir.file("state.json")
        try posix.writeAtomically([UInt8](utf8: "old"), to: path)
        let exitTest = await #expect(processExitsWith: .exitCode(137), observing: [\.standardErrorContent]) {
            [path = path as String] in
            let files = try FaultyFileLayer.fromEnvironment(
                wrapping: PosixFileLayer(), environment: ["XPRESSIONS_CRASH_AT": "3", "XPRESSIONS_FAULT_STEPS": "1"])
            try files.writeAtomically(Array("brand new contents".utf8), to: path)
            exit(0)  // not reached
        }
        let stderr = String(decoding: exitTest?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("simulated crash at #3 after tempPartlyWritten in writeAtomically"))
        #expect(try posix.read(path) == [UInt8](utf8: "old"))
        let leftovers = try posix.sweepTemporaryFiles(in: dir.path)
        #expect(leftovers.count == 1)
        #expect(try posix.list(dir.path) == ["state.json"])
    }
}
