/// A value read from the store with a digest of the bytes it came from, so
/// a sync can tell cheaply whether anything in it changed since last time.
public struct Fetched<Value: Sendable>: Sendable {
    public var value: Value
    public var digest: UInt64

    public init(value: Value, digest: UInt64) {
        self.value = value
        self.digest = digest
    }
}
