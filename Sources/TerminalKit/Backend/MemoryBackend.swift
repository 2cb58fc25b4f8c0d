/// A `TerminalBackend` in memory: the test double for screen and loop tests, and the
/// backend of headless runs.
///
/// Input comes from a queue of script steps (`enqueue`); every drawn frame is recorded
/// along with how many cells changed since the previous one (all of them after
/// `forceRepaint()` or `suspend()`), so tests can check both what was shown and how much
/// was redrawn. Time is virtual: `readKey` never sleeps.
public final class MemoryBackend: ResizableBackend {
    /// The size frames should have; changed by `.resize` keys as they are read.
    public private(set) var size: Size
    /// What the pretend terminal can show (settable, to test monochrome themes).
    public var capabilities: TerminalCapabilities
    /// Set by `requestTermination()`.
    public private(set) var terminationRequested = false

    /// Frames drawn, oldest first (only the most recent `frameHistoryLimit` are kept).
    public private(set) var frames: [ScreenBuffer] = []
    /// For each `draw`, the cells that differed from the frame before (every cell for
    /// the first frame and after a forced repaint).
    public private(set) var changedCellCounts: [Int] = []
    /// How many times `draw` was called.
    public private(set) var drawCount = 0
    public private(set) var bellCount = 0
    public private(set) var suspendCount = 0
    public private(set) var repaintCount = 0
    /// How many times `readKey` returned nil (timeouts and `<Wait>` steps).
    public private(set) var timeoutCount = 0
    public private(set) var isShutDown = false
    /// Frames kept in `frames`; nil keeps all.
    public let frameHistoryLimit: Int?

    private var pending: [ScriptStep] = []
    private var pendingStart = 0
    private var previousFrame: ScreenBuffer?

    public init(
        size: Size = Size(width: 80, height: 24), capabilities: TerminalCapabilities = .xterm256,
        frameHistoryLimit: Int? = nil
    ) {
        self.size = size
        self.capabilities = capabilities
        self.frameHistoryLimit = frameHistoryLimit
    }

    /// The last frame drawn.
    public var lastFrame: ScreenBuffer? { frames.last }

    /// Steps not yet consumed by `readKey`.
    public var pendingStepCount: Int { pending.count - pendingStart }

    /// Queues keys for `readKey`.
    public func enqueue(_ keys: Key...) {
        enqueue(steps: keys.map(ScriptStep.key))
    }

    /// Queues script steps: a key is returned by one `readKey`; a wait makes one
    /// `readKey` return nil, as a timeout would.
    public func enqueue(steps: [ScriptStep]) {
        pending.append(contentsOf: steps)
    }

    /// Queues the steps of a key script (see `Key.parseScript(_:)`).
    public func enqueue(script: String) throws(KeyScriptError) {
        enqueue(steps: try Key.parseScript(script))
    }

    /// Behaves as if SIGTERM had arrived.
    public func requestTermination() {
        terminationRequested = true
    }

    public func draw(_ buffer: ScreenBuffer) {
        drawCount += 1
        let changed = previousFrame.map { buffer.differences(from: $0).count } ?? buffer.size.width * buffer.size.height
        changedCellCounts.append(changed)
        previousFrame = buffer
        frames.append(buffer)
        if let limit = frameHistoryLimit, frames.count > limit {
            frames.removeFirst(frames.count - limit)
        }
    }

    /// The next queued key; nil (a timeout) for a wait step, an empty queue, or once
    /// termination is requested. A `.resize` key changes `size` as it is returned.
    public func readKey(timeout: Duration?) -> Key? {
        guard !terminationRequested, pendingStart < pending.count else {
            timeoutCount += 1
            return nil
        }
        let step = pending[pendingStart]
        pendingStart += 1
        if pendingStart == pending.count {
            pending.removeAll()
            pendingStart = 0
        }
        switch step {
        case .wait:
            timeoutCount += 1
            return nil
        case .key(let key):
            if case .resize(let newSize) = key { size = newSize }
            return key
        }
    }

    /// What a terminal would watch beside the keyboard (see
    /// `TerminalBackend.wake(on:)`); this one never waits, so it only keeps it.
    public private(set) var wakeup: Wakeup?

    public func wake(on wakeup: Wakeup) {
        self.wakeup = wakeup
    }

    /// The terminal now has `size` (as a `.resize` key read from the queue would do).
    public func resize(to size: Size) {
        self.size = size
    }

    public func bell() {
        bellCount += 1
    }

    public func suspend() {
        suspendCount += 1
        previousFrame = nil
    }

    public func forceRepaint() {
        repaintCount += 1
        previousFrame = nil
    }

    /// How many times the terminal was handed to another program.
    public private(set) var releaseCount = 0

    public func releaseTerminal(during body: () -> Void) {
        releaseCount += 1
        body()
        previousFrame = nil
    }

    public func shutdown() {
        isShutDown = true
    }

    /// What was put on the clipboard, oldest first.
    public private(set) var clipboard: [String] = []

    /// Records `text` when the pretend terminal allows the clipboard.
    public func copyToClipboard(_ text: String) -> Bool {
        guard capabilities.clipboard else { return false }
        clipboard.append(text)
        return true
    }
}
