import Foundation
import SchoolStore

/// The data of the parent logged in to a data directory, read without
/// changing anything there: `session.json`, `model/manifest.json` and the
/// parts it names, and `outbox/`. It never opens a ``LocalModel`` or a
/// ``SyncEngine`` (which create directories, sweep temporary files and set
/// damaged files aside), takes no lock and writes nothing, so the exports
/// and the status line can run beside the app and `xpressions sync`.
///
/// The session is found as `xpressions sync` finds it: a `session.json`
/// that decodes, with its PIN set. A sync that commits while this reads
/// (its old part files go once its manifest is written) is met by reading
/// again, up to a few times.
public struct ParentData: Sendable {
    public let dataDirectory: String
    public let session: Session
    /// The snapshot the app's screens would show (empty before the first sync).
    public let model: ParentModel
    /// Why the saved local model is not shown, when it is not: one of an
    /// earlier login (the next sync replaces it). Nil otherwise.
    public let modelNote: String?

    /// Reads the parent's data in `dataDirectory`. Throws
    /// ``ExportError/nobodyLoggedIn(dataDirectory:)`` without a session,
    /// ``ExportError/sessionUnreadable(dataDirectory:)`` for one that cannot
    /// be read, and ``ExportError/unreadable(file:reason:)`` for a local
    /// model or outbox file that cannot be read (or a disk error).
    public static func read(dataDirectory: String, files: any FileLayer) throws(ExportError) -> ParentData {
        let session = try readSession(dataDirectory: dataDirectory, files: files)
        let reading = try ModelReader.read(
            dataDirectory: dataDirectory, session: session.id, files: files, depth: .everything)
        let items = try outboxItems(dataDirectory: dataDirectory, files: files)
        let model = ParentModel(
            state: reading.state, schoolOrder: session.schools.map(\.school),
            outbox: items.filter { $0.isCurrent(in: session) },
            lastSynced: [:], recovered: items.filter { $0.isKept(for: session) && $0.kind != .receipt })
        return ParentData(dataDirectory: dataDirectory, session: session, model: model, modelNote: reading.note)
    }

    /// The session in `dataDirectory`, as `xpressions sync` finds it (with
    /// its PIN set: a login that stopped at "Set a PIN" is no login).
    static func readSession(dataDirectory: String, files: any FileLayer) throws(ExportError) -> Session {
        let path = Paths.join(dataDirectory, "session.json")
        let bytes: [UInt8]?
        do { bytes = try files.read(path) } catch { throw .sessionUnreadable(dataDirectory: dataDirectory) }
        guard let bytes else { throw .nobodyLoggedIn(dataDirectory: dataDirectory) }
        guard let session = Session.decode(bytes) else { throw .sessionUnreadable(dataDirectory: dataDirectory) }
        guard session.pinHash != nil else { throw .nobodyLoggedIn(dataDirectory: dataDirectory) }
        return session
    }

    /// Every outbox item that can be read (one that cannot is the app's and
    /// `sync`'s to set aside; it is not the parent's data to export).
    static func outboxItems(dataDirectory: String, files: any FileLayer) throws(ExportError) -> [OutboxItem] {
        let outbox = Outbox(dataDirectory: dataDirectory, files: files)
        do { return try outbox.load().items } catch { throw .unreadable(file: outbox.directory, reason: "\(error)") }
    }
}
