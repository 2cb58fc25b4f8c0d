/// One numbered point at which a ``FaultyFileLayer`` may inject a fault: the
/// start of a mutating operation, or (when steps are counted) the moment just
/// after one step inside an atomic write.
public struct FaultPoint: Sendable, Hashable, CustomStringConvertible {
    /// 1-based position in the sequence of points the layer has passed.
    public var number: Int
    /// The operation under way.
    public var operation: FileOperation
    /// The path it concerns.
    public var path: String
    /// Nil at the start of the operation; otherwise the step just completed.
    public var step: WriteStep?

    /// Creates a point.
    public init(number: Int, operation: FileOperation, path: String, step: WriteStep?) {
        self.number = number
        self.operation = operation
        self.path = path
        self.step = step
    }

    public var description: String {
        let when = step.map { "after \($0.rawValue) in" } ?? "before"
        return "#\(number) \(when) \(operation.rawValue) \(path)"
    }
}
