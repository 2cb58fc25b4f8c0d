import SchoolStore

/// Comparisons whose running time does not depend on where inputs differ.
public enum ConstantTime {
    /// True when `a` and `b` hold the same bytes.
    ///
    /// Every byte of the longer input is examined whatever the contents, so
    /// timing reveals at most the lengths (which, for crypt strings and
    /// digests, are public anyway).
    @inline(never)
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let count = max(a.count, b.count)
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for i in 0..<count {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
