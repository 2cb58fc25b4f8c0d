/// A `--format` template that cannot be read, in one line.
public struct StatusTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
