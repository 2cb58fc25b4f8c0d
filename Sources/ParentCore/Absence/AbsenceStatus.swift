import Foundation
import SchoolStore

/// Where an absence report stands, in the words every place uses (the
/// attendance screen, the status line, the digest): "Queued" until the
/// school has it, then "Reported — waiting for the school", then
/// "Acknowledged by the school at 09:12" (with the day when not today).
public enum AbsenceStatus: Sendable, Equatable {
    case queued(waitingForStore: Bool)
    case reported
    case acknowledged(at: Date)
    case failed(reason: String)

    /// How far a school's clock may run ahead of this one: an
    /// acknowledgement stamped later than that after `now` has not happened
    /// yet (a school command given a time to come, or an as-of view).
    public static let clockGrace: TimeInterval = 5 * 60

    /// Whether an acknowledgement made at `at` had happened by `now`.
    public static func happened(_ at: Date, by now: Date) -> Bool { at <= now.addingTimeInterval(clockGrace) }

    /// Where `item` stands at `now`: an acknowledgement stamped after it is
    /// not one yet (the app said "Acknowledged at 09:12" at 01:00 while the
    /// digest, by the same data, said waiting).
    public init(_ item: OutboxItem, at now: Date) {
        switch item.state {
        case .queued: self = .queued(waitingForStore: item.lastError != nil)
        case .sent:
            self =
                item.acknowledgedAt.flatMap { Self.happened($0, by: now) ? .acknowledged(at: $0) : nil } ?? .reported
        case .failed(let reason): self = .failed(reason: reason)
        }
    }

    /// The words, with times in the school's zone and `now` saying what today is.
    public func text(now: Date, zone: SchoolTimeZone) -> String {
        switch self {
        case .queued(let waiting): return waiting ? "Queued — will be sent when the school data is reachable" : "Queued"
        case .reported: return "Reported — waiting for the school"
        case .acknowledged(let at):
            let day = zone.civilDate(of: at)
            return
                "Acknowledged by the school at \(zone.clockText(at))\(day == zone.civilDate(of: now) ? "" : " on \(day.shortText)")"
        case .failed(let reason): return "Not sent: \(reason)"
        }
    }
}
