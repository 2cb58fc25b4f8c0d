import SchoolStore
import Testing

@testable import ParentCore

@Suite struct ConstantTimeTests {
    @Test func equalBytesAreEqual() {
        #expect(ConstantTime.equals([], []))
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(ConstantTime.equals(Array("$y$j9T$abc".utf8), Array("$y$j9T$abc".utf8)))
    }

    @Test func anyDifferenceIsFound() {
        let base: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        for i in base.indices {
            for bit in 0..<8 {
                var other = base
                other[i] ^= 1 << bit
                #expect(!ConstantTime.equals(base, other))
            }
        }
    }

    @Test func differentLengthsAreNeverEqualEvenWithZeroPadding() {
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 3, 0]))
        #expect(!ConstantTime.equals([1, 2, 3, 0], [1, 2, 3]))
        #expect(!ConstantTime.equals([], [0]))
        #expect(!ConstantTime.equals([0], []))
    }
}
