import Foundation
import ParentCore

/// What happened to something the parent wrote, said the same way
/// everywhere: "Queued" until the school has it, then "Sent" with the time.
/// An absence report, once sent, is "Reported — waiting for the school",
/// then "Acknowledged by the school at 09:12".
struct OutboxStatus: Equatable {
    let text: String
    let role: Role

    init(_ item: OutboxItem, now: Date, zone: SchoolTimeZone) {
        switch item.state {
        case .queued:
            text = item.lastError == nil ? "Queued" : "Queued — will be sent when the school data is reachable"
            role = .dim
        case .sent where item.kind == .absence:
            if let at = item.acknowledgedAt {
                let day = zone.civilDate(of: at)
                let when = day == zone.civilDate(of: now) ? zone.clockText(at) : "\(zone.clockText(at)) on \(day.shortText)"
                text = "Acknowledged by the school at \(when)"
                role = .success
            } else {
                text = "Reported — waiting for the school"
                role = .text
            }
        case let .sent(at):
            text = "Sent \(DateText.moment(at, now: now, zone: zone))"
            role = .success
        case let .failed(reason):
            text = "Not sent: \(reason)"
            role = .error
        }
    }
}
