/// Collects the problems found while decoding, so that validation reports
/// every problem in a file rather than stopping at the first.
public final class ProblemList {
    public private(set) var problems: [StoreProblem] = []
    /// Stop collecting after this many (a badly broken file would otherwise
    /// produce millions of lines).
    public var limit: Int

    public init(limit: Int = 10_000) { self.limit = limit }

    public var isEmpty: Bool { problems.isEmpty }
    public var count: Int { problems.count }

    public func add(_ problem: StoreProblem) {
        if problems.count < limit { problems.append(problem) }
    }

    public func add(file: String, record: String? = nil, field: String? = nil, _ message: String) {
        add(StoreProblem(file: file, record: record, field: field, message: message))
    }

    public func append(contentsOf other: [StoreProblem]) {
        for p in other { add(p) }
    }
}
