#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain POSIX reads into byte arrays, and the stat questions the store asks.
public enum RawFile {
    public enum ReadError: Error, Sendable, Equatable {
        case missing
        case failed(String)
    }

    public static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    public static func read(_ path: String) throws(ReadError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            throw e == ENOENT || e == ENOTDIR ? .missing : .failed(errnoText(e))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .failed(errnoText()) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .failed("is a directory") }
        var result: [UInt8] = []
        var capacity = max(Int(st.st_size), 0) + 1
        var total = 0
        while true {
            if result.count < total + 1 { result.append(contentsOf: repeatElement(0, count: capacity - result.count)) }
            let n = result.withUnsafeMutableBytes { buf -> Int in
                Glibc.read(fd, buf.baseAddress! + total, buf.count - total)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .failed(errnoText())
            }
            if n == 0 { break }
            total += n
            if total == result.count { capacity *= 2 }
        }
        result.removeSubrange(total...)
        return result
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
        guard let dir = opendir(path) else { return nil }
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
