import Foundation
import SchoolStore

/// `<data>/unregister-pending.json`: notification registrations a logout
/// (or an ended session) could not withdraw because the school data was
/// away. The parent was told so ("notifications may still arrive until it
/// is"); they are withdrawn the next time the app opens with the store
/// there, so a device logged out never keeps being notified for good.
/// Ids only (a school's and a registration's), 0600.
struct PendingUnregistrations: Sendable {
    static let fileName = "unregister-pending.json"

    let dataDirectory: String
    let files: any FileLayer

    var path: String { Paths.join(dataDirectory, PendingUnregistrations.fileName) }

    /// What is waiting: (school, registration id).
    func read() -> [(school: String, id: String)] {
        guard let bytes = try? files.read(path), case .array(let values)? = try? JSONParser.parse(bytes) else {
            return []
        }
        return values.compactMap { value in
            guard case .string(let school)? = value["school"], case .string(let id)? = value["id"],
                MessageScope.isValidIdentifier(school), MessageScope.isValidIdentifier(id)
            else { return nil }
            return (school, id)
        }
    }

    /// Adds registrations to withdraw later.
    func add(_ more: [(school: String, id: String)]) throws {
        guard !more.isEmpty else { return }
        try write(read() + more)
    }

    private func write(_ all: [(school: String, id: String)]) throws {
        if all.isEmpty {
            try files.remove(path)
            return
        }
        try files.makeDirectory(dataDirectory)
        let value = JSONValue.array(
            all.map { .object([("school", .string($0.school)), ("id", .string($0.id))]) })
        try files.writeAtomically(JSONWriter().write(value), to: path)
    }

    /// Withdraws what is waiting when the store is there; keeps what still
    /// cannot be. Returns how many were withdrawn.
    @discardableResult
    func withdraw(from connection: StoreConnection) -> Int {
        let waiting = read()
        guard !waiting.isEmpty, connection.unavailability() == nil else { return 0 }
        let writer = StoreWriter(root: connection.root, files: files)
        var left: [(school: String, id: String)] = []
        for r in waiting {
            do { try writer.unregister(id: r.id, school: r.school) } catch { left.append(r) }
        }
        try? write(left)
        return waiting.count - left.count
    }
}
