import Glibc

extension OpenFile {
    /// Reads the whole file (the size it had when opened) into `buffer`,
    /// which must be at least that big; the number of bytes read (fewer
    /// when the file was cut short meanwhile).
    func readAll(into buffer: UnsafeMutableRawBufferPointer) throws(RawFile.ReadError) -> Int {
        let wanted = min(Int(stamp.size), buffer.count)
        var total = 0
        while total < wanted {
            let n = pread(fd, buffer.baseAddress! + total, wanted - total, off_t(total))
            if n < 0 {
                if errno == EINTR { continue }
                throw .failed(RawFile.errnoText(errno))
            }
            if n == 0 { break }
            total += n
        }
        return total
    }
}
