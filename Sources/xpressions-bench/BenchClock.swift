import Glibc

/// Monotonic nanoseconds and repeated measurement with medians.
enum BenchClock {
    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Runs `body` `warmup` times unmeasured, then `runs` times; returns nanoseconds per run.
    static func measure(runs: Int, warmup: Int = 1, _ body: () throws -> Void) rethrows -> [UInt64] {
        for _ in 0..<warmup { try body() }
        var samples: [UInt64] = []
        for _ in 0..<runs {
            let start = now()
            try body()
            samples.append(now() - start)
        }
        return samples
    }

    /// Like ``measure(runs:warmup:_:)`` but runs `prepare` (unmeasured)
    /// before each run, warm-ups included.
    static func measureEach(runs: Int, warmup: Int = 1, prepare: () throws -> Void, measure body: () throws -> Void)
        rethrows -> [UInt64]
    {
        for _ in 0..<warmup {
            try prepare()
            try body()
        }
        var samples: [UInt64] = []
        for _ in 0..<runs {
            try prepare()
            let start = now()
            try body()
            samples.append(now() - start)
        }
        return samples
    }
}
