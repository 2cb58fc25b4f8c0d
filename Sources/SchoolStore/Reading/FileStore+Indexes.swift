/// Building the derived indexes ahead of time: every school's in parallel,
/// each file's in one pass over its bytes, with progress.
extension FileStore {
    /// Builds (or confirms) every index of one school: the record indexes of
    /// students.json, contacts.json and the per-student yearly files, and the
    /// login index. `progress` counts its files.
    public func buildIndexes(school: String, progress: ProgressReporter.Counter? = nil) throws(StoreProblems) {
        var files: [(String, String)] = [(StoreLayout.studentsFile(school), "id")]
        for kind in StoreLayout.YearlyKind.allCases where kind.isPerStudent {
            for year in academicYears(school: school, kind: kind) {
                files.append((StoreLayout.recordFile(school, kind, year), kind.keyField))
            }
        }
        progress?.start(total: files.count + 1)
        for (file, key) in files {
            let opened: OpenFile?
            do { opened = try layout.open(file) } catch {
                throw StoreProblems([StoreProblem(file: file, message: error.description)])
            }
            if let opened { _ = try index(of: file, opened: opened, keyField: key) }
            progress?.step()
        }
        let file = StoreLayout.contactsFile(school)
        let contacts: OpenFile?
        do { contacts = try layout.open(file) } catch {
            throw StoreProblems([StoreProblem(file: file, message: error.description)])
        }
        if let contacts, let schoolStamp = layout.stamp(StoreLayout.schoolFile(school)) {
            _ = try loginIndexReader(school: school, contacts: contacts, schoolStamp: schoolStamp)
            _ = try index(of: file, opened: contacts, keyField: "id")
        } else if let contacts {
            _ = try index(of: file, opened: contacts, keyField: "id")
        }
        progress?.step()
    }

    /// Builds (or confirms) the indexes of every school, schools in parallel,
    /// showing "indexing green-abbey 3/4" (schools done) on `progress`, which
    /// is cleared at the end. Problems of all schools are thrown together.
    public func buildIndexes(progress: ProgressReporter? = nil) throws(StoreProblems) {
        let schools = schoolIDs()
        let counter = progress?.counter("indexing", total: schools.count)
        let failures = Parallel.map(schools.count) { i -> [StoreProblem] in
            defer { counter?.step(schools[i]) }
            do throws(StoreProblems) {
                try buildIndexes(school: schools[i])
                return []
            } catch {
                return error.problems
            }
        }
        progress?.finish()
        let problems = failures.flatMap { $0 }
        if !problems.isEmpty { throw StoreProblems(problems) }
    }

    /// Builds (or confirms) the login index of every school, in parallel:
    /// what a login lookup (`contactsMatching`, doctor) needs first. Cheap
    /// when they are up to date (one header read per school).
    public func prepareLoginIndexes(progress: ProgressReporter? = nil) throws(StoreProblems) {
        let schools = schoolIDs()
        let counter = progress?.counter("indexing logins of", total: schools.count)
        let failures = Parallel.map(schools.count) { i -> [StoreProblem] in
            defer { counter?.step(schools[i]) }
            let file = StoreLayout.contactsFile(schools[i])
            do throws(StoreProblems) {
                let contacts: OpenFile?
                do throws(RawFile.ReadError) { contacts = try layout.open(file) } catch {
                    throw StoreProblems([StoreProblem(file: file, message: error.description)])
                }
                guard let contacts, let schoolStamp = layout.stamp(StoreLayout.schoolFile(schools[i])) else {
                    return []
                }
                _ = try loginIndexReader(school: schools[i], contacts: contacts, schoolStamp: schoolStamp)
                return []
            } catch {
                return error.problems
            }
        }
        progress?.finish()
        let problems = failures.flatMap { $0 }
        if !problems.isEmpty { throw StoreProblems(problems) }
    }

    /// Builds contacts.json's login index (returned) and its record index in
    /// one pass over its bytes, saving and remembering both. A file the scan
    /// cannot vouch for is indexed the full way (which names a syntax error).
    /// The country code a school's numbers are read in, for its login
    /// index: from its `school.json` even when another of its fields has a
    /// problem (an Xpressions setting being fixed), so the login lookup
    /// does not stop there (a problem in one school's settings refused
    /// every login in the store, naming the file to parents, and counted
    /// each as a failed attempt: an audit). A `school.json` that can't be
    /// read at all (cut short, not JSON) reads the UK's (44): the school's
    /// records are still looked in, and a parent found there is refused,
    /// with no attempt used, when the login reads the school itself (one
    /// school's broken file refused every parent of every school).
    func loginCountryCode(_ school: String) -> Int {
        if let school = try? self.school(school) { return school.countryCode }
        let file = StoreLayout.schoolFile(school)
        guard let (bytes, _) = try? readWhole(file) else { return 44 }
        let problems = ProblemList()
        let code = FileStore.decodeDocument(bytes, file: file, problems: problems) { json in
            FieldReader(json, file: file, record: nil, problems: problems).flatMap {
                $0.int("countryCode", range: 1...999)
            }
        }
        return problems.isEmpty ? code ?? 44 : 44
    }

    func buildContactIndexes(school: String, contacts: OpenFile, schoolStamp: FileStamp) throws(StoreProblems)
        -> [UInt8]
    {
        let file = StoreLayout.contactsFile(school)
        let countryCode = loginCountryCode(school)
        let bytes: [UInt8]
        do { bytes = try contacts.readAll() } catch {
            throw StoreProblems([StoreProblem(file: file, message: error.description)])
        }
        let login: [UInt8]
        if let scanned = LoginIndex.scanContacts(bytes) {
            login = LoginIndex.build(
                scanned: scanned, contactsStamp: contacts.stamp, schoolStamp: schoolStamp, countryCode: countryCode)
            let records = RecordIndex(stamp: contacts.stamp, entries: scanned.map { ($0.id, $0.range) })
            remember(records, key: "\(file)#id")
            if canPersistIndexes {
                FileStore.saveQuietly(
                    records.serialized(), to: layout.absolute(StoreLayout.indexFile(for: file, suffix: "id.idx")),
                    under: layout.root)
            }
        } else {
            login = try LoginIndex.build(
                contacts: bytes, contactsStamp: contacts.stamp, schoolStamp: schoolStamp,
                countryCode: countryCode, file: file)
        }
        if canPersistIndexes {
            FileStore.saveQuietly(
                login, to: layout.absolute(StoreLayout.indexFile(for: file, suffix: "login.idx")), under: layout.root)
        }
        rememberLoginIndex(school, login)
        return login
    }
}
