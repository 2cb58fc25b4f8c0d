import Foundation

/// Where a digest starts (`--since`): `last`, the end of the last digest
/// written for this login in the data directory (the last 24 hours when
/// there is none), or a duration back from now (`90m`, `24h`, `2d`, `1w`).
public enum DigestSince: Sendable, Equatable {
    case last
    case duration(TimeInterval)

    /// How far back `last` reaches without an earlier digest: 24 hours.
    public static let firstDigestWindow: TimeInterval = 24 * 3600
    /// The longest duration accepted: 366 days.
    public static let longest: TimeInterval = 366 * 86_400

    /// Why a `--since` value was refused, in words for the user.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// `last`, or a whole number and a unit: `s`, `m` (minutes), `h`, `d`,
    /// `w` (weeks): `90m`, `24h`, `2d`. Nothing else (no sign, fraction,
    /// space or missing unit); more than 366 days is refused.
    public static func parse(_ text: String) throws(ParseError) -> DigestSince {
        if text == "last" { return .last }
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 7 * 86_400]
        let refusal = ParseError(description: "--since takes last or a duration such as 90m, 24h or 2d, got '\(text)'")
        guard let unit = text.last.flatMap({ units[$0] }) else { throw refusal }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ ("0"..."9").contains($0) }), let n = Int(digits),
            n > 0
        else { throw refusal }
        let seconds = TimeInterval(n) * unit
        guard seconds <= longest else {
            throw ParseError(description: "--since reaches back at most 366 days, got '\(text)'")
        }
        return .duration(seconds)
    }

    /// The start of the digest's window at `now`, and where it came from.
    /// `lastDigest`: when the last digest of this login was written (nil:
    /// none). A start after `now` (a clock moved back) is `now`.
    public func start(now: Date, lastDigest: Date?) -> (Date, Digest.SinceSource) {
        switch self {
        case .duration(let seconds):
            return (now.addingTimeInterval(-seconds), .duration)
        case .last:
            guard let lastDigest else { return (now.addingTimeInterval(-DigestSince.firstDigestWindow), .firstDigest) }
            return (min(lastDigest, now), .lastDigest)
        }
    }
}
