import Foundation
import SchoolStore

/// What one sync did: per school, what changed; the messages that arrived
/// (and which of them to notify about); what the outbox sent; problems,
/// said plainly; how much it read and how long it took.
public struct SyncReport: Sendable, Equatable {
    public var startedAt: Date
    public var duration: TimeInterval = 0
    public var schools: [SchoolSyncSummary] = []
    /// Messages that appeared in the model in this sync for children the
    /// parent already had (not the history a first sync fills in).
    public var newMessages: [MessageRef] = []
    /// The new messages to raise a notification for (toast, bell): only
    /// while the session's notification registration exists at the school.
    public var notifications: [MessageRef] = []
    public var outbox = OutboxSendReport()
    public var problems: [SyncProblem] = []
    /// What the identity re-check changed: schools removed (with the
    /// reason) or added, records that went or joined, the session ended.
    public var identity = IdentityChanges()
    /// Store records and files read (every resource unchanged: 0).
    public var reads = 0
    /// Whether the local model was written.
    public var modelChanged = false
    /// The model's generation after the sync.
    public var generation = 0
    /// Why the whole store could not be used (nothing was sent or synced).
    public var storeUnavailable: StoreUnavailable?
    /// With the store away or invalid: the messages waiting to be sent.
    public var waitingForStore = 0
    /// Outbox files that could not be read, moved to `damaged/` (or left in
    /// place when even that failed): each is reported, never skipped.
    public var damagedOutboxItems: [Outbox.DamagedItem] = []
    /// Outbox files set aside in `damaged/` before this sync (by the app,
    /// or an earlier sync): what the parent wrote that could not be read is
    /// said at every sync, as Home says it, until support clears it.
    public var outboxItemsKeptAside: [String] = []
    /// Other files of the parent side moved to `damaged/` since the engine
    /// opened (a local model that could not be used, then rebuilt).
    public var setAside: [String] = []
    /// The local model was set aside in this sync (the model is all that
    /// is ever set aside here), and what could be read back put in a fresh
    /// one.
    public var rebuilt: Bool { !setAside.isEmpty }
    /// The schools whose local copy could not be read back when the model
    /// was set aside: fetched again from the store (all the session's when
    /// nothing could be read back).
    public var rebuiltSchools: [String] = []
    /// Temporary files left by a killed writer, removed from the data
    /// directory (its root, `outbox/`, `model/`) when the engine opened and
    /// at the start of this sync.
    public var temporaryFilesRemoved = 0
    /// Temporary files left by a killed writer removed from the store's
    /// inbox, receipts and registrations (`xpressions sync` sweeps them
    /// after the engine's sync; the engine itself does not).
    public var storeTemporaryFilesRemoved = 0

    public init(startedAt: Date) {
        self.startedAt = startedAt
    }

    /// No problems at all: nothing failed, nothing left waiting.
    /// Nothing to report: no problem, and no message of the parent's left
    /// waiting, failed, damaged or held (a message held by the identity
    /// re-check is one that will not go: `sync` exits 1 for it, as for a
    /// refused one).
    public var isClean: Bool {
        problems.isEmpty && outbox.problems.isEmpty && outbox.retrying.isEmpty && outbox.failed.isEmpty
            && damagedOutboxItems.isEmpty && setAside.isEmpty && outboxItemsKeptAside.isEmpty
            && identity.messagesHeld == 0
    }

    /// Some problem comes from a store file that does not decode.
    public var hasInvalidStore: Bool { problems.contains { $0.kind == .invalidStore } }

    /// A short plain summary, one line each (no names of people, no emails
    /// or phone numbers): for `xpressions sync` and support logs.
    public var summaryLines: [String] {
        var lines: [String] = []
        if let ended = identity.sessionEnded {
            lines.append("session ended: \(ended)")
            if identity.messagesHeld > 0 {
                let n = identity.messagesHeld
                // With the device's key replaced they cannot be matched to a
                // login again: said as the app says it (it promised they would be).
                lines.append(
                    IdentityRecheck.loses(ended)
                        ? "  \(n) unsent message\(n == 1 ? " is" : "s are") kept on this device, but can no longer be matched to a login, so \(n == 1 ? "it is" : "they are") not offered again: support can read \(n == 1 ? "it" : "them") in the outbox folder"
                        : "  \(n) unsent message\(n == 1 ? " is" : "s are") kept for you after you log in again")
            }
        }
        for s in identity.schoolsRemoved where !schools.contains(where: { $0.school == s.school && $0.removed != nil })
        {
            // With its children counted, as a school removed by its sync is.
            let n = s.children
            lines.append("\(s.reason ?? s.schoolName): removed\(n > 0 ? " (\(n) child\(n == 1 ? "" : "ren"))" : "")")
        }
        for s in identity.schoolsAdded {
            lines.append("\(s.schoolName): added (a contact record there now holds these details)")
        }
        let removedSchools = Set(identity.schoolsRemoved.map(\.school))
        for r in identity.recordsRemoved where !removedSchools.contains(r.school) {
            lines.append(
                "\(r.schoolName): a contact record no longer holds these details for you (\(r.reasons.joined(separator: "; ")))"
            )
        }
        let addedSchools = Set(identity.schoolsAdded.map(\.school))
        for r in identity.recordsAdded where !addedSchools.contains(r.school) {
            lines.append("\(r.schoolName): another contact record joined (it holds these details too)")
        }
        if identity.messagesHeld > 0 && identity.sessionEnded == nil {
            lines.append(
                "  \(identity.messagesHeld) unsent message\(identity.messagesHeld == 1 ? " was" : "s were") held: written for records that no longer hold these details"
            )
        }
        for s in schools {
            if let removed = s.removed {
                let n = s.childrenRemoved.count
                lines.append("\(removed): removed\(n > 0 ? " (\(n) child\(n == 1 ? "" : "ren"))" : "")")
                continue
            }
            guard s.synced else {
                lines.append(
                    rebuiltSchools.contains(s.school)
                        ? "\(s.schoolName): not synced (its copy on this device could not be read; it is fetched again once its data can be read)"
                        : "\(s.schoolName): not synced (kept the last good data)")
                continue
            }
            var what: [String] = []
            // A model rebuilt (set aside as damaged) starts empty: what it now
            // holds is not new to the parent ("103 new messages" misled).
            if rebuiltSchools.contains(s.school) {
                var held: [String] = []
                if s.messagesAdded > 0 { held.append("\(s.messagesAdded) message\(s.messagesAdded == 1 ? "" : "s")") }
                if !s.childrenAdded.isEmpty {
                    held.append("\(s.childrenAdded.count) child\(s.childrenAdded.count == 1 ? "" : "ren")")
                }
                // A damaged child part alone rebuilds nothing new: no empty "()".
                lines.append(
                    "\(s.schoolName): rebuilt from the school data"
                        + (held.isEmpty ? "" : " (\(held.joined(separator: ", ")))"))
                continue
            }
            if s.messagesAdded > 0 {
                // Those over 14 days old start read at a school's first sync:
                // said here too, for a sync run from cron or a timer (only the
                // app's own sync said so, on Home).
                let older =
                    s.historyMarkedRead > 0
                    ? " (\(s.historyMarkedRead) of them over 14 days old, so they start read)" : ""
                what.append("\(s.messagesAdded) new message\(s.messagesAdded == 1 ? "" : "s")\(older)")
            }
            // Published after the sync's time (an earlier --now): not there
            // yet then, not withdrawn.
            let later = min(s.messagesNotYetPublished, s.messagesRemoved)
            if s.messagesRemoved - later > 0 {
                // With a child removed, most go with the child: the school
                // took nothing back ("withdrawn" misled support).
                let n = s.messagesRemoved - later
                what.append(
                    "\(n) message\(n == 1 ? "" : "s") " + (s.childrenRemoved.isEmpty ? "withdrawn" : "no longer shown"))
            }
            if s.marksAdded > 0 { what.append("\(s.marksAdded) attendance mark\(s.marksAdded == 1 ? "" : "s")") }
            let laterMarks = min(s.marksNotYetPublished, s.marksRemoved)
            if s.marksRemoved - laterMarks > 0 {
                let n = s.marksRemoved - laterMarks
                what.append("\(n) attendance mark\(n == 1 ? "" : "s") withdrawn")
            }
            // One phrase for both: "7 messages and 24 attendance marks not
            // published yet at this time".
            let notYet = [
                later > 0 ? "\(later) message\(later == 1 ? "" : "s")" : nil,
                laterMarks > 0 ? "\(laterMarks) attendance mark\(laterMarks == 1 ? "" : "s")" : nil,
            ].compactMap { $0 }
            if !notYet.isEmpty { what.append(notYet.joined(separator: " and ") + " not published yet at this time") }
            if !s.childrenAdded.isEmpty {
                what.append("\(s.childrenAdded.count) child\(s.childrenAdded.count == 1 ? "" : "ren") added")
            }
            if !s.childrenRemoved.isEmpty {
                // Why, where a record still names the child (support reads
                // "correspondence not allowed" here, not only in doctor).
                let why = s.childrenRemoved.compactMap { c in s.removedBecause[c].map { "\(c.student): \($0.short)" } }
                what.append(
                    "\(s.childrenRemoved.count) child\(s.childrenRemoved.count == 1 ? "" : "ren") removed"
                        + (why.isEmpty ? "" : " (\(why.joined(separator: "; ")))"))
            }
            if what.isEmpty && s.partsChanged > 0 { what.append("updated") }
            // A file held back at its last good data: never "up to date"
            // beside its problem line.
            if problems.contains(where: { $0.school == s.school }) {
                what.append("the last good data kept where there is a problem (below)")
            }
            lines.append(
                "\(s.schoolName): \(what.isEmpty ? "up to date" : what.joined(separator: ", ")) (\(s.reads) read\(s.reads == 1 ? "" : "s"))"
            )
        }
        if storeUnavailable != nil, waitingForStore > 0 {
            lines.append(
                "outbox: \(waitingForStore) waiting: sent when the school data can be reached (kept on this device meanwhile)"
            )
        }
        let o = outbox
        if !o.isEmpty {
            // Read receipts apart: "2 sent" when one message was waiting read
            // as more than the parent wrote.
            let receipts = o.sent.filter { $0.kind == .receipt }.count
            lines.append(
                "outbox: \(o.sent.count - receipts) sent, \(o.retrying.count) queued, \(o.failed.count) failed"
                    + (receipts > 0 ? "; \(receipts) read receipt\(receipts == 1 ? "" : "s") sent" : ""))
            for item in o.failed {
                if case .failed(let reason) = item.state {
                    lines.append("  \(item.kind.rawValue) \(item.key): \(reason)")
                }
            }
            for item in o.retrying {
                lines.append("  \(item.kind.rawValue) \(item.key): \(item.lastError ?? "will retry")")
            }
            for p in o.problems { lines.append("  problem: \(p)") }
            for item in o.acknowledged {
                lines.append(
                    "  absence \(item.key): acknowledged by the school at \(item.acknowledgedAt.map { Timestamp.format($0) } ?? "?")"
                )
            }
        }
        if !notifications.isEmpty {
            lines.append("notifications: \(notifications.count) new message\(notifications.count == 1 ? "" : "s")")
        }
        for d in damagedOutboxItems {
            if d.permissionDenied {
                lines.append(
                    "problem: outbox/\(d.file) could not be read (permission denied): left where it is, and sent once your user owns it again (chown)"
                )
            } else if d.file == "outbox", let moved = d.movedTo {
                lines.append(
                    "problem: outbox was not a folder: moved to damaged/\(moved); a new one is made for your next message"
                )
            } else if let moved = d.movedTo {
                lines.append("problem: outbox/\(d.file) could not be read: moved to damaged/\(moved)")
            } else {
                lines.append(
                    "problem: outbox/\(d.file) could not be read, nor moved to damaged/ (\(d.problem ?? "unknown reason"))"
                )
            }
        }
        if !outboxItemsKeptAside.isEmpty {
            let n = outboxItemsKeptAside.count
            lines.append(
                "problem: \(n) message\(n == 1 ? "" : "s") you wrote could not be read and \(n == 1 ? "is" : "are") kept aside for support: \(outboxItemsKeptAside.map { "damaged/\($0)" }.joined(separator: ", "))"
            )
        }
        for name in setAside { lines.append("problem: \(name)") }
        for p in problems { lines.append("problem: \(p)") }
        if temporaryFilesRemoved > 0 || storeTemporaryFilesRemoved > 0 {
            lines.append(
                "temporary files removed: \(temporaryFilesRemoved) in the data directory, \(storeTemporaryFilesRemoved) in the store"
            )
        }
        lines.append(
            "took \(Int((duration * 1000).rounded())) ms, \(reads) store read\(reads == 1 ? "" : "s"), model generation \(generation)"
        )
        return lines
    }
}
