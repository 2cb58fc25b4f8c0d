import Testing

@testable import SchoolStore

/// Validation reads every file into a buffer reused from file to file.
@Suite struct ReadBuffersTests {
    @Test func aBufferIsReusedAndAlwaysHasTheSizeAskedFor() {
        let buffers = ReadBuffers()
        let first = buffers.withBuffer(byteCount: 100_000) { buffer -> UnsafeMutableRawPointer? in
            #expect(buffer.count == 100_000)
            buffer.storeBytes(of: 0xAB, toByteOffset: 99_999, as: UInt8.self)
            return buffer.baseAddress
        }
        // A smaller file after a bigger one: the same memory, cut to its size.
        let second = buffers.withBuffer(byteCount: 10) { buffer -> UnsafeMutableRawPointer? in
            #expect(buffer.count == 10)
            return buffer.baseAddress
        }
        #expect(first == second)
        // Two at once (two workers) are two buffers.
        buffers.withBuffer(byteCount: 8) { outer in
            buffers.withBuffer(byteCount: 8) { inner in
                #expect(outer.baseAddress != inner.baseAddress)
            }
        }
        #expect(buffers.withBuffer(byteCount: 0) { $0.count } == 0)
    }

    @Test func aFileBiggerThanEveryBufferGetsABiggerOne() {
        let buffers = ReadBuffers()
        buffers.withBuffer(byteCount: 70_000) { #expect($0.count == 70_000) }
        buffers.withBuffer(byteCount: 3_000_000) { #expect($0.count == 3_000_000) }
    }
}
