import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Crashes and failures at every write point of a sync (which sends the
/// outbox first) and of sending on demand, in-process through a
/// `FaultyFileLayer`, then a restart: the model is the old state or the
/// new one, and after the next sync the inbox holds each item exactly once.
@Suite struct CrashHarnessTests {
    /// Runs the scenario's sync through a fault-injecting layer; returns the
    /// number of fault points it passed.
    @discardableResult
    static func interruptedSync(_ s: CrashScenario, plan: FaultPlan, steps: Bool) throws -> Int {
        let layer = FaultyFileLayer(wrapping: PosixFileLayer(), plan: plan, countsSteps: steps)
        do {
            let engine = try s.fixture.engine(files: layer)
            try engine.sync()
        } catch is SimulatedCrash {
            // The process died here.
        } catch let error as FileLayerError where error.isInjected {
            // Opening the model failed: the app would say so and stop.
        }
        return layer.faultPointCount
    }

    @Test func aCrashAtAnyWritePointOfASyncLeavesOldOrNewAndRecovers() throws {
        try withTestDirectory { dir in
            let s = try CrashScenario(in: dir)
            let points = try Self.interruptedSync(s, plan: .none, steps: true)
            try s.checkAfterInterruption("no fault")
            try s.restore()
            #expect(points > 40)  // parts, manifest, outbox states, inbox: each with its steps
            for k in 1...points {
                try Self.interruptedSync(s, plan: .simulatedCrashAt(k), steps: true)
                try s.checkAfterInterruption("crash at \(k)")
                try s.checkRecovery("crash at \(k)")
                try s.restore()
            }
        }
    }

    @Test func aFailureAtAnyWritePointOfASyncLeavesOldOrNewAndRecovers() throws {
        try withTestDirectory { dir in
            let s = try CrashScenario(in: dir)
            let points = try Self.interruptedSync(s, plan: .none, steps: false)
            try s.restore()
            for k in 1...points {
                try Self.interruptedSync(s, plan: .failAt(k), steps: false)
                try s.checkAfterInterruption("failure at \(k)")
                try s.checkRecovery("failure at \(k)")
                try s.restore()
            }
            // A disk that stays broken from the first write: nothing changes, nothing is lost.
            try Self.interruptedSync(s, plan: .failFrom(1), steps: false)
            try s.checkAfterInterruption("broken disk")
            let model = try LocalModel(
                dataDirectory: s.dataDirectory, session: s.fixture.session.id, files: PosixFileLayer())
            #expect(CrashScenario.content(model.state) == s.before)
            try s.checkRecovery("broken disk")
        }
    }

    @Test func aCrashAtAnyWritePointOfSendingNowSendsEachItemOnce() throws {
        try withTestDirectory { dir in
            let s = try CrashScenario(in: dir)
            func send(_ plan: FaultPlan) throws -> Int {
                let layer = FaultyFileLayer(wrapping: PosixFileLayer(), plan: plan, countsSteps: true)
                let engine = try s.fixture.engine()
                let outbox = Outbox(dataDirectory: s.dataDirectory, files: layer)
                do {
                    _ = try outbox.send(source: engine.source, session: s.fixture.session, now: s.fixture.clock.now())
                } catch is SimulatedCrash {}
                return layer.faultPointCount
            }
            let points = try send(.none)
            #expect(Set(try s.filed(s.inbox)) == s.keys)
            try s.restore()
            for k in 1...points {
                _ = try send(.simulatedCrashAt(k))
                try s.checkAfterInterruption("send crash at \(k)")
                // Sending again (the restarted app's "send now"), twice for good measure.
                let engine = try s.fixture.engine()
                try engine.sendOutbox()
                try engine.sendOutbox()
                #expect(Set(try s.filed(s.inbox)) == s.keys, "send crash at \(k)")
                #expect(try engine.outbox.items().allSatisfy { !$0.isUnsent })
                try s.restore()
            }
        }
    }
}
