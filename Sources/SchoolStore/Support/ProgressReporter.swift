import Foundation
import Glibc

/// Progress of a long command (validating, generating, indexing a store) as
/// one line on a terminal, rewritten in place with `\r` ("indexing
/// green-abbey 3/4…") and cleared when the work ends. Commands show it on
/// standard error only when that is a terminal (``standardError()`` is nil
/// otherwise), so redirected output never holds progress.
///
/// Updates may come from any thread. The first line is shown only after
/// ``delay`` (a command that ends sooner shows nothing), then at most one
/// line per ``interval``; the time comes from an injectable clock.
public final class ProgressReporter: Sendable {
    /// Receives the bytes to write, as text (control characters included).
    public typealias Sink = @Sendable (String) -> Void

    public let delay: UInt64
    public let interval: UInt64
    /// The widest line shown, in characters (a terminal of 80 columns must
    /// not wrap it, or `\r` would no longer return to its start).
    public static let width = 78

    private let sink: Sink
    private let clock: @Sendable () -> UInt64
    private let started: UInt64
    private struct Shown {
        var at: UInt64?
        var width = 0
    }
    private let shown = Locked(Shown())

    /// - Parameters:
    ///   - delay: nanoseconds before the first line.
    ///   - interval: nanoseconds between two lines.
    ///   - clock: monotonic nanoseconds.
    public init(
        delay: UInt64 = 200_000_000, interval: UInt64 = 100_000_000,
        clock: @escaping @Sendable () -> UInt64 = ProgressReporter.monotonicNanoseconds, sink: @escaping Sink
    ) {
        self.delay = delay
        self.interval = interval
        self.clock = clock
        self.sink = sink
        started = clock()
    }

    /// A reporter on standard error when it is a terminal; nil (silent) when
    /// it is not. `XPRESSIONS_PROGRESS_DELAY_MS` (for test harnesses, which
    /// cannot wait for a slow store to see the line) sets ``delay``.
    public static func standardError(
        isTerminal: Bool = isatty(2) == 1, environment: [String: String] = ProcessEnvironment.current()
    ) -> ProgressReporter? {
        guard isTerminal else { return nil }
        let delay = environment["XPRESSIONS_PROGRESS_DELAY_MS"].flatMap { UInt64($0) }.map { $0 * 1_000_000 }
        return ProgressReporter(delay: delay ?? 200_000_000) { text in
            var bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    public static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Shows `text` (an ellipsis is added) unless a line was shown less than
    /// ``interval`` ago or the work began less than ``delay`` ago.
    public func update(_ text: @autoclosure () -> String) {
        let now = clock()
        if now &- started < delay { return }
        shown.withLock { shown in
            if let at = shown.at, now &- at < interval { return }
            shown.at = now
            var line = text()
            if line.count > ProgressReporter.width - 1 { line = String(line.prefix(ProgressReporter.width - 1)) }
            line += "…"
            let width = line.count
            let padding = max(0, shown.width - width)
            sink("\r" + line + String(repeating: " ", count: padding))
            shown.width = width
        }
    }

    /// Clears the line if one was shown. Further updates show again.
    public func finish() {
        shown.withLock { shown in
            guard shown.width > 0 else { return }
            sink("\r" + String(repeating: " ", count: shown.width) + "\r")
            shown = Shown()
        }
    }

    /// Counts finished steps of `total` and shows "`what` `n`/`total``unit`…".
    public func counter(_ what: String, total: Int = 0, unit: String = "") -> Counter {
        Counter(reporter: self, what: what, total: total, unit: unit)
    }

    /// A thread-safe count of finished steps, shown as "`what` 3/4`unit`"
    /// ("indexing 3/4 schools", "validating green-abbey: 120/1,583 files").
    public final class Counter: Sendable {
        let reporter: ProgressReporter
        let what: String
        let unit: String
        private let counts: Locked<(done: Int, total: Int)>

        init(reporter: ProgressReporter, what: String, total: Int, unit: String) {
            self.reporter = reporter
            self.what = what
            counts = Locked((0, total))
            self.unit = unit
        }

        /// Sets the number of steps once it is known.
        public func start(total: Int) {
            counts.withLock { $0.total = total }
        }

        /// One more step is finished; `detail` (when given) names it and
        /// comes after the verb ("indexing green-abbey 3/4").
        public func step(_ detail: String = "") {
            let (n, total) = counts.withLock { c in
                c.done += 1
                return (c.done, c.total)
            }
            reporter.update(
                "\(what)\(detail.isEmpty ? "" : " \(detail)") \(Quote.count(n))/\(Quote.count(total))\(unit)")
        }
    }
}
