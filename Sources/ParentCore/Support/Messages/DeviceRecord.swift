import Foundation
import SchoolStore

/// What a parent's data directory says about one message: whether the app
/// there belongs to this parent, whether its local model holds the message
/// (synced) and for which children, when it last synced the school, and
/// whether the parent opened it on this device.
///
/// Read-only: it reads `session.json`, `model/manifest.json` and the two
/// model parts it needs (the month's timeline part and the read state)
/// through the model's own decoders, and never opens a ``LocalModel`` (which
/// sweeps and creates files). Nothing in the directory changes.
public struct DeviceRecord: Sendable, Equatable {
    /// Who is logged in with data in the directory.
    public enum SessionState: Sendable, Equatable {
        /// No `session.json`: nobody is logged in there.
        case none
        /// A session whose email is not the one given (only a digest is kept).
        case anotherParent
        /// This parent's session, with the contact records it syncs at the message's school.
        case thisParent(contacts: [String])
    }

    /// The state of the local model.
    public enum ModelStatus: Sendable, Equatable {
        /// No model yet: the app has never synced.
        case none
        /// A model of another (earlier) session: the next sync starts again.
        case otherSession
        /// A model file that cannot be used, with the reason.
        case damaged(String)
        /// A model of this session.
        case present
    }

    public var dataDirectory: String
    public var session: SessionState
    public var model: ModelStatus
    /// When the app last synced the message's school (nil: never).
    public var lastSync: Date?
    /// The local model holds the message.
    public var synced: Bool
    /// The students the model files it under.
    public var children: [String]
    /// The parent opened it on this device (the model's read state).
    public var readOnDevice: Bool
    /// The message's file in the store is not as the last sync read it
    /// (added or edited since: the next sync reads it), when known: nil
    /// without the store's root or the sync's cursor of the file.
    public var fileChangedSinceSync: Bool? = nil

    public init(
        dataDirectory: String, session: SessionState, model: ModelStatus, lastSync: Date?, synced: Bool,
        children: [String], readOnDevice: Bool
    ) {
        self.dataDirectory = dataDirectory
        self.session = session
        self.model = model
        self.lastSync = lastSync
        self.synced = synced
        self.children = children
        self.readOnDevice = readOnDevice
    }

    /// Reads what `dataDirectory` holds about `located` for the parent with
    /// this email. I/O errors other than a missing file are thrown.
    public static func read(
        dataDirectory: String, email: String, located: LocatedMessage, zone: SchoolTimeZone,
        files: any FileLayer, storeRoot: String? = nil
    ) throws -> DeviceRecord {
        var record = DeviceRecord(
            dataDirectory: dataDirectory, session: .none, model: .none, lastSync: nil, synced: false,
            children: [], readOnDevice: false)
        let sessionPath = Paths.join(dataDirectory, "session.json")
        if let info = files.modificationInfo(sessionPath), info.isDirectory || info.isSpecial { return record }
        guard let sessionBytes = try files.read(sessionPath),
            let session = Session.decode(sessionBytes)
        else { return record }
        // The session keeps only a digest of the email, keyed with the data
        // directory's install key (read, never made, here).
        let key = try InstallKey.existing(dataDirectory: dataDirectory, files: files)
        guard let key, session.emailDigest == key.emailDigest(EmailAddress.normalise(email)) else {
            record.session = .anotherParent
            return record
        }
        record.session = .thisParent(contacts: session.schools.first { $0.school == located.school }?.contacts ?? [])
        let modelDirectory = Paths.join(dataDirectory, "model")
        guard let manifestBytes = try files.read(Paths.join(modelDirectory, ModelManifest.fileName)) else {
            return record
        }
        let manifest: ModelManifest
        switch ModelManifest.decode(manifestBytes) {
        case .failure(let damage):
            record.model = .damaged(damage.description)
            return record
        case .success(let m): manifest = m
        }
        guard manifest.session == session.id else {
            record.model = .otherSession
            return record
        }
        record.model = .present
        record.lastSync = manifest.syncedAt[located.school]
        let month = TimelinePart.month(of: zone.civilDate(of: located.message.sentAt))
        if let file = manifest.parts[PartName.timeline(located.school, located.year, month)] {
            switch try part(file, in: modelDirectory, files: files) {
            case .success(.timeline(let timeline)):
                if let stored = timeline.messages.first(where: { $0.message.id == located.message.id }) {
                    record.synced = true
                    record.children = stored.children
                }
            case .failure(let damage):
                record.model = .damaged(damage.description)
            default:
                record.model = .damaged("\(file): not a timeline part")
            }
        }
        // Not there: whether its file changed since the sync read it (a
        // message added by hand and dated before that sync, or the file
        // rewritten since) is what the next sync would see.
        if !record.synced, let storeRoot, let file = manifest.parts[PartName.cursors(located.school)],
            case .success(.cursors(let part)) = try part(file, in: modelDirectory, files: files),
            let cursor = part.cursors["messages/\(located.year)/\(located.scope.fileStem)"]
        {
            record.fileChangedSinceSync =
                cursor.stamp != FileStamp.of(Paths.join(storeRoot, located.file))?.description
        }
        if let file = manifest.parts[PartName.read],
            case .success(.read(let read)) = try part(file, in: modelDirectory, files: files)
        {
            record.readOnDevice = read.read.contains(ReadPart.key(school: located.school, message: located.message.id))
        }
        return record
    }

    static func part(_ file: String, in directory: String, files: any FileLayer) throws -> Result<
        ModelPart, ModelDamage
    > {
        guard let bytes = try files.read(Paths.join(directory, file)) else {
            return .failure(ModelDamage(file: file, reason: "missing"))
        }
        return ModelPart.decode(bytes, file: file)
    }
}
