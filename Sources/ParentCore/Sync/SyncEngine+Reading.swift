import Foundation
import SchoolStore

/// What the parent reads: opening a message (which tells the school, with a
/// read receipt), and marking messages read or unread (which never does).
extension SyncEngine {
    /// Marks a message read because the parent opened it: queues its read
    /// receipt (durably, under a key derived from the session and the
    /// message, so opening it again adds nothing) and records the read state
    /// in the model. Returns the new snapshot.
    @discardableResult
    public func markRead(_ ref: MessageRef) throws -> ParentModel {
        let snap = snapshot
        guard let message = snap.message(ref),
            let contacts = session.schools.first(where: { $0.school == ref.school })?.contacts
        else { return snap }
        let key = Outbox.receiptKey(contacts: contacts, message: ref)
        if !message.isUnread {
            // Read already without being opened (mark all read, N, history
            // at the first login): the school gets its receipt when the
            // parent first opens it, once (one stat says the store has it).
            let stored = source.stamp("\(StoreLayout.receiptsDirectory(ref.school))/\(key).json") != nil
            guard !stored, try outbox.item(key) == nil else { return snap }
            try outbox.add(
                OutboxItem(
                    key: key, kind: .receipt, school: ref.school, contacts: contacts,
                    students: message.children.map(\.student), message: ref.id, createdAt: clock.now(),
                    session: session.id, writer: session.writer))
            return refreshSnapshot()
        }
        // Unread again (N) after its receipt went: the store has it, and
        // nothing is queued (a second one was, counted "1 read receipt sent"
        // by a sync that wrote nothing).
        let stored = source.stamp("\(StoreLayout.receiptsDirectory(ref.school))/\(key).json") != nil
        if !stored, try outbox.item(key) == nil {
            try outbox.add(
                OutboxItem(
                    key: key, kind: .receipt, school: ref.school, contacts: contacts,
                    students: message.children.map(\.student), message: ref.id, createdAt: clock.now(),
                    session: session.id, writer: session.writer))
        }
        var update = ModelUpdate()
        update.readAdditions = [ref.key]
        update.unreadRemovals = [ref.key]
        do {
            try model.commit(update)
        } catch let crash as SimulatedCrash {
            throw crash
        } catch {
            // The queued receipt already shows it as read; the next sync
            // saves the read state.
        }
        return refreshSnapshot()
    }

    /// Marks messages read without opening them ("mark all read"): only the
    /// local read state changes. No read receipt is queued, because a
    /// receipt tells the school the parent read the message, and these
    /// were not read. Returns the new snapshot and how many were unread.
    @discardableResult
    public func markAllRead(_ refs: [MessageRef]) throws -> (model: ParentModel, marked: Int) {
        let snap = snapshot
        let keys = Set(refs.filter { snap.message($0)?.isUnread ?? false }.map(\.key))
        guard !keys.isEmpty else { return (snap, 0) }
        var update = ModelUpdate()
        update.readAdditions = keys
        update.unreadRemovals = keys
        try model.commit(update)
        return (refreshSnapshot(), keys.count)
    }

    /// Marks one message unread again (it counts as unread, and shows so,
    /// until it is opened or marked read). A receipt already sent stays
    /// with the school; nothing is sent. Returns the new snapshot.
    @discardableResult
    public func markUnread(_ ref: MessageRef) throws -> ParentModel {
        let snap = snapshot
        guard let message = snap.message(ref), !message.isUnread else { return snap }
        var update = ModelUpdate()
        update.unreadAdditions = [ref.key]
        try model.commit(update)
        return refreshSnapshot()
    }
}
