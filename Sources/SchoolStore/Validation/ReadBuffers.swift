import Foundation

/// Buffers that validation reads files into, reused from file to file: a
/// worker takes one, reads and checks a file, and gives it back. Memory
/// fresh for every file would cost a page fault and a page cleared per
/// 4 KB; a reused buffer costs only the copy from the page cache.
///
/// `@unchecked Sendable`: the raw buffers are not Sendable, but each is only
/// ever in the pool (under the package's one lock helper) or with the one
/// worker that took it.
final class ReadBuffers: @unchecked Sendable {
    private let free = Locked<[UnsafeMutableRawBufferPointer]>([])

    init() {}

    deinit { free.withLock { for buffer in $0 { buffer.deallocate() } } }

    /// Runs `body` with a buffer of at least `byteCount` bytes.
    func withBuffer<T, E: Error>(byteCount: Int, _ body: (UnsafeMutableRawBufferPointer) throws(E) -> T) throws(E) -> T
    {
        let buffer = take(byteCount)
        defer { give(buffer) }
        return try body(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<byteCount]))
    }

    private func take(_ byteCount: Int) -> UnsafeMutableRawBufferPointer {
        let found = free.withLock { $0.popLast() }
        if let found, found.count >= byteCount { return found }
        found?.deallocate()
        // Round up (at least 64 KB, then powers of two) so a buffer grows
        // a few times, not once per bigger file.
        var size = 65_536
        while size < byteCount { size *= 2 }
        return UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    }

    private func give(_ buffer: UnsafeMutableRawBufferPointer) {
        free.withLock { $0.append(buffer) }
    }
}
