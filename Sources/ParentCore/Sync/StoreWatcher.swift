import Foundation
import SchoolStore

#if canImport(Glibc)
    import Glibc
#endif

/// Watches the store's files for the parent's schools with Linux inotify
/// (through Glibc, no package) and says when something changed, so a
/// message the school sends appears in an open app within a second or two
/// instead of at the next interval. Watched: each school's directory and
/// every directory below it (new ones as they appear), except the
/// parent-side write-back directories (inbox, receipts, registrations)
/// and the store's own indexes. Changes are gathered for `settle` (a few
/// hundred milliseconds) and reported once. When the directories go away
/// (the store moved), the watcher tries again every few seconds; the
/// periodic sync stays the fallback. A watch follows its directory when
/// the whole store is renamed away (the rename happens above what is
/// watched, so no event says so), so the watcher also looks every couple of
/// seconds at what each school's path leads to: gone, or another directory
/// (the store moved back, or replaced by a copy), is a change. A folder
/// that moves, goes or appears inside a school (the school's own folder
/// renamed away and back, a year's messages folder) has every watch made
/// again on what is there then: a watch forgotten when its folder moved
/// was not made again, with the folders under it, when the folder came
/// back, and live arrival stopped for that school (an audit).
public final class StoreWatcher: Sendable {
    private let root: String
    private let schools: [String]
    private let settle: TimeInterval
    private let onChange: @Sendable () -> Bool
    private let fd: Int32
    private struct State {
        var watches: [Int32: String] = [:]
        var stopped = false
        var stale = true
        /// A folder moved, went or appeared: watch everything again.
        var rewatch = false
        /// What each school's path led to when it was watched (device, inode).
        var identities: [String: [UInt64]] = [:]
    }
    private let state = Locked(State())

    /// Starts watching, on a thread of its own; nil where inotify cannot be
    /// used. `onChange` returns false when it could not act now (a sync is
    /// already under way): the change is reported again shortly.
    public init?(root: String, schools: [String], settle: TimeInterval = 0.15, onChange: @escaping @Sendable () -> Bool)
    {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.fd = fd
        self.root = root
        self.schools = schools
        self.settle = settle
        self.onChange = onChange
        addWatches()
        Thread.detachNewThread { [self] in run() }
    }

    deinit { close(fd) }

    /// Stops watching (the thread ends within its poll interval).
    public func stop() { state.withLock { $0.stopped = true } }

    static let skipped: Set<String> = ["inbox", "receipts", "registrations", "login-attempts"]
    static let events = UInt32(
        IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Adds watches for every school directory and its subdirectories.
    private func addWatches() {
        var added: [Int32: String] = [:]
        func watch(_ path: String, depth: Int) {
            let wd = inotify_add_watch(fd, path, StoreWatcher.events)
            guard wd >= 0 else { return }
            added[wd] = path
            guard depth < 4 else { return }
            for name in RawFile.list(path) ?? [] where !name.hasPrefix(".") && !StoreWatcher.skipped.contains(name) {
                let child = "\(path)/\(name)"
                if RawFile.isDirectory(child) { watch(child, depth: depth + 1) }
            }
        }
        var identities: [String: [UInt64]] = [:]
        // An overlay (an as-of view's sandbox, the demo's write-backs) reads
        // through to the store below it, where the school writes: both are
        // watched (a `school send` reached an as-of view only at the next
        // interval).
        let roots = [root] + (StoreOverlay.marker(of: root).map { [$0.lower] } ?? [])
        for base in roots {
            // The schools' folder itself, for a school that appears (a second
            // school holding the parent's details joins at the next sync: it
            // waited for the minute's).
            let schoolsFolder = Paths.join(base, StoreLayout.schoolsDirectory)
            let folderWatch = inotify_add_watch(fd, schoolsFolder, UInt32(IN_CREATE | IN_MOVED_TO | IN_ONLYDIR))
            if folderWatch >= 0 { added[folderWatch] = schoolsFolder }
            for school in schools {
                let path = Paths.join(Paths.join(base, StoreLayout.schoolsDirectory), school)
                guard RawFile.isDirectory(path) || base == root else { continue }
                watch(path, depth: 0)
                if let id = StoreWatcher.identity(path) { identities[path] = id }
            }
        }
        state.withLock { s in
            s.watches.merge(added) { _, new in new }
            s.identities = identities
            s.stale = added.isEmpty
        }
    }

    /// The device and inode `path` leads to now; nil when nothing is there.
    static func identity(_ path: String) -> [UInt64]? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [UInt64(st.st_dev), UInt64(st.st_ino)]
    }

    /// Whether a school's path leads somewhere else than when it was watched
    /// (the store moved away, back, or was replaced): then every watch is
    /// dropped, to be made again on what is there now.
    private func pathsMoved() -> Bool {
        let watched = state.withLock { $0.identities }
        guard !watched.isEmpty else { return false }
        let moved = watched.contains { path, id in StoreWatcher.identity(path) != id }
        guard moved else { return false }
        state.withLock { s in
            for wd in s.watches.keys { inotify_rm_watch(fd, wd) }
            s.watches = [:]
            s.identities = [:]
            s.stale = true
        }
        return true
    }

    /// Drops every watch and makes them again on what is there now (the
    /// kernel's notice that a dropped watch is gone names a watch no longer
    /// held, and is let pass).
    private func watchAgain() {
        state.withLock { s in
            for wd in s.watches.keys { inotify_rm_watch(fd, wd) }
            s.watches = [:]
        }
        addWatches()
    }

    private func run() {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var pendingSince: Date?
        var lastAttempt = Date.distantPast
        var lastLook = Date()
        while !state.withLock({ $0.stopped }) {
            if Date().timeIntervalSince(lastLook) >= 2 {
                lastLook = Date()
                if pathsMoved() {
                    pendingSince = pendingSince ?? Date()
                    lastAttempt = .distantPast  // watch what is there now at once
                }
            }
            if state.withLock({ $0.stale }), Date().timeIntervalSince(lastAttempt) > 3 {
                lastAttempt = Date()
                addWatches()
                // Back after the store was away: whatever happened meanwhile counts.
                if !state.withLock({ $0.stale }) { pendingSince = pendingSince ?? Date() }
            }
            if state.withLock({ s in
                defer { s.rewatch = false }
                return s.rewatch
            }) {
                watchAgain()
            }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, pendingSince == nil ? 500 : 50)
            if ready > 0 {
                let n = read(fd, &buffer, buffer.count)
                if n > 0 { handle(buffer[0..<n], pending: &pendingSince) }
            }
            if let since = pendingSince, Date().timeIntervalSince(since) >= settle {
                pendingSince = onChange() ? nil : Date()
            }
        }
    }

    private func handle(_ bytes: ArraySlice<UInt8>, pending: inout Date?) {
        var offset = bytes.startIndex
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= bytes.endIndex {
            let (wd, mask, length) = bytes.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let base = offset - bytes.startIndex
                return (
                    raw.loadUnaligned(fromByteOffset: base, as: Int32.self),
                    raw.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self),
                    Int(raw.loadUnaligned(fromByteOffset: base + 12, as: UInt32.self))
                )
            }
            let nameBytes = bytes[(offset + header)..<min(bytes.endIndex, offset + header + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += header + length
            guard state.withLock({ $0.watches[wd] }) != nil else { continue }  // one dropped since
            // A watched folder moved or went (its watch still holds the
            // folder wherever it went; the kernel's own notice of the
            // watch's end comes with IN_IGNORED).
            if mask & UInt32(IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                state.withLock { $0.rewatch = true }
                pending = pending ?? Date()
                continue
            }
            guard !name.hasPrefix("."), !StoreWatcher.skipped.contains(name) else { continue }
            // A folder appeared (made, or moved back with its own folders).
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                state.withLock { $0.rewatch = true }
            }
            pending = pending ?? Date()
        }
    }
}
