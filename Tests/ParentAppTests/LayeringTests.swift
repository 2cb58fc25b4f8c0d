import Foundation
import TestSupport
import Testing

/// The layers as the architecture has them (issue 12): the app layer gets
/// values from ParentCore and draws through TerminalKit; it never reaches
/// into the store, and only NCursesTerminal speaks to ncurses.
@Suite struct LayeringTests {
    static func imports(under folder: String) throws -> [(file: String, module: String)] {
        let root = try #require(BuildProducts.packageRoot()).appendingPathComponent(folder).path
        var out: [(String, String)] = []
        let walker = FileManager.default.enumerator(atPath: root)
        while let path = walker?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: "\(root)/\(path)", encoding: .utf8)
            for line in text.split(separator: "\n")
            where line.hasPrefix("import ") || line.hasPrefix("@testable import ") {
                out.append((path, String(line.split(separator: " ").last!)))
            }
        }
        return out
    }

    @Test func theAppLayerImportsParentCoreAndTerminalKitOnly() throws {
        let imports = try Self.imports(under: "Sources/ParentApp")
        #expect(imports.count > 50)
        let allowed: Set<String> = ["Foundation", "ParentCore", "TerminalKit", "Dispatch"]
        for (file, module) in imports where !allowed.contains(module) {
            Issue.record("Sources/ParentApp/\(file) imports \(module)")
        }
    }

    @Test func onlyTheNCursesBackendImportsNCurses() throws {
        for folder in ["Sources/ParentApp", "Sources/ParentCore", "Sources/SchoolStore", "Sources/TerminalKit"] {
            for (file, module) in try Self.imports(under: folder) where module == "CNCursesW" {
                Issue.record("\(folder)/\(file) imports \(module)")
            }
        }
    }
}
