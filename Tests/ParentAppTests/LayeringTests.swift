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
        // CSched: the C library's CPU affinity calls, for the store's first
        // opening on another core (OtherCoreThread), nothing about schools.
        let allowed: Set<String> = ["Foundation", "ParentCore", "TerminalKit", "Dispatch", "CSched"]
        for (file, module) in imports where !allowed.contains(module) {
            Issue.record("Sources/ParentApp/\(file) imports \(module)")
        }
    }

    /// ParentApp's public surface is what the executable wires together
    /// (it was 215 declarations, of which the executable used four): a new
    /// `public` fails here until it is added, with the reason, or dropped.
    @Test func theAppLayerShowsOnlyWhatTheExecutableWires() throws {
        let root = try #require(BuildProducts.packageRoot()).appendingPathComponent("Sources/ParentApp").path
        var found: [String] = []
        let walker = FileManager.default.enumerator(atPath: root)
        while let path = walker?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: "\(root)/\(path)", encoding: .utf8)
            for line in text.split(separator: "\n") {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//"), code.contains("public ") else { continue }
                // The declaration's kind and name: "struct AppEnvironment", "init(".
                let words = code.replacingOccurrences(of: "(", with: " (").split(separator: " ").map(String.init)
                guard let at = words.firstIndex(of: "public") else { continue }
                let rest = words[(at + 1)...].filter { !["final", "convenience", "static"].contains($0) }
                let name = rest.first == "init" ? [] : rest.dropFirst().prefix(1).map { $0.prefix { $0.isLetter } }
                found.append(
                    "\(path.split(separator: "/").last!): \(([rest.first ?? ""] + name.map(String.init)).joined(separator: " "))"
                )
            }
        }
        #expect(
            found.sorted() == [
                "ActionInbox.swift: class ActionInbox",
                "ActionInbox.swift: init",
                "AppEnvironment.swift: init",
                "AppEnvironment.swift: struct AppEnvironment",
                "AppLoop.swift: class AppLoop",
                "AppLoop.swift: func run",
                "AppLoop.swift: init",
                "EffectRunner.swift: class EffectRunner",
                "EffectRunner.swift: func settle",  // the app waits for the first opening when ncurses fails
                "EffectRunner.swift: func startOpening",  // the app starts it before setting up the terminal
                "EffectRunner.swift: init",
                "KeySource.swift: enum KeySource",
            ], "\(found.sorted())")
    }

    @Test func onlyTheNCursesBackendImportsNCurses() throws {
        for folder in ["Sources/ParentApp", "Sources/ParentCore", "Sources/SchoolStore", "Sources/TerminalKit"] {
            for (file, module) in try Self.imports(under: folder) where module == "CNCursesW" {
                Issue.record("\(folder)/\(file) imports \(module)")
            }
        }
    }
}
