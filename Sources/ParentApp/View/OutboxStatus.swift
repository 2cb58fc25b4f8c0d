import Foundation
import ParentCore

/// What happened to something the parent wrote, said the same way
/// everywhere: "Queued" until the school has it, then "Sent" with the time.
/// An absence report, once sent, is "Reported — waiting for the school",
/// then "Acknowledged by the school at 09:12".
struct OutboxStatus: Equatable {
    let text: String
    let role: Role

    /// `storeReachable`: the school's data can be used now, so a queued
    /// item with a reason from its last attempt says the reason (it said
    /// "will be sent when the school data is reachable" while it was, and
    /// a directory in the record's place held it for ever).
    init(_ item: OutboxItem, now: Date, zone: SchoolTimeZone, storeReachable: Bool = false) {
        switch item.state {
        case .queued:
            if storeReachable, let why = item.lastError {
                text = "Queued, not sent yet: \(why)"
                role = .warning
            } else {
                text = AbsenceStatus(item, at: now).text(now: now, zone: zone)  // the same words for every kind
                role = .dim
            }
        case .sent where item.kind == .absence:
            let status = AbsenceStatus(item, at: now)
            text = status.text(now: now, zone: zone)
            if case .acknowledged = status { role = .success } else { role = .text }
        case .sent(let at):
            text = "Sent \(DateText.moment(at, now: now, zone: zone))"
            role = .success
        case .failed(let reason):
            text = "Not sent: \(reason)"
            role = .error
        }
    }
}
