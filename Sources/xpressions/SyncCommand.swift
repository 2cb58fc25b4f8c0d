import Foundation
import ParentCore
import SchoolStore

/// `xpressions sync [--store DIR] [--data-dir DIR] [--now TIME]`: one sync of
/// the logged-in session in the data directory, outbox included, headless.
/// Prints a short summary (school names and counts: no names of people, no
/// emails or phone numbers). Exit 0: synced; 1: problems (not logged in,
/// store unreachable, outbox items waiting, local disk); 65: a store file
/// is invalid. Its file layer honours `XPRESSIONS_CRASH_AT` and friends, so
/// a harness can kill it at any write point.
enum SyncCommand {
    static let usage = "usage: xpressions sync [--store DIR] [--data-dir DIR] [--now TIME]"

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> Int32 {
        var storePath: String? = nil, dataDir: String? = nil, now: NowOption? = nil
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            switch name {
            case "--store": storePath = try cursor.value(for: name, inline: inline)
            case "--data-dir": dataDir = try cursor.value(for: name, inline: inline)
            case "--now": now = try StoreOpening.parseNow(try cursor.value(for: name, inline: inline))
            case "--help", "-h": output.out(usage); return 0
            default: throw .init("sync: unknown option '\(arg)'")
            }
        }
        let environment = ProcessInfo.processInfo.environment
        let data: DataDirectory
        do {
            data = try DataDirectory.resolve(override: dataDir, environment: environment, home: DataDirectory.homeDirectory(environment: environment))
        } catch {
            output.err("xpressions: \(error.description)")
            return 1
        }
        let files: any FileLayer
        do {
            files = try FaultyFileLayer.fromEnvironment(wrapping: PosixFileLayer(), environment: environment)
        } catch {
            throw .init("\(error)")
        }
        let root = try StoreOpening.resolveForParent(storePath, dataDirectory: data.path, files: files)
        let store: FileStore
        do throws(StoreProblems) {
            store = try FileStore(root: root)
        } catch {
            for p in error.problems { output.err(p.description) }
            return 65
        }
        let clock = StoreOpening.clock(now: now, store: store)
        let account = ParentAccount(store: store, dataDirectory: data.path, files: files, clock: clock)
        do {
            guard let session = try account.loadSession() else {
                output.err("xpressions: nobody is logged in with data in \(data.path); log in with the app first")
                return 1
            }
            let engine = try SyncEngine(account: account, session: session)
            let report = try engine.sync()
            let snapshot = engine.snapshot
            output.out("xpressions sync: \(snapshot.schools.count) school\(snapshot.schools.count == 1 ? "" : "s"), "
                       + "\(snapshot.children.count) child\(snapshot.children.count == 1 ? "" : "ren"), "
                       + "\(snapshot.messageCount) message\(snapshot.messageCount == 1 ? "" : "s"), \(snapshot.unreadCount()) unread")
            for line in report.summaryLines { output.out(line) }
            if report.hasInvalidStore { return 65 }
            return report.isClean ? 0 : 1
        } catch {
            output.err("xpressions: sync failed: \(error)")
            return 1
        }
    }
}
