import TerminalKit
import Testing

@Suite struct MemoryBackendTests {
    @Test func returnsQueuedKeysThenTimesOut() throws {
        let backend = MemoryBackend()
        backend.enqueue(.char("a"), .enter)
        try backend.enqueue(script: "<Wait 100><C-q>")
        #expect(backend.pendingStepCount == 4)
        #expect(backend.readKey(timeout: .milliseconds(100)) == .char("a"))
        #expect(backend.readKey(timeout: nil) == .enter)
        #expect(backend.readKey(timeout: nil) == nil, "a wait step is a timeout")
        #expect(backend.readKey(timeout: nil) == .ctrl("q"))
        #expect(backend.readKey(timeout: .seconds(5)) == nil)
        #expect(backend.timeoutCount == 2)
        #expect(backend.pendingStepCount == 0)
    }

    @Test func resizeKeysChangeTheSizeWhenRead() {
        let backend = MemoryBackend(size: Size(width: 80, height: 24))
        backend.enqueue(.resize(Size(width: 100, height: 30)))
        #expect(backend.size == Size(width: 80, height: 24))
        #expect(backend.readKey(timeout: nil) == .resize(Size(width: 100, height: 30)))
        #expect(backend.size == Size(width: 100, height: 30))
    }

    @Test func recordsFramesAndChangedCells() {
        let backend = MemoryBackend(size: Size(width: 10, height: 2))
        var frame = ScreenBuffer(size: backend.size)
        frame.put("hello", at: .zero)
        backend.draw(frame)
        frame.put("J", at: .zero)
        backend.draw(frame)
        backend.draw(frame)
        backend.forceRepaint()
        backend.draw(frame)
        #expect(backend.drawCount == 4)
        #expect(backend.changedCellCounts == [20, 1, 0, 20])
        #expect(backend.lastFrame?.lines() == ["Jello", ""])
        #expect(backend.frames.count == 4)
        #expect(backend.repaintCount == 1)
    }

    @Test func keepsOnlyTheFrameHistoryLimit() {
        let backend = MemoryBackend(size: Size(width: 3, height: 1), frameHistoryLimit: 2)
        for text in ["a", "b", "c"] {
            var frame = ScreenBuffer(size: backend.size)
            frame.put(text, at: .zero)
            backend.draw(frame)
        }
        #expect(backend.frames.map { $0.lines() } == [["b"], ["c"]])
        #expect(backend.drawCount == 3)
    }

    @Test func countsBellsSuspendsAndTermination() {
        let backend = MemoryBackend(capabilities: .vt100)
        backend.bell()
        backend.bell()
        backend.suspend()
        backend.enqueue(.char("x"))
        #expect(!backend.terminationRequested)
        backend.requestTermination()
        #expect(backend.terminationRequested)
        #expect(backend.readKey(timeout: nil) == nil, "no keys once termination is requested")
        backend.shutdown()
        #expect(backend.bellCount == 2)
        #expect(backend.suspendCount == 1)
        #expect(backend.isShutDown)
        #expect(backend.capabilities.glyphs == .ascii)
    }

    /// A minimal loop written against the protocol, as the app's will be.
    func runLoop(_ backend: some TerminalBackend) -> [String] {
        var typed = ""
        var log: [String] = []
        while !backend.terminationRequested {
            var frame = ScreenBuffer(size: backend.size)
            frame.put("typed: " + typed, at: .zero)
            backend.draw(frame)
            guard let key = backend.readKey(timeout: .milliseconds(100)) else { break }
            switch key {
            case .char(let character): typed.append(character)
            case .ctrl("l"): backend.forceRepaint()
            case .ctrl("g"): backend.bell()
            case .resize(let size): log.append("resized to \(size)")
            case .ctrl("q"):
                backend.shutdown()
                return log
            default: log.append("ignored \(key.displayName)")
            }
        }
        return log
    }

    @Test func drivesALoopThroughTheProtocol() throws {
        let backend = MemoryBackend(size: Size(width: 20, height: 2))
        try backend.enqueue(script: "hi<C-g><Up><Resize 30x3><C-l>!<C-q>")
        let log = runLoop(backend)
        #expect(log == ["ignored ↑", "resized to 30x3"])
        #expect(backend.lastFrame?.lines() == ["typed: hi!", "", ""])
        #expect(backend.bellCount == 1)
        #expect(backend.isShutDown)
        #expect(backend.changedCellCounts.suffix(2) == [90, 1], "the frame after Ctrl-L is a full repaint")
    }
}
