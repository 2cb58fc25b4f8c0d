import Glibc

/// A file opened once, so its stamp, its index and the bytes read from it
/// all describe the same version even while a writer renames a new version
/// into place.
///
/// Only a regular file of at most ``RawFile/maximumFileSize`` bytes opens: the
/// kind is checked with `stat` first (so a device is never opened), the file
/// is opened with `O_NONBLOCK` (so a FIFO swapped in meanwhile cannot block)
/// and checked again with `fstat`. With a confining root, a file whose real
/// path lies outside it is refused too.
final class OpenFile {
    let fd: Int32
    let stamp: FileStamp

    /// nil when the file does not exist.
    init?(_ path: String, confinedTo root: String?) throws(RawFile.ReadError) {
        var before = stat()
        if stat(path, &before) != 0 {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return nil }
            throw .failed(RawFile.errnoText(e))
        }
        guard (before.st_mode & S_IFMT) == S_IFREG else {
            throw .wrongKind(found: RawFile.kindName(before.st_mode), expected: "a regular file")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else {
            let e = errno
            if e == ENOENT || e == ENOTDIR { return nil }
            throw .failed(RawFile.errnoText(e))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw .failed(RawFile.errnoText(e))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .wrongKind(found: RawFile.kindName(st.st_mode), expected: "a regular file")
        }
        guard Int64(st.st_size) <= RawFile.maximumFileSize else {
            close(fd)
            throw .tooLarge(Int64(st.st_size))
        }
        if let root {
            do { try RawFile.checkConfinement(fd: fd, path: path, root: root) } catch {
                close(fd)
                throw error
            }
        }
        self.fd = fd
        self.stamp = FileStamp(st)
    }

    deinit { close(fd) }

    /// The bytes in `range` (fewer at the end of the file). Never more than
    /// the file held when it was opened, whatever a writer appends since.
    func read(_ range: Range<Int>) throws(RawFile.ReadError) -> [UInt8] {
        let wanted = max(0, min(range.count, Int(stamp.size) - range.lowerBound))
        guard wanted > 0 else { return [] }
        var failure: Int32 = 0
        let result = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
            var total = 0
            while total < wanted {
                let n = pread(fd, buffer.baseAddress! + total, wanted - total, off_t(range.lowerBound + total))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                total += n
            }
            initialized = total
        }
        if failure != 0 { throw .failed(RawFile.errnoText(failure)) }
        return result
    }

    func readAll() throws(RawFile.ReadError) -> [UInt8] {
        try read(0..<Int(stamp.size))
    }
}
