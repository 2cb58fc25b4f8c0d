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
    func read() -> [(school: String, id: String)] { readChecked().pairs }

    /// What is waiting, and whether the file was damaged (it does not
    /// parse: cut short, overwritten). From a damaged file every whole
    /// `"school": …, "id": …` pair that can still be read is taken, so a
    /// device logged out is not notified for good because of it.
    func readChecked() -> (pairs: [(school: String, id: String)], damaged: Bool) {
        guard let bytes = try? files.read(path) else { return ([], false) }
        func valid(_ school: String, _ id: String) -> Bool {
            MessageScope.isValidIdentifier(school) && MessageScope.isValidIdentifier(id)
        }
        if case .array(let values)? = try? JSONParser.parse(bytes) {
            let pairs = values.compactMap { value -> (school: String, id: String)? in
                guard case .string(let school)? = value["school"], case .string(let id)? = value["id"],
                    valid(school, id)
                else { return nil }
                return (school, id)
            }
            return (pairs, false)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var pairs: [(school: String, id: String)] = []
        let pattern = #/"school"\s*:\s*"([A-Za-z0-9._-]+)"\s*,\s*"id"\s*:\s*"([A-Za-z0-9._-]+)"/#
        for match in text.matches(of: pattern) where valid(String(match.1), String(match.2)) {
            pairs.append((String(match.1), String(match.2)))
        }
        return (pairs, true)
    }

    /// A damaged file is moved to `damaged/` (never overwritten unseen) and
    /// what could be read of it written back whole; returns the pairs.
    func mended(at date: Date) -> [(school: String, id: String)] {
        let (pairs, damaged) = readChecked()
        if damaged {
            _ = try? DamagedFiles(dataDirectory: dataDirectory, files: files).setAside(
                path, as: PendingUnregistrations.fileName, at: date)
            try? write(pairs)
        }
        return pairs
    }

    /// Adds registrations to withdraw later.
    func add(_ more: [(school: String, id: String)], at date: Date = Date()) throws {
        guard !more.isEmpty else { return }
        try write(mended(at: date) + more)
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
    func withdraw(from connection: StoreConnection, at date: Date = Date()) -> Int {
        let waiting = mended(at: date)
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
