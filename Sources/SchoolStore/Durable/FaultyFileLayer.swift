import Foundation

/// A ``FileLayer`` that wraps another and injects failures or crashes at a
/// chosen numbered point, so tests (and a crash harness driving the real
/// binary) can check that every write is crash-safe.
///
/// Fault points are numbered from 1 in the order they are passed: the start
/// of every mutating operation (``FileOperation``), and, when `countsSteps` is
/// on, also the moment after every ``WriteStep`` inside
/// ``writeAtomically(_:to:onStep:)`` and ``createExclusively(_:at:onStep:)``.
/// Reads are never fault points. A harness runs a scenario once with
/// ``FaultPlan/none`` to learn ``faultPointCount`` = N, then once per
/// k = 1...N with a fault at k.
///
/// After a crash hook throws, the layer is "dead": every later call (reads
/// included) throws ``SimulatedCrash``. To model the restart, build a new
/// layer over the same directory.
public final class FaultyFileLayer: FileLayer {
    /// The layer doing the real work.
    public let base: any FileLayer
    /// What to do, and where.
    public let plan: FaultPlan
    /// Whether the steps inside atomic writes are fault points too.
    public let countsSteps: Bool

    private struct State {
        var passed: [FaultPoint] = []
        var crashedAt: FaultPoint?
    }
    private let state: Locked<State>

    /// Wraps `base`, injecting faults per `plan`.
    public init(wrapping base: any FileLayer, plan: FaultPlan, countsSteps: Bool = false) {
        self.base = base
        self.plan = plan
        self.countsSteps = countsSteps
        state = Locked(State())
    }

    /// `base` following folder modes, counting faults with this layer.
    private init(following other: FaultyFileLayer) {
        base = other.base.followingFolderModes()
        plan = other.plan
        countsSteps = other.countsSteps
        state = other.state
    }

    public func followingFolderModes() -> any FileLayer { FaultyFileLayer(following: self) }

    /// Environment variable: crash the process (`_exit(137)`) at point k.
    public static let crashAtVariable = "XPRESSIONS_CRASH_AT"
    /// Environment variable: throw an injected I/O error at point k.
    public static let failAtVariable = "XPRESSIONS_FAIL_AT"
    /// Environment variable: `1` to count the steps inside atomic writes.
    public static let countStepsVariable = "XPRESSIONS_FAULT_STEPS"

    /// `base` unchanged, or wrapped in a fault-injecting layer when the
    /// environment asks for one: `XPRESSIONS_CRASH_AT=k` (a real crash at
    /// point k, for an external harness: the run exits 137 at k, or finishes
    /// normally when the scenario has fewer than k points),
    /// `XPRESSIONS_FAIL_AT=k`, and `XPRESSIONS_FAULT_STEPS=1`.
    public static func fromEnvironment(
        wrapping base: any FileLayer,
        environment: [String: String] = ProcessEnvironment.current()
    ) throws(FaultEnvironmentError) -> any FileLayer {
        let crashAt = try point(crashAtVariable, in: environment)
        let failAt = try point(failAtVariable, in: environment)
        var countsSteps = false
        if let value = environment[countStepsVariable] {
            guard value == "0" || value == "1" else {
                throw FaultEnvironmentError(variable: countStepsVariable, value: value, reason: "expected 0 or 1")
            }
            countsSteps = value == "1"
        }
        switch (crashAt, failAt) {
        case (nil, nil): return base
        case (let k?, nil): return FaultyFileLayer(wrapping: base, plan: .exitAt(k), countsSteps: countsSteps)
        case (nil, let k?): return FaultyFileLayer(wrapping: base, plan: .failAt(k), countsSteps: countsSteps)
        case (_?, _?):
            throw FaultEnvironmentError(
                variable: crashAtVariable, value: environment[crashAtVariable] ?? "",
                reason: "cannot be combined with \(failAtVariable)")
        }
    }

    /// How many fault points have been passed so far.
    public var faultPointCount: Int { state.withLock { $0.passed.count } }

    /// Every fault point passed so far, in order (to say what "point k" is).
    public var passedPoints: [FaultPoint] { state.withLock { $0.passed } }

    /// The point at which a crash hook threw, if it did.
    public var crashPoint: FaultPoint? { state.withLock { $0.crashedAt } }

    // MARK: - FileLayer

    public func read(_ path: String) throws -> [UInt8]? {
        try checkAlive()
        return try base.read(path)
    }

    public func writeAtomically(_ bytes: [UInt8], to path: String, onStep: (WriteStep) throws -> Void) throws {
        try pass(.writeAtomically, path, step: nil)
        try base.writeAtomically(bytes, to: path) { step in
            if countsSteps { try pass(.writeAtomically, path, step: step) }
            try onStep(step)
        }
    }

    public func createExclusively(_ bytes: [UInt8], at path: String, onStep: (WriteStep) throws -> Void) throws -> Bool
    {
        try pass(.createExclusively, path, step: nil)
        return try base.createExclusively(bytes, at: path) { step in
            if countsSteps { try pass(.createExclusively, path, step: step) }
            try onStep(step)
        }
    }

    public func remove(_ path: String) throws {
        try pass(.remove, path, step: nil)
        try base.remove(path)
    }

    public func move(_ path: String, to destination: String) throws {
        try pass(.move, path, step: nil)
        try base.move(path, to: destination)
    }

    public func removeTree(_ path: String) throws {
        try pass(.removeTree, path, step: nil)
        try base.removeTree(path)
    }

    public func list(_ directory: String) throws -> [String] {
        try checkAlive()
        return try base.list(directory)
    }

    public func exists(_ path: String) -> Bool { base.exists(path) }

    public func makeDirectory(_ path: String) throws {
        try pass(.makeDirectory, path, step: nil)
        try base.makeDirectory(path)
    }

    public func modificationInfo(_ path: String) -> FileInfo? { base.modificationInfo(path) }

    public func sweepTemporaryFiles(in directory: String) throws -> [String] {
        try pass(.sweepTemporaryFiles, directory, step: nil)
        return try base.sweepTemporaryFiles(in: directory)
    }

    public func tightenPermissions(under root: String) throws -> [String] {
        try pass(.tightenPermissions, root, step: nil)
        return try base.tightenPermissions(under: root)
    }

    // MARK: - Fault points

    private enum Action {
        case proceed, fail, dead
        case crash(@Sendable (FaultPoint) throws -> Void)
    }

    private func checkAlive() throws {
        if let point = crashPoint { throw SimulatedCrash(point: point) }
    }

    private func pass(_ operation: FileOperation, _ path: String, step: WriteStep?) throws {
        let (point, action) = state.withLock { state -> (FaultPoint, Action) in
            if let crashed = state.crashedAt { return (crashed, .dead) }
            let point = FaultPoint(number: state.passed.count + 1, operation: operation, path: path, step: step)
            state.passed.append(point)
            switch plan {
            case .none: return (point, .proceed)
            case .failAt(let k): return (point, k == point.number ? .fail : .proceed)
            case .failFrom(let k): return (point, point.number >= k ? .fail : .proceed)
            case .crashAt(let k, let hook): return (point, k == point.number ? .crash(hook) : .proceed)
            }
        }
        switch action {
        case .proceed:
            return
        case .dead:
            throw SimulatedCrash(point: point)
        case .fail:
            throw FileLayerError(operation: operation.verb, path: path, code: EIO, isInjected: true)
        case .crash(let hook):
            do {
                try hook(point)
            } catch {
                state.withLock { $0.crashedAt = point }
                throw error
            }
        }
    }

    private static func point(_ variable: String, in environment: [String: String]) throws(FaultEnvironmentError)
        -> Int?
    {
        guard let value = environment[variable] else { return nil }
        guard let k = Int(value), k >= 1 else {
            throw FaultEnvironmentError(
                variable: variable, value: value, reason: "expected a fault point number of 1 or more")
        }
        return k
    }
}
