import Foundation
import ParentCore

/// What happened to something the parent wrote, said the same way
/// everywhere: "Queued" until the school has it, then "Sent" with the time.
/// An absence report, once sent, is "Reported — waiting for the school",
/// then "Acknowledged by the school at 09:12".
struct OutboxStatus: Equatable {
    private(set) var text: String
    let role: Role

    static let copyOnlyText = " (as-of copy only)"

    /// Whether `item` went into an as-of view's copy only: sent in the view,
    /// at or after the moment it starts (a tour's copy is its school's,
    /// which does get it). What the device had sent before that moment
    /// reached the school and is said plainly (every sent item said "as-of
    /// copy only", the device's own too).
    static func copyOnly(_ s: AppState, _ item: OutboxItem) -> Bool {
        guard s.settings.asOfView, s.tour == nil, case .sent(let at) = item.state else { return false }
        return at >= (s.settings.asOfStart ?? .distantPast)
    }

    /// `storeReachable`: the school's data can be used now, so a queued
    /// item with a reason from its last attempt says the reason (it said
    /// "will be sent when the school data is reachable" while it was, and
    /// a directory in the record's place held it for ever).
    ///
    /// `copyOnly`: an as-of view, whose sending goes into its own copy of
    /// the data: sent is said as "(as-of copy only)", as the note at the
    /// sending says the school did not get it (the list said a bare "Sent").
    init(_ item: OutboxItem, now: Date, zone: SchoolTimeZone, storeReachable: Bool = false, copyOnly: Bool = false) {
        defer {
            if copyOnly, case .sent = item.state { text += OutboxStatus.copyOnlyText }
        }
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
