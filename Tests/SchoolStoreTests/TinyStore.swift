import Foundation

@testable import SchoolStore

/// A small hand-written store in a temporary directory, for tests that
/// break one file and check the exact problem reported.
struct TinyStore {
    let root: String

    static let files: [String: String] = [
        "store.json": """
        {"format": "xpressions-store", "version": 1, "name": "Tiny", "secret": "\(String(repeating: "5a", count: 32))"}
        """,
        "schools/green-abbey/school.json": """
        {
          "id": "green-abbey", "name": "Green Abbey School", "establishmentNumber": "881/4021", "serviceLevel": "Enhanced",
          "mis": "SIMS", "countryCode": 44, "timezone": "Europe/London", "headteacher": "Mr L. Royston",
          "address": "201 Estate High Road", "phone": "01632 960344", "email": "office@greenabbey.example.sch.uk",
          "website": "https://greenabbey.example.sch.uk", "xpressions": {"incomingEnabled": true, "topics": ["Absence"]},
          "terms": [{"name": "Spring 2026", "start": "2026-01-05", "end": "2026-03-27"}]
        }
        """,
        "schools/green-abbey/students.json": """
        [
          {"id": "S1", "forename": "Ben", "surname": "Abbot", "enrolments": [{"academicYear": "2025-26", "year": 9, "group": "9A"}]},
          {"id": "S2", "forename": "Amy", "surname": "Abbot", "enrolments": [{"academicYear": "2025-26", "year": 7, "group": "7B"}]}
        ]
        """,
        "schools/green-abbey/contacts.json": """
        [
          {
            "id": "C123", "forename": "Liz", "surname": "Abbot",
            "phones": [{"number": "01632 960001", "type": "home"}, {"number": "07700 100001", "type": "mobile"}],
            "emails": ["liz.abbot@example.com"],
            "students": [
              {"student": "S1", "relationship": "Mother", "priority": 1, "parentalResponsibility": true, "correspondence": true},
              {"student": "S2", "relationship": "Mother", "priority": 1, "parentalResponsibility": true, "correspondence": true}
            ]
          }
        ]
        """,
        "schools/green-abbey/attendance/2025-26.json": """
        [
          {"student": "S1", "marks": ["2026-03-16 AM / 08:52 09:41", "2026-03-16 PM I 13:20 14:00"]}
        ]
        """,
        "schools/green-abbey/messages/2025-26/group-9A.json": """
        [
          {"id": "M1", "category": "Homework", "sender": "Mr Hughes", "sentAt": "2026-03-16T16:05:00Z", "subject": "Maths", "body": "Exercise 12C."}
        ]
        """,
    ]

    init(overriding overrides: [String: String?] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-store-\(UUID().uuidString)").path
        var files = TinyStore.files
        for (k, v) in overrides { files[k] = v }
        for (path, text) in files {
            let url = URL(fileURLWithPath: "\(root)/\(path)")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Replaces `old` with `new` in a fixture file.
    static func edit(_ file: String, _ old: String, _ new: String) -> [String: String?] {
        let text = files[file]!
        precondition(text.contains(old), "fixture \(file) has no \(old)")
        return [file: text.replacingOccurrences(of: old, with: new)]
    }

    func problems() -> [String] { StoreValidator(root: root).validate().problems.map(\.description) }

    func warnings() -> [String] { StoreValidator(root: root).validate().warnings.map(\.description) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
