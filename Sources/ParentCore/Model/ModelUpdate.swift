import Foundation

/// What one commit changes in the local model: parts written (whole),
/// parts removed, messages newly read, and schools' sync times. Parts not
/// named are left exactly as they are.
struct ModelUpdate: Sendable {
    var upserts: [String: ModelPart] = [:]
    var removals: Set<String> = []
    /// `school/message` keys to add to the read state (merged with what is
    /// on disk at commit time, so two instances never lose each other's).
    var readAdditions: Set<String> = []
    /// Keys the parent marked unread, and keys no longer marked so (opened
    /// or marked read again).
    var unreadAdditions: Set<String> = []
    var unreadRemovals: Set<String> = []
    var syncedAt: [String: Date] = [:]
    /// Store troubles that started or changed, and those that cleared.
    var troubles: [String: StoreTrouble] = [:]
    var clearedTroubles: Set<String> = []
    /// Schools whose sync times go (no longer the parent's).
    var clearedSyncedAt: Set<String> = []

    var isEmpty: Bool {
        upserts.isEmpty && removals.isEmpty && readAdditions.isEmpty && unreadAdditions.isEmpty
            && unreadRemovals.isEmpty && syncedAt.isEmpty
            && troubles.isEmpty && clearedTroubles.isEmpty && clearedSyncedAt.isEmpty
    }

    mutating func put(_ part: ModelPart) {
        upserts[part.name] = part
        removals.remove(part.name)
    }

    mutating func remove(_ name: String) {
        upserts[name] = nil
        removals.insert(name)
    }

    /// Adds another update's changes (later wins).
    mutating func merge(_ other: ModelUpdate) {
        for (_, p) in other.upserts { put(p) }
        for n in other.removals { remove(n) }
        readAdditions.formUnion(other.readAdditions)
        unreadAdditions.subtract(other.unreadRemovals)
        unreadRemovals.subtract(other.unreadAdditions)
        unreadAdditions.formUnion(other.unreadAdditions)
        unreadRemovals.formUnion(other.unreadRemovals)
        syncedAt.merge(other.syncedAt) { $1 }
        troubles.merge(other.troubles) { $1 }
        clearedTroubles.formUnion(other.clearedTroubles)
        clearedSyncedAt.formUnion(other.clearedSyncedAt)
    }
}
