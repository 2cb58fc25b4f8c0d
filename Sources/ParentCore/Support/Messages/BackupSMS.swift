import Foundation
import SchoolStore

/// Whether the school's backup SMS would have gone to the parent for a
/// message: Messenger (Account Settings > Xpressions) can send an SMS when
/// an Xpression cannot be delivered after a delay. It applies when the
/// school sets the delay, the message is addressed to one of the parent's
/// records (its audience takes in a child the record may receive
/// correspondence about, and any `contacts` list names the record), the
/// store held no notification registration for those records when the SMS
/// was due (no app to deliver to; one made later was too late), and a
/// record holds a number an SMS can reach (typed Mobile, in a mobile range;
/// one SMS per number however the records write it).
public struct BackupSMS: Sendable, Equatable {
    /// The school's delay, in minutes; nil when it sends no backup SMS.
    public var afterMinutes: Int?
    /// The parent's records the message is addressed to.
    public var addressedRecords: [String]
    /// Notification registrations in the store for those records.
    public var registrations: [NotificationRegistration]
    /// The numbers an SMS would go to, exactly as the MIS holds them.
    public var numbers: [String]
    /// The message was published at the time asked.
    public var published: Bool
    /// The first registration for those records made after the SMS was due
    /// (too late to stop it), if any.
    public var laterRegistration: Date?
    /// The SMS was due by the time asked (published, and its delay gone
    /// by): one due later has not gone yet.
    public var due = true

    /// `registrations`: those made by the time the SMS was due (a later one
    /// goes in `laterRegistration`).
    public init(
        afterMinutes: Int?, addressedRecords: [String], registrations: [NotificationRegistration], numbers: [String],
        published: Bool, laterRegistration: Date? = nil
    ) {
        self.afterMinutes = afterMinutes
        self.addressedRecords = addressedRecords
        self.registrations = registrations
        self.numbers = numbers
        self.published = published
        self.laterRegistration = laterRegistration
    }

    /// An SMS would have been sent.
    public var applies: Bool {
        afterMinutes != nil && published && due && !addressedRecords.isEmpty && registrations.isEmpty
            && !numbers.isEmpty
    }

    /// The addressed records a registration covers, each once.
    public var registeredRecords: [String] {
        addressedRecords.filter { r in registrations.contains { $0.contacts.contains(r) } }
    }

    /// One sentence in the seeds' terms; numbers shown through `disclosure`.
    /// `canLogIn`: whether the parent's details identify them there (one
    /// who cannot log in has no "when they log in" to wait for).
    public func detail(disclosure: Disclosure, visibleFrom: Date, zone: SchoolTimeZone, canLogIn: Bool = true)
        -> String
    {
        guard let minutes = afterMinutes else {
            let off =
                "the school sends no backup SMS (Account Settings > Xpressions: \"Send backup SMS if Xpressions cannot be delivered\" is off)"
            // Whether the app could have had it is the other half of "why
            // didn't he see it": a parent who never logged in has no
            // registration, so nothing reached him at all.
            guard !addressedRecords.isEmpty else { return off }
            if registrations.isEmpty, let later = laterRegistration {
                return
                    "\(off), and the store held no notification registration for \(addressedRecords.joined(separator: ", ")) when it was published (the app registered at \(zone.format(later)), after it), so the parent was not told of it then (the app shows it once a sync has brought it)"
            }
            if registrations.isEmpty {
                let waits =
                    canLogIn
                    ? "nothing reached them but the message itself, there when they log in"
                    : "nothing reached them, and these details cannot log in to read it (see the result)"
                return
                    "\(off), and the store holds no notification registration for \(addressedRecords.joined(separator: ", ")): this parent has no app logged in to be told, so \(waits)"
            }
            let since = registrations.map(\.registeredAt).min().map { " (registered \(zone.format($0)))" } ?? ""
            return
                "\(off); the store holds a notification registration for \(registeredRecords.joined(separator: ", "))\(since), so the app was told"
        }
        let setting = "the school sends a backup SMS when an Xpression is not delivered after \(minutes) minutes"
        if addressedRecords.isEmpty {
            return "\(setting), but the message is not addressed to any of this parent's records, so no SMS either"
        }
        if !registrations.isEmpty {
            let since = registrations.map(\.registeredAt).min().map { " (registered \(zone.format($0)))" } ?? ""
            return
                "\(setting); the store holds a notification registration for \(registeredRecords.joined(separator: ", "))\(since), so the Xpression goes to the app and no SMS applies"
        }
        if numbers.isEmpty {
            return
                "\(setting) and the store holds no notification registration for \(addressedRecords.joined(separator: ", ")), but no record holds a number typed Mobile in a mobile range, so no SMS could be sent"
        }
        let to = numbers.map(disclosure.number).joined(separator: ", ")
        let late = laterRegistration.map { "; the app registered at \(zone.format($0)), after it was due" } ?? ""
        guard published else {
            return
                "\(setting) and the store holds no notification registration for \(addressedRecords.joined(separator: ", ")): once published, an SMS would go to \(to) \(minutes) minutes later"
        }
        let at = zone.format(visibleFrom.addingTimeInterval(Double(minutes) * 60))
        guard due else {
            return
                "\(setting) and the store holds no notification registration for \(addressedRecords.joined(separator: ", ")) at this time: an SMS goes to \(to) at \(at), unless an app registers for them before then"
        }
        return
            "\(setting) and the store holds no notification registration for \(addressedRecords.joined(separator: ", ")): an SMS would have gone to \(to) at \(at)\(late)"
    }
}
