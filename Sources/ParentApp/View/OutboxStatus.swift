import Foundation
import ParentCore

/// What happened to something the parent wrote, said the same way
/// everywhere: "Queued" until the school has it, then "Sent" with the time.
struct OutboxStatus: Equatable {
    let text: String
    let role: Role

    init(_ item: OutboxItem, now: Date, zone: SchoolTimeZone) {
        switch item.state {
        case .queued:
            text = item.lastError == nil ? "Queued" : "Queued — will be sent when the school data is reachable"
            role = .dim
        case let .sent(at):
            text = "Sent \(DateText.moment(at, now: now, zone: zone))"
            role = .success
        case let .failed(reason):
            text = "Not sent: \(reason)"
            role = .error
        }
    }
}
