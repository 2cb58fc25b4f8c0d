/// A fault-injection environment variable with a value that is not usable.
public struct FaultEnvironmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The variable's name.
    public var variable: String
    /// Its value.
    public var value: String
    /// What is wrong with it.
    public var reason: String

    public var description: String { "\(variable)=\(value): \(reason)" }
}
