import Foundation
import Testing

@testable import ParentApp

/// The README's "Using the app" documents every key a parent can press: a
/// key added to a screen's bindings without its line there fails here.
@Suite struct ReadmeKeyTests {
    @Test func theReadmeNamesEveryKey() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        guard let start = readme.range(of: "\n## Using the app\n"),
            let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex)
        else {
            Issue.record("README.md has no \"## Using the app\" section")
            return
        }
        // The keys named in code spans, a span's words each (`j k`, `PgUp
        // PgDn`), and a range of digits (`1`–`5`) each digit.
        let section = String(readme[start.upperBound..<end.lowerBound])
        let spans = section.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        var named = Set(spans.flatMap { $0.split(separator: " ").map(String.init) })
        for match in section.matches(of: /`(\d)`–`(\d)`/) {
            for digit in Int(match.1)!...Int(match.2)! { named.insert(String(digit)) }
        }
        var missing: [String] = []
        for binding in Reducer.keymap.bindings where binding.context != .tour {
            for key in binding.keys where !named.contains(key.displayName) {
                missing.append("`\(key.displayName)` (\(binding.context.title): \(binding.label))")
            }
        }
        #expect(missing.isEmpty, "README's \"Using the app\" does not name: \(missing.joined(separator: "; "))")
    }
}
