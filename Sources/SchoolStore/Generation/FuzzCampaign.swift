import Dispatch
import Foundation
import Glibc

/// A fuzzing run of the real `xpressions` binary over mutated copies of a
/// store (see ``StoreMutator``): for each mutation, `store validate` (and on a
/// sample `doctor`) runs with a deadline, and the run checks that it did not
/// crash, did not hang, exited with an allowed status, and named a file on
/// every problem line. Used by the suite's fuzz test and `xpressions-bench fuzz`.
public struct FuzzCampaign: Sendable {
    public var binary: String
    /// The store every mutation starts from (copied, never changed).
    public var base: String
    /// Where the copies are made (one at a time per worker, removed after).
    public var work: String
    public var seed: UInt64
    public var mutations: Int
    /// `doctor` runs on every n-th mutation as well.
    public var doctorEvery: Int
    /// Seconds a command may take before it counts as a hang and is killed.
    public var deadline: Double
    /// Commands run at once.
    public var parallel: Int

    public init(
        binary: String, base: String, work: String, seed: UInt64, mutations: Int, doctorEvery: Int = 10,
        deadline: Double = 10, parallel: Int = 2
    ) {
        self.binary = binary
        self.base = base
        self.work = work
        self.seed = seed
        self.mutations = mutations
        self.doctorEvery = doctorEvery
        self.deadline = deadline
        self.parallel = parallel
    }

    public struct Summary: Sendable {
        public var mutations = 0
        public var runs = 0
        public var crashes = 0
        public var hangs = 0
        public var badStatuses = 0
        public var unnamedLines = 0
        /// Lines showing Swift's own text (``StoreMutator/linesWithSwiftText(_:)``).
        public var swiftTextLines = 0
        /// The longest a validate or doctor run took, in seconds, and which
        /// (a hang is caught at the deadline; this says how far below it
        /// the rest stayed).
        public var slowest = 0.0
        public var slowestRun = ""
        /// Mutations after which a sync was run for a logged-in parent
        /// (every `doctorEvery`th), and those that left the parent's local
        /// copy with fewer messages while the store was invalid (a broken
        /// file must never withdraw anything: data lost).
        public var syncsChecked = 0
        public var dataLost = 0
        /// The messages the parent's device held before any damage (the
        /// fewest over the lanes): what "lost" is measured against.
        public var parentMessages = 0
        /// One line per failure: the mutation and what went wrong.
        public var failures: [String] = []
        public var byKind: [String: Int] = [:]
    }

    /// The outcome of one command.
    public struct Outcome: Sendable {
        public var status: Int32
        /// The signal that ended it, if one did.
        public var signal: Int32?
        public var hung: Bool
        public var output: String
        public var error: String
    }

    public func run() throws -> Summary {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let outside = "\(work)/outside.json"
        try Data("[{\"id\": \"outside\"}]".utf8).write(to: URL(fileURLWithPath: outside))
        let files = StoreMutator.dataFiles(root: base)
        let results = Locked<Summary>(Summary())
        let me = self
        let lanes = max(1, parallel)
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            // One copy per lane, damaged one file at a time and restored
            // after each mutation (copying the whole store each time would
            // cost more than the runs).
            let copy = "\(me.work)/lane\(lane)"
            FuzzCampaign.removeTree(copy)
            do { try FileManager.default.copyItem(atPath: me.base, toPath: copy) } catch {
                results.withLock { $0.failures.append("lane \(lane): could not copy the store: \(error)") }
                return
            }
            defer { FuzzCampaign.removeTree(copy) }
            // A parent logged in on this copy, synced: the messages their device holds.
            let data = "\(me.work)/lane\(lane)-data"
            FuzzCampaign.removeTree(data)
            defer { FuzzCampaign.removeTree(data) }
            let parent = me.logIn(copy: copy, data: data)
            results.withLock { s in
                guard let parent else { return s.failures.append("lane \(lane): could not log the demo parent in") }
                s.parentMessages = s.parentMessages == 0 ? parent : min(s.parentMessages, parent)
            }
            var n = lane
            while n < me.mutations {
                let lines = me.one(n, copy: copy, files: files, outside: outside, parent: parent.map { (data, $0) })
                results.withLock { s in
                    s.mutations += 1
                    s.runs += lines.runs
                    s.crashes += lines.crashes
                    s.hangs += lines.hangs
                    s.badStatuses += lines.badStatuses
                    s.unnamedLines += lines.unnamed
                    s.swiftTextLines += lines.swiftText
                    if lines.slowest > s.slowest { (s.slowest, s.slowestRun) = (lines.slowest, lines.slowestRun) }
                    s.syncsChecked += lines.syncs
                    s.dataLost += lines.lost
                    s.failures += lines.failures
                    if let kind = lines.kind { s.byKind[kind, default: 0] += 1 }
                }
                n += lanes
            }
        }
        return results.withLock { $0 }
    }

    struct One {
        var kind: String?
        var runs = 0, crashes = 0, hangs = 0, badStatuses = 0, unnamed = 0, swiftText = 0, syncs = 0, lost = 0
        var slowest = 0.0
        var slowestRun = ""
        var failures: [String] = []
    }

    static let now = "2026-03-18T10:42:00Z"

    /// Logs the demo parent in on `copy` with data in `data` and syncs; how
    /// many messages their device then holds (nil when that failed).
    func logIn(copy: String, data: String) -> Int? {
        let login = "liz.abbot@example.com<Enter>07700 100001<Enter>0001<Enter>739184<Enter>739184<Enter>"
        let app = FuzzCampaign.run(
            binary,
            [
                "--store", copy, "--data-dir", data, "--headless", "80x24", "--script", login,
            ], deadline: 60)
        guard app.status == 0 else { return nil }
        _ = FuzzCampaign.run(
            binary, ["sync", "--store", copy, "--data-dir", data], deadline: 60)
        return messagesHeld(copy: copy, data: data)
    }

    /// The messages the parent's device holds (`export messages --format json`).
    func messagesHeld(copy: String, data: String) -> Int? {
        let out = FuzzCampaign.run(
            binary,
            ["export", "messages", "--format", "json", "--store", copy, "--data-dir", data, "--now", FuzzCampaign.now],
            deadline: 60)
        guard out.status == 0 else { return nil }
        return out.output.components(separatedBy: "\"messageId\"").count - 1
    }

    func one(_ n: Int, copy: String, files: [String], outside: String, parent: (data: String, messages: Int)? = nil)
        -> One
    {
        var result = One()
        let mutation: StoreMutator.Mutation
        do {
            mutation = try StoreMutator.apply(
                n, seed: seed, root: copy, files: files, outside: outside, allowUnreadable: geteuid() != 0)
        } catch {
            result.failures.append("#\(n): could not prepare the mutation: \(error)")
            return result
        }
        defer {
            let damaged = "\(copy)/\(mutation.file)"
            FuzzCampaign.removeTree(damaged)
            try? FileManager.default.copyItem(atPath: "\(base)/\(mutation.file)", toPath: damaged)
        }
        result.kind = mutation.kind.rawValue
        var commands: [[String]] = [["store", "validate", copy]]
        if n % max(1, doctorEvery) == 0 {
            commands.append([
                "doctor", "--email", "liz.abbot@example.com", "--mobile", "07700 100001", "--store", copy, "--now",
                "2026-03-18T10:42:00Z",
            ])
        }
        var validateFailed = false
        for arguments in commands {
            let started = DispatchTime.now().uptimeNanoseconds
            let outcome = FuzzCampaign.run(binary, arguments, deadline: deadline)
            let took = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            if arguments[0] == "store" && outcome.status != 0 { validateFailed = true }
            result.runs += 1
            let what = "\(mutation) \(arguments[0]) \(arguments[1])"
            if took > result.slowest { (result.slowest, result.slowestRun) = (took, what) }
            if outcome.hung {
                result.hangs += 1
                result.failures.append("\(what): hung (killed after \(deadline) s)")
            } else if let signal = outcome.signal {
                result.crashes += 1
                result.failures.append("\(what): crashed with signal \(signal): \(outcome.error.suffix(300))")
            } else if !StoreMutator.allowedStatuses.contains(outcome.status) {
                result.badStatuses += 1
                result.failures.append("\(what): exit status \(outcome.status)")
            }
            var unnamed = StoreMutator.linesNamingNoFile(outcome.error, storeRoot: copy)
            if arguments[0] == "store" { unnamed += StoreMutator.linesNamingNoFile(outcome.output, storeRoot: copy) }
            if !unnamed.isEmpty {
                result.unnamed += unnamed.count
                result.failures.append("\(what): a line names no file: \(unnamed[0].prefix(200))")
            }
            let swift = StoreMutator.linesWithSwiftText(outcome.output + "\n" + outcome.error)
            if !swift.isEmpty {
                result.swiftText += swift.count
                result.failures.append("\(what): a line shows Swift's own text: \(swift[0].prefix(200))")
            }
        }
        // The parent's sync on the damaged store: while it is invalid, the device must keep every
        // message; then the store is put back and a sync brings the device back as it was.
        if let parent, n % max(1, doctorEvery) == 0 {
            result.syncs += 1
            let sync = ["sync", "--store", copy, "--data-dir", parent.data]
            let during = FuzzCampaign.run(binary, sync, deadline: deadline)
            if during.hung || during.signal != nil {
                result.failures.append("\(mutation) sync: \(during.hung ? "hung" : "crashed")")
            }
            if validateFailed, let held = messagesHeld(copy: copy, data: parent.data), held < parent.messages {
                result.lost += 1
                result.failures.append(
                    "\(mutation): the parent's device held \(held) messages after a sync, \(parent.messages) before"
                )
            }
            let damaged = "\(copy)/\(mutation.file)"
            FuzzCampaign.removeTree(damaged)
            try? FileManager.default.copyItem(atPath: "\(base)/\(mutation.file)", toPath: damaged)
            _ = FuzzCampaign.run(binary, sync, deadline: deadline)
        }
        return result
    }

    /// Removes a mutated copy whatever it holds (unreadable files, FIFOs).
    static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR, let walker = FileManager.default.enumerator(atPath: path) {
            while let name = walker.nextObject() as? String { chmod("\(path)/\(name)", 0o700) }
        } else if (st.st_mode & S_IFMT) != S_IFLNK {
            chmod(path, 0o600)
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs `binary` with `arguments`, stdin from /dev/null, output to
    /// temporary files; kills it with SIGKILL after `deadline` seconds. No
    /// sleeping: a thread waits for the child, the caller waits for that
    /// thread with a timeout.
    public static func run(_ binary: String, _ arguments: [String], deadline: Double) -> Outcome {
        let token = UUID().uuidString
        let outPath = NSTemporaryDirectory() + "fuzz-\(token).out"
        let errPath = NSTemporaryDirectory() + "fuzz-\(token).err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var environment = ProcessEnvironment.current()
        environment["SWIFT_BACKTRACE"] = "enable=no"
        // The parent's clock, in normal use (--now would make the app and
        // sync an as-of view, which keeps nothing).
        environment["XPRESSIONS_CLOCK"] = FuzzCampaign.now
        let pid: pid_t
        do {
            pid = try Subprocess.spawn(
                [binary] + arguments, environment: environment, stdin: .null,
                stdout: .file(outPath, flags: O_WRONLY | O_CREAT | O_TRUNC),
                stderr: .file(errPath, flags: O_WRONLY | O_CREAT | O_TRUNC))
        } catch {
            return Outcome(status: 127, signal: nil, hung: false, output: "", error: "\(error)")
        }
        let finished = DispatchSemaphore(value: 0)
        let status = Locked<Int32>(0)
        let child = pid
        Thread.detachNewThread {
            var raw: Int32 = 0
            while waitpid(child, &raw, 0) < 0 && errno == EINTR {}
            status.withLock { $0 = raw }
            finished.signal()
        }
        var hung = false
        if finished.wait(timeout: .now() + deadline) == .timedOut {
            hung = true
            kill(child, SIGKILL)
            finished.wait()
        }
        let raw = status.withLock { $0 }
        let signal = raw & 0x7F
        let read = { (path: String) in (try? RawFile.read(path)).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return Outcome(
            status: signal == 0 ? (raw >> 8) & 0xFF : 128 + signal, signal: signal == 0 || hung ? nil : signal,
            hung: hung, output: read(outPath), error: read(errPath))
    }
}
