/// ncurses color pairs allocated on demand for (foreground, background) combinations.
///
/// The terminal's default colors get a pair of their own too, not pair 0: ncurses
/// resets the colors before turning attributes off whenever the new pair is 0
/// (`ESC [ 39 m` then `ESC [ m`, which resets them anyway), 5 bytes wasted at each
/// change from grey or bold text back to plain. When every pair is taken the cache
/// starts over (and the caller repaints, since pairs on screen change meaning).
struct ColorPairCache {
    /// Pairs available (ncurses `COLOR_PAIRS`, capped to what a `short` holds).
    let limit: Int
    /// Pairs by combination, keyed by an `Int` holding both colors (see
    /// `key`), not a struct: the first frame then need not look up a
    /// `Hashable` conformance in the runtime's records (a scan of all of
    /// them, about 0.1 ms).
    private var pairs: [Int: Int16] = [:]
    private var next: Int16 = 1

    init(limit: Int) {
        self.limit = min(limit, Int(Int16.max))
    }

    /// How many pairs are allocated.
    var count: Int { pairs.count }

    /// The pair for a combination (palette indices, -1 for the default color),
    /// allocating it with `initialize(pair, foreground, background)` if new. `evicted`
    /// is true when the cache had to start over. Falls back to pair 0 if allocation fails.
    mutating func pair(
        foreground: Int, background: Int,
        initialize: (Int16, Int16, Int16) -> Bool
    ) -> (pair: Int16, evicted: Bool) {
        let combination = Self.key(foreground: foreground, background: background)
        if let known = pairs[combination] { return (known, false) }
        guard limit > 1 else { return (0, false) }
        var evicted = false
        if Int(next) >= limit {
            pairs.removeAll()
            next = 1
            evicted = true
        }
        let number = next
        guard initialize(number, Int16(foreground), Int16(background)) else { return (0, evicted) }
        pairs[combination] = number
        next += 1
        return (number, evicted)
    }

    /// One `Int` for a combination: the foreground in the high 32 bits, the
    /// background in the low (each plus one, so the default's -1 is 0).
    private static func key(foreground: Int, background: Int) -> Int {
        (foreground + 1) << 32 | ((background + 1) & 0xFFFF_FFFF)
    }
}
