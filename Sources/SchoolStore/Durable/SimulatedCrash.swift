/// Thrown by a ``FaultyFileLayer`` crash hook in in-process tests: the
/// operation under way is abandoned exactly where it is, leaving any
/// half-written temporary file behind as a real crash would, and the layer
/// refuses all further work, as a dead process would do nothing more.
public struct SimulatedCrash: Error, Sendable, Equatable, CustomStringConvertible {
    /// The fault point at which the "process" died.
    public var point: FaultPoint

    /// Creates the error for `point`.
    public init(point: FaultPoint) {
        self.point = point
    }

    public var description: String { "simulated crash at \(point)" }
}
