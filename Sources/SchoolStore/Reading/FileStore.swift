import Foundation

/// The mock school data store on disk: the stand-in for the central
/// Xpressions servers. Reads are per record (through `RecordIndex`) and per
/// message scope, so one family's data costs the family's bytes, however
/// big the school. Any file that does not decode is reported as problems
/// naming the file, record and field; nothing is guessed.
///
/// Safe to use from several threads; the caches are ``Locked``.
public final class FileStore: Sendable {
    public let layout: StoreLayout
    public let info: StoreInfo
    /// Whether derived indexes can be saved beside the data (a read-only
    /// store keeps them in memory).
    public let canPersistIndexes: Bool

    private struct Caches {
        var indexes: [String: RecordIndex] = [:]
        var schools: [String: (FileStamp, School)] = [:]
        var loginIndexes: [String: [UInt8]] = [:]
    }
    private let caches = Locked(Caches())

    func memoryLoginIndex(_ school: String) -> [UInt8]? {
        caches.withLock { $0.loginIndexes[school] }
    }

    func rememberLoginIndex(_ school: String, _ bytes: [UInt8]) {
        caches.withLock { $0.loginIndexes[school] = bytes }
    }

    /// Opens a store: reads `store.json`; does not read the schools yet.
    public init(root: String) throws(StoreProblems) {
        let layout = StoreLayout(root: root)
        self.layout = layout
        guard RawFile.isDirectory(layout.root) else {
            throw StoreProblems([
                StoreProblem(file: root, message: "not a directory (expected a store with \(StoreLayout.storeFile))")
            ])
        }
        let read = Result { () throws(RawFile.ReadError) in try layout.read(StoreLayout.storeFile) }
        let bytes: [UInt8]
        switch read {
        case .success(let b): bytes = b
        case .failure(.missing):
            throw StoreProblems([
                StoreProblem(file: StoreLayout.storeFile, message: "missing: this directory is not an xpressions store")
            ])
        case .failure(let error):
            throw StoreProblems([StoreProblem(file: StoreLayout.storeFile, message: error.description)])
        }
        let problems = ProblemList()
        let info = FileStore.decodeDocument(bytes, file: StoreLayout.storeFile, problems: problems) {
            FieldReader($0, file: StoreLayout.storeFile, record: nil, problems: problems).flatMap(StoreInfo.decode)
        }
        guard let info, problems.isEmpty else { throw StoreProblems(problems.problems) }
        self.info = info
        canPersistIndexes = RawFile.isWritableDirectory(layout.root)
    }

    // MARK: - Decoding helpers

    /// Parses a whole JSON document and decodes it, turning syntax errors into problems.
    static func decodeDocument<T>(_ bytes: [UInt8], file: String, problems: ProblemList, _ decode: (JSONValue) -> T?)
        -> T?
    {
        do {
            return decode(try JSONParser.parse(bytes))
        } catch {
            problems.add(file: file, "malformed JSON at \(error)")
            return nil
        }
    }

    /// Decodes one record read by its byte range: a syntax error is placed
    /// in the file, as validate places it (it was counted from the record's
    /// first byte: "line 10" for line 4736).
    static func decodeRecord<T>(
        _ bytes: [UInt8], at range: Range<Int>, of opened: OpenFile, file: String, problems: ProblemList,
        _ decode: (JSONValue) -> T?
    ) -> T? {
        do {
            return decode(try JSONParser.parse(bytes))
        } catch {
            var placed = error
            if let prefix = try? opened.read(0..<range.lowerBound) {
                let start = JSONParser.lineAndColumn(of: prefix.count, in: prefix)
                placed.column = error.line == 1 ? start.column + error.column - 1 : error.column
                placed.line = start.line + error.line - 1
            }
            problems.add(file: file, "malformed JSON at \(placed)")
            return nil
        }
    }

    func readWhole(_ file: String) throws(StoreProblems) -> (bytes: [UInt8], stamp: FileStamp)? {
        do {
            guard let f = try layout.open(file) else { return nil }
            return (try f.readAll(), f.stamp)
        } catch {
            throw StoreProblems([StoreProblem(file: file, message: error.description)])
        }
    }

    /// Reads and decodes a whole record file (`[ {...}, ... ]`).
    func decodeRecords<T>(_ file: String, label: (Int) -> String, _ decode: (FieldReader) -> T?) throws(StoreProblems)
        -> [T]?
    {
        guard let (bytes, _) = try readWhole(file) else { return nil }
        let problems = ProblemList()
        let values: [JSONValue]
        do {
            values = try JSONParser.parseArray(bytes).values
        } catch {
            throw StoreProblems([StoreProblem(file: file, message: "malformed JSON at \(error)")])
        }
        var out: [T] = []
        for (i, v) in values.enumerated() {
            if let r = FieldReader(v, file: file, record: label(i), problems: problems), let t = decode(r) {
                out.append(t)
            }
        }
        if !problems.isEmpty { throw StoreProblems(problems.problems) }
        return out
    }

    // MARK: - Indexes

    /// The record index of an opened file, from memory, from `.index/`, or
    /// built now (and saved when the store is writable).
    func index(of file: String, opened: OpenFile, keyField: String) throws(StoreProblems) -> RecordIndex {
        let cacheKey = "\(file)#\(keyField)"
        let cached = caches.withLock { $0.indexes[cacheKey] }
        if let cached, cached.stamp == opened.stamp { return cached }
        let indexPath = layout.absolute(StoreLayout.indexFile(for: file, suffix: "\(keyField).idx"))
        if let saved = RecordIndex.load(path: indexPath, describing: opened.stamp) {
            remember(saved, key: cacheKey)
            return saved
        }
        let bytes: [UInt8]
        do { bytes = try opened.readAll() } catch {
            throw StoreProblems([StoreProblem(file: file, message: error.description)])
        }
        let built = try RecordIndex.build(bytes: bytes, keyField: keyField, stamp: opened.stamp, file: file)
        remember(built, key: cacheKey)
        if canPersistIndexes { FileStore.saveQuietly(built.serialized(), to: indexPath, under: layout.root) }
        return built
    }

    func remember(_ index: RecordIndex, key: String) {
        caches.withLock { $0.indexes[key] = index }
    }

    /// Saves a derived file atomically; failure only costs a rebuild later.
    /// Only directories below `root` are made (0700), one at a time, and the
    /// file is written 0600: a store moved away meanwhile is never made
    /// again at its old path (a sync that did so left an empty store behind,
    /// and the store moved back landed inside it, never seen again).
    static func saveQuietly(_ bytes: [UInt8], to path: String, under root: String) {
        let base = root.hasSuffix("/") ? root : root + "/"
        guard path.hasPrefix(base) else { return }
        var directory = String(base.dropLast())
        for component in path.dropFirst(base.count).split(separator: "/").dropLast() {
            directory += "/\(component)"
            guard mkdir(directory, 0o700) == 0 || errno == EEXIST else { return }  // ENOENT: the store is gone
        }
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard RawFile.createPrivate(temporary, bytes) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    /// Reads the record with a given key from a record file, through its index.
    func record<T>(
        in file: String, key: String, keyField: String, label: String,
        decode: (FieldReader) -> T?, keyOf: (T) -> String
    ) throws(StoreProblems) -> Fetched<T>? {
        let opened: OpenFile
        do {
            guard let f = try layout.open(file) else { return nil }
            opened = f
        } catch {
            throw StoreProblems([StoreProblem(file: file, message: error.description)])
        }
        let index = try self.index(of: file, opened: opened, keyField: keyField)
        var found: Fetched<T>?
        for range in index.ranges(forKey: key) {
            let bytes: [UInt8]
            do { bytes = try opened.read(range) } catch {
                throw StoreProblems([StoreProblem(file: file, message: error.description)])
            }
            let problems = ProblemList()
            let value = FileStore.decodeRecord(bytes, at: range, of: opened, file: file, problems: problems) {
                FieldReader($0, file: file, record: label, problems: problems).flatMap(decode)
            }
            if !problems.isEmpty { throw StoreProblems(problems.problems) }
            if let value, keyOf(value) == key {
                // Two records for one key: validate's error, never one of
                // them picked (the other's data would come and go).
                guard found == nil else {
                    throw StoreProblems([
                        StoreProblem(
                            file: file, record: label, field: keyField,
                            message: keyField == "student"
                                ? "a second record for this student" : "a second record with this \(keyField)")
                    ])
                }
                found = Fetched(value: value, digest: StableHash.fnv1a64(bytes))
            }
        }
        return found
    }

    // MARK: - Schools

    /// The ids of the schools (directory names under `schools/`).
    public func schoolIDs() -> [String] {
        ((try? layout.list(StoreLayout.schoolsDirectory)) ?? []).filter {
            !$0.hasPrefix(".") && layout.isDirectory(StoreLayout.schoolDirectory($0))
        }
    }

    public func school(_ id: String) throws(StoreProblems) -> School {
        guard MessageScope.isValidIdentifier(id) else {
            throw StoreProblems([
                StoreProblem(
                    file: StoreLayout.schoolsDirectory,
                    message:
                        "no school \(Quote.value(id)): school ids are 1 to 64 letters, digits, hyphens and underscores"
                )
            ])
        }
        let file = StoreLayout.schoolFile(id)
        let stamp = layout.stamp(file)
        let cached = caches.withLock { $0.schools[id] }
        if let cached, let stamp, cached.0 == stamp { return cached.1 }
        guard let (bytes, readStamp) = try readWhole(file) else {
            throw StoreProblems([StoreProblem(file: file, message: "missing")])
        }
        let problems = ProblemList()
        let school = FileStore.decodeDocument(bytes, file: file, problems: problems) {
            FieldReader($0, file: file, record: nil, problems: problems).flatMap(School.decode)
        }
        if let school, school.id != id {
            problems.add(
                file: file, field: "id",
                "\(Quote.value(school.id)) does not match the directory name \(Quote.value(id))")
        }
        guard let school, problems.isEmpty else { throw StoreProblems(problems.problems) }
        caches.withLock { $0.schools[id] = (readStamp, school) }
        return school
    }

    // MARK: - People

    public func student(_ id: String, school: String) throws(StoreProblems) -> Fetched<Student>? {
        try record(
            in: StoreLayout.studentsFile(school), key: id, keyField: "id", label: "student \(id)",
            decode: Student.decode, keyOf: \.id)
    }

    public func contact(_ id: String, school: String) throws(StoreProblems) -> Fetched<Contact>? {
        try record(
            in: StoreLayout.contactsFile(school), key: id, keyField: "id", label: "contact \(id)",
            decode: Contact.decode, keyOf: \.id)
    }

    /// Every student of a school (validation, generation, support tools).
    public func allStudents(school: String) throws(StoreProblems) -> [Student] {
        try decodeRecords(StoreLayout.studentsFile(school), label: { "record \($0 + 1)" }, Student.decode) ?? []
    }

    /// Every contact of a school.
    /// A contact record that cannot be read, as the audit names it: its id
    /// and name as far as they read, and what is wrong (file, record, field).
    public struct UnreadableRecord: Sendable, Equatable {
        public var id: String?
        public var name: String?
        public var problems: [StoreProblem]
        /// The first problem's field as the record holds it ("Mobile"), when
        /// it is text or a number.
        public var value: String?
    }

    /// The text or number at `path` ("phones[0].type") in `value`.
    static func text(at path: String, in value: JSONValue) -> String? {
        var current = value
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indexes: [Int] = []
            while let open = name.lastIndex(of: "["), name.last == "]",
                let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
            {
                indexes.insert(i, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty {
                guard let next = current[String(name)] else { return nil }
                current = next
            }
            for i in indexes {
                guard case .array(let items) = current, items.indices.contains(i) else { return nil }
                current = items[i]
            }
        }
        switch current {
        case .string(let s): return s
        case .number: return JSONWriter().string(current)
        default: return nil
        }
    }

    /// Every contact record of a school that reads, and those that do not,
    /// each on its own: one bad record does not hide the others (a login
    /// with another record's details goes ahead, and the audit said none of
    /// the school's parents could log in). A file that is not a list of
    /// records at all still throws.
    public func readableContacts(school: String) throws(StoreProblems) -> (
        contacts: [Contact], unreadable: [UnreadableRecord]
    ) {
        let file = StoreLayout.contactsFile(school)
        guard let (bytes, _) = try readWhole(file) else { return ([], []) }
        let values: [JSONValue]
        do {
            values = try JSONParser.parseArray(bytes).values
        } catch {
            throw StoreProblems([StoreProblem(file: file, message: "malformed JSON at \(error)")])
        }
        var contacts: [Contact] = []
        var unreadable: [UnreadableRecord] = []
        for (i, v) in values.enumerated() {
            let problems = ProblemList()
            if let r = FieldReader(v, file: file, record: "record \(i + 1)", problems: problems),
                let contact = Contact.decode(r), problems.isEmpty
            {
                contacts.append(contact)
                continue
            }
            func text(_ key: String) -> String? { if case .string(let s)? = v[key] { s } else { nil } }
            let name = [text("forename"), text("surname")].compactMap { $0 }.joined(separator: " ")
            unreadable.append(
                UnreadableRecord(
                    id: text("id"), name: name.isEmpty ? nil : name,
                    problems: problems.isEmpty
                        ? [StoreProblem(file: file, record: "record \(i + 1)", message: "not a contact record")]
                        : problems.problems,
                    value: problems.problems.first?.field.flatMap { FileStore.text(at: $0, in: v) }))
        }
        return (contacts, unreadable)
    }

    public func allContacts(school: String) throws(StoreProblems) -> [Contact] {
        try decodeRecords(StoreLayout.contactsFile(school), label: { "record \($0 + 1)" }, Contact.decode) ?? []
    }

    // MARK: - Enhanced data, per student per academic year

    public func attendance(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentAttendance
    >? {
        let zone = try self.school(school).zone
        return try record(
            in: StoreLayout.recordFile(school, .attendance, year), key: student, keyField: "student",
            label: "student \(student)", decode: { StudentAttendance.decode($0, zone: zone, academicYear: year) },
            keyOf: \.student)
    }

    public func timetable(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentTimetable
    >? {
        try record(
            in: StoreLayout.recordFile(school, .timetable, year), key: student, keyField: "student",
            label: "student \(student)", decode: StudentTimetable.decode, keyOf: \.student)
    }

    public func behaviour(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentEvents
    >? {
        try record(
            in: StoreLayout.recordFile(school, .behaviour, year), key: student, keyField: "student",
            label: "student \(student)", decode: StudentEvents.decode, keyOf: \.student)
    }

    public func achievements(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentEvents
    >? {
        try record(
            in: StoreLayout.recordFile(school, .achievements, year), key: student, keyField: "student",
            label: "student \(student)", decode: StudentEvents.decode, keyOf: \.student)
    }

    public func assessments(student: String, school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<
        StudentAssessments
    >? {
        try record(
            in: StoreLayout.recordFile(school, .assessments, year), key: student, keyField: "student",
            label: "student \(student)", decode: StudentAssessments.decode, keyOf: \.student)
    }

    /// The school calendar of an academic year (empty when there is none).
    public func calendar(school: String, year: AcademicYear) throws(StoreProblems) -> Fetched<[CalendarEvent]> {
        let file = StoreLayout.recordFile(school, .calendar, year)
        guard let (bytes, _) = try readWhole(file) else { return Fetched(value: [], digest: 0) }
        let events = try decodeRecords(file, label: { "record \($0 + 1)" }, CalendarEvent.decode) ?? []
        // Two events with one id: validate's error, never both kept.
        var ids = Set<String>()
        for e in events where !ids.insert(e.id).inserted {
            throw StoreProblems([
                StoreProblem(file: file, record: "event \(e.id)", field: "id", message: "duplicate event id")
            ])
        }
        return Fetched(value: events, digest: StableHash.fnv1a64(bytes))
    }

    /// The academic years for which a school has files of a kind.
    public func academicYears(school: String, kind: StoreLayout.YearlyKind) -> [AcademicYear] {
        ((try? layout.list(StoreLayout.kindDirectory(school, kind))) ?? []).compactMap {
            $0.hasSuffix(".json") ? AcademicYear(parsing: String($0.dropLast(5))) : nil
        }.sorted()
    }

    // MARK: - Messages

    /// The academic years for which a school has sent messages.
    public func messageYears(school: String) -> [AcademicYear] {
        ((try? listedMessageYears(school: school)) ?? [])
    }

    /// The academic years with a message directory; a listing that fails (a
    /// link leading out of the store, no permission) is a problem naming the
    /// directory, never "no years".
    public func listedMessageYears(school: String) throws(StoreProblems) -> [AcademicYear] {
        let directory = StoreLayout.messagesDirectory(school)
        do {
            return (try layout.list(directory) ?? []).compactMap(AcademicYear.init(parsing:)).sorted()
        } catch {
            throw StoreProblems([StoreProblem(file: directory, message: "\(error)")])
        }
    }

    /// The scopes with a message file in an academic year.
    public func messageScopes(school: String, year: AcademicYear) -> [MessageScope] {
        ((try? layout.list(StoreLayout.messagesYearDirectory(school, year))) ?? []).compactMap {
            $0.hasSuffix(".json") ? MessageScope(fileStem: String($0.dropLast(5))) : nil
        }.sorted()
    }

    /// The messages of one scope in one academic year (empty when none).
    public func messages(school: String, year: AcademicYear, scope: MessageScope) throws(StoreProblems) -> Fetched<
        [SchoolMessage]
    > {
        let file = StoreLayout.messagesFile(school, year, scope)
        guard let (bytes, _) = try readWhole(file) else { return Fetched(value: [], digest: 0) }
        let problems = ProblemList()
        let values: [JSONValue]
        do { values = try JSONParser.parseArray(bytes).values } catch {
            throw StoreProblems([StoreProblem(file: file, message: "malformed JSON at \(error)")])
        }
        var messages: [SchoolMessage] = []
        var ids = Set<String>()
        for (i, v) in values.enumerated() {
            if let r = FieldReader(v, file: file, record: "record \(i + 1)", problems: problems),
                let m = SchoolMessage.decode(r)
            {
                if !ids.insert(m.id).inserted {
                    problems.add(file: file, record: "message \(m.id)", field: "id", "duplicate message id")
                }
                messages.append(m)
            }
        }
        if !problems.isEmpty { throw StoreProblems(problems.problems) }
        return Fetched(value: messages, digest: StableHash.fnv1a64(bytes))
    }

    // MARK: - Change detection and images

    /// The stamp of a store file (nil if missing): equal stamps, unchanged file.
    public func stamp(_ relative: String) -> FileStamp? { layout.stamp(relative) }

    /// A PPM image of a school (logo) or student (photo), by its path
    /// relative to the school directory; nil when missing or undecodable.
    public func image(school: String, path: String) -> PPMImage? {
        guard let bytes = try? layout.read(StoreLayout.schoolAsset(school, path)) else { return nil }
        return try? PPMImage.decode(bytes)
    }
}

extension FileStore {
    /// A contact record found by a login lookup, with the school it belongs to.
    public struct LoginHit: Sendable {
        public var school: String
        public var contact: Contact

        public init(school: String, contact: Contact) {
            self.school = school
            self.contact = contact
        }
    }

    /// Every contact, in every school, holding this email (after trimming and
    /// lowercasing) or this phone number (normalised with each school's
    /// country code), whatever its validity or type: the rules that decide
    /// whether a hit counts are the caller's. Reads one small index bucket
    /// per school and the matching records only (a lookup that finds a
    /// login index missing or stale builds all that are, in parallel).
    public func contactsMatching(email: String?, phone: String?) throws(StoreProblems) -> [LoginHit] {
        let lookup = loginLookup(email: email, phone: phone)
        if !lookup.problems.isEmpty { throw StoreProblems(lookup.problems) }
        return lookup.hits
    }

    /// The hits in one school; nil when its login index is missing or stale
    /// and `building` is false.
    func contactsMatching(emailKey: String?, phone: String?, school: String, building: Bool) throws(StoreProblems)
        -> [LoginHit]?
    {
        let file = StoreLayout.contactsFile(school)
        let opened: OpenFile
        do {
            guard let f = try layout.open(file) else { return [] }
            opened = f
        } catch {
            throw StoreProblems([StoreProblem(file: file, message: error.description)])
        }
        guard let schoolStamp = layout.stamp(StoreLayout.schoolFile(school)) else {
            _ = try self.school(school)  // names what is wrong with it
            throw StoreProblems([StoreProblem(file: StoreLayout.schoolFile(school), message: "missing")])
        }
        guard
            let reader = try loginIndexReader(
                school: school, contacts: opened, schoolStamp: schoolStamp, building: building)
        else { return nil }
        var keys: [String] = []
        if let emailKey { keys.append(emailKey) }
        if let phone, let k = LoginIndex.phoneKey(phone, countryCode: reader.countryCode) { keys.append(k) }
        var seen = Set<Int>()
        var hits: [LoginHit] = []
        for key in keys {
            for range in reader.ranges(forKey: key) where seen.insert(range.lowerBound).inserted {
                let bytes: [UInt8]
                do { bytes = try opened.read(range) } catch {
                    throw StoreProblems([StoreProblem(file: file, message: error.description)])
                }
                let problems = ProblemList()
                let contact = FileStore.decodeRecord(bytes, at: range, of: opened, file: file, problems: problems) {
                    FieldReader($0, file: file, record: "record at byte \(range.lowerBound)", problems: problems)
                        .flatMap(Contact.decode)
                }
                if !problems.isEmpty { throw StoreProblems(problems.problems) }
                guard let contact else { continue }
                // Guard against hash collisions: the record must really hold the key.
                let holds =
                    contact.emails.contains { LoginIndex.emailKey($0) == key }
                    || contact.phones.contains {
                        LoginIndex.phoneKey($0.number, countryCode: reader.countryCode) == key
                    }
                if holds { hits.append(LoginHit(school: school, contact: contact)) }
            }
        }
        return hits
    }

    func loginIndexReader(school: String, contacts: OpenFile, schoolStamp: FileStamp) throws(StoreProblems)
        -> LoginIndex.Reader
    {
        try loginIndexReader(school: school, contacts: contacts, schoolStamp: schoolStamp, building: true)!
    }

    /// The login index of a school, from `.index/`, from memory, or built now
    /// (unless `building` is false: then nil when it would have to be).
    func loginIndexReader(school: String, contacts: OpenFile, schoolStamp: FileStamp, building: Bool)
        throws(StoreProblems) -> LoginIndex.Reader?
    {
        let file = StoreLayout.contactsFile(school)
        let path = layout.absolute(StoreLayout.indexFile(for: file, suffix: "login.idx"))
        if let reader = LoginIndex.Reader(path: path, contactsStamp: contacts.stamp, schoolStamp: schoolStamp) {
            return reader
        }
        if let bytes = memoryLoginIndex(school),
            let reader = LoginIndex.Reader(bytes: bytes, contactsStamp: contacts.stamp, schoolStamp: schoolStamp)
        {
            return reader
        }
        guard building else { return nil }
        let built = try buildContactIndexes(school: school, contacts: contacts, schoolStamp: schoolStamp)
        return LoginIndex.Reader(bytes: built, contactsStamp: contacts.stamp, schoolStamp: schoolStamp)!
    }
}
