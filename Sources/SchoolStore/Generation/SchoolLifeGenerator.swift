import Foundation

/// Generates a school's files from its roster: details, people, photos, and
/// for every academic year of history two attendance sessions per school
/// day, timetables, behaviour, achievements, assessments, the calendar, and
/// the messages a school sends (newsletters, letters to year groups,
/// homework to registration groups, attendance and personal messages).
/// Files go to a sink as (relative path, bytes), in a fixed order.
struct SchoolLifeGenerator {
    let roster: Roster
    let options: GeneratorOptions
    var rng: SplitMix64
    let zone: SchoolTimeZone
    let writer = JSONWriter()
    var messageCounter = 0
    /// Fixed marks that replace generated ones: "S000001 2026-03-10 AM" → "M".
    var markOverrides: [String: String] = [:]
    /// Extra messages to file (scope, message), e.g. the demo's hand-written ones.
    var extraMessages: [(AcademicYear, MessageScope, SchoolMessage)] = []
    /// The attachment files of the messages, by "<message id>/<name>"
    /// (generated ones are added as their messages are made).
    var attachmentFiles: [String: [UInt8]] = [:]

    init(roster: Roster, options: GeneratorOptions, stream: UInt64) {
        self.roster = roster
        self.options = options
        rng = SplitMix64(seed: options.seed, stream: stream &* 7919 &+ 17)
        zone = roster.school.zone
    }

    var school: School { roster.school }
    var id: String { roster.school.id }

    mutating func generate(into sink: (String, [UInt8]) -> Void) {
        sink(StoreLayout.schoolFile(id), writer.write(school.json))
        if let logo = school.logo {
            sink(StoreLayout.schoolAsset(id, logo), AvatarPainter.crest(seed: StableHash.fnv1a64(id)).encode())
        }
        sink(StoreLayout.studentsFile(id), writer.writeRecords(roster.students.map { $0.json(zone: zone) }))
        sink(StoreLayout.contactsFile(id), writer.writeRecords(roster.contacts.map { $0.json(zone: zone) }))
        for s in roster.students {
            if let photo = s.photo {
                sink(
                    StoreLayout.schoolAsset(id, photo),
                    AvatarPainter.portrait(seed: StableHash.fnv1a64("\(id)/\(s.id)")).encode())
            }
        }
        for year in options.academicYears {
            generateYear(year, into: sink)
        }
    }

    // MARK: - One academic year

    struct DayPlan {
        var days: [CivilDate]
        var snowDay: CivilDate?
    }

    mutating func generateYear(_ year: AcademicYear, into sink: (String, [UInt8]) -> Void) {
        let terms = school.terms.filter { year.contains($0.start) }
        let days = TermCalendar.schoolDays(terms, from: year.firstDay, through: options.until)
        guard !days.isEmpty else { return }
        let winter = days.filter { $0.month == 1 || $0.month == 2 }
        let snowDay = !winter.isEmpty && rng.chance(0.3) ? rng.pick(winter) : nil
        let enrolled = roster.students.filter { $0.enrolments.contains { $0.academicYear == year } }
        let enhanced = school.serviceLevel == .enhanced

        // Attendance is generated for every school (Messenger sends absence
        // messages either way) but filed only where the school shows it.
        var attendance: [(Student, [AttendanceMark])] = []
        for s in enrolled {
            attendance.append((s, makeMarks(for: s, days: days, snowDay: snowDay)))
        }
        if enhanced {
            if school.offers(.attendance) {
                sink(StoreLayout.recordFile(id, .attendance, year), attendanceFile(attendance))
            }
            if school.offers(.timetable) {
                sink(
                    StoreLayout.recordFile(id, .timetable, year),
                    writer.writeRecords(enrolled.map { timetable(for: $0, year: year).json(zone: zone) }))
            }
            if school.offers(.behaviour) {
                sink(
                    StoreLayout.recordFile(id, .behaviour, year),
                    writer.writeRecords(enrolled.map { events(for: $0, days: days, behaviour: true).json(zone: zone) }))
            }
            if school.offers(.achievements) {
                sink(
                    StoreLayout.recordFile(id, .achievements, year),
                    writer.writeRecords(enrolled.map { events(for: $0, days: days, behaviour: false).json(zone: zone) })
                )
            }
            if school.offers(.assessments) {
                sink(
                    StoreLayout.recordFile(id, .assessments, year),
                    writer.writeRecords(enrolled.map { assessments(for: $0, year: year).json(zone: zone) }))
            }
            if school.offers(.calendar) {
                sink(
                    StoreLayout.recordFile(id, .calendar, year),
                    writer.writeRecords(calendar(year: year, terms: terms).map { $0.json(zone: zone) }))
            }
        }
        let messages = makeMessages(
            year: year, days: days, snowDay: snowDay, enrolled: enrolled, attendance: attendance)
        for (scope, list) in messages {
            sink(StoreLayout.messagesFile(id, year, scope), writer.writeRecords(list.map { $0.json(zone: zone) }))
        }
        for (_, list) in messages {
            for m in list {
                for a in m.attachments {
                    if let bytes = attachmentFiles["\(m.id)/\(a.name)"] {
                        sink(StoreLayout.attachmentFile(id, year, m.id, a.name), bytes)
                    }
                }
            }
        }
    }

    /// The metadata of an attachment whose file is `bytes`, kept to be
    /// written beside the message's file.
    mutating func attach(_ bytes: [UInt8], name: String, type: String, to message: String) -> Attachment {
        attachmentFiles["\(message)/\(name)"] = bytes
        return Attachment(name: name, size: bytes.count, mediaType: type)
    }

    // MARK: - Attendance

    mutating func makeMarks(for student: Student, days allDays: [CivilDate], snowDay: CivilDate?) -> [AttendanceMark] {
        let days = student.leftOn.map { left in allDays.filter { $0 <= left } } ?? allDays
        guard !days.isEmpty else { return [] }
        let persistent = rng.chance(0.08)
        let illnessStart = persistent ? 0.05 : 0.012
        var holiday: CivilDate? = rng.chance(0.05) ? rng.pick(days) : nil
        var holidayLeft = holiday == nil ? 0 : rng.between(2...5)
        var illnessLeft = 0
        var marks: [AttendanceMark] = []
        marks.reserveCapacity(days.count * 2)
        let code = { (c: String) in AttendanceCode.named(c)! }
        for day in days {
            var am = "/"
            var pm = "\\"
            if day == snowDay {
                am = "Y2"
                pm = "Y2"
            } else if let h = holiday, day >= h, holidayLeft > 0 {
                am = "G"
                pm = "G"
                holidayLeft -= 1
                if holidayLeft == 0 { holiday = nil }
            } else if illnessLeft > 0 || rng.chance(illnessStart) {
                if illnessLeft == 0 { illnessLeft = rng.between(1...3) }
                am = "I"
                pm = "I"
                illnessLeft -= 1
            } else if rng.chance(0.004) {
                let activity = rng.pick(["V", "P", "B"])
                am = activity
                pm = activity
            } else {
                switch rng.below(1000) {
                case 0..<15: am = "L"
                case 15..<19: am = "U"
                case 19..<24: am = "M"
                case 24..<28: am = "N"
                case 28..<30: am = "O"
                default: break
                }
                switch rng.below(1000) {
                case 0..<5: pm = "M"
                case 5..<8: pm = "N"
                case 8..<10: pm = "C"
                default: break
                }
            }
            if !markOverrides.isEmpty {
                am = markOverrides["\(student.id) \(day) AM"] ?? am
                pm = markOverrides["\(student.id) \(day) PM"] ?? pm
            }
            let amRec = 8 * 60 + 40 + rng.below(26)
            let pmRec = 13 * 60 + 10 + rng.below(21)
            let amPub = amRec + 10 + rng.below(83)
            let pmPub = pmRec + 10 + rng.below(83)
            marks.append(
                AttendanceMark(
                    date: day, session: .am, code: code(am),
                    recordedAt: zone.instant(on: day, minutesAfterMidnight: amRec),
                    publishedAt: zone.instant(on: day, minutesAfterMidnight: amPub)))
            marks.append(
                AttendanceMark(
                    date: day, session: .pm, code: code(pm),
                    recordedAt: zone.instant(on: day, minutesAfterMidnight: pmRec),
                    publishedAt: zone.instant(on: day, minutesAfterMidnight: pmPub)))
        }
        return marks
    }

    /// The attendance file, written directly (it is by far the biggest
    /// file) in exactly the layout `JSONWriter` gives.
    func attendanceFile(_ records: [(Student, [AttendanceMark])]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(records.count * (records.first?.1.count ?? 0) * 34 + 64)
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        if records.isEmpty {
            put("[]\n")
            return out
        }
        put("[")
        for (i, (student, marks)) in records.enumerated() {
            put(i == 0 ? "\n  {\n" : ",\n  {\n")
            put("    \"student\": ")
            JSONWriter.appendString(student.id, to: &out)
            if marks.isEmpty {
                put(",\n    \"marks\": []\n  }")
                continue
            }
            put(",\n    \"marks\": [")
            for (j, m) in marks.enumerated() {
                put(j == 0 ? "\n      " : ",\n      ")
                JSONWriter.appendString(m.compactText(zone: zone), to: &out)
            }
            put("\n    ]\n  }")
        }
        put("\n]\n")
        return out
    }

    // MARK: - Timetable, behaviour, achievements, assessments, calendar

    var subjects: [String] { roster.yearGroups.first == 0 ? NameBank.primarySubjects : NameBank.secondarySubjects }

    func teacher(for subject: String, group: String) -> String {
        var r = SplitMix64(seed: StableHash.fnv1a64("\(id)/\(subject)/\(group)"))
        return "\(r.pick(["Mr", "Mrs", "Ms", "Miss"])) \(r.pick(NameBank.surnames))"
    }

    func timetable(for student: Student, year: AcademicYear) -> StudentTimetable {
        guard let e = student.enrolments.first(where: { $0.academicYear == year }) else {
            return StudentTimetable(student: student.id, lessons: [])
        }
        var r = SplitMix64(seed: StableHash.fnv1a64("\(id)/\(year)/\(e.registrationGroup)"))
        let primary = roster.yearGroups.first == 0
        let periods: [(String, String, String)] =
            primary
            ? [("1", "09:00", "10:00"), ("2", "10:15", "11:15"), ("3", "11:15", "12:00"), ("4", "13:00", "15:15")]
            : [
                ("1", "08:50", "09:50"), ("2", "09:50", "10:50"), ("3", "11:10", "12:10"), ("4", "12:10", "13:10"),
                ("5", "14:00", "15:00"),
            ]
        var lessons: [Lesson] = []
        for day in 1...5 {
            for p in periods {
                let subject = r.pick(subjects)
                let room =
                    primary ? "Class \(e.registrationGroup)" : "\(subject.prefix(1).uppercased())\(r.between(1...24))"
                lessons.append(
                    Lesson(
                        day: day, period: p.0, start: p.1, end: p.2, subject: subject,
                        teacher: teacher(for: subject, group: e.registrationGroup), room: room))
            }
        }
        return StudentTimetable(
            student: student.id, lessons: lessons,
            publishedAt: zone.instant(on: year.firstDay, minutesAfterMidnight: 7 * 60))
    }

    mutating func events(for student: Student, days: [CivilDate], behaviour: Bool) -> StudentEvents {
        let fraction = Double(days.count) / 190
        let count = rng.poisson((behaviour ? 3.0 : 9.0) * fraction)
        let kinds: [(String, Int, String?)] =
            behaviour
            ? [
                ("Disruption in lesson", -1, nil), ("Late to lesson", -1, nil),
                ("Homework not handed in", -1, "Homework club"),
                ("Uniform", -1, nil), ("Mobile phone seen", -2, "Phone confiscated until end of day"),
                ("Defiance", -3, "Detention"),
            ]
            : [
                ("Excellent homework", 2, nil), ("Effort in class", 1, nil), ("Star of the week", 5, nil),
                ("Merit", 1, nil),
                ("Helping others", 2, nil), ("Outstanding contribution", 3, nil),
            ]
        var list: [(CivilDate, Int)] = (0..<count).map { _ in (rng.pick(days), rng.between(9 * 60...16 * 60 + 30)) }
        list.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var events: [ConductEvent] = []
        for (i, (day, minute)) in list.enumerated() {
            let kind = rng.pick(kinds)
            let recorded = zone.instant(on: day, minutesAfterMidnight: minute)
            let published = recorded.addingTimeInterval(Double(rng.between(30...47 * 60)) * 60)
            let subject = rng.pick(subjects)
            events.append(
                ConductEvent(
                    id:
                        "\(behaviour ? "B" : "A")\(student.id.dropFirst())-\(day.year)\(CivilDate.pad(day.month, 2))\(CivilDate.pad(day.day, 2))-\(i + 1)",
                    date: day, recordedAt: recorded, publishedAt: published, type: kind.0, points: kind.1,
                    description: "\(kind.0) in \(subject).", staff: teacher(for: subject, group: "staff"),
                    action: kind.2))
        }
        return StudentEvents(student: student.id, events: events)
    }

    mutating func assessments(for student: Student, year: AcademicYear) -> StudentAssessments {
        let y = year.startYear
        let points = [
            ("Autumn assessment", CivilDate(year: y, month: 11, day: 28)!),
            ("Spring assessment", CivilDate(year: y + 1, month: 3, day: 13)!),
            ("Summer assessment", CivilDate(year: y + 1, month: 7, day: 3)!),
        ].filter { $0.1 <= options.until }
        let primary = roster.yearGroups.first == 0
        let ability = rng.between(3...8)
        var results: [AssessmentResult] = []
        for (name, date) in points {
            for subject in subjects.prefix(6) {
                let grade: String
                let target: String
                if primary {
                    grade = rng.weighted([("Working towards", 2), ("Expected", 6), ("Greater depth", 2)])
                    target = "Expected"
                } else {
                    grade = String(min(9, max(1, ability + rng.between(-1...1))))
                    target = String(min(9, ability + 1))
                }
                results.append(
                    AssessmentResult(
                        id:
                            "R\(student.id.dropFirst())-\(date.year)\(CivilDate.pad(date.month, 2))-\(subject.prefix(3).uppercased())",
                        subject: subject, assessment: name, grade: grade, target: target, date: date,
                        publishedAt: zone.instant(on: date.adding(days: 1), minutesAfterMidnight: 16 * 60)))
            }
        }
        return StudentAssessments(student: student.id, results: results)
    }

    func calendar(year: AcademicYear, terms: [Term]) -> [CalendarEvent] {
        var events: [CalendarEvent] = []
        let published = zone.instant(on: year.firstDay.adding(days: -30), minutesAfterMidnight: 9 * 60)
        var n = 0
        func add(
            _ title: String, _ start: CivilDate, end: CivilDate? = nil, time: String? = nil, location: String? = nil,
            category: String, years: [Int] = []
        ) {
            n += 1
            events.append(
                CalendarEvent(
                    id: "E\(year.startYear)-\(CivilDate.pad(n, 3))", title: title, start: start, end: end, time: time,
                    location: location, category: category, years: years, publishedAt: published))
        }
        for term in terms {
            add("\(term.name) term starts", term.start, category: "Term dates")
            if let hs = term.halfTermStart, let he = term.halfTermEnd {
                add("Half term", hs, end: he, category: "Holiday")
            }
            add("\(term.name) term ends (early finish)", term.end, category: "Term dates")
            add(
                "INSET day (school closed to students)",
                term.start.adding(days: -1).isWeekend ? term.start.adding(days: -3) : term.start.adding(days: -1),
                category: "Holiday")
        }
        for (i, y) in roster.yearGroups.enumerated() {
            let day = TermCalendar.schoolDays(terms, from: year.firstDay, through: year.lastDay)
            guard day.count > 40 else { continue }
            add(
                "\(y == 0 ? "Reception" : "Year \(y)") parents' evening", day[30 + i * 7 % max(1, day.count - 31)],
                time: "16:00-19:00",
                location: "Main hall", category: "Parents' evening", years: [y])
        }
        if let summer = terms.last {
            add(
                "Sports day",
                summer.end.adding(days: -14).isWeekend ? summer.end.adding(days: -16) : summer.end.adding(days: -14),
                time: "09:30-15:00", location: "Playing fields", category: "Event")
        }
        if let autumn = terms.first {
            add(
                "Winter concert", autumn.end.adding(days: -3), time: "18:00-20:00", location: "Main hall",
                category: "Event")
        }
        return events.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    // MARK: - Messages

    mutating func nextMessageID(_ year: AcademicYear) -> String {
        messageCounter += 1
        return "M\(year.startYear)-\(CivilDate.pad(messageCounter, 6))"
    }

    func sender(_ role: String) -> String {
        var r = SplitMix64(seed: StableHash.fnv1a64("\(id)/\(role)"))
        return "\(r.pick(["Mr", "Mrs", "Ms"])) \(r.pick(NameBank.surnames)) (\(role))"
    }

    mutating func makeMessages(
        year: AcademicYear, days: [CivilDate], snowDay: CivilDate?, enrolled: [Student],
        attendance: [(Student, [AttendanceMark])]
    ) -> [(MessageScope, [SchoolMessage])] {
        var byScope: [MessageScope: [SchoolMessage]] = [:]
        func add(_ scope: MessageScope, _ m: SchoolMessage) { byScope[scope, default: []].append(m) }
        let sendable = days.filter { $0 < options.until }
        let office = sender("School office")
        let head = "\(school.headteacher) (Headteacher)"
        let groupsByYear: [(Int, [String])] = roster.yearGroups.map { y in
            (
                y,
                Array(
                    Set(
                        enrolled.compactMap { s in
                            s.enrolments.first { $0.academicYear == year && $0.year == y }?.registrationGroup
                        })
                ).sorted()
            )
        }
        for day in sendable {
            let z = zone
            let at = { (minutes: Int) in z.instant(on: day, minutesAfterMidnight: minutes) }
            if day == snowDay {
                add(
                    .school,
                    SchoolMessage(
                        id: nextMessageID(year), category: .emergency, sender: head, sentAt: at(6 * 60 + 45),
                        subject: MessageTemplates.emergency.0, body: MessageTemplates.emergency.1))
                continue
            }
            if day.weekday == 5 {
                let messageID = nextMessageID(year)
                let subject = rng.pick(MessageTemplates.newsletterSubjects)
                let body = rng.pick(MessageTemplates.newsletterBodies)
                // The size the metadata once made up is still drawn, so the
                // random stream (every store generated before) stays the same.
                _ = rng.between(180_000...900_000)
                let letter = PDFWriter.letter(
                    title: "\(school.name): newsletter", lines: [day.longText, "", subject, "", body, "", head])
                add(
                    .school,
                    SchoolMessage(
                        id: messageID, category: .newsletter, sender: head, sentAt: at(15 * 60 + 30), subject: subject,
                        body: body,
                        attachments: [
                            attach(letter, name: "newsletter-\(day).pdf", type: "application/pdf", to: messageID)
                        ]))
            }
            if rng.chance(0.2) {
                let (subject, body) = rng.pick(MessageTemplates.general)
                add(
                    .school,
                    SchoolMessage(
                        id: nextMessageID(year), category: .general, sender: office,
                        sentAt: at(rng.between(9 * 60...16 * 60)),
                        subject: subject, body: body))
            }
            if day.day <= 7 && day.weekday == 1 {
                let (subject, body) = rng.pick(MessageTemplates.payments)
                add(
                    .school,
                    SchoolMessage(
                        id: nextMessageID(year), category: .payment, sender: office, sentAt: at(10 * 60),
                        subject: subject, body: body))
            }
            for (y, groups) in groupsByYear where !groups.isEmpty {
                let label = Roster.yearLabel(y)
                if rng.chance(0.05) {
                    let (subject, body) = rng.pick(MessageTemplates.trips)
                    let tripDay = day.adding(days: 14 + rng.below(14))
                    let messageID = nextMessageID(year)
                    let leader = sender("Year \(label) leader")
                    let sentAt = at(rng.between(10 * 60...15 * 60))
                    let text = MessageTemplates.fill(body, ["year": label, "date": tripDay.longText])
                    var attachments: [Attachment] = []
                    // A letter that says a form is attached has one (it once said so 40% of the time
                    // with nothing attached); the draws stay as they were, so the random stream is unchanged.
                    let drawn = rng.chance(0.6)
                    if drawn || text.contains("attached") {
                        if drawn { _ = rng.between(40_000...150_000) }
                        let form = PDFWriter.letter(
                            title: "Consent form: Year \(label): \(subject)",
                            lines: [
                                school.name, "", text, "",
                                "I give permission for my child ______________________ (group ______) to take part.",
                                "", "Signed ______________________   Parent/Carer      Date ____________", "",
                                "Please return this form to \(leader).",
                            ])
                        attachments = [attach(form, name: "consent-form.pdf", type: "application/pdf", to: messageID)]
                        // A Monday trip's letter has a picture too: where the coach picks up (drawn, with
                        // no random draws, so the stream stays the same; not every letter, to keep stores small).
                        if tripDay.weekday == 1 {
                            attachments.append(
                                attach(
                                    DemoAttachments.map(), name: "coach-pick-up-map.png", type: "image/png",
                                    to: messageID))
                        }
                    }
                    add(
                        .year(y),
                        SchoolMessage(
                            id: messageID, category: .trip, sender: leader, sentAt: sentAt,
                            subject: "Year \(label): \(subject)", body: text, attachments: attachments))
                }
                if rng.chance(0.03) {
                    let (subject, body) = rng.pick(MessageTemplates.yearEvents)
                    add(
                        .year(y),
                        SchoolMessage(
                            id: nextMessageID(year), category: .event, sender: sender("Year \(label) leader"),
                            sentAt: at(rng.between(10 * 60...15 * 60)),
                            subject: "Year \(label): \(subject)",
                            body: MessageTemplates.fill(body, ["year": label, "date": day.adding(days: 21).longText])))
                }
                let homeworkDays = roster.yearGroups.first == 0 ? [5] : [2, 4]
                if homeworkDays.contains(day.weekday) {
                    for g in groups where rng.chance(0.7) {
                        let subjectName = rng.pick(subjects)
                        let (subject, body) = rng.pick(MessageTemplates.homework)
                        let values = ["subject": subjectName, "group": g, "due": day.adding(days: 7).longText]
                        add(
                            .group(g),
                            SchoolMessage(
                                id: nextMessageID(year), category: .homework,
                                sender: teacher(for: subjectName, group: g),
                                sentAt: at(rng.between(15 * 60 + 30...17 * 60 + 30)),
                                subject: MessageTemplates.fill(subject, values),
                                body: MessageTemplates.fill(body, values)))
                    }
                }
            }
        }
        for (y, scope, m) in extraMessages where y == year { add(scope, m) }
        // Personal messages: absence follow-ups, congratulations, the odd translated letter.
        let lastSendable = sendable.last
        for (student, marks) in attendance {
            for m in marks where m.session == .am && (m.code.code == "N" || m.code.code == "O") {
                guard let last = lastSendable, m.date <= last else { continue }
                add(
                    .student(student.id),
                    SchoolMessage(
                        id: nextMessageID(year), category: .attendance, sender: sender("Attendance officer"),
                        sentAt: zone.instant(on: m.date, minutesAfterMidnight: 9 * 60 + 40 + rng.below(30)),
                        subject: "\(student.displayForename) is not in school",
                        body:
                            "Dear Parent/Carer,\n\n\(student.displayForename) was not in school at registration this morning and we have not received a reason for the absence. Please contact the attendance line on \(school.phone) or reply to this message today."
                    ))
            }
            if rng.chance(0.15), let day = sendable.isEmpty ? nil : rng.pick(sendable) {
                let translated = rng.chance(0.3) ? rng.pick(MessageTemplates.translatedLanguages) : nil
                add(
                    .student(student.id),
                    SchoolMessage(
                        id: nextMessageID(year), category: .general, sender: sender("Pastoral team"),
                        sentAt: zone.instant(on: day, minutesAfterMidnight: rng.between(10 * 60...16 * 60)),
                        subject: "A note about \(student.displayForename)",
                        body:
                            "Dear Parent/Carer,\n\nWe wanted to let you know that \(student.displayForename) has been working really hard this half term. Please do get in touch if there is anything you would like to discuss.",
                        translatedTo: translated))
            }
        }
        return byScope.keys.sorted().map { scope in
            (scope, byScope[scope]!.sorted { ($0.sentAt, $0.id) < ($1.sentAt, $1.id) })
        }
    }
}
