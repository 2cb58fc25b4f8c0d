import Glibc

/// A store directory laid over a read-only store: it holds only what was
/// written to it (messages to school, receipts, registrations, login
/// attempts, a school-side send, indexes), and reads everything else from
/// the store below. The app uses the built-in demo store this way, so a
/// first run copies nothing: the data directory gets an overlay of a few
/// empty directories.
///
/// The overlay is marked by `.overlay-of` in its root: the absolute path of
/// the store below on the first line, and a caller's stamp of it (to tell
/// when it changed) on the second. The marker is honoured only when it is a
/// small regular file owned by this user and writable by no one else, so a
/// store handed over by someone else cannot send reads elsewhere.
public enum StoreOverlay {
    public static let markerName = ".overlay-of"

    /// The store below `root`, or nil when `root` is a plain store.
    public static func lower(of root: String) -> String? { marker(of: root)?.lower }

    /// What `root`'s marker says: the store below and the stamp it was made with.
    public static func marker(of root: String) -> (lower: String, stamp: String)? {
        let path = "\(root)/\(markerName)"
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == geteuid(),
            st.st_mode & (S_IWGRP | S_IWOTH) == 0, st.st_size < 8192,
            let bytes = try? RawFile.read(path)
        else { return nil }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        guard let lower = lines.first, lower.hasPrefix("/"), lower.count > 1, RawFile.isDirectory(lower) else {
            return nil
        }
        return (lower, lines.count > 1 ? lines[1] : "")
    }

    /// Makes `root` an empty overlay on `lower` (throwing away what it held):
    /// `lower`'s directories are made (0700) so they can be watched for
    /// changes, then the marker is written, last, so an interrupted set-up
    /// is never taken for an overlay.
    public static func create(at root: String, over lower: String, stamp: String, files: any FileLayer) throws {
        try files.removeTree(root)
        try files.makeDirectory(root)
        func copyDirectories(_ relative: String) throws {
            for name in RawFile.list(relative.isEmpty ? lower : "\(lower)/\(relative)") ?? [] where !name.hasPrefix(".")
            {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                var st = stat()
                guard lstat("\(lower)/\(path)", &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { continue }
                // Attachment files are never written by the app: their directories (one a
                // message, 276 in the demo) stay below, read through (the first run had made
                // them all, each made durable: 0.2 s).
                if name == "files" && relative.contains("/messages/") { continue }
                try files.makeDirectory("\(root)/\(path)")
                try copyDirectories(path)
            }
        }
        try copyDirectories("")
        try files.writeAtomically(Array("\(lower)\n\(stamp)\n".utf8), to: "\(root)/\(markerName)")
    }

    /// A stamp of a store's files (paths and sizes, without following links
    /// or reading contents): it changes when files come, go or change size.
    public static func stamp(of root: String) -> String {
        var lines: [String] = []
        func walk(_ relative: String) {
            for name in RawFile.list(relative.isEmpty ? root : "\(root)/\(relative)") ?? [] where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                var st = stat()
                guard lstat("\(root)/\(path)", &st) == 0 else { continue }
                if (st.st_mode & S_IFMT) == S_IFDIR {
                    walk(path)
                } else {
                    lines.append("\(path) \(st.st_size)")
                }
            }
        }
        walk("")
        return StableHash.hex(StableHash.fnv1a64(lines.joined(separator: "\n")))
    }
}
