/// Collects the problems found while decoding, so that validation reports
/// every problem in a file rather than stopping at the first.
public final class ProblemList {
    private var kept: [StoreProblem] = []
    /// Problems past the limit, counted, not kept.
    public private(set) var dropped = 0
    /// Stop collecting after this many (a badly broken file would otherwise
    /// produce millions of lines).
    public var limit: Int

    public init(limit: Int = 10_000) { self.limit = limit }

    /// The problems kept, then one line for those past the limit, saying
    /// how many (the count stopped at the limit without a word: "10000
    /// problems" for 99,999).
    public var problems: [StoreProblem] {
        guard dropped > 0, let last = kept.last else { return kept }
        var more = StoreProblem(
            file: last.file,
            message: "\(Quote.count(dropped)) more problems past the first \(Quote.count(limit)) are not listed")
        more.notListed = dropped
        return kept + [more]
    }

    public var isEmpty: Bool { kept.isEmpty }
    public var count: Int { kept.count + dropped }

    public func add(_ problem: StoreProblem) {
        if kept.count < limit { kept.append(problem) } else { dropped += 1 }
    }

    public func add(file: String, record: String? = nil, field: String? = nil, _ message: String) {
        add(StoreProblem(file: file, record: record, field: field, message: message))
    }

    public func append(contentsOf other: [StoreProblem]) {
        for p in other { add(p) }
    }
}
