import Foundation
import ParentCore
import SchoolStore

/// The store doctor reads, chosen as the app chooses it so support sees
/// what the parent's app sees: `--store DIR`; else the data directory's
/// demo store (the overlay on the built-in one where the app, `sync` and
/// `school send` write registrations, receipts, login attempts and live
/// messages) when it is there and current; else the built-in demo store.
/// The data directory is `--data-dir`, else the app's default. Doctor
/// only reads: it never makes the overlay or the data directory.
struct DoctorStore {
    enum Source: String {
        case given = "given"
        case dataDirectory = "data directory"
        case builtIn = "built-in"
    }

    let root: String
    let source: Source
    /// The data directory resolved (`--data-dir`, else the app's default),
    /// nil when there is none (no home directory).
    let dataDirectory: String?

    /// Chooses the store. A `--data-dir` that is not a directory is a usage
    /// error naming it: a mistyped path must not read as "nobody is logged in".
    static func choose(storePath: String?, dataDirectory given: String?) throws(ArgumentCursor.UsageError)
        -> DoctorStore
    {
        let environment = ProcessEnvironment.current()
        var data: String? = nil
        do {
            data = try DataDirectory.resolve(
                override: given, environment: environment,
                home: DataDirectory.homeDirectory(environment: environment)
            ).path
        } catch {
            if given != nil { throw .init("doctor: --data-dir \(given ?? ""): \(error.description)") }
        }
        if given != nil, let data, !RawFile.isDirectory(data) {
            throw .init(
                RawFile.exists(data)
                    ? "doctor: --data-dir \(data) is not a directory"
                    : "doctor: --data-dir \(data): no such directory (the app's data directory is where it keeps the parent's session; by default $XDG_DATA_HOME/xpressions or ~/.local/share/xpressions)"
            )
        }
        if let storePath { return DoctorStore(root: storePath, source: .given, dataDirectory: data) }
        let builtIn = try StoreOpening.resolve(nil)
        if let data, let overlay = DemoStoreSeeder.currentOverlay(of: builtIn, dataDirectory: data) {
            return DoctorStore(root: overlay, source: .dataDirectory, dataDirectory: data)
        }
        return DoctorStore(root: builtIn, source: .builtIn, dataDirectory: data)
    }

    /// The first line of doctor's text: which store it read, and why that one.
    var header: String {
        switch source {
        case .given: return "Store: \(root) (given with --store)"
        case .dataDirectory:
            return "Store: \(root) (the demo store the app uses in the data directory \(dataDirectory ?? "?"))"
        case .builtIn:
            let data = dataDirectory.map { "; no demo store in the data directory \($0) yet" } ?? ""
            return "Store: \(root) (the built-in demo store\(data))"
        }
    }

    /// The store options of doctor's command line.
    static func choose(_ o: DoctorCommand.Options) throws(ArgumentCursor.UsageError) -> DoctorStore {
        try choose(storePath: o.storePath, dataDirectory: o.dataDirectory)
    }

    /// A report as text, under the header.
    func text(_ report: String) -> String { header + "\n\n" + report.trimmingCharacters(in: .newlines) }

    /// A report as JSON with `"store": {"path", "source": "given"|"data
    /// directory"|"built-in"}` first.
    func json(_ report: JSONValue) -> String {
        var store = JSONObjectBuilder()
        store.set("path", root)
        store.set("source", source.rawValue)
        var value = report
        if case .object(let members) = report { value = .object([("store", store.value)] + members) }
        return JSONWriter().string(value).trimmingCharacters(in: .newlines)
    }
}
