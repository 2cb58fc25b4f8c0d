import Foundation

/// Collects benchmark rows and prints them as a table: median, p10, p90,
/// and the ratio of the median to a reference measured in the same run.
struct BenchTable {
    struct Row {
        var name: String
        var samples: [UInt64]
        var reference: String?
        var note: String
    }

    var title: String
    var rows: [Row] = []
    /// Lines printed under the table (targets and how they came out).
    var footer: [String] = []

    init(title: String) { self.title = title }

    static func median(_ s: [UInt64]) -> UInt64 { percentile(s, 0.5) }
    static func percentile(_ s: [UInt64], _ p: Double) -> UInt64 {
        let sorted = s.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }

    mutating func add(_ name: String, _ samples: [UInt64], reference: String? = nil, note: String = "") {
        rows.append(Row(name: name, samples: samples, reference: reference, note: note))
    }

    /// Rows whose samples are byte counts, not times.
    var byteRows: Set<String> = []

    mutating func addBytes(_ name: String, _ samples: [UInt64], reference: String? = nil, note: String = "") {
        byteRows.insert(name)
        add(name, samples, reference: reference, note: note)
    }

    func median(of name: String) -> UInt64? { rows.first { $0.name == name }.map { BenchTable.median($0.samples) } }

    static func format(_ ns: UInt64) -> String {
        let v = Double(ns)
        if v >= 1e9 { return String(format: "%.2f s", v / 1e9) }
        if v >= 1e6 { return String(format: "%.2f ms", v / 1e6) }
        if v >= 1e3 { return String(format: "%.1f µs", v / 1e3) }
        return "\(ns) ns"
    }

    func render() -> String {
        var lines = [
            "", "## \(title)", "", "| case | runs | median | p10 | p90 | ratio | note |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for r in rows {
            let m = BenchTable.median(r.samples)
            var ratio = ""
            if let ref = r.reference, let rm = median(of: ref), rm > 0 {
                ratio = String(format: "%.2fx %@", Double(m) / Double(rm), ref)
            }
            let isBytes = byteRows.contains(r.name)
            func f(_ v: UInt64) -> String { isBytes ? "\(v) B" : BenchTable.format(v) }
            lines.append(
                "| \(r.name) | \(r.samples.count) | \(f(m)) | \(f(BenchTable.percentile(r.samples, 0.1))) | \(f(BenchTable.percentile(r.samples, 0.9))) | \(ratio) | \(r.note) |"
            )
        }
        if !footer.isEmpty { lines.append("") }
        for line in footer { lines.append("- \(line)") }
        return lines.joined(separator: "\n")
    }
}
