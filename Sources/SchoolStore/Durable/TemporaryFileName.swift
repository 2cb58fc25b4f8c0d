/// Names of the temporary files used by atomic writes: `.tmp-` followed by 16
/// random hex digits, in the same directory as the target. The prefix makes
/// leftovers of a crash recognisable, so they are never mistaken for data.
public enum TemporaryFileName {
    /// The prefix every temporary file name starts with.
    public static let prefix = ".tmp-"

    /// True when `name` (a file name, not a path) is a temporary file's.
    public static func isTemporary(_ name: String) -> Bool { name.hasPrefix(prefix) }

    /// A fresh random temporary file name.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + Hex.encode(withUnsafeBytes(of: generator.next() as UInt64) { Array($0) })
    }
}
