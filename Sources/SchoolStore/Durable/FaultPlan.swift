import Foundation

/// What a ``FaultyFileLayer`` does at its numbered fault points.
public enum FaultPlan: Sendable {
    /// Nothing: only count (a harness's first run, to learn how many points
    /// a scenario has).
    case none
    /// At point k, throw an injected `EIO` ``FileLayerError`` instead of
    /// carrying on (at a step: as if that step had failed); later points
    /// proceed normally, like a transient error.
    case failAt(Int)
    /// From point k on, every point fails as in ``failAt(_:)``: a disk that
    /// stays broken (full, read-only).
    case failFrom(Int)
    /// At point k, call `hook`. A hook that throws abandons the operation
    /// where it stands and the layer then refuses all further work (throwing
    /// ``SimulatedCrash``); a hook that exits the process is a real crash; a
    /// hook that returns lets the operation carry on.
    case crashAt(Int, hook: @Sendable (FaultPoint) throws -> Void)

    /// Crash in-process at point k by throwing ``SimulatedCrash``.
    public static func simulatedCrashAt(_ k: Int) -> FaultPlan {
        .crashAt(k) { point in throw SimulatedCrash(point: point) }
    }

    /// Crash for real at point k: say where on standard error, then `_exit`
    /// with `status` (137, as if killed by SIGKILL), skipping all cleanup.
    /// For a harness that runs the real binary in a child process.
    public static func exitAt(_ k: Int, status: Int32 = 137) -> FaultPlan {
        .crashAt(k) { point in
            let message = Array("xpressions: simulated crash at \(point)\n".utf8)
            _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            _exit(status)
        }
    }
}
