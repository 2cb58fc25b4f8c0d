import Foundation
import Testing

@testable import SchoolStore

/// Problem lines stay one readable line whatever the file holds: values are
/// quoted to about 80 characters, control characters escaped, reasons in words.
@Suite struct ProblemTextTests {
    func problems(_ overrides: [String: String?]) throws -> [String] {
        let store = try TinyStore(overriding: overrides)
        defer { store.remove() }
        return store.problems()
    }

    @Test func quotingClipsAndCounts() {
        #expect(Quote.value("mobil") == "\"mobil\"")
        let long = String(repeating: "m", count: 1_000_000)
        #expect(Quote.value(long) == "\"\(String(repeating: "m", count: 80))\"…(1,000,000 characters)")
        #expect(Quote.value("a\nb\u{1B}[31m") == #""a\nb\u{1B}[31m""#)
        #expect(Quote.count(2544) == "2,544" && Quote.count(7) == "7" && Quote.count(1_000_000) == "1,000,000")
        // A record label counts its id, not its first word too ("event "
        // made it 1,000,006).
        let label = StoreProblem(file: "f", record: "event " + long, message: "m").record ?? ""
        #expect(label.hasPrefix("event mmm") && label.hasSuffix("…(1,000,000 characters)"), "\(label)")
        #expect(StoreProblem(file: "f", record: "contact C123", message: "m").record == "contact C123")
    }

    @Test func aHugeValueIsQuotedToEightyCharacters() throws {
        let huge = String(repeating: "m", count: 1_000_000)
        let p = try problems(
            TinyStore.edit("schools/green-abbey/contacts.json", #""type": "mobile""#, "\"type\": \"\(huge)\""))
        #expect(
            p == [
                "schools/green-abbey/contacts.json: contact C123: phones[1].type: unknown phone type \"\(String(repeating: "m", count: 80))\"…(1,000,000 characters)"
            ])
    }

    @Test func hugeIdsAndFieldNamesAreClippedAndEveryProblemIsOneLine() throws {
        let id = String(repeating: "x\n", count: 300_000)
        let key = String(repeating: "k", count: 500_000)
        let p = try problems(
            TinyStore.edit(
                "schools/green-abbey/students.json", #""id": "S2", "forename": "Amy""#,
                "\"id\": \"\(id.replacingOccurrences(of: "\n", with: "\\n"))\", \"\(key)\": 1, \"forename\": \"Amy\""))
        #expect(!p.isEmpty)
        for line in p {
            #expect(!line.contains("\n"))
            #expect(line.count < 1_000, "\(line.prefix(200))")
        }
        #expect(p.contains { $0.contains("…(") && $0.contains("characters)") })
    }

    /// 200,000 entries in a list that can only hold six: one problem, found
    /// before any work on the entries (it used to take 28 s and print a 7.9 MB
    /// line of Swift internals).
    @Test func anArrayBoundedByMeaningIsCheckedForSizeFirst() throws {
        let list = Array(repeating: "\"attendance\"", count: 200_000).joined(separator: ",")
        let p = try problems(
            TinyStore.edit(
                "schools/green-abbey/school.json", #""xpressions": {"#, "\"enhancedData\": [\(list)], \"xpressions\": {"
            ))
        #expect(
            p == ["schools/green-abbey/school.json: enhancedData: 200,000 kinds of Enhanced data listed; at most 6"])
        let nested = try problems(
            TinyStore.edit(
                "schools/green-abbey/school.json", #""xpressions": {"#,
                "\"enhancedData\": [[\(list)]], \"xpressions\": {"))
        #expect(
            nested == [
                "schools/green-abbey/school.json: enhancedData[0]: unknown Enhanced data kind an array (expected one of attendance, timetable, behaviour, achievements, calendar, assessments)"
            ])
        let topics = Array(repeating: "\"Absence\"", count: 100_000).joined(separator: ",")
        let t = try problems(
            TinyStore.edit("schools/green-abbey/school.json", #""topics": ["Absence"]"#, "\"topics\": [\(topics)]"))
        #expect(t == ["schools/green-abbey/school.json: xpressions.topics: 100,000 topics listed; at most 50"])
        // A message's attachments (200,000 made a 24 MB model part and a 3 s sync).
        let one = #"{"name": "a.pdf", "size": 10, "type": "application/pdf"}"#
        let files = Array(repeating: one, count: 200_000).joined(separator: ",")
        let a = try problems(
            TinyStore.edit(
                "schools/green-abbey/messages/2025-26/group-9A.json", #""body": "Exercise 12C.""#,
                "\"body\": \"Exercise 12C.\", \"attachments\": [\(files)]"))
        #expect(
            a == [
                "schools/green-abbey/messages/2025-26/group-9A.json: message M1: attachments: 200,000 attachments listed; at most 50"
            ], "\(a.prefix(3))")
    }

    /// A hostile object with 100,000 members parses in linear time.
    @Test func duplicateFieldsInABigObjectAreFoundWithoutQuadraticWork() throws {
        let members = (0..<100_000).map { "\"k\($0)\": 1" }.joined(separator: ",")
        let bytes = Array("{\(members), \"k5\": 2}".utf8)
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(bytes) }
        do { _ = try JSONParser.parse(bytes) } catch { #expect(error.reason == "duplicate field \"k5\" in one object") }
    }
}
