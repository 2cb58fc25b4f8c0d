#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened once, so its stamp, its index and the bytes read from it
/// all describe the same version even while a writer renames a new version
/// into place.
final class OpenFile {
    let fd: Int32
    let stamp: FileStamp

    /// nil when the file does not exist.
    init?(_ path: String) throws(RawFile.ReadError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return nil }
            throw .failed(RawFile.errnoText(e))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { close(fd); throw .failed(RawFile.errnoText()) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { close(fd); throw .failed("not a regular file") }
        self.fd = fd
        self.stamp = FileStamp(st)
    }

    deinit { close(fd) }

    func read(_ range: Range<Int>) throws(RawFile.ReadError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: range.count)
        var total = 0
        while total < range.count {
            let n = result.withUnsafeMutableBytes { buf -> Int in
                pread(fd, buf.baseAddress! + total, range.count - total, off_t(range.lowerBound + total))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw .failed(RawFile.errnoText())
            }
            if n == 0 { break }
            total += n
        }
        if total < result.count { result.removeSubrange(total...) }
        return result
    }

    func readAll() throws(RawFile.ReadError) -> [UInt8] {
        try read(0..<Int(stamp.size))
    }
}
