import SchoolStore
import Testing

@testable import ParentCore

@Suite struct PinHasherTests {
    /// Cost 1 keeps the suite fast; the default cost is tested once.
    let hasher = PinHasher(cost: 1)
    let canary = "739184"

    @Test func hashIsAYescryptCryptString() throws {
        let hash = try hasher.hash(canary)
        #expect(hash.hasPrefix("$y$"))
        #expect(hash.split(separator: "$").count == 4)  // y, params, salt, hash
    }

    @Test func hashNeverContainsThePin() throws {
        for _ in 0..<5 {
            let hash = try hasher.hash(canary)
            #expect(!hash.contains(canary))
        }
    }

    @Test func twoHashesOfOnePinDifferButBothVerify() throws {
        let first = try hasher.hash(canary)
        let second = try hasher.hash(canary)
        #expect(first != second)
        #expect(try hasher.verify(canary, against: first))
        #expect(try hasher.verify(canary, against: second))
    }

    @Test func wrongPinsAreRejected() throws {
        let hash = try hasher.hash(canary)
        for wrong in ["739185", "73918", "7391840", "", "839174", "739184 "] {
            #expect(try !hasher.verify(wrong, against: hash), "\(wrong)")
        }
    }

    @Test func verificationUsesTheStoredCostNotTheHashersOwn() throws {
        let hash = try hasher.hash(canary)
        #expect(try PinHasher(cost: 3).verify(canary, against: hash))
    }

    @Test func defaultCostIsLibxcryptsDefault() throws {
        let hash = try PinHasher().hash(canary)
        // "j9T" encodes yescrypt's default parameters (cost 5).
        #expect(hash.hasPrefix("$y$j9T$"))
        #expect(try PinHasher().verify(canary, against: hash))
    }

    @Test(arguments: [0, 12, -1])
    func invalidCostsAreErrorsNotCrashes(_ cost: Int) {
        #expect(throws: PinHashError.invalidCost(cost)) { try PinHasher(cost: cost).hash(canary) }
    }

    @Test func nulInAPinIsRefused() {
        #expect(throws: PinHashError.pinContainsNul) { try hasher.hash("7391\u{0}84") }
    }

    @Test func otherSchemesAreRefusedToPreventDowngrade() {
        // SHA-512 crypt and traditional DES crypt of "739184".
        for stored in ["$6$saltsalt$abcdefghijklmnopqrstuv", "ab01FAX.bQRSU", "", "*0"] {
            #expect(throws: PinHashError.unsupportedHash) { try hasher.verify(canary, against: stored) }
        }
    }

    @Test func malformedYescryptStringsAreErrors() {
        for stored in ["$y$", "$y$!!!$salt$hash", "$y$j9T"] {
            #expect(throws: PinHashError.malformedHash) { try hasher.verify(canary, against: stored) }
        }
    }

    @Test func tamperedHashDoesNotVerify() throws {
        var hash = Array(try hasher.hash(canary).utf8)
        hash[hash.count - 1] = hash[hash.count - 1] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(try !hasher.verify(canary, against: String(decoding: hash, as: UTF8.self)))
    }

    @Test func errorsDescribeThemselvesWithoutPinMaterial() {
        let errors: [PinHashError] = [
            .invalidCost(0), .pinContainsNul, .saltGenerationFailed("x"),
            .hashingFailed("y"), .unsupportedHash, .malformedHash,
        ]
        #expect(Set(errors.map(\.description)).count == errors.count)
    }
}
