// Placeholder-free minimum for the SchoolStoreTests target declared in Package.swift:
// SwiftPM refuses a package whose test target has no sources. The store team owns this
// target; this file only proves the parser round-trips a small document.
import Testing
@testable import SchoolStore

@Test func parsesASmallDocument() throws {
    let value = try JSONParser.parse(Array(#"{"name": "Ada", "tags": [1, true, null]}"#.utf8))
    #expect(value["name"] == .string("Ada"))
    #expect(value["tags"] == .array([.number(1), .bool(true), .null]))
}
