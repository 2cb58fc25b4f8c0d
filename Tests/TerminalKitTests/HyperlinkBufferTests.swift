import Testing

@testable import TerminalKit

/// Links in a buffer: clipped to it, cleared with it, compared with it; the
/// memory backend's clipboard follows its capabilities.
@Suite struct HyperlinkBufferTests {
    @Test func linksAreClippedAndCleared() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 3))
        buffer.addLink("https://a.example", row: 1, columns: 7..<15)
        buffer.addLink("https://b.example", row: 3, columns: 0..<2)
        buffer.addLink("https://c.example", row: 0, columns: 12..<14)
        buffer.addLink("", row: 0, columns: 0..<2)
        #expect(buffer.links == [Hyperlink(url: "https://a.example", row: 1, columns: 7..<10)])
        var other = ScreenBuffer(size: Size(width: 10, height: 3))
        #expect(other != buffer, "links are part of what a buffer shows")
        other.addLink("https://a.example", row: 1, columns: 7..<10)
        #expect(other == buffer)
        buffer.clear()
        #expect(buffer.links.isEmpty)
    }

    @Test func theMemoryBackendCopiesOnlyWhenAllowed() {
        let backend = MemoryBackend()
        #expect(!backend.copyToClipboard("a"))
        backend.capabilities.clipboard = true
        #expect(backend.copyToClipboard("b"))
        #expect(backend.clipboard == ["b"])
    }
}
