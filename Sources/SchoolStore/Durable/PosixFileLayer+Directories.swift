import Foundation

/// Directory operations of ``PosixFileLayer``: listing, creating, removing
/// trees, sweeping temporary files and tightening permissions.
extension PosixFileLayer {
    public func list(_ directory: String) throws -> [String] {
        guard let names = try entries(of: directory) else { return [] }
        return names.filter { !TemporaryFileName.isTemporary($0) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public func makeDirectory(_ path: String) throws {
        var prefixes: [String] = []
        var current = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") where !component.isEmpty {
            current = current.isEmpty ? String(component) : Paths.join(current, String(component))
            prefixes.append(current)
        }
        guard !prefixes.isEmpty else { return }
        for (index, prefix) in prefixes.enumerated() {
            if mkdir(prefix, PosixFileLayer.directoryMode) == 0 {
                guard chmod(prefix, directoryMode(for: prefix)) == 0 else {
                    throw FileLayerError.fromErrno("set the mode of", prefix)
                }
                try syncDirectory(Paths.parent(of: prefix), for: prefix)
                continue
            }
            guard errno == EEXIST else { throw FileLayerError.fromErrno("create the directory", prefix) }
            var info = stat()
            guard stat(prefix, &info) == 0 else { throw FileLayerError.fromErrno("create the directory", prefix) }
            guard PosixFileLayer.isDirectory(info) else {
                throw FileLayerError(operation: "create the directory", path: prefix, code: ENOTDIR)
            }
            if !followsFolders, index == prefixes.count - 1, info.st_uid == geteuid(),
                info.st_mode & 0o7777 != PosixFileLayer.directoryMode
            {
                guard chmod(prefix, PosixFileLayer.directoryMode) == 0 else {
                    throw FileLayerError.fromErrno("set the mode of", prefix)
                }
            }
        }
    }

    public func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw FileLayerError.fromErrno("remove", path)
        }
        try removeTreeEntry(path, info)
        try syncDirectory(Paths.parent(of: path), for: path)
    }

    public func sweepTemporaryFiles(in directory: String) throws -> [String] {
        guard let names = try entries(of: directory) else { return [] }
        var removed: [String] = []
        for name in names where TemporaryFileName.isTemporary(name) {
            let path = Paths.join(directory, name)
            if unlink(path) == 0 || errno == ENOENT {
                removed.append(name)
                continue
            }
            // A directory of that name is no writer's (they make files):
            // left alone, never a stop to the rest of the sweep (one made
            // every temporary file of the outbox stay, without a word).
            if errno == EISDIR || errno == EPERM, modificationInfo(path)?.isDirectory == true { continue }
            throw FileLayerError.fromErrno("remove", path)
        }
        if !removed.isEmpty { try syncDirectory(directory, for: directory) }
        return removed.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public func tightenPermissions(under root: String) throws -> [String] {
        var changed: [String] = []
        try tighten(root, changed: &changed)
        return changed
    }

    // MARK: - Helpers

    /// All names in `directory` except `.` and `..`, unsorted; nil when the
    /// directory does not exist.
    private func entries(of directory: String) throws -> [String]? {
        guard let stream = opendir(directory) else {
            if errno == ENOENT { return nil }
            throw FileLayerError.fromErrno("list", directory)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw FileLayerError.fromErrno("list", directory) }
                break
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private func removeTreeEntry(_ path: String, _ info: stat) throws {
        guard PosixFileLayer.isDirectory(info) else {
            guard unlink(path) == 0 || errno == ENOENT else { throw FileLayerError.fromErrno("remove", path) }
            return
        }
        // A file written into it meanwhile (a model opening in the
        // background as the parent logs out) is removed on another pass:
        // "Directory not empty" failed a logout now and then.
        for pass in 0..<5 {
            for name in try entries(of: path) ?? [] {
                let child = Paths.join(path, name)
                var childInfo = stat()
                guard lstat(child, &childInfo) == 0 else {
                    if errno == ENOENT { continue }
                    throw FileLayerError.fromErrno("remove", child)
                }
                try removeTreeEntry(child, childInfo)
            }
            if rmdir(path) == 0 || errno == ENOENT { return }
            guard errno == ENOTEMPTY || errno == EEXIST, pass < 4 else { break }
        }
        throw FileLayerError.fromErrno("remove", path)
    }

    private func tighten(_ path: String, changed: inout [String]) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw FileLayerError.fromErrno("inspect", path)
        }
        let isDirectory = PosixFileLayer.isDirectory(info)
        guard isDirectory || PosixFileLayer.isRegularFile(info) else { return }  // links, sockets, fifos
        if info.st_uid == geteuid() {
            let wanted = isDirectory ? PosixFileLayer.directoryMode : PosixFileLayer.fileMode
            if info.st_mode & 0o7777 != wanted {
                guard chmod(path, wanted) == 0 else { throw FileLayerError.fromErrno("set the mode of", path) }
                changed.append(path)
            }
        }
        if isDirectory {
            for name in (try entries(of: path) ?? []).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                try tighten(Paths.join(path, name), changed: &changed)
            }
        }
    }
}
