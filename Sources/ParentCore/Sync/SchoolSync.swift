import Foundation
import SchoolStore

/// One school's part of a sync: works out, from the store and the last
/// model, the new parts of the model for this school. Reads only what may
/// have changed: a resource whose file stamp and audience are unchanged and
/// whose next publication time has not come is skipped without being read
/// (see ``ResourceCursor``); a changed shared file is re-read only for the
/// parent's slices. All or nothing: any store problem throws, and nothing of
/// this school is applied.
///
/// Data is withdrawn only when a valid store says so. The records a sync
/// uses are checked by the rules of `store validate`: a file that does not
/// decode, a file replaced by a directory (unreadable, not empty), a linked
/// student missing from `students.json` or a registered contact missing from
/// `contacts.json` (dangling references) are problems naming the file, and
/// keep the school's last good state.
struct SchoolSync {
    let source: any SchoolDataSource
    let session: SessionSchool
    let now: Date
    let old: ModelState

    private(set) var reads = 0
    /// Files whose data was held back at its last good state (a year's
    /// file deleted or emptied while data from it was shown): only that
    /// file's data; the rest of the school syncs. Said as problems, every
    /// sync, until the file is mended.
    private(set) var heldBack: [StoreProblem] = []
    private var cursors: [String: ResourceCursor] = [:]
    /// Where each linked student was linked (contact id, index in its
    /// `students`), when the contact records were read in this sync.
    private var linkedBy: [String: (contact: String, index: Int)] = [:]
    private var update = ModelUpdate()
    /// Of the messages gone from the model, those published after `now`
    /// (a sync at an earlier `--now` than the model's): not published yet
    /// then, rather than withdrawn.
    private var notYetPublished = 0
    /// Why a student this sync read is not shown though a record still
    /// names them (a link without parental responsibility or
    /// correspondence, a leaver past the school's persistence): what the
    /// parent is told when such a child leaves the device.
    private var hiddenBecause: [String: ChildRemoval] = [:]
    /// The clock is earlier than the last sync that saved anything (support
    /// staff replaying a moment with `--now`): items in the model may be in
    /// this clock's future, so nothing is skipped.
    let rewound: Bool

    init(source: any SchoolDataSource, session: SessionSchool, now: Date, old: ModelState) {
        self.source = source
        self.session = session
        self.now = now
        self.old = old
        rewound = old.syncedAt[session.school].map { now < $0 } ?? false
    }

    struct Outcome {
        var update: ModelUpdate
        var summary: SchoolSyncSummary
        /// Messages that appeared and concern a child the model already had.
        var newMessages: [MessageRef]
        /// Files held back at their last good data (see ``heldBack``).
        var heldBack: [StoreProblem]
        /// The school was being rebuilt after damage to the local model:
        /// what came back was the parent's already (said as rebuilt, not new).
        var rebuilt = false
    }

    var id: String { session.school }

    /// On the first sync of a school, messages published longer ago than
    /// this start read (14 days).
    static let historyStartsRead: TimeInterval = 14 * 86_400
    var oldCursors: [String: ResourceCursor] { old.cursors[id]?.cursors ?? [:] }

    /// A folder of the school's swapped for a link leading out of the store
    /// is refused at every sync, as validate refuses it: its files moved
    /// whole keep their stamps, so the sync said "up to date" through the
    /// link until a file in it changed. One listing of the school's folder
    /// (and of its messages folder) and an `lstat` of each entry; `realpath`
    /// only for a link.
    func refuseLinksOutside() throws(StoreProblems) {
        let folder = "\(StoreLayout.schoolsDirectory)/\(id)"
        let base = source.resolved(folder)
        var entries = [folder] + (RawFile.list(base) ?? []).filter { !$0.hasPrefix(".") }.map { "\(folder)/\($0)" }
        let messages = "\(folder)/messages"
        for year in (RawFile.list(source.resolved(messages)) ?? []).filter({ !$0.hasPrefix(".") }) {
            // A year's folder, and its attachment files' folder.
            entries += ["\(messages)/\(year)", "\(messages)/\(year)/files"]
        }
        for relative in entries {
            var info = stat()
            guard lstat(source.resolved(relative), &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { continue }
            // A link that leads nowhere (a loop, a dangling one) is said by
            // the reading that meets it, in its own words.
            guard SyncProblem.leadsOutside(source.resolved(relative), root: source.root) == true else { continue }
            throw StoreProblems([StoreProblem(file: relative, message: RawFile.ReadError.outsideStore.description)])
        }
    }

    /// A cursor from the last sync that lets a resource be skipped now.
    func freshCursor(_ key: String, stamp: FileStamp?, audience: String = "") -> ResourceCursor? {
        guard !rewound, let c = oldCursors[key], c.isFresh(stamp: stamp, audience: audience, now: now) else {
            return nil
        }
        return c
    }

    /// A file the sync needs is not there as a file: missing, or unreadable
    /// when something else (a directory) is in its place.
    func missing(_ file: String, _ what: String) -> StoreProblems {
        let entry = source.entry(file)
        switch entry {
        case .directory, .other, .blocked: return unreadable(file, entry)
        case .missing, .file: return StoreProblems([StoreProblem(file: file, message: "missing: \(what)")])
        }
    }

    func unreadable(_ file: String, _ entry: StoreEntry) -> StoreProblems {
        StoreProblems([StoreProblem(file: entry.problemPath(file), message: entry.unreadableReason)])
    }

    /// A folder the sync reads that is something else (a file in its place
    /// said only "unreadable").
    func unreadableFolder(_ folder: String, _ entry: StoreEntry) -> StoreProblems {
        guard entry == .file else { return unreadable(folder, entry) }
        return StoreProblems([StoreProblem(file: folder, message: "is a regular file, not a folder: refused")])
    }

    /// A file the sync reads when it is there: nothing there means nothing
    /// to read, a directory (or anything but a file) in its place is a problem.
    func checkAbsent(_ file: String) throws(StoreProblems) {
        let entry = source.entry(file)
        if entry != .missing && entry != .file { throw unreadable(file, entry) }
    }

    mutating func run() throws(StoreProblems) -> Outcome {
        let oldSchool = old.schools[id]
        try refuseLinksOutside()

        // 1. The school's details and settings.
        let schoolFile = StoreLayout.schoolFile(id)
        guard let schoolStamp = source.stamp(schoolFile) else {
            throw missing(schoolFile, "the store is unreachable or the school is no longer in it")
        }
        let school: School
        if let oldSchool, let c = freshCursor("school", stamp: schoolStamp) {
            school = oldSchool.school
            cursors["school"] = c
        } else {
            reads += 1
            school = try source.school(id)
            cursors["school"] = ResourceCursor(
                stamp: schoolStamp, digest: StableHash.fnv1a64(JSONWriter().write(school.json)), next: nil)
        }
        let zone = school.zone
        let today = zone.civilDate(of: now)

        // 2. The parent's contact records: which students they are linked to.
        let linked = try linkedStudents()

        // 3. The student records: which of them the parent sees now.
        let visible = try visibleStudents(linked, school: school, today: today)
        let visibleIDs = visible.map(\.id)
        var summary = SchoolSyncSummary(school: id, schoolName: school.name)
        let oldChildren = oldSchool?.children ?? []
        summary.childrenAdded = visibleIDs.filter { !oldChildren.contains($0) }.map {
            ChildRef(school: id, student: $0)
        }
        summary.childrenRemoved = oldChildren.filter { !visibleIDs.contains($0) }.map {
            ChildRef(school: id, student: $0)
        }
        for child in summary.childrenRemoved {
            if let why = hiddenBecause[child.student] { summary.removedBecause[child] = why }
        }

        // 4. Each child's Enhanced data.
        for student in visible {
            try syncChild(student, school: school, summary: &summary)
        }
        for gone in summary.childrenRemoved { update.remove(PartName.child(gone)) }

        // 5. The school calendar.
        let calendar = syncCalendar(school: school, today: today)

        // 6. Messages.
        let (added, removed) = try syncMessages(visible, school: school)
        summary.messagesAdded = added.count
        summary.messagesRemoved = removed
        summary.messagesNotYetPublished = notYetPublished
        // The first sync here: the history starts read, without receipts
        // (the parent never opened those messages); the last fortnight stays
        // unread.
        let cutoff = now.addingTimeInterval(-SchoolSync.historyStartsRead)
        if old.syncedAt[id] == nil {
            for m in added where (m.message.publishedAt ?? m.message.sentAt) < cutoff {
                update.readAdditions.insert(ReadPart.key(school: id, message: m.message.id))
                summary.historyMarkedRead += 1
            }
            // What this parent opened before (an earlier login, another
            // device) has their read receipt in the store: it starts read
            // here too (one stat a newer message; it came back unread).
            let receipts = StoreLayout.receiptsDirectory(id)
            if source.entry(receipts) == .directory {
                for m in added where !update.readAdditions.contains(ReadPart.key(school: id, message: m.message.id)) {
                    let key = Outbox.receiptKey(
                        contacts: session.contacts, message: MessageRef(school: id, id: m.message.id))
                    if source.stamp("\(receipts)/\(key).json") != nil {
                        update.readAdditions.insert(ReadPart.key(school: id, message: m.message.id))
                    }
                }
            }
        } else if !summary.childrenAdded.isEmpty, old.cursors[id] != nil {
            // A child who joins later (a record newly linking them, a
            // duplicate that now matches) brings their history as a first
            // login does: what concerns only them and is over a fortnight
            // old starts read (hundreds of old messages came in unread).
            // Not a school being rebuilt (no cursors): its children come
            // back with what the parent had read.
            let joined = Set(summary.childrenAdded.map(\.student))
            for m in added
            where !m.children.isEmpty && m.children.allSatisfy(joined.contains)
                && (m.message.publishedAt ?? m.message.sentAt) < cutoff
            {
                update.readAdditions.insert(ReadPart.key(school: id, message: m.message.id))
                summary.historyMarkedRead += 1
            }
        }

        // A store that vanished mid-sync reads as missing files, which must
        // not be mistaken for data removed: check it is still there.
        guard source.stamp(schoolFile) != nil, source.stamp(StoreLayout.contactsFile(id)) != nil else {
            throw missing(schoolFile, "the store became unreachable during the sync")
        }

        var schoolPart = SchoolPart(school: school, children: visibleIDs, calendar: calendar)
        // The store's absence reports, read by the engine after this: kept
        // as they were, read again when the children changed.
        schoolPart.reports = oldSchool?.reports ?? []
        let sameChildren = oldSchool?.children == visibleIDs
        schoolPart.reportsStamp = sameChildren ? oldSchool?.reportsStamp : nil
        schoolPart.reportsSeenUpTo = sameChildren ? oldSchool?.reportsSeenUpTo : nil
        if schoolPart != oldSchool { update.put(.school(schoolPart)) }
        // How far the clock had reached before it was put back (a replay with
        // --now): kept until the clock passes it again.
        let reached = old.cursors[id]?.seenUpTo
        let seenUpTo =
            rewound
            ? max(reached ?? .distantPast, old.syncedAt[id] ?? .distantPast) : reached.flatMap { now < $0 ? $0 : nil }
        let cursorPart = CursorPart(school: id, cursors: cursors, linked: linked, seenUpTo: seenUpTo)
        if cursorPart != old.cursors[id] { update.put(.cursors(cursorPart)) }
        if !update.isEmpty || old.syncedAt[id] == nil || rewound { update.syncedAt[id] = now }

        summary.synced = true
        summary.partsChanged = update.upserts.count + update.removals.count
        summary.reads = reads
        // Notify only for messages that arrived for children the parent
        // already had here (not the whole history on a first sync, or when a
        // child is newly linked).
        let known = Set(oldChildren)
        // A message published before a time the clock had already reached was
        // seen then: coming back from a replay, it is not news.
        // A school synced before whose cursors are gone is being rebuilt
        // after damage to the local model (opening set the damaged part
        // aside, in this process or an earlier one whose sync could not
        // reach the store): what comes back was the parent's already.
        let rebuilding = old.cursors[id] == nil
        let newMessages =
            old.syncedAt[id] == nil || rebuilding
            ? []
            : added.filter { m in
                !m.children.filter(known.contains).isEmpty && reached.map { m.message.visibleFrom > $0 } ?? true
            }
        return Outcome(
            update: update, summary: summary,
            newMessages: newMessages.map { MessageRef(school: id, id: $0.message.id) },
            heldBack: Self.once(heldBack), rebuilt: rebuilding && old.syncedAt[id] != nil)
    }

    /// One problem a file (a year's attendance file missing is one problem,
    /// not one for each child shown from it).
    static func once(_ problems: [StoreProblem]) -> [StoreProblem] {
        var seen = Set<String>()
        return problems.filter { seen.insert($0.description).inserted }
    }

    // MARK: - People

    /// Students linked to the session's contact records here with parental
    /// responsibility and correspondence allowed, in link order.
    mutating func linkedStudents() throws(StoreProblems) -> [String] {
        let file = StoreLayout.contactsFile(id)
        guard let stamp = source.stamp(file) else { throw missing(file, "the school's contact records are not there") }
        let audience = session.contacts.joined(separator: ",")
        if let part = old.cursors[id], let c = freshCursor("contacts", stamp: stamp, audience: audience) {
            cursors["contacts"] = c
            return part.linked
        }
        var digest = DigestBuilder()
        var next: Date?
        var linked: [String] = []
        let registration = "\(StoreLayout.registrationsDirectory(id))/\(session.registration).json"
        for (i, contactID) in session.contacts.enumerated() {
            reads += 1
            guard let fetched = try source.contact(contactID, school: id) else {
                // Gone from a valid store: the school removed the parent. But
                // while the session's registration still names the contact,
                // the store refers to a record it does not hold.
                // A file left with no contact at all is a fault, never the
                // school removing every parent in one step: named as such.
                reads += 1
                // The file read by validate's rules first: a record it cannot
                // read (an id that is a number) is what is wrong, named with
                // its record and field (it was said "the file looks emptied").
                if try source.contactCount(school: id) == 0 {
                    throw StoreProblems([
                        StoreProblem(
                            file: file,
                            message:
                                "holds no contact records, though this device's (\(contactID)) was in it: the file looks emptied; the last good data is kept until it holds records again"
                        )
                    ])
                }
                if source.stamp(registration) != nil {
                    throw StoreProblems([
                        StoreProblem(
                            file: registration, record: "registration \(session.registration)",
                            field: "contacts[\(i)]",
                            message: "unknown contact \(contactID) (not in \(file))")
                    ])
                }
                digest.mix(0)
                continue
            }
            digest.mix(fetched.digest)
            if let published = fetched.value.publishedAt, published > now {
                next = earliest(next, published)
                continue
            }
            for (j, link) in fetched.value.students.enumerated() where !linked.contains(link.student) {
                guard link.parentalResponsibility, link.correspondence else {
                    hiddenBecause[link.student] =
                        link.parentalResponsibility ? .correspondenceNotAllowed : .noParentalResponsibility
                    continue
                }
                linked.append(link.student)
                linkedBy[link.student] = (contactID, j)
                hiddenBecause[link.student] = nil
            }
        }
        cursors["contacts"] = ResourceCursor(stamp: stamp, digest: digest.value, next: next, audience: audience)
        return linked
    }

    /// The linked students whose records are published and who are not
    /// leavers past the school's leaver persistence.
    mutating func visibleStudents(_ linked: [String], school: School, today: CivilDate) throws(StoreProblems)
        -> [Student]
    {
        let file = StoreLayout.studentsFile(id)
        guard let stamp = source.stamp(file) else { throw missing(file, "the school's student records are not there") }
        let audience = "\(linked.joined(separator: ","))|\(school.leaverPersistenceMonths)|\(school.timezone)"
        if let oldSchool = old.schools[id], let c = freshCursor("students", stamp: stamp, audience: audience) {
            let kept = oldSchool.children.compactMap { old.children[ChildRef(school: id, student: $0)]?.student }
            if kept.count == oldSchool.children.count {
                cursors["students"] = c
                return kept
            }
        }
        var digest = DigestBuilder()
        var next: Date?
        var visible: [Student] = []
        for studentID in linked {
            reads += 1
            guard let fetched = try source.student(studentID, school: id) else {
                // A linked student the store does not hold: a dangling
                // reference (an invalid store), never a child removed. A
                // students.json emptied (`[]`) is the file to blame, as
                // validate says (the contact's reference was named).
                // The file read by validate's rules first: a record it cannot
                // read is what is wrong, named (the contact was blamed).
                if try source.students(school: id).isEmpty {
                    throw StoreProblems([
                        StoreProblem(
                            file: file, message: "lists no students, but other files of the school refer to students")
                    ])
                }
                let contacts = StoreLayout.contactsFile(id)
                if let by = linkedBy[studentID] ?? whereLinked(studentID) {
                    throw StoreProblems([
                        StoreProblem(
                            file: contacts, record: "contact \(by.contact)", field: "students[\(by.index)].student",
                            message: "unknown student \(studentID) (not in \(file))")
                    ])
                }
                throw StoreProblems([
                    StoreProblem(file: contacts, message: "unknown student \(studentID) (not in \(file))")
                ])
            }
            digest.mix(fetched.digest)
            let student = fetched.value
            if let published = student.publishedAt, published > now {
                next = earliest(next, published)
                continue
            }
            guard student.isVisible(on: today, leaverPersistenceMonths: school.leaverPersistenceMonths) else {
                if let leftOn = student.leftOn {
                    hiddenBecause[studentID] = .left(leftOn, shownForMonths: school.leaverPersistenceMonths)
                }
                continue
            }
            if let last = SchoolSync.lastVisibleDay(student, months: school.leaverPersistenceMonths) {
                next = earliest(next, school.zone.instant(on: last.adding(days: 1), minutesAfterMidnight: 0))
            }
            visible.append(student)
        }
        cursors["students"] = ResourceCursor(stamp: stamp, digest: digest.value, next: next, audience: audience)
        return visible
    }

    /// Which of the session's contact records links a student, and where
    /// (read again only to name a dangling reference).
    func whereLinked(_ student: String) -> (contact: String, index: Int)? {
        for contactID in session.contacts {
            guard let contact = try? source.contact(contactID, school: id)?.value,
                let index = contact.students.firstIndex(where: { $0.student == student })
            else { continue }
            return (contactID, index)
        }
        return nil
    }

    /// The last day a leaver is shown (as `Student.isVisible` counts it).
    static func lastVisibleDay(_ student: Student, months: Int) -> CivilDate? {
        guard student.leaver, let leftOn = student.leftOn else { return nil }
        var y = leftOn.year
        var m = leftOn.month + months
        while m > 12 {
            m -= 12
            y += 1
        }
        return CivilDate(year: y, month: m, day: min(leftOn.day, CivilDate.daysIn(month: m, year: y))) ?? leftOn
    }

    // MARK: - Enhanced data

    static let perStudentKinds: [(StoreLayout.YearlyKind, EnhancedFeature)] = [
        (.attendance, .attendance), (.timetable, .timetable), (.behaviour, .behaviour),
        (.achievements, .achievements), (.assessments, .assessments),
    ]

    mutating func syncChild(_ student: Student, school: School, summary: inout SchoolSyncSummary) throws(StoreProblems)
    {
        let ref = ChildRef(school: id, student: student.id)
        let oldPart = old.children[ref]
        var part = oldPart ?? ChildPart(school: id, timezone: school.timezone, student: student)
        part.student = student
        part.timezone = school.timezone
        let years = Array(Set(student.enrolments.map(\.academicYear))).sorted()
        let offered = Set(school.availableFeatures)
        for (kind, feature) in SchoolSync.perStudentKinds {
            guard offered.contains(feature) else {
                part.clear(kind)
                continue
            }
            part.keep(kind, years: Set(years))
            for year in years {
                let key = "\(kind.rawValue)/\(year)/\(student.id)"
                let stamp = source.stamp(StoreLayout.recordFile(id, kind, year))
                if oldPart != nil, let c = freshCursor(key, stamp: stamp, audience: school.timezone) {
                    cursors[key] = c
                    continue
                }
                let had = oldPart?.holds(kind, year: year) ?? false
                let digest: UInt64
                let next: Date?
                do {
                    // A directory, a FIFO or a link loop in the file's place
                    // is this file's fault too, not the school's (it held
                    // back every message, an Emergency one included).
                    if stamp == nil { try checkAbsent(StoreLayout.recordFile(id, kind, year)) }
                    reads += 1
                    (digest, next) = try fetch(kind, student: student.id, year: year, into: &part)
                } catch {
                    // A file cut short or unreadable holds back only its
                    // own data (its last good state, if any): the school's
                    // messages still come in (a cut-short achievements file
                    // kept an urgent message out; a deleted one did not).
                    if let oldPart { part.restore(kind, year: year, from: oldPart) }
                    heldBack += error.problems
                    cursors[key] = oldCursors[key]
                    continue
                }
                if had, let oldPart, !part.holds(kind, year: year) {
                    do {
                        try checkRecordGone(kind, year: year, stamp: stamp)
                    } catch {
                        // Only this file's data is held back: the school's
                        // other data (an urgent message) still comes in.
                        part.restore(kind, year: year, from: oldPart)
                        heldBack += error.problems
                        cursors[key] = oldCursors[key]
                        continue
                    }
                }
                cursors[key] = ResourceCursor(stamp: stamp, digest: digest, next: next, audience: school.timezone)
            }
        }
        if part != oldPart {
            update.put(.child(part))
            let change = part.markCount - (oldPart?.markCount ?? 0)
            if change > 0 { summary.marksAdded += change } else { summary.marksRemoved -= change }
            // Those published after the sync's time (an earlier --now than
            // the model's) were not there yet then: not withdrawn.
            if change < 0, let oldPart {
                let later = oldPart.attendance.values.joined().filter { $0.publishedAt > now }.count
                summary.marksNotYetPublished += min(later, -change)
            }
        }
    }

    /// A child's record, shown before, is no longer in a year's file. A
    /// school takes one student's record back; a whole year's file
    /// deleted or emptied ("[]"), or a file that fails validate's rules
    /// (the record renamed to a student the school does not have, say), is
    /// a fault: the last good data stays, and the problem names the file.
    func checkRecordGone(_ kind: StoreLayout.YearlyKind, year: AcademicYear, stamp: FileStamp?)
        throws(StoreProblems)
    {
        let file = StoreLayout.recordFile(id, kind, year)
        let kept = "the last good data is kept until it is mended"
        guard let size = stamp?.size else {
            throw StoreProblems([
                StoreProblem(
                    file: file,
                    message:
                        "missing, though this device shows \(kind.rawValue) from it: a school takes back one student's record, never a whole year's file; \(kept)"
                )
            ])
        }
        if size < 16 {
            throw StoreProblems([
                StoreProblem(
                    file: file,
                    message:
                        "holds no records, though this device shows \(kind.rawValue) from it: the file looks emptied; the last good data is kept until it holds records again"
                )
            ])
        }
        let problems = source.recordFileProblems(school: id, kind: kind, year: year)
        if !problems.isEmpty { throw StoreProblems(problems) }
    }

    /// Reads one record and keeps its published items; returns the digest
    /// of the record and the next publication time among the rest.
    func fetch(
        _ kind: StoreLayout.YearlyKind, student: String, year: AcademicYear,
        into part: inout ChildPart
    ) throws(StoreProblems) -> (UInt64, Date?) {
        var next: Date?
        func published<T>(_ items: [T], _ at: (T) -> Date) -> [T] {
            var out: [T] = []
            out.reserveCapacity(items.count)
            for item in items {
                let t = at(item)
                if t <= now { out.append(item) } else { next = earliest(next, t) }
            }
            return out
        }
        switch kind {
        case .attendance:
            let f = try source.attendance(student: student, school: id, year: year)
            part.attendance[year] = f.map { published($0.value.marks, \.publishedAt) }
            return (f?.digest ?? 0, next)
        case .timetable:
            let f = try source.timetable(student: student, school: id, year: year)
            if let t = f?.value, let at = t.publishedAt, at > now {
                next = at
                part.timetable[year] = nil
            } else {
                part.timetable[year] = f?.value
            }
            return (f?.digest ?? 0, next)
        case .behaviour:
            let f = try source.behaviour(student: student, school: id, year: year)
            part.behaviour[year] = f.map { published($0.value.events, \.publishedAt) }
            return (f?.digest ?? 0, next)
        case .achievements:
            let f = try source.achievements(student: student, school: id, year: year)
            part.achievements[year] = f.map { published($0.value.events, \.publishedAt) }
            return (f?.digest ?? 0, next)
        case .assessments:
            let f = try source.assessments(student: student, school: id, year: year)
            part.assessments[year] = f.map { published($0.value.results, \.publishedAt) }
            return (f?.digest ?? 0, next)
        case .calendar:
            return (0, nil)
        }
    }

    mutating func syncCalendar(school: School, today: CivilDate) -> [AcademicYear: [CalendarEvent]] {
        guard school.offers(.calendar) else { return [:] }
        let oldCalendar = old.schools[id]?.calendar
        var calendar: [AcademicYear: [CalendarEvent]] = [:]
        let current = AcademicYear(containing: today)
        for year in [current, current.next] {
            let key = "calendar/\(year)"
            let stamp = source.stamp(StoreLayout.recordFile(id, .calendar, year))
            if let oldCalendar, let c = freshCursor(key, stamp: stamp) {
                cursors[key] = c
                if let events = oldCalendar[year] { calendar[year] = events }
                continue
            }
            do {
                try syncCalendarYear(year, stamp: stamp, old: oldCalendar, into: &calendar)
            } catch {
                // A calendar file at fault holds back only its own year's
                // events (the last good ones): the school's messages, an
                // Emergency one included, still come in.
                if let events = oldCalendar?[year] { calendar[year] = events }
                heldBack += error.problems
                cursors[key] = oldCursors[key]
            }
        }
        return calendar
    }

    /// One year's calendar file read into `calendar`, its cursor kept;
    /// throws when the file is at fault (its year is then held back).
    private mutating func syncCalendarYear(
        _ year: AcademicYear, stamp: FileStamp?, old oldCalendar: [AcademicYear: [CalendarEvent]]?,
        into calendar: inout [AcademicYear: [CalendarEvent]]
    ) throws(StoreProblems) {
        let key = "calendar/\(year)"
        var next: Date?
        var digest: UInt64 = 0
        let file = StoreLayout.recordFile(id, .calendar, year)
        // Events were shown from this year's file: deleted, or emptied
        // whole, it is a fault (a cut write, a bad export), never a
        // year's calendar taken back; the last good events stay. One
        // event taken back, leaving none, is the school's to do.
        let shown = (oldCalendar?[year] ?? []).count > 1
        if stamp == nil { try checkAbsent(file) }
        if shown, stamp == nil {
            throw StoreProblems([
                StoreProblem(
                    file: file,
                    message:
                        "missing, though events were shown from it: the last good calendar is kept until it is back"
                )
            ])
        }
        if stamp != nil {
            reads += 1
            let f = try source.calendar(school: id, year: year)
            if shown, f.value.isEmpty {
                throw StoreProblems([
                    StoreProblem(
                        file: file,
                        message:
                            "holds no events, though events were shown from it: the file looks emptied; the last good calendar is kept until it holds events again"
                    )
                ])
            }
            digest = f.digest
            var events: [CalendarEvent] = []
            for e in f.value {
                if e.publishedAt <= now { events.append(e) } else { next = earliest(next, e.publishedAt) }
            }
            if !events.isEmpty { calendar[year] = events }
        }
        cursors[key] = ResourceCursor(stamp: stamp, digest: digest, next: next)
    }

    // MARK: - Messages

    /// One of the parent's children in a message scope: messages sent after
    /// `cutoff` (a leaver's last day) do not concern them.
    struct Recipient: Equatable {
        var student: String
        var cutoff: CivilDate?
    }

    /// Which scope files concern which children, per academic year: the
    /// whole school, the year group and the registration group the child
    /// was enrolled in that year, and the child's own file.
    func scopes(_ visible: [Student], years: [AcademicYear]) -> [AcademicYear: [MessageScope: [Recipient]]] {
        var out: [AcademicYear: [MessageScope: [Recipient]]] = [:]
        for year in years {
            var scopes: [MessageScope: [Recipient]] = [:]
            for s in visible {
                if let e = s.enrolments.first(where: { $0.academicYear == year }) {
                    let r = Recipient(student: s.id, cutoff: s.leaver ? s.leftOn : nil)
                    for scope in [MessageScope.school, .year(e.year), .group(e.registrationGroup)]
                    where !(scopes[scope] ?? []).contains(r) {
                        scopes[scope, default: []].append(r)
                    }
                }
                scopes[.student(s.id), default: []].append(Recipient(student: s.id, cutoff: nil))
            }
            out[year] = scopes
        }
        return out
    }

    /// Re-reads the changed scope files and rebuilds the timeline parts of
    /// the years concerned. Returns the messages that appeared and the
    /// number that went.
    mutating func syncMessages(_ visible: [Student], school: School) throws(StoreProblems) -> ([StoredMessage], Int) {
        // No messages directory: the school has sent nothing (a valid store).
        // Something else in its place, or a year that is not a directory:
        // unreadable, never "every message withdrawn".
        let directory = StoreLayout.messagesDirectory(id)
        let entry = source.entry(directory)
        if entry != .missing && entry != .directory { throw unreadableFolder(directory, entry) }
        // A year's folder that is not a folder (a file, a FIFO in its place)
        // holds back that year's messages alone, as a file at fault does:
        // the other years and the school's other data still come in (it
        // held back the whole school).
        var heldYears = Set<AcademicYear>()
        let years = try source.listedMessageYears(school: id).filter { year in
            let yearEntry = source.entry(StoreLayout.messagesYearDirectory(id, year))
            guard yearEntry != .directory && yearEntry != .missing else { return true }
            heldBack += unreadableFolder(StoreLayout.messagesYearDirectory(id, year), yearEntry).problems
            heldYears.insert(year)
            return false
        }
        let byYear = visible.isEmpty ? [:] : scopes(visible, years: years)
        var added: [StoredMessage] = []
        var removed = 0
        let oldTimelines = old.timelines(of: id)
        for year in years {
            guard let scopes = byYear[year] else { continue }
            let oldParts = old.timelines(of: id, year: year)
            let oldCount = oldParts.reduce(0) { $0 + $1.messages.count }
            var oldByScope: [MessageScope: [StoredMessage]] = [:]
            for part in oldParts { for m in part.messages { oldByScope[m.scope, default: []].append(m) } }
            var messages: [StoredMessage] = []
            var reread = false
            // The ids each re-read scope file holds (all of them, shown or not).
            var inFile: [MessageScope: Set<String>] = [:]
            // Files of this year found missing: one problem for the folder
            // when it was emptied (not one a file).
            let heldBefore = heldBack.count
            var missingShown = 0
            for scope in scopes.keys.sorted() {
                let recipients = scopes[scope]!
                let key = "messages/\(year)/\(scope.fileStem)"
                let audience =
                    recipients.map { "\($0.student)@\($0.cutoff?.description ?? "-")" }.joined(separator: ",")
                    + "|\(session.contacts.joined(separator: ","))|\(school.timezone)"
                let stamp = source.stamp(StoreLayout.messagesFile(id, year, scope))
                if let c = freshCursor(key, stamp: stamp, audience: audience) {
                    cursors[key] = c
                    messages += oldByScope[scope] ?? []
                    continue
                }
                reread = true
                var next: Date?
                var digest: UInt64 = 0
                let file = StoreLayout.messagesFile(id, year, scope)
                // A file gone or emptied in one step while more than one of its
                // messages was shown is a fault (a copy cut short, a bad hand
                // edit), not the school taking every one back: the last good
                // messages are kept until it holds messages again. (A school
                // takes messages back one at a time.)
                let shown = oldByScope[scope]?.count ?? 0
                // A file that can't be read (cut short, a FIFO or a folder
                // in its place, a record validate refuses) holds back its
                // own messages alone, as an emptied one does: the school's
                // other files still come in (one bad file kept out an
                // Emergency message to the whole school: an audit).
                func unreadable(_ problems: StoreProblems) {
                    heldBack += problems.problems
                    messages += oldByScope[scope] ?? []
                    cursors[key] = oldCursors[key]
                    inFile[scope] = nil
                }
                // A shown message gone from its file while its attachment
                // files are still there: the file emptied or cut short (a
                // message the school takes back goes with its files, as
                // validate checks), held back alone (it held back the
                // whole school, an Emergency message with it: an audit).
                func goneWithFiles(_ how: String, keeping ids: Set<String>) -> Bool {
                    guard
                        let m = (oldByScope[scope] ?? []).first(where: { m in
                            !ids.contains(m.message.id) && !m.message.attachments.isEmpty
                                && source.entry(StoreLayout.attachmentDirectory(id, year, m.message.id)) == .directory
                        })
                    else { return false }
                    unreadable(
                        StoreProblems([
                            StoreProblem(
                                file: file, record: "message \(m.message.id)",
                                message:
                                    "\(how), but its attachment files are still in \(StoreLayout.attachmentDirectory(id, year, m.message.id))/: the file looks emptied or cut short (a message the school takes back goes with its files); the last good messages are kept until it holds them again"
                            )
                        ]))
                    return true
                }
                // Only this file's messages are held back: the school's other
                // files (an urgent message to the whole school) still come in.
                func lost(_ how: String) -> Bool {
                    if goneWithFiles(how, keeping: []) { return true }
                    guard shown > 1 else { return false }
                    if how == "missing" { missingShown += shown }
                    heldBack.append(
                        StoreProblem(
                            file: file,
                            message:
                                "\(how), though \(shown) messages from it were shown: the file looks emptied or lost; the last good messages are kept until it holds messages again"
                        ))
                    messages += oldByScope[scope] ?? []
                    cursors[key] = oldCursors[key]
                    return true
                }
                if stamp == nil {
                    do throws(StoreProblems) { try checkAbsent(file) } catch {
                        unreadable(error)
                        continue
                    }
                    if lost("missing") { continue }
                }
                inFile[scope] = []
                if stamp != nil {
                    reads += 1
                    let f: Fetched<[SchoolMessage]>
                    do throws(StoreProblems) { f = try source.messages(school: id, year: year, scope: scope) } catch {
                        unreadable(error)
                        continue
                    }
                    if f.value.isEmpty, lost("holds no messages") {
                        inFile[scope] = nil
                        continue
                    }
                    let ids = Set(f.value.map(\.id))
                    if goneWithFiles("missing", keeping: ids) { continue }
                    // Every message shown from it gone at once, and others
                    // there instead: another file copied over this one (a
                    // class's messages withdrawn, another class's shown to
                    // this parent: an audit). Held back as an emptied file is.
                    if shown > 1, !ids.isEmpty, (oldByScope[scope] ?? []).allSatisfy({ !ids.contains($0.message.id) }) {
                        unreadable(
                            StoreProblems([
                                StoreProblem(
                                    file: file,
                                    message:
                                        "holds none of the \(shown) messages shown from it, and \(ids.count) others: the file looks replaced by another (validate finds their ids twice); the last good messages are kept until it holds them again"
                                )
                            ]))
                        continue
                    }
                    // A message dated outside the file's academic year, as
                    // validate refuses it (one dated 2031 was withdrawn).
                    if let bad = f.value.first(where: {
                        AcademicYear(containing: school.zone.civilDate(of: $0.sentAt)) != year
                    }) {
                        unreadable(
                            StoreProblems([
                                StoreProblem(
                                    file: file, record: "message \(bad.id)", field: "sentAt",
                                    message:
                                        "sent on \(school.zone.civilDate(of: bad.sentAt)), outside academic year \(year) of this file"
                                )
                            ]))
                        continue
                    }
                    digest = f.digest
                    inFile[scope] = ids
                    for m in f.value {
                        if m.visibleFrom > now {
                            next = earliest(next, m.visibleFrom)
                            continue
                        }
                        if let only = m.contacts, !only.contains(where: session.contacts.contains) { continue }
                        let sentOn = school.zone.civilDate(of: m.sentAt)
                        let concerned = recipients.filter { r in r.cutoff.map { sentOn <= $0 } ?? true }.map(\.student)
                        if !concerned.isEmpty {
                            messages.append(StoredMessage(message: m, scope: scope, children: concerned))
                        }
                    }
                }
                cursors[key] = ResourceCursor(stamp: stamp, digest: digest, next: next, audience: audience)
            }
            let yearProblems = heldBack[heldBefore...]
            if yearProblems.count >= 2, yearProblems.allSatisfy({ $0.message.hasPrefix("missing, though") }) {
                heldBack.removeSubrange(heldBefore...)
                heldBack.append(
                    StoreProblem(
                        file: StoreLayout.messagesYearDirectory(id, year) + "/",
                        message:
                            "\(yearProblems.count) message files missing, though \(missingShown) messages from them were shown: the folder looks emptied; the last good messages are kept until they are back"
                    ))
            }
            // Scopes no longer read (a child went) changed the timeline too.
            if !reread && messages.count == oldCount { continue }
            var seen = Set<String>()
            messages = messages.filter { seen.insert($0.message.id).inserted }
            let oldIDs = Set(oldParts.flatMap { $0.messages.map(\.message.id) })
            added += messages.filter { !oldIDs.contains($0.message.id) }
            let gone = oldIDs.subtracting(seen)
            // A message withdrawn takes its attachment files with it (validate's
            // rule): gone from its file while its files are still there is a
            // file emptied or lost by a fault, and nothing is withdrawn for it.
            for m in oldParts.flatMap(\.messages)
            where gone.contains(m.message.id) && !m.message.attachments.isEmpty
                && inFile[m.scope].map({ !$0.contains(m.message.id) }) == true
            {
                let files = StoreLayout.attachmentDirectory(id, year, m.message.id)
                if source.entry(files) == .directory {
                    throw StoreProblems([
                        StoreProblem(
                            file: StoreLayout.messagesFile(id, year, m.scope), record: "message \(m.message.id)",
                            message:
                                "missing, but its attachment files are still in \(files)/: the file looks emptied or cut short (a message the school takes back goes with its files)"
                        )
                    ])
                }
            }
            removed += gone.count
            if !gone.isEmpty {
                notYetPublished +=
                    oldParts.flatMap(\.messages).filter {
                        gone.contains($0.message.id) && ($0.message.publishedAt ?? $0.message.sentAt) > now
                    }.count
            }
            // One part per month; only the months that changed are written.
            var byMonth: [String: [StoredMessage]] = [:]
            for m in messages {
                byMonth[TimelinePart.month(of: school.zone.civilDate(of: m.message.sentAt)), default: []].append(m)
            }
            let oldByMonth = Dictionary(oldParts.map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
            for (month, list) in byMonth {
                let part = TimelinePart(
                    school: id, year: year, month: month, timezone: school.timezone,
                    messages: TimelinePart.ordered(list))
                if part != oldByMonth[month] { update.put(.timeline(part)) }
            }
            for (month, part) in oldByMonth where byMonth[month] == nil { update.remove(part.partName) }
        }
        // A year's folder gone (or the messages folder emptied or gone) while
        // its messages were shown to children still here is a fault (a
        // folder moved, a copy cut short), not the school taking a year's
        // messages back: they are kept until it is back, as for one file.
        var shownByLostYear: [AcademicYear: Int] = [:]
        for t in oldTimelines where !visible.isEmpty && !years.contains(t.year) {
            shownByLostYear[t.year, default: 0] += t.messages.count
        }
        let lostYears = Set(shownByLostYear.filter { $0.value > 1 }.keys).union(heldYears)
        for year in lostYears.sorted() {
            let shown = shownByLostYear[year] ?? 0
            // (A held year's problem is said above, as what is in its place.)
            if heldYears.contains(year) {
                for (key, cursor) in oldCursors where key.hasPrefix("messages/\(year)/") { cursors[key] = cursor }
                continue
            }
            heldBack.append(
                StoreProblem(
                    file: StoreLayout.messagesYearDirectory(id, year) + "/",
                    message:
                        "missing, though \(shown) messages from it were shown: the folder looks moved or lost; the last good messages are kept until it is back"
                ))
            for (key, cursor) in oldCursors where key.hasPrefix("messages/\(year)/") { cursors[key] = cursor }
        }
        for t in oldTimelines where byYear[t.year] == nil && !lostYears.contains(t.year) {
            removed += t.messages.count
            notYetPublished += t.messages.filter { ($0.message.publishedAt ?? $0.message.sentAt) > now }.count
            update.remove(t.partName)
        }
        return (added, removed)
    }
}
