#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ParentCore
import SchoolStore

/// `xpressions store audit [DIR] [--school ID] [--csv]`: the seed's
/// post-installation check of a school's contact data (``StoreAudit``).
/// Exit 0 when every contact with parental responsibility can log in and
/// nothing needs fixing, 1 when something does, 64 wrong usage, 65 when a
/// school's details or contact records cannot be read. Progress goes to
/// stderr, on one line rewritten in place, only when stderr is a terminal.
enum AuditCommand {
    static let usage = "usage: xpressions store audit [DIR] [--school ID] [--csv]"

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> Int32 {
        var dir: String? = nil, school: String? = nil, csv = false
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            switch name {
            case "--school": school = try cursor.value(for: name, inline: inline)
            case "--csv": csv = true
            case "--help", "-h": output.out(usage); return 0
            default:
                if name.hasPrefix("-") { throw .init("store audit: unknown option '\(arg)'") }
                guard dir == nil else { throw .init("store audit: unexpected argument '\(arg)'") }
                dir = arg
            }
        }
        guard let root = dir ?? DemoStoreLocator.path() else { throw .init("store audit: no DIR given and the built-in demo store was not found") }
        let store: FileStore
        do throws(StoreProblems) { store = try FileStore(root: root) } catch {
            for p in error.problems { output.err(p.description) }
            return 65
        }
        let every = store.schoolIDs().sorted()
        var schools = every
        if let school {
            guard every.contains(school) else {
                let some = every.prefix(10).joined(separator: ", ") + (every.count > 10 ? ", …" : "")
                throw .init("store audit: no school '\(school)' in \(root) (schools: \(some))")
            }
            schools = [school]
        }
        let progress = Progress(enabled: isatty(2) != 0)
        let audits: [SchoolAudit]
        do throws(StoreProblems) {
            audits = try StoreAudit(store: store).run(schools: schools) { done, total, id in progress.show("auditing \(id) \(done)/\(total)…") }
            progress.clear()
        } catch {
            progress.clear()
            for p in error.problems { output.err(p.description) }
            return 65
        }
        let report = StoreAuditReport(audits: audits)
        if csv {
            FileHandle.standardOutput.write(Data(report.csv().utf8))
        } else {
            output.out(report.text().trimmingCharacters(in: .newlines))
        }
        return audits.allSatisfy { $0.findings.isEmpty } ? 0 : 1
    }

    /// One line of progress on stderr, rewritten in place (`\r`, padded
    /// with spaces over the last one) at most ten times a second, and
    /// cleared at the end. Silent when stderr is not a terminal.
    final class Progress: Sendable {
        let enabled: Bool
        private let state = Locked((shown: 0, last: UInt64(0)))

        init(enabled: Bool) { self.enabled = enabled }

        func show(_ text: String) {
            guard enabled else { return }
            state.withLock { s in
                let now = DispatchTime.now().uptimeNanoseconds
                guard s.last == 0 || now - s.last >= 100_000_000 else { return }
                s.last = now
                let width = text.count
                Progress.write("\r" + text + String(repeating: " ", count: max(0, s.shown - width)))
                s.shown = width
            }
        }

        func clear() {
            guard enabled else { return }
            state.withLock { s in
                if s.shown > 0 { Progress.write("\r" + String(repeating: " ", count: s.shown) + "\r") }
                s.shown = 0
            }
        }

        static func write(_ text: String) {
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
