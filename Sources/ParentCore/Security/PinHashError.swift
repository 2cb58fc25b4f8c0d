import SchoolStore

/// A failure to hash or verify a PIN. Carries no PIN material.
public enum PinHashError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The cost is outside yescrypt's range in libxcrypt (1...11).
    case invalidCost(Int)
    /// The PIN contains a NUL character, which C strings cannot carry.
    case pinContainsNul
    /// libxcrypt could not make a salt/setting (the system error text).
    case saltGenerationFailed(String)
    /// libxcrypt returned no hash or a failure token (`*0`, `*1`).
    case hashingFailed(String)
    /// The stored hash is not a yescrypt (`$y$`) crypt string; other schemes
    /// are refused so a tampered file cannot downgrade the hash.
    case unsupportedHash
    /// The stored hash starts with `$y$` but libxcrypt cannot use it.
    case malformedHash

    public var description: String {
        switch self {
        case .invalidCost(let cost): return "invalid yescrypt cost \(cost) (expected 1 to 11)"
        case .pinContainsNul: return "the PIN contains a NUL character"
        case .saltGenerationFailed(let reason): return "could not generate a salt: \(reason)"
        case .hashingFailed(let reason): return "could not hash the PIN: \(reason)"
        case .unsupportedHash: return "the stored PIN hash is not a yescrypt ($y$) hash"
        case .malformedHash: return "the stored PIN hash is malformed"
        }
    }
}
