import Foundation
import ParentCore
import SchoolStore

/// `xpressions sync [--store DIR] [--data-dir DIR] [--now TIME]`: one sync of
/// the logged-in session in the data directory, outbox included, headless.
/// Prints a short summary (school names and counts: no names of people, no
/// emails or phone numbers), including what the identity re-check changed
/// (a school that no longer holds the parent's details, removed; one that
/// now does, added; the session ended). Exit 0: synced, nothing left to
/// report; 1: problems (not logged in, the session ended because no school
/// holds the parent's details any more, the store away, a school's files
/// unreadable or invalid, outbox items waiting or damaged, the local disk); 65: the
/// store as a whole is not a valid store. The store is opened only when the
/// sync needs it, so the local housekeeping (temporary files, damaged files)
/// happens even when it is away. Its file layer honours
/// `XPRESSIONS_CRASH_AT` and friends, so a harness can kill it at any write
/// point.
enum SyncCommand {
    static let usage = "usage: xpressions sync [--store DIR] [--data-dir DIR] [--now TIME]"

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        var storePath: String? = nil
        var dataDir: String? = nil
        var now: NowOption? = nil
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            switch name {
            case "--store": storePath = try cursor.value(for: name, inline: inline)
            case "--data-dir": dataDir = try cursor.value(for: name, inline: inline)
            case "--now": now = try StoreOpening.parseNow(try cursor.value(for: name, inline: inline))
            case "--help", "-h":
                output.out(usage)
                return .ok
            default: throw .init("sync: unknown option '\(arg)'")
            }
        }
        let environment = ProcessEnvironment.current()
        let data: DataDirectory
        do {
            data = try DataDirectory.resolve(
                override: dataDir, environment: environment, home: DataDirectory.homeDirectory(environment: environment)
            )
        } catch {
            output.err("xpressions: \(error.description)")
            return .notFound
        }
        // A --data-dir where nothing is: nobody is logged in there (exit 1,
        // as before a first login), said as such, and nothing is made there
        // (a typo made a directory with a copy of the demo store in it).
        if dataDir != nil, !RawFile.exists(data.path) {
            output.err(
                "xpressions: nobody is logged in with data in \(data.path): there is no such directory (the app makes it at the first login; check the path if you have logged in)"
            )
            return .notFound
        }
        let files: any FileLayer
        do {
            files = try FaultyFileLayer.fromEnvironment(wrapping: PosixFileLayer(), environment: environment)
        } catch {
            throw .init("\(error)")
        }
        let root = try StoreOpening.resolveForParent(storePath, dataDirectory: data.path, files: files)
        // --now, else the store's demo clock, else real time; security
        // decisions always on the real time.
        let clock = StoreOpening.appClock(now: now, storeRoot: root, dataDirectory: data.path)
        // An as-of sync (--now) says what a sync then would find, worked out
        // in a sandbox: the device's data and the store stay as they are.
        var sandbox: AsOfSandbox? = nil
        if now != nil {
            // What a sync then would find needs the school data: with it
            // away, the problem named the sandbox's copy of it.
            do { _ = try FileStore(root: root) } catch {
                // Said once, in words: a store not there is not "not a
                // directory" (the path was said twice, and wrongly).
                output.err(
                    "xpressions: an as-of sync (--now) needs the school data, which cannot be read now (\(StoreOpening.unreadable(root, error))). Without --now, sync says what it can."
                )
                return .dataErr
            }
            do { sandbox = try AsOfSandbox.make(dataDirectory: data.path, storeRoot: root, files: files) } catch {
                output.err("xpressions: cannot prepare the as-of sync in \(data.path): \(error)")
                return .cantCreate
            }
            output.out(
                "As of \(Timestamp.format(clock.now())) (--now): worked out on a copy of the data in \(data.path), then thrown away; nothing on this device or in the store changes"
            )
        }
        defer { sandbox?.remove(files: files) }
        var settings = CoreSettings()
        if sandbox != nil {
            settings.asOfView = true
            settings.loginAttemptsStore = root
        }
        let account = ParentAccount(
            storeRoot: sandbox?.storeRoot ?? root, dataDirectory: sandbox?.dataDirectory ?? data.path, files: files,
            clock: clock, securityClock: StoreOpening.securityClock, settings: settings)
        do {
            guard let session = try account.loadSession() else {
                if let unavailable = account.connection.unavailability(), unavailable.kind == .invalid {
                    for p in unavailable.problems { output.err(p.description) }
                    return .dataErr
                }
                if files.exists(data.file("session.json")) {
                    output.err(
                        "xpressions: the saved login in \(data.path) could not be read; open the app to log in again (unsent messages are kept)"
                    )
                } else {
                    output.err("xpressions: nobody is logged in with data in \(data.path); log in with the app first")
                }
                return .notFound
            }
            let engine: SyncEngine
            do {
                engine = try SyncEngine(account: account, session: session)
            } catch let crash as SimulatedCrash {
                throw crash
            } catch {
                // The local model cannot be opened at all: the outbox still
                // goes, but only while every record of the login still holds
                // its details, re-checked as doctor does. Following a change
                // (holding what was written for records that went) needs the
                // model, so until then nothing is sent on anyone's behalf (an
                // injected fault here sent a message to a school that had
                // changed the parent's email).
                output.err("xpressions: the local data in \(data.path) could not be opened (\(error))")
                let outbox = Outbox(dataDirectory: account.dataDirectory, files: files)
                let check =
                    (try? SessionValidity.read(
                        dataDirectory: account.dataDirectory, source: account.connection, files: files, now: clock.now()
                    ))?
                    .check
                guard let check, !check.sessionEnds, !check.records.isEmpty, check.records.allSatisfy(\.matches) else {
                    let unsent = (try? outbox.unsent(of: session).count) ?? 0
                    if unsent > 0 {
                        output.err(
                            "xpressions: \(unsent) unsent message\(unsent == 1 ? " is" : "s are") kept, not sent: the school's records for you could not be checked or have changed, and following them needs the local data; \(unsent == 1 ? "it goes" : "they go") at the next sync that can open it"
                        )
                    }
                    return .notFound
                }
                let sent = try outbox.send(source: account.connection, session: session, now: clock.now())
                var report = SyncReport(startedAt: clock.now())
                report.outbox = sent
                for line in report.summaryLines.dropLast() { output.out(line) }
                return .notFound
            }
            // What a killed writer (a sync, the school side) left in the store's
            // write-back folders of the parent's schools is removed by the sync
            // itself, and counted in the summary.
            let report = try engine.sync()
            let snapshot = engine.snapshot
            output.out(
                "xpressions sync: \(snapshot.schools.count) school\(snapshot.schools.count == 1 ? "" : "s"), "
                    + "\(snapshot.children.count) child\(snapshot.children.count == 1 ? "" : "ren"), "
                    + "\(snapshot.messageCount) message\(snapshot.messageCount == 1 ? "" : "s"), \(snapshot.unreadCount()) unread"
            )
            for line in report.summaryLines { output.out(line) }
            // A login made on a school's copy, synced without --store against the
            // demo store: the schools are simply not there. Say what to give.
            if storePath == nil {
                let absent = StoreOpening.schoolsNotHeld(session.schools.map(\.school), storeRoot: root)
                if !absent.isEmpty {
                    output.err(
                        "xpressions: the login in \(data.path) is for \(absent.joined(separator: ", ")), which the demo store does not hold: give --store with the store the app uses"
                    )
                }
            }
            // Refused in an earlier sync, and waiting on the parent: said at every sync.
            let refusedNow = Set(report.outbox.failed.map(\.key))
            let refused = snapshot.outbox.filter { $0.kind != .receipt && $0.isFailed && !refusedNow.contains($0.key) }
            if !refused.isEmpty {
                output.out(
                    "outbox: \(refused.count) message\(refused.count == 1 ? "" : "s") not sent earlier (why is in the app: o on Home, where \(refused.count == 1 ? "it" : "each") can be sent again, edited or discarded)"
                )
            }
            // Kept from an earlier moment (the app closed while it was
            // written, a login that changed): never sent without the parent,
            // so said at every sync (it was said nowhere outside the app).
            let kept = snapshot.recovered.count
            if kept > 0 {
                output.out(
                    "outbox: \(kept) message\(kept == 1 ? "" : "s") kept for you to send, edit or discard in the app (m on Home)"
                )
            }
            if report.storeUnavailable?.kind == .invalid { return .dataErr }
            return report.isClean && refused.isEmpty && kept == 0 ? .ok : .notFound
        } catch {
            output.err("xpressions: sync failed: \(error)")
            return .notFound
        }
    }
}
