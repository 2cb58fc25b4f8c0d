import Glibc

/// Plain POSIX reads into byte arrays, and the stat questions the store asks.
///
/// Reads are defensive: only regular files are read (a FIFO, socket or
/// device, or a symbolic link to one, is refused without blocking: the kind
/// is checked with `stat` before opening, the file is opened with
/// `O_NONBLOCK` and checked again with `fstat`), and a file over
/// ``maximumFileSize`` is refused before a byte is read. Reads confined to a
/// directory (see ``StoreLayout``) also refuse a file whose real path, after
/// following symbolic links, lies outside it.
public enum RawFile {
    /// Why a file was not read, in words a support engineer can act on.
    public enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Nothing there.
        case missing
        /// Something other than the kind expected: `found` is "a FIFO (named
        /// pipe)", "a socket", "a character device", "a directory"...
        case wrongKind(found: String, expected: String)
        /// A symbolic link (of the file or a directory above it) leads outside
        /// the directory the read is confined to.
        case outsideStore
        /// Larger than ``RawFile/maximumFileSize`` (the size found).
        case tooLarge(Int64)
        /// The system refused: the reason in words ("permission denied").
        case failed(String)

        public var description: String {
            switch self {
            case .missing: return "missing"
            case .wrongKind(let found, let expected): return "is \(found), not \(expected): refused"
            case .outsideStore: return "is reached through a symbolic link that leads outside the store: refused"
            case .tooLarge(let size):
                return
                    "is \(Quote.count(Int(size))) bytes, over the \(RawFile.maximumFileSize / (1024 * 1024)) MB limit for a store file: refused"
            case .failed(let reason): return "unreadable: \(reason)"
            }
        }
    }

    /// The largest file the store reads: 256 MB. Bigger files are refused by
    /// name before any of their bytes are read.
    public static let maximumFileSize: Int64 = 256 * 1024 * 1024

    /// The system's text for an errno value, starting lower case so it reads
    /// inside a sentence ("permission denied").
    public static func errnoText(_ code: Int32 = errno) -> String {
        let text = String(cString: strerror(code))
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// The whole of a regular file. Never blocks on a FIFO or a device.
    public static func read(_ path: String) throws(ReadError) -> [UInt8] {
        guard let file = try OpenFile(path, confinedTo: nil) else { throw .missing }
        return try file.readAll()
    }

    /// What `mode` (from `stat`) is, as words: "a FIFO (named pipe)".
    public static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a directory"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFLNK: return "a symbolic link"
        default: return "a special file"
        }
    }

    /// The path the open file `fd` really is (all symbolic links followed),
    /// from `/proc/self/fd`; nil when the system cannot say.
    static func realPath(ofDescriptor fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4097)
        let n = buffer.withUnsafeMutableBytes {
            readlink("/proc/self/fd/\(fd)", $0.baseAddress!.assumingMemoryBound(to: CChar.self), 4096)
        }
        guard n > 0, buffer[0] == UInt8(ascii: "/") else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        return text.hasSuffix(" (deleted)") ? nil : text
    }

    /// `realpath(3)` of `path`, or nil.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when `path` is `root` or lies below it (both real paths).
    static func isInside(_ path: String, root: String) -> Bool {
        if root == "/" { return path.hasPrefix("/") }
        return path == root || path.hasPrefix(root + "/")
    }

    /// Checks that the open file or directory `fd` (opened as `path`) lies in
    /// `root` (a real path).
    static func checkConfinement(fd: Int32, path: String, root: String) throws(ReadError) {
        guard let real = realPath(ofDescriptor: fd) ?? realPath(path) else { return }
        if !isInside(real, root: root) { throw .outsideStore }
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Names in a directory, sorted, without `.`/`..`; nil if it is not a directory.
    public static func list(_ path: String) -> [String]? {
        try? list(path, confinedTo: nil)
    }

    /// Names in a directory, sorted, without `.`/`..`; nil when nothing is
    /// there. Throws when `path` is something other than a directory, or (with
    /// `root`) a directory reached through a link leading outside `root`.
    static func list(_ path: String, confinedTo root: String?) throws(ReadError) -> [String]? {
        var st = stat()
        if stat(path, &st) != 0 {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return nil }
            throw .failed(errnoText(e))
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw .wrongKind(found: kindName(st.st_mode), expected: "a directory")
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            if e == ENOENT { return nil }
            if e == ENOTDIR { throw .wrongKind(found: "not a directory any more", expected: "a directory") }
            throw .failed(errnoText(e))
        }
        if let root {
            do { try checkConfinement(fd: fd, path: path, root: root) } catch {
                close(fd)
                throw error
            }
        }
        guard let dir = fdopendir(fd) else {
            let e = errno
            close(fd)
            throw .failed(errnoText(e))
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public static func isWritableDirectory(_ path: String) -> Bool {
        access(path, W_OK) == 0 && isDirectory(path)
    }
}

extension RawFile {
    /// Opens a derived file (an index under `.index/`) for reading: a
    /// descriptor only for a regular file, -1 for anything else or nothing
    /// (the caller rebuilds), never blocking on a FIFO put in its place.
    static func openDerived(_ path: String) -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return -1 }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return -1
        }
        return fd
    }
}

extension RawFile {
    /// Creates `path` (0600, exclusive, never following a link) holding
    /// `bytes`, without syncing: for files that cost only a rebuild or a
    /// copy again if lost (an index, an as-of view's sandbox). False, with
    /// nothing left at `path` and `errno` saying why, when it cannot be made
    /// or written whole.
    public static func createPrivate(_ path: String, _ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            written += n
        }
        let failure = errno  // what went wrong, not what closing did
        close(fd)
        guard written == bytes.count else {
            unlink(path)
            errno = failure
            return false
        }
        return true
    }
}
