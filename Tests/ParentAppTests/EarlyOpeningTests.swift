import CSched
import Foundation
import ParentCore
import SchoolStore
import TerminalKit
import TestSupport
import Testing

@testable import ParentApp

/// The store's first opening, started by the app before it sets up the
/// terminal (`EffectRunner.startOpening`), on a thread of its own.
@Suite struct EarlyOpeningTests {
    /// Files as the system has them, but the first read of the session
    /// (the opening's) takes a quarter of a second.
    struct SlowSessionRead: ForwardingFileLayer {
        let base: any FileLayer = PosixFileLayer()
        let slowed = Locked(false)

        func read(_ path: String) throws -> [UInt8]? {
            let first =
                path.hasSuffix("/session.json")
                && slowed.withLock { slowed in
                    defer { slowed = true }
                    return !slowed
                }
            if first { usleep(250_000) }
            return try base.read(path)
        }
    }

    static func runner(_ dir: TestDirectory, files: any FileLayer = PosixFileLayer()) throws -> EffectRunner {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        try FileManager.default.copyItem(
            atPath: root.appendingPathComponent("Assets/demo-store").path, toPath: dir.file("store"))
        var settings = CoreSettings()
        settings.pinCost = 1
        return EffectRunner(
            environment: AppEnvironment(
                storeRoot: dir.file("store"), dataDirectory: dir.file("data"), clock: ManualClock(ScreenFixture.now),
                files: files, settings: settings, processEnvironment: [:]), inbox: ActionInbox())
    }

    static func names(_ actions: [Action]) -> [String] {
        actions.map { action in
            switch action {
            case .opened: "opened"
            case .loginFinished: "loginFinished"
            default: "\(action)".prefix { $0 != "(" }.description
            }
        }
    }

    /// Started twice (by the app, then by the loop's start), it opens once.
    @Test func theFirstOpeningRunsOnceHoweverOftenItIsStarted() throws {
        try withTestDirectory { dir in
            let runner = try Self.runner(dir)
            runner.startOpening()
            runner.startOpening()
            runner.startOpening(backend: MemoryBackend())
            runner.settle()
            #expect(Self.names(runner.inbox.drain()) == ["opened"])
            // A later opening (the parent's retry) is an effect as any other.
            runner.perform([.open], backend: MemoryBackend())
            runner.settle()
            #expect(Self.names(runner.inbox.drain()) == ["opened"])
        }
    }

    /// An effect asked for while the opening runs on its own thread (slowed
    /// here) waits for it, as on the worker queue: its result comes after
    /// the opening's, never beside it.
    @Test func effectsAskedForDuringTheOpeningRunAfterIt() throws {
        try withTestDirectory { dir in
            let runner = try Self.runner(dir, files: SlowSessionRead())
            runner.startOpening()
            runner.perform(
                [.logIn(email: "liz.abbot@example.com", mobile: "07700 100001", lastFour: "0001")],
                backend: MemoryBackend())
            runner.settle()
            let results = runner.inbox.drain()
            #expect(Self.names(results) == ["opened", "loginFinished"], "\(results)")
        }
    }

    /// The thread runs its work, and may run on every core the process
    /// may use once it has started (it starts away from its creator's).
    @Test func theOtherCoreThreadRunsItsWorkAndThenAllowsEveryCore() {
        let done = DispatchSemaphore(value: 0)
        let masks = Locked<(thread: cpu_set_t, process: cpu_set_t)?>(nil)
        OtherCoreThread.start {
            var thread = cpu_set_t()
            var process = cpu_set_t()
            if sched_getaffinity(0, MemoryLayout<cpu_set_t>.size, &thread) == 0,
                sched_getaffinity(getpid(), MemoryLayout<cpu_set_t>.size, &process) == 0
            {
                masks.withLock { $0 = (thread, process) }
            }
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 10) == .success, "the work ran")
        let read = masks.withLock { $0 }
        #expect(read != nil)
        if var read {
            #expect(memcmp(&read.thread, &read.process, MemoryLayout<cpu_set_t>.size) == 0)
        }
    }
}
