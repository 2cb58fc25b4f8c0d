/// Validation's fast path for a school's people, students.json and
/// contacts.json (all a login-scale store holds): one pass over the bytes
/// that vouches for a file in which `Student.decode` or `Contact.decode` and
/// the people checks would find no problem, with the same report. nil when
/// it cannot vouch; then the decoders check the file and name every problem.
struct FastPeopleCheck {
    let file: String

    /// students.json: the report, and the photos named (student label and
    /// path, in file order) for the image checks that follow.
    func students(_ buffer: UnsafeBufferPointer<UInt8>) -> (FileReport, photos: [(record: String, path: String)])? {
        do throws(ByteCursor.Miss) { return try scanStudents(buffer) } catch { return nil }
    }

    /// contacts.json: the report, warnings included when the school's
    /// country code is known.
    func contacts(_ buffer: UnsafeBufferPointer<UInt8>, countryCode: Int?) -> FileReport? {
        do throws(ByteCursor.Miss) { return try scanContacts(buffer, countryCode: countryCode) } catch { return nil }
    }

    // MARK: - Students

    private func scanStudents(_ buffer: UnsafeBufferPointer<UInt8>) throws(ByteCursor.Miss) -> (
        FileReport, photos: [(record: String, path: String)]
    ) {
        var c = ByteCursor(buffer)
        var report = FileReport(file: file)
        var photos: [(record: String, path: String)] = []
        var ids = Set<String>()
        try c.expect(0x5B)
        var firstRecord = true
        while try c.nextElement(&firstRecord) {
            report.records += 1
            try c.expect(0x7B)
            var seen: UInt16 = 0
            var id: String?
            var leaver = false
            var leftOn: CivilDate?
            var photo: String?
            var enrolments = 0
            var first = true
            while let key = try c.nextKey(&first) {
                let bit: UInt16
                if c.equals(key, "id") {
                    bit = 1
                    id = c.string(try c.identifier().text)
                } else if c.equals(key, "forename") {
                    bit = 2
                    _ = try c.nonBlank()
                } else if c.equals(key, "surname") {
                    bit = 4
                    _ = try c.nonBlank()
                } else if c.equals(key, "enrolments") {
                    bit = 8
                    enrolments = try self.enrolments(&c, into: &report)
                } else if c.equals(key, "preferredName") {
                    bit = 16
                    _ = try c.nonBlank()
                } else if c.equals(key, "photo") {
                    bit = 32
                    photo = c.string(try c.nonBlank())
                } else if c.equals(key, "leaver") {
                    bit = 64
                    leaver = try c.bool()
                } else if c.equals(key, "leftOn") {
                    bit = 128
                    leftOn = try c.date()
                } else if c.equals(key, "guest") {
                    bit = 256
                    _ = try c.bool()
                } else if c.equals(key, "preAdmission") {
                    bit = 512
                    _ = try c.bool()
                } else if c.equals(key, "publishedAt") {
                    bit = 1024
                    _ = try c.instant()
                } else {
                    throw ByteCursor.Miss()
                }
                guard seen & bit == 0 else { throw ByteCursor.Miss() }
                seen |= bit
            }
            // id, forename, surname and at least one enrolment; a leaver has
            // the day they left, and only a leaver has one.
            guard seen & 0xF == 0xF, enrolments > 0, let id, leaver == (leftOn != nil), ids.insert(id).inserted else {
                throw ByteCursor.Miss()
            }
            report.definedKeys.append(id)
            if let photo { photos.append(("student \(id)", photo)) }
            if let leftOn { report.leavers[id] = leftOn }
        }
        try c.expectEnd()
        return (report, photos)
    }

    /// A student's enrolments (`Enrolment.decode`, in increasing academic
    /// year order): their number; each adds its year and group scopes.
    private func enrolments(_ c: inout ByteCursor, into report: inout FileReport) throws(ByteCursor.Miss) -> Int {
        try c.expect(0x5B)
        var count = 0
        var previous = Int.min
        var firstEnrolment = true
        while try c.nextElement(&firstEnrolment) {
            try c.expect(0x7B)
            var seen: UInt8 = 0
            var academicYear = ""
            var startYear = 0
            var year = 0
            var group = ""
            var first = true
            while let key = try c.nextKey(&first) {
                let bit: UInt8
                if c.equals(key, "academicYear") {
                    bit = 1
                    let t = try c.nonBlank()
                    startYear = try c.withDecoded(t) { (u) throws(ByteCursor.Miss) in
                        guard let start = FastValues.academicYear(u) else { throw ByteCursor.Miss() }
                        return start
                    }
                    academicYear = c.string(t)
                } else if c.equals(key, "year") {
                    bit = 2
                    year = try c.integer()
                    guard year >= -1, year <= 14 else { throw ByteCursor.Miss() }
                } else if c.equals(key, "group") {
                    bit = 4
                    let t = try c.nonBlank()
                    guard try c.withDecoded(t, { (u) throws(ByteCursor.Miss) in FastValues.isGroupName(u) }) else {
                        throw ByteCursor.Miss()
                    }
                    group = c.string(t)
                } else {
                    throw ByteCursor.Miss()
                }
                guard seen & bit == 0 else { throw ByteCursor.Miss() }
                seen |= bit
            }
            guard seen == 7, startYear > previous else { throw ByteCursor.Miss() }
            previous = startYear
            report.enrolledScopes.insert("\(academicYear) group \(group)")
            report.enrolledScopes.insert("\(academicYear) year \(year)")
            count += 1
            guard count <= Student.enrolmentLimit else { throw ByteCursor.Miss() }
        }
        return count
    }

    // MARK: - Contacts

    private func scanContacts(_ buffer: UnsafeBufferPointer<UInt8>, countryCode: Int?) throws(ByteCursor.Miss)
        -> FileReport
    {
        var c = ByteCursor(buffer)
        var report = FileReport(file: file)
        var ids = Set<String>()
        var phones: [ContactPhone] = []
        var links: [String] = []
        var linked = SeenIDs()
        try c.expect(0x5B)
        var firstRecord = true
        while try c.nextElement(&firstRecord) {
            report.records += 1
            try c.expect(0x7B)
            var seen: UInt8 = 0
            var id: String?
            phones.removeAll(keepingCapacity: true)
            links.removeAll(keepingCapacity: true)
            linked.removeAll()
            var first = true
            while let key = try c.nextKey(&first) {
                let bit: UInt8
                if c.equals(key, "id") {
                    bit = 1
                    id = c.string(try c.identifier().text)
                } else if c.equals(key, "forename") {
                    bit = 2
                    _ = try c.nonBlank()
                } else if c.equals(key, "surname") {
                    bit = 4
                    _ = try c.nonBlank()
                } else if c.equals(key, "students") {
                    bit = 8
                    try c.expect(0x5B)
                    var firstLink = true
                    while try c.nextElement(&firstLink) {
                        let (student, hash) = try link(&c)
                        guard linked.insert(hash), links.count < Contact.linkLimit else { throw ByteCursor.Miss() }
                        links.append(student)
                    }
                } else if c.equals(key, "phones") {
                    bit = 16
                    try c.expect(0x5B)
                    var firstPhone = true
                    while try c.nextElement(&firstPhone) {
                        guard phones.count < Contact.listLimit else { throw ByteCursor.Miss() }
                        phones.append(try phone(&c))
                    }
                } else if c.equals(key, "emails") {
                    bit = 32
                    try c.expect(0x5B)
                    var firstEmail = true
                    var emails = 0
                    while try c.nextElement(&firstEmail) {
                        emails += 1
                        guard emails <= Contact.listLimit else { throw ByteCursor.Miss() }
                        _ = try c.string()
                    }
                } else if c.equals(key, "title") {
                    bit = 64
                    _ = try c.nonBlank()
                } else if c.equals(key, "publishedAt") {
                    bit = 128
                    _ = try c.instant()
                } else {
                    throw ByteCursor.Miss()
                }
                guard seen & bit == 0 else { throw ByteCursor.Miss() }
                seen |= bit
            }
            guard seen & 0xF == 0xF, let id, ids.insert(id).inserted else { throw ByteCursor.Miss() }
            report.definedKeys.append(id)
            for (j, student) in links.enumerated() {
                report.studentReferences.append(("contact \(id)", "students[\(j)].student", student))
            }
            if let countryCode {
                report.warnings += PhoneWarnings.check(id: id, phones: phones, countryCode: countryCode, file: file)
            }
        }
        try c.expectEnd()
        return report
    }

    /// A link to a child (`StudentLink.decode`): the student's id and its hash.
    private func link(_ c: inout ByteCursor) throws(ByteCursor.Miss) -> (String, UInt64) {
        try c.expect(0x7B)
        var seen: UInt8 = 0
        var student = ""
        var hash: UInt64 = 0
        var first = true
        while let key = try c.nextKey(&first) {
            let bit: UInt8
            if c.equals(key, "student") {
                bit = 1
                let t = try c.nonBlank()
                hash = try c.withDecoded(t) { (u) throws(ByteCursor.Miss) in FastValues.hash(u) }
                student = c.string(t)
            } else if c.equals(key, "relationship") {
                bit = 2
                _ = try c.nonBlank()
            } else if c.equals(key, "priority") {
                bit = 4
                let priority = try c.integer()
                guard priority >= 1, priority <= 99 else { throw ByteCursor.Miss() }
            } else if c.equals(key, "parentalResponsibility") {
                bit = 8
                _ = try c.bool()
            } else if c.equals(key, "correspondence") {
                bit = 16
                _ = try c.bool()
            } else {
                throw ByteCursor.Miss()
            }
            guard seen & bit == 0 else { throw ByteCursor.Miss() }
            seen |= bit
        }
        guard seen == 31 else { throw ByteCursor.Miss() }
        return (student, hash)
    }

    /// A phone (`ContactPhone.decode`): the number and its type.
    private func phone(_ c: inout ByteCursor) throws(ByteCursor.Miss) -> ContactPhone {
        try c.expect(0x7B)
        var number: String?
        var type: PhoneType?
        var first = true
        while let key = try c.nextKey(&first) {
            if c.equals(key, "number"), number == nil {
                number = c.string(try c.nonBlank())
            } else if c.equals(key, "type"), type == nil {
                let t = try c.nonBlank()
                type = c.equals(t, "mobile") ? .mobile : c.equals(t, "home") ? .home : c.equals(t, "work") ? .work : nil
                guard type != nil else { throw ByteCursor.Miss() }
            } else {
                throw ByteCursor.Miss()
            }
        }
        guard let number, let type else { throw ByteCursor.Miss() }
        return ContactPhone(number: number, type: type)
    }
}
