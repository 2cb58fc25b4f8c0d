import Foundation

/// The freshness rules of the seeds: attendance marks reach parents at most
/// 92 minutes after the school records them; other MIS data up to 48 hours.
enum PublicationRule {
    static func check(recorded: Date, published: Date, maximum: TimeInterval, reader r: FieldReader) {
        if published < recorded {
            r.report("publishedAt", "is before recordedAt")
        } else if published.timeIntervalSince(recorded) > maximum {
            r.report("publishedAt", "is more than \(Int(maximum / 3600)) hours after recordedAt")
        }
    }
}
