/// The one name a mistyped one was most likely meant to be ("green-abey"
/// for "green-abbey"): within two edits (letters added, dropped or
/// changed, case ignored) and nearer than any other, else none. A presenter
/// mistyping a school on stage is told which, not only given the list.
enum NearestName {
    /// "; did you mean green-abbey?", or "" when no one name is near.
    static func suggestion(_ given: String, among names: [String]) -> String {
        nearest(given, among: names).map { "; did you mean \($0)?" } ?? ""
    }

    static func nearest(_ given: String, among names: [String]) -> String? {
        let typed = Array(given.lowercased().unicodeScalars)
        guard !typed.isEmpty else { return nil }
        var best: (name: String, distance: Int)?
        var tied = false
        for name in names {
            let d = distance(typed, Array(name.lowercased().unicodeScalars), limit: 2)
            guard d <= 2 else { continue }
            if d == best?.distance {
                tied = true
            } else if d < best?.distance ?? Int.max {
                best = (name, d)
                tied = false
            }
        }
        guard let best, !tied, best.name != given else { return nil }
        return best.name
    }

    /// Levenshtein distance, stopping early once every path passes `limit`
    /// (a store of 500 schools is a few thousand steps).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowBest = current[0]
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowBest = min(rowBest, current[j])
            }
            if rowBest > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
