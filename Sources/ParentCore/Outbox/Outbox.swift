import Foundation
import SchoolStore

/// The parent's outgoing items, in `<data>/outbox/`: one file per item,
/// named by its idempotency key, written atomically and durably.
///
/// Exactly once, never lost, never doubled:
/// - an item is saved durably (``add(_:)`` returns only after the file and
///   its directory entry are on disk) before the app says "queued";
/// - every delivery attempt uses the item's key, and the store files an
///   item under its key with an exclusive create that ignores a key it
///   already holds (``StoreWriter/deliver(_:school:zone:)``);
/// - the item is marked sent only after the store holds it; a crash between
///   the two leaves it queued, and the next attempt finds the key already
///   held and just marks it sent.
///
/// Passing problems (the store unreachable, an I/O error) leave an item
/// queued with the reason, to be retried at the next sync; problems that
/// retrying cannot fix (the school turned off messages from parents, the
/// topic was withdrawn, the parent is no longer linked to the school) fail
/// it with a reason the parent reads, and the parent may retry or discard it.
public final class Outbox: Sendable {
    /// `<data>/outbox`.
    public let directory: String
    let files: any FileLayer
    private let serial = Locked(())

    public init(dataDirectory: String, files: any FileLayer) {
        directory = Paths.join(dataDirectory, "outbox")
        self.files = files
    }

    func path(_ key: String) -> String { Paths.join(directory, "\(key).json") }

    // MARK: - Reading

    /// Every item, oldest first. Unreadable leftovers are skipped.
    public func items() throws -> [OutboxItem] {
        var out: [OutboxItem] = []
        for name in try files.list(directory) where name.hasSuffix(".json") {
            guard let bytes = try files.read(Paths.join(directory, name)),
                  let item = OutboxItem.decode(bytes, file: name), "\(item.key).json" == name else { continue }
            out.append(item)
        }
        return out.sorted { ($0.createdAt, $0.key) < ($1.createdAt, $1.key) }
    }

    public func item(_ key: String) throws -> OutboxItem? {
        try files.read(path(key)).flatMap { OutboxItem.decode($0, file: "\(key).json") }
    }

    /// Messages and replies not yet sent (queued or failed): what logging
    /// out would lose. Read receipts are not counted.
    public func unsentCount() throws -> Int {
        try items().filter { $0.kind != .receipt && $0.isUnsent }.count
    }

    // MARK: - Adding

    /// Saves a new item durably. When this returns, the item is queued.
    public func add(_ item: OutboxItem) throws {
        try serial.withLock { _ in
            try files.makeDirectory(directory)
            try files.writeAtomically(item.encode(), to: path(item.key))
        }
    }

    /// A fresh idempotency key: 128 random bits.
    static func newKey() -> String {
        var g = SystemRandomNumberGenerator()
        return "x" + Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    /// The key of the read receipt for one message in one session: the same
    /// whenever the message is opened, so it is recorded once.
    static func receiptKey(session: String, message: MessageRef) -> String {
        "r" + String(SHA256.hexDigest("\(session)/\(message.school)/\(message.id)").prefix(32))
    }

    /// A failed item back in the queue (the parent chose to retry).
    public func retry(_ key: String) throws {
        try serial.withLock { _ in
            guard var item = try item(key), case .failed = item.state else { return }
            item.state = .queued
            item.lastError = nil
            try files.writeAtomically(item.encode(), to: path(key))
        }
    }

    /// Removes an item that is not being sent (failed, or sent).
    public func discard(_ key: String) throws {
        try serial.withLock { _ in
            guard let item = try item(key), item.state != .queued else { return }
            try files.remove(path(key))
        }
    }

    /// Removes sent read receipts whose message the model records as read
    /// (keeps the outbox small; the model holds the read state from now on).
    func pruneReceipts(readKeys: Set<String>) throws {
        try serial.withLock { _ in
            for item in try items() where item.kind == .receipt {
                guard case .sent = item.state, let m = item.message,
                      readKeys.contains(ReadPart.key(school: item.school, message: m)) else { continue }
                try files.remove(path(item.key))
            }
        }
    }

    // MARK: - Sending

    /// Tries to send every queued item. Never throws for a problem with an
    /// item (that goes in the report); only a simulated crash escapes.
    public func send(source: any SchoolDataSource, session: Session, now: Date) throws -> OutboxSendReport {
        try serial.withLock { _ in
            var report = OutboxSendReport()
            let writer = StoreWriter(root: source.root, files: files)
            let all: [OutboxItem]
            do { all = try items() } catch let crash as SimulatedCrash { throw crash } catch {
                report.problems.append("could not read the outbox: \(error)")
                return report
            }
            var schools: [String: School] = [:]
            for var item in all where item.state == .queued {
                let outcome: Outcome
                do {
                    outcome = try deliver(item, source: source, writer: writer, session: session, schools: &schools)
                } catch let crash as SimulatedCrash {
                    throw crash
                } catch {
                    outcome = .retry(Outbox.describe(error))
                }
                switch outcome {
                case .sent:
                    item.state = .sent(at: now)
                    item.lastError = nil
                case let .failed(reason):
                    item.state = .failed(reason: reason)
                case let .retry(reason):
                    item.attempts += 1
                    item.lastError = reason
                }
                do {
                    try files.writeAtomically(item.encode(), to: path(item.key))
                } catch let crash as SimulatedCrash {
                    throw crash
                } catch {
                    // The state stays as it was on disk; a sent item is found
                    // in the store by its key next time.
                    report.problems.append("could not update outbox item \(item.key): \(error)")
                }
                switch item.state {
                case .sent: report.sent.append(item)
                case .failed: report.failed.append(item)
                case .queued: report.retrying.append(item)
                }
            }
            return report
        }
    }

    enum Outcome {
        case sent
        case failed(String)
        case retry(String)
    }

    private func deliver(_ item: OutboxItem, source: any SchoolDataSource, writer: StoreWriter, session: Session,
                         schools: inout [String: School]) throws -> Outcome {
        let held = item.kind == .receipt
            ? "\(StoreLayout.receiptsDirectory(item.school))/\(item.key).json"
            : "\(StoreLayout.inboxDirectory(item.school))/\(item.key).json"
        // An earlier attempt got through (a crash came before it was marked sent).
        if files.exists(writer.layout.absolute(held)) { return .sent }
        guard session.schools.contains(where: { $0.school == item.school }) else {
            return .failed("You are no longer linked to this school, so it cannot be sent.")
        }
        let school: School
        if let s = schools[item.school] { school = s } else {
            do { school = try source.school(item.school) } catch {
                return .retry("the school's details could not be read (\(error.problems.first?.description ?? "store unreachable")); it will be sent later")
            }
            schools[item.school] = school
        }
        switch item.kind {
        case .message, .reply:
            guard school.xpressions.incomingEnabled else {
                return .failed("\(school.name) has turned off messages from parents in Xpressions, so it was not sent. Please contact the school another way.")
            }
            if item.kind == .message, let topic = item.topic, !school.xpressions.topics.contains(topic) {
                return .failed("\(school.name) no longer offers the topic \"\(topic)\". Choose another topic and send it again.")
            }
            _ = try writer.deliver(item.inboxItem, school: item.school, zone: school.zone)
        case .receipt:
            _ = try writer.record(item.receipt, school: item.school, zone: school.zone)
        }
        return .sent
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? FileLayerError { return "\(e.description); it will be sent later" }
        if let e = error as? StoreProblems { return "\(e.problems.first?.description ?? "store problem"); it will be sent later" }
        return "\(error); it will be sent later"
    }
}
