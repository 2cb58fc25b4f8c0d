import Foundation
import Testing

@testable import SchoolStore

@Suite struct ValidationTests {
    func problems(_ overrides: [String: String?]) throws -> [String] {
        let store = try TinyStore(overriding: overrides)
        defer { store.remove() }
        return store.problems()
    }

    @Test func theFixtureIsValid() throws {
        #expect(try problems([:]) == [])
    }

    @Test func unknownPhoneTypeNamesFileRecordAndField() throws {
        let p = try problems(
            TinyStore.edit("schools/green-abbey/contacts.json", #""type": "mobile""#, #""type": "mobil""#))
        #expect(p == [#"schools/green-abbey/contacts.json: contact C123: phones[1].type: unknown phone type "mobil""#])
    }

    @Test func malformedJSONGivesLineAndColumn() throws {
        let p = try problems(
            TinyStore.edit("schools/green-abbey/contacts.json", #""surname": "Abbot","#, #""surname": "Abbot""#))
        #expect(
            p == [
                #"schools/green-abbey/contacts.json: malformed JSON at line 4, column 5: unexpected '"': expected ',' or '}' in an object"#
            ])
    }

    @Test func missingFilesAreReported() throws {
        let p = try problems(["schools/green-abbey/students.json": nil])
        #expect(p.contains("schools/green-abbey/students.json: missing"))
        // The checks that depend on the missing file are skipped, not failed one by one.
        #expect(
            p == [
                "schools/green-abbey/students.json: missing",
                "schools/green-abbey/students.json: 4 checks that depend on students.json skipped",
            ])
    }

    @Test func aDirectoryWithoutStoreJSONIsNotAStore() throws {
        let store = try TinyStore()
        defer { store.remove() }
        try FileManager.default.removeItem(atPath: "\(store.root)/store.json")
        #expect(store.problems() == ["store.json: missing: this directory is not an xpressions store"])
    }

    @Test func danglingReferences() throws {
        let p = try problems(
            TinyStore.edit("schools/green-abbey/contacts.json", #"{"student": "S2""#, #"{"student": "S9""#))
        #expect(
            p == [
                "schools/green-abbey/contacts.json: contact C123: students[1].student: unknown student S9 (not in schools/green-abbey/students.json)"
            ])
    }

    @Test func duplicateIDs() throws {
        let p = try problems(TinyStore.edit("schools/green-abbey/students.json", #"{"id": "S2""#, #"{"id": "S1""#))
        #expect(p.contains("schools/green-abbey/students.json: student S1: id: duplicate student id"))
    }

    @Test func unknownAttendanceCode() throws {
        let p = try problems(TinyStore.edit("schools/green-abbey/attendance/2025-26.json", "PM I 13:20", "PM Q9 13:20"))
        #expect(
            p == [#"schools/green-abbey/attendance/2025-26.json: student S1: marks[1]: unknown attendance code "Q9""#])
    }

    /// The fault test's school name of escapes and a bell reached the
    /// terminal raw through `sync` and `digest`: a name is one line without
    /// control characters, 200 characters at most.
    @Test func aSchoolNameWithControlCharactersOrAbsurdLengthIsRefused() throws {
        let p = try problems(
            TinyStore.edit(
                "schools/green-abbey/school.json", #""name": "Green Abbey School""#,
                #""name": "Green \u001b[31mRED\u0007""#))
        #expect(
            p == [
                #"schools/green-abbey/school.json: name: must be one line without control characters, found "Green \u{1B}[31mRED\u{7}""#
            ])
        let long = String(repeating: "m", count: 1000)
        let q = try problems(
            TinyStore.edit(
                "schools/green-abbey/school.json", #""name": "Green Abbey School""#, "\"name\": \"\(long)\""))
        #expect(q == ["schools/green-abbey/school.json: name: is 1,000 characters long; at most 200"])
    }

    @Test func impossibleDates() throws {
        let p = try problems(
            TinyStore.edit("schools/green-abbey/school.json", #""end": "2026-03-27""#, #""end": "2026-02-30""#))
        #expect(
            p == [
                #"schools/green-abbey/school.json: terms[0].end: impossible or malformed date "2026-02-30" (expected YYYY-MM-DD)"#
            ])
        let q = try problems(
            TinyStore.edit("schools/green-abbey/attendance/2025-26.json", "2026-03-16 AM", "2026-03-32 AM"))
        #expect(
            q == [
                #"schools/green-abbey/attendance/2025-26.json: student S1: marks[0]: impossible or malformed date "2026-03-32""#
            ])
        let r = try problems(
            TinyStore.edit(
                "schools/green-abbey/messages/2025-26/group-9A.json", "2026-03-16T16:05:00Z", "2026-03-16T25:05:00Z"))
        #expect(
            r == [
                #"schools/green-abbey/messages/2025-26/group-9A.json: message M1: sentAt: impossible or malformed time "2026-03-16T25:05:00Z" (expected ISO 8601 such as 2025-09-03T08:52:00+01:00)"#
            ])
    }

    @Test func attendancePublishedTooLate() throws {
        let p = try problems(
            TinyStore.edit("schools/green-abbey/attendance/2025-26.json", "08:52 09:41", "08:52 10:30"))
        #expect(
            p == [
                "schools/green-abbey/attendance/2025-26.json: student S1: marks[0]: published 10:30 is more than 92 minutes after recorded 08:52"
            ])
    }

    @Test func missingWrongTypeAndUnknownFields() throws {
        let p = try problems(TinyStore.edit("schools/green-abbey/students.json", #""forename": "Amy", "#, ""))
        #expect(p == ["schools/green-abbey/students.json: student S2: forename: missing"])
        let q = try problems(TinyStore.edit("schools/green-abbey/students.json", #""year": 9"#, #""year": "9""#))
        #expect(
            q == [
                "schools/green-abbey/students.json: student S1: enrolments[0].year: expected a whole number, found a string"
            ])
        let r = try problems(
            TinyStore.edit("schools/green-abbey/students.json", #""forename": "Amy""#, #""forname": "Amy""#))
        #expect(
            r == [
                "schools/green-abbey/students.json: student S2: forname: unknown field",
                "schools/green-abbey/students.json: student S2: forename: missing",
            ])
    }

    @Test func messagesFiledInTheWrongYearOrScope() throws {
        let p = try problems(
            TinyStore.edit(
                "schools/green-abbey/messages/2025-26/group-9A.json", "2026-03-16T16:05:00Z", "2025-03-16T16:05:00Z"))
        #expect(
            p == [
                "schools/green-abbey/messages/2025-26/group-9A.json: message M1: sentAt: sent on 2025-03-16, outside academic year 2025-26 of this file"
            ])
        let text = TinyStore.files["schools/green-abbey/messages/2025-26/group-9A.json"]!
        let q = try problems([
            "schools/green-abbey/messages/2025-26/group-9Z.json": text.replacingOccurrences(of: "M1", with: "M2")
        ])
        #expect(
            q == [
                "schools/green-abbey/messages/2025-26/group-9Z.json: no student in schools/green-abbey/students.json was enrolled in group 9Z in 2025-26"
            ])
        let r = try problems(["schools/green-abbey/messages/2025-26/group-9A-copy.json": text])
        #expect(
            r.contains(
                "schools/green-abbey/messages/2025-26/group-9A-copy.json: no student in schools/green-abbey/students.json was enrolled in group 9A-copy in 2025-26"
            ))
        #expect(
            r.contains(
                "schools/green-abbey/messages/2025-26/group-9A.json: message M1: id: duplicate message id (also in schools/green-abbey/messages/2025-26/group-9A-copy.json)"
            ))
    }

    /// A demo office (store.json's demoOffice) answers only for a school
    /// the store has, after a delay of 0 to 86,400 seconds.
    @Test func aDemoOfficeNamesSchoolsTheStoreHas() throws {
        func office(_ json: String) throws -> [String] {
            try problems(TinyStore.edit("store.json", #""name": "Tiny","#, #""name": "Tiny", "demoOffice": \#(json),"#))
        }
        #expect(try office(#"{"acknowledgesAbsences": ["green-abbey"], "afterSeconds": 60}"#) == [])
        #expect(
            try office(#"{"acknowledgesAbsences": ["green-abbey", "green-abby"], "afterSeconds": 60}"#) == [
                #"store.json: demoOffice.acknowledgesAbsences: no school "green-abby" in schools/"#
            ])
        let late = try office(#"{"acknowledgesAbsences": ["green-abbey"], "afterSeconds": -5}"#)
        #expect(late == ["store.json: demoOffice.afterSeconds: -5 is out of range 0...86400"])
        let unknown = try office(#"{"acknowledgesAbsences": [], "afterSeconds": 5, "replies": true}"#)
        #expect(unknown.count == 1 && unknown[0].contains("replies"), "\(unknown)")
    }

    @Test func schoolProblems() throws {
        let p = try problems(
            TinyStore.edit("schools/green-abbey/school.json", #""id": "green-abbey""#, #""id": "green-abby""#))
        #expect(
            p == [#"schools/green-abbey/school.json: id: "green-abby" does not match the directory name "green-abbey""#]
        )
        let q = try problems(TinyStore.edit("schools/green-abbey/school.json", "Europe/London", "Europe/Londres"))
        #expect(q == [#"schools/green-abbey/school.json: timezone: unknown time zone "Europe/Londres""#])
        let r = try problems(
            TinyStore.edit(
                "schools/green-abbey/school.json", #""serviceLevel": "Enhanced""#, #""serviceLevel": "Gold""#))
        #expect(
            r == [#"schools/green-abbey/school.json: serviceLevel: unknown service level (Core or Enhanced) "Gold""#])
    }

    @Test func missingImagesAndStrayFiles() throws {
        let p = try problems(
            TinyStore.edit(
                "schools/green-abbey/students.json",
                #""surname": "Abbot", "enrolments": [{"academicYear": "2025-26", "year": 9"#,
                #""surname": "Abbot", "photo": "photos/S1.ppm", "enrolments": [{"academicYear": "2025-26", "year": 9"#))
        #expect(p == [#"schools/green-abbey/students.json: student S1: photo: image "photos/S1.ppm" not found"#])
        let q = try problems(["schools/green-abbey/contact.json": "[]"])
        #expect(
            q == [
                "schools/green-abbey/contact.json: unexpected file or directory (see the store format for what a school holds)"
            ])
    }

    /// Parents' apps open only web and plain email addresses: anything else
    /// the school's record holds is a warning, so the data manager hears
    /// why "Website" does nothing for parents.
    @Test func aWebsiteOrEmailParentsCannotOpenIsAWarning() throws {
        let file = "schools/green-abbey/school.json"
        let store = try TinyStore(
            overriding: TinyStore.edit(
                file, #""website": "https://greenabbey.example.sch.uk""#,
                #""website": "javascript:alert(1)", "websiteOverride": "www.greenabbey.example.sch.uk""#
            ).mapValues {
                $0?.replacingOccurrences(
                    of: "office@greenabbey.example.sch.uk", with: "office@x.example?attach=/etc/passwd")
            })
        defer { store.remove() }
        #expect(store.problems() == [])
        #expect(
            store.warnings() == [
                #"\#(file): website: "javascript:alert(1)" is not a web address (http, https, or bare as www.school.sch.uk): parents see it, but their app does not open it"#,
                #"\#(file): email: "office@x.example?attach=/etc/passwd" is not a plain email address: parents see it, but their app does not open it"#,
            ])
        for good in ["https://a.example", "http://a.example/x?y=1", "www.a.sch.uk", "a.example.sch.uk"] {
            #expect(SchoolValidation.isWebAddress(good), "\(good)")
        }
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "Ask the office", "https://", "none"] {
            #expect(!SchoolValidation.isWebAddress(bad), "\(bad)")
        }
        #expect(SchoolValidation.isPlainEmail("office@green-abbey.example.sch.uk"))
        for bad in ["office", "a@b", "a@b.example?subject=x", "Office <a@b.example>", "a b@c.example"] {
            #expect(!SchoolValidation.isPlainEmail(bad), "\(bad)")
        }
    }

    /// Incoming Xpressions ticked at a Core school does nothing: parents can
    /// write only to Enhanced schools. Validate says so; the school model
    /// says it takes nothing (the app then offers its phone number).
    @Test func incomingXpressionsOnACoreSchoolIsAWarning() throws {
        let file = "schools/green-abbey/school.json"
        let store = try TinyStore(
            overriding: TinyStore.edit(file, #""serviceLevel": "Enhanced""#, #""serviceLevel": "Core""#))
        defer { store.remove() }
        #expect(store.problems() == [])
        #expect(
            store.warnings() == [
                "\(file): xpressions.incomingEnabled: incoming Xpressions are enabled, but the school is on Core: parents cannot write to it (only Enhanced schools take messages and absence reports), and their app says to phone it"
            ])
        let school = try FileStore(root: store.root).school("green-abbey")
        #expect(school.xpressions.incomingEnabled && !school.acceptsIncoming)
    }

    /// A school's details are one line each, of a length a screen shows: a
    /// phone of an escape and five million characters passed as valid and
    /// went into every parent's model (an audit).
    @Test func aSchoolsDetailsAreOneLineOfBoundedLength() throws {
        let file = "schools/green-abbey/school.json"
        let long = "\\u001b" + String(repeating: "9", count: 5000)
        let p = try problems(TinyStore.edit(file, #""phone": "01632 960344""#, #""phone": "\#(long)""#))
        #expect(p.count == 1 && p[0].hasPrefix("\(file): phone: must be one line without control characters"), "\(p)")
        let q = try problems(
            TinyStore.edit(
                file, #""headteacher": "Mr L. Royston""#, #""headteacher": "\#(String(repeating: "L", count: 201))""#))
        #expect(q == ["\(file): headteacher: is 201 characters long; at most 200"])
    }

    @Test func writeBacksMustMatchTheirFileNames() throws {
        let item =
            #"{"key": "k1", "contacts": ["C123"], "students": ["S1"], "topic": "Absence", "body": "Ill today", "createdAt": "2026-03-16T08:00:00Z"}"#
        #expect(try problems(["schools/green-abbey/inbox/k1.json": item]) == [])
        let p = try problems(["schools/green-abbey/inbox/k2.json": item])
        #expect(p == ["schools/green-abbey/inbox/k2.json: item k1: key: does not match the file name k2.json"])
        // A parent's record naming a contact, student or message the school
        // removed since is a warning: the school's own edit must not make
        // its store invalid (that stops every school-side command).
        let changed = try TinyStore(overriding: [
            "schools/green-abbey/inbox/k1.json": item.replacingOccurrences(of: "C123", with: "C999")
                .replacingOccurrences(of: "S1", with: "S9")
        ])
        defer { changed.remove() }
        #expect(changed.problems() == [])
        let removed = ": the school removed it after a parent's app wrote this record, which stays as written"
        #expect(
            changed.warnings().filter { $0.contains("inbox/") } == [
                "schools/green-abbey/inbox/k1.json: item k1: students[0]: unknown student S9 (not in schools/green-abbey/students.json)"
                    + removed,
                "schools/green-abbey/inbox/k1.json: item k1: contacts[0]: unknown contact C999 (not in schools/green-abbey/contacts.json)"
                    + removed,
            ])
    }

    @Test func invalidStoreIsRefusedWithTheSameMessagesWhenOpened() throws {
        let store = try TinyStore(
            overriding: TinyStore.edit("schools/green-abbey/contacts.json", #""type": "mobile""#, #""type": "mobil""#))
        defer { store.remove() }
        let fileStore = try FileStore(root: store.root)
        #expect(throws: StoreProblems.self) { try fileStore.contact("C123", school: "green-abbey") }
        do { _ = try fileStore.contact("C123", school: "green-abbey") } catch {
            #expect(error.problems.map(\.description) == store.problems())
        }
    }
}
