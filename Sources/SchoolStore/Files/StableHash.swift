/// FNV-1a, 64 bits: a fast hash that is the same in every process and on
/// every run (Swift's `Hasher` is seeded per process), for on-disk indexes
/// and change digests. Not for security.
public enum StableHash {
    public static func fnv1a64<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    public static func fnv1a64(_ text: String) -> UInt64 { fnv1a64(text.utf8) }

    public static func hex(_ value: UInt64) -> String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
