import SchoolStore

/// Combines several digests (of records read one by one) into one, in
/// order, with FNV-1a over their bytes: the same inputs give the same
/// digest in every process.
struct DigestBuilder {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func mix(_ v: UInt64) {
        for i in 0..<8 {
            value ^= (v >> (8 * UInt64(i))) & 0xFF
            value &*= 0x0000_0100_0000_01B3
        }
    }

    mutating func mix(_ text: String) { mix(StableHash.fnv1a64(text)) }
}
