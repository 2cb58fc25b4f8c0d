import Foundation

/// Builds the built-in demo store (`Assets/demo-store`): Green Abbey School
/// on Enhanced and Riverside Primary School on Core, each with a generated
/// population, plus hand-made families that exercise every rule of the
/// seeds. `swift test` checks that the committed copy is byte-identical to
/// what this builder writes, and that each family behaves as the README says.
public struct DemoStoreBuilder: Sendable {
    public static let date = CivilDate(year: 2026, month: 3, day: 18)!
    public static let options = GeneratorOptions(schools: 2, studentsPerSchool: 200, years: 2, seed: 2026, until: date)

    public init() {}

    /// The logins that work, shown by the login screen's hint.
    public static let logins: [DemoLogin] = [
        DemoLogin(
            email: "liz.abbot@example.com", mobile: "07700 100001",
            description:
                "Ben (9A) and Amy (7B) at Green Abbey on one contact record, Tom at Riverside Primary (Core, no photo)"),
        DemoLogin(
            email: "david.abbot@example.com", mobile: "07700 100011",
            description: "Ben and Amy's father: Green Abbey only"),
        DemoLogin(
            email: "sarah.patel@example.com", mobile: "07700 100002",
            description: "Two contact records for one person (a duplicate), merged into one view"),
        DemoLogin(
            email: "siobhan.obrien@example.com", mobile: "07700 100007",
            description: "Zoë, a leaver still shown; her brother Seán left too long ago"),
        DemoLogin(
            email: "wang.li@example.com", mobile: "07700 100008",
            description: "王小明: names in CJK characters, a translated message"),
    ]

    static let academicYears = [AcademicYear(startYear: 2024), AcademicYear(startYear: 2025)]

    static func terms() -> [Term] { academicYears.flatMap(TermCalendar.terms(for:)) }

    static let greenAbbey = School(
        id: "green-abbey", name: "Green Abbey School", establishmentNumber: "881/4021", serviceLevel: .enhanced,
        mis: "SIMS",
        countryCode: 44, timezone: "Europe/London", logo: "logo.ppm", headteacher: "Mr Lawrence Royston NPQH BA (Hons)",
        address: "201 Estate High Road, Chigwell, Essex, IG7 5BJ", phone: "01632 960344",
        email: "office@greenabbey.example.sch.uk",
        website: "https://greenabbey.example.sch.uk",
        websiteOverride: "https://greenabbey.example.sch.uk/parentinformation",
        leaverPersistenceMonths: 3, showRegistrationGroup: true, enhancedData: EnhancedFeature.allCases,
        xpressions: XpressionsSettings(
            incomingEnabled: true, topics: ["Absence", "General enquiry", "Homework", "Trips and payments", "Uniform"],
            backupSMSAfterMinutes: 30, translationWarningLink: "https://greenabbey.example.sch.uk/translation-notice"),
        terms: terms())

    static let riverside = School(
        id: "riverside-primary", name: "Riverside Primary School", establishmentNumber: "881/2207", serviceLevel: .core,
        mis: "Arbor",
        countryCode: 44, timezone: "Europe/London", logo: "logo.ppm", headteacher: "Mrs Funmi Adeyemi",
        address: "12 Mill Street, Chigwell, Essex, IG7 6DP", phone: "01632 960718",
        email: "admin@riverside.example.sch.uk",
        website: "https://riverside.example.sch.uk", websiteOverride: nil, leaverPersistenceMonths: 3,
        showRegistrationGroup: true,
        enhancedData: [.attendance, .calendar],
        xpressions: XpressionsSettings(
            incomingEnabled: false, topics: [],
            translationWarningLink: "https://riverside.example.sch.uk/translated-messages"),
        terms: terms())

    static func e(_ y: Int, _ year: Int, _ group: String) -> Enrolment {
        Enrolment(academicYear: AcademicYear(startYear: y), year: year, registrationGroup: group)
    }

    static func link(_ s: String, _ rel: String, _ p: Int, pr: Bool = true, corr: Bool = true) -> StudentLink {
        StudentLink(student: s, relationship: rel, priority: p, parentalResponsibility: pr, correspondence: corr)
    }

    static let greenAbbeyStudents: [Student] = [
        Student(
            id: "GA-BEN", forename: "Ben", surname: "Abbot", enrolments: [e(2024, 8, "8A"), e(2025, 9, "9A")],
            photo: "photos/GA-BEN.ppm"),
        Student(
            id: "GA-AMY", forename: "Amy", surname: "Abbot", enrolments: [e(2025, 7, "7B")], photo: "photos/GA-AMY.ppm"),
        Student(
            id: "GA-AISHA", forename: "Aisha", surname: "Patel", enrolments: [e(2024, 9, "9B"), e(2025, 10, "10B")],
            photo: "photos/GA-AISHA.ppm"),
        Student(
            id: "GA-ROHAN", forename: "Rohan", surname: "Patel", enrolments: [e(2025, 7, "7A")],
            photo: "photos/GA-ROHAN.ppm"),
        Student(
            id: "GA-ZOE", forename: "Zoë", surname: "O'Brien", enrolments: [e(2024, 10, "10A"), e(2025, 11, "11A")],
            photo: "photos/GA-ZOE.ppm", leaver: true, leftOn: CivilDate(year: 2026, month: 2, day: 13)!),
        Student(
            id: "GA-SEAN", forename: "Seán", surname: "O'Brien", enrolments: [e(2024, 11, "11B")],
            photo: "photos/GA-SEAN.ppm",
            leaver: true, leftOn: CivilDate(year: 2025, month: 7, day: 18)!),
        Student(
            id: "GA-XIAOMING", forename: "小明", surname: "王", enrolments: [e(2024, 7, "7A"), e(2025, 8, "8A")],
            photo: "photos/GA-XIAOMING.ppm"),
        Student(
            id: "GA-FINLEY", forename: "Finley", surname: "Hughes", enrolments: [e(2025, 9, "9A")],
            photo: "photos/GA-FINLEY.ppm"),
        Student(
            id: "GA-MAJA", forename: "Maja", surname: "Nowak", enrolments: [e(2025, 8, "8B")],
            photo: "photos/GA-MAJA.ppm"),
        Student(
            id: "GA-KOFI", forename: "Kofi", surname: "Mensah", enrolments: [e(2025, 10, "10A")],
            photo: "photos/GA-KOFI.ppm"),
        Student(
            id: "GA-LENA", forename: "Lena", surname: "Kowalski", enrolments: [e(2025, 7, "7A")],
            photo: "photos/GA-LENA.ppm"),
    ]

    static let greenAbbeyContacts: [Contact] = [
        Contact(
            id: "GA-C-LIZ", title: "Mrs", forename: "Liz", surname: "Abbot",
            phones: [
                ContactPhone(number: "07700 100001", type: .mobile), ContactPhone(number: "01632 960001", type: .home),
            ],
            emails: ["liz.abbot@example.com"], students: [link("GA-BEN", "Mother", 1), link("GA-AMY", "Mother", 1)]),
        Contact(
            id: "GA-C-DAVID", title: "Mr", forename: "David", surname: "Abbot",
            phones: [
                ContactPhone(number: "07700 100011", type: .mobile), ContactPhone(number: "020 7946 0011", type: .work),
            ],
            emails: ["david.abbot@example.com"], students: [link("GA-BEN", "Father", 2), link("GA-AMY", "Father", 2)]),
        Contact(
            id: "GA-C-MARGARET", title: "Mrs", forename: "Margaret", surname: "Abbot",
            phones: [ContactPhone(number: "07700 100012", type: .mobile)], emails: ["margaret.abbot@example.com"],
            students: [link("GA-BEN", "Grandparent", 3, pr: false)]),
        Contact(
            id: "GA-C-SARAH-1", title: "Mrs", forename: "Sarah", surname: "Patel",
            phones: [ContactPhone(number: "07700 100002", type: .mobile)], emails: ["sarah.patel@example.com"],
            students: [link("GA-AISHA", "Mother", 1)]),
        Contact(
            id: "GA-C-SARAH-2", title: "Mrs", forename: "Sarah", surname: "Patel",
            phones: [ContactPhone(number: "+44 7700 100002", type: .mobile)], emails: [" Sarah.Patel@example.com"],
            students: [link("GA-ROHAN", "Mother", 1)]),
        Contact(
            id: "GA-C-IMRAN", title: "Mr", forename: "Imran", surname: "Patel",
            phones: [ContactPhone(number: "07700 100013", type: .mobile)], emails: ["imran.patel@example.com"],
            students: [link("GA-AISHA", "Father", 2), link("GA-ROHAN", "Father", 2)]),
        Contact(
            id: "GA-C-SIOBHAN", title: "Mrs", forename: "Siobhán", surname: "O'Brien",
            phones: [ContactPhone(number: "07700 100007", type: .mobile)], emails: ["siobhan.obrien@example.com"],
            students: [link("GA-ZOE", "Mother", 1), link("GA-SEAN", "Mother", 1)]),
        Contact(
            id: "GA-C-SEAN", title: "Mr", forename: "Seán", surname: "O'Brien",
            phones: [ContactPhone(number: "07700 100014", type: .mobile)], emails: ["sean.obrien@example.com"],
            students: [link("GA-ZOE", "Father", 2, corr: false)]),
        Contact(
            id: "GA-C-WANGLI", title: "Mrs", forename: "丽", surname: "王",
            phones: [ContactPhone(number: "07700 100008", type: .mobile)], emails: ["wang.li@example.com"],
            students: [link("GA-XIAOMING", "Mother", 1)]),
        Contact(
            id: "GA-C-GARETH", title: "Mr", forename: "Gareth", surname: "Hughes",
            phones: [ContactPhone(number: "07700 100003", type: .home)], emails: ["gareth.hughes@example.com"],
            students: [link("GA-FINLEY", "Father", 1)]),
        Contact(
            id: "GA-C-AGNIESZKA", title: "Mrs", forename: "Agnieszka", surname: "Nowak",
            phones: [ContactPhone(number: "07700 100004", type: .mobile)], emails: ["agnieszka.nowak@example"],
            students: [link("GA-MAJA", "Mother", 1)]),
        Contact(
            id: "GA-C-KWAME", title: "Mr", forename: "Kwame", surname: "Mensah",
            phones: [ContactPhone(number: "07700 100005", type: .mobile)], emails: [],
            students: [link("GA-KOFI", "Father", 1)]),
        Contact(
            id: "GA-C-PIOTR", title: "Mr", forename: "Piotr", surname: "Kowalski",
            phones: [ContactPhone(number: "07700 900123", type: .mobile)], emails: ["piotr.kowalski@example.com"],
            students: [link("GA-LENA", "Father", 1)]),
    ]

    static let riversideStudents: [Student] = [
        Student(
            id: "RP-TOM", forename: "Tom", surname: "Abbot", enrolments: [e(2024, 2, "2A"), e(2025, 3, "3A")],
            photo: nil)
    ]

    static let riversideContacts: [Contact] = [
        Contact(
            id: "RP-C-LIZ", title: "Ms", forename: "Liz", surname: "Abbot",
            phones: [ContactPhone(number: "+44 (0)7700 100001", type: .mobile)], emails: ["liz.abbot@example.com"],
            students: [link("RP-TOM", "Mother", 1)])
    ]

    /// Ben's register shows the national codes a parent should meet.
    static let benMarks: [String: String] = [
        "GA-BEN 2026-01-20 AM": "N", "GA-BEN 2026-02-24 AM": "I", "GA-BEN 2026-02-24 PM": "I",
        "GA-BEN 2026-02-25 AM": "I",
        "GA-BEN 2026-03-02 AM": "M", "GA-BEN 2026-03-04 AM": "L", "GA-BEN 2026-03-11 AM": "V",
        "GA-BEN 2026-03-11 PM": "V",
        "GA-BEN 2026-03-16 AM": "U", "GA-BEN 2026-03-17 AM": "/", "GA-BEN 2026-03-17 PM": "\\",
        "GA-BEN 2026-03-18 AM": "/", "GA-BEN 2026-03-18 PM": "\\",
    ]

    static func extraMessages(zone: SchoolTimeZone) -> [(AcademicYear, MessageScope, SchoolMessage)] {
        let ay = AcademicYear(startYear: 2025)
        let letter = DemoAttachments.letter()
        let map = DemoAttachments.map()
        func at(_ m: Int, _ d: Int, _ hh: Int, _ mm: Int) -> Date {
            zone.instant(on: CivilDate(year: 2026, month: m, day: d)!, minutesAfterMidnight: hh * 60 + mm)
        }
        return [
            (
                ay, .student("GA-XIAOMING"),
                SchoolMessage(
                    id: "GA-DEMO-1", category: .general, sender: "Mrs Chen (Head of Year 8)", sentAt: at(3, 16, 11, 5),
                    subject: "小明的数学进步", body: "亲爱的家长：\n\n我们很高兴地告诉您，小明本学期在数学方面取得了很大进步。如有任何问题，请与学校联系。\n\n（本信息由学校自动翻译。）",
                    translatedTo: "中文")
            ),
            (
                ay, .student("GA-BEN"),
                SchoolMessage(
                    id: "GA-DEMO-2", category: .general, sender: "Mrs Okafor (Head of Year 9)",
                    sentAt: at(3, 17, 14, 20),
                    subject: "Ben's Year 9 options interview",
                    body:
                        "Dear Mrs Abbot,\n\nBen's options interview is booked for Tuesday 24 March at 10:40 in the library. He should bring his completed options form. If this time is difficult, please reply to this message and we will find another slot.\n\nThe options booklet is at https://greenabbey.example.sch.uk/options and the subject videos at www.greenabbey.example.sch.uk/options/videos. Questions about a subject can go to options@greenabbey.example.sch.uk.\n\nKind regards,\nMrs Okafor",
                    attachments: [
                        Attachment(name: DemoAttachments.letterName, size: letter.count, mediaType: "application/pdf"),
                        Attachment(name: DemoAttachments.mapName, size: map.count, mediaType: "image/png"),
                    ])
            ),
            (
                ay, .group("9A"),
                SchoolMessage(
                    id: "GA-DEMO-3", category: .homework, sender: "Mr Hughes (Maths)", sentAt: at(3, 17, 16, 5),
                    subject: "Maths homework: simultaneous equations",
                    body:
                        "9A: complete exercise 12C (questions 1 to 15) on simultaneous equations. Show your working. Due Tuesday 24 March."
                )
            ),
        ]
    }

    func rosters() -> (Roster, Roster) {
        var ga = RosterGenerator(index: 0, options: DemoStoreBuilder.options)
        var gaRoster = ga.makeRoster(studentCount: 200, school: DemoStoreBuilder.greenAbbey, yearGroups: Array(7...11))
        gaRoster.students += DemoStoreBuilder.greenAbbeyStudents
        gaRoster.contacts += DemoStoreBuilder.greenAbbeyContacts
        var rp = RosterGenerator(index: 1, options: DemoStoreBuilder.options)
        var rpRoster = rp.makeRoster(studentCount: 105, school: DemoStoreBuilder.riverside, yearGroups: Array(0...6))
        rpRoster.students += DemoStoreBuilder.riversideStudents
        rpRoster.contacts += DemoStoreBuilder.riversideContacts
        return (gaRoster, rpRoster)
    }

    /// The demo store's secret (keying its login attempt records). It is in
    /// the repository, so it protects nothing: right for a demo, never for
    /// real data (`store generate` makes a random one).
    public static let secret: [UInt8] = Hex.decode("5d1c0f7e9a3b28c64e0d17a2b9f36c58e2a4d7103b6f9c8e15a07d42c9b3e861")!

    public var storeInfo: StoreInfo {
        StoreInfo(
            name: "Xpressions demo store", demoClock: DemoClock(date: DemoStoreBuilder.date, timezone: "Europe/London"),
            demoLogins: DemoStoreBuilder.logins,
            // Green Abbey's office acknowledges a report a minute after it
            // comes in, so a presenter outside the tour sees it go all the way.
            demoOffice: DemoOffice(acknowledgesAbsences: ["green-abbey"], afterSeconds: 60),
            secret: DemoStoreBuilder.secret)
    }

    /// Every file of the demo store, in a fixed order.
    public func generate(into sink: (String, [UInt8]) -> Void) {
        sink(StoreLayout.storeFile, JSONWriter().write(storeInfo.json))
        let (ga, rp) = rosters()
        var gaLife = SchoolLifeGenerator(roster: ga, options: DemoStoreBuilder.options, stream: 0)
        gaLife.markOverrides = DemoStoreBuilder.benMarks
        gaLife.extraMessages = DemoStoreBuilder.extraMessages(zone: ga.school.zone)
        gaLife.attachmentFiles["GA-DEMO-2/\(DemoAttachments.letterName)"] = DemoAttachments.letter()
        gaLife.attachmentFiles["GA-DEMO-2/\(DemoAttachments.mapName)"] = DemoAttachments.map()
        gaLife.generate(into: sink)
        var rpLife = SchoolLifeGenerator(roster: rp, options: DemoStoreBuilder.options, stream: 1)
        rpLife.generate(into: sink)
    }

    public func write(into directory: String) throws(StoreGenerator.Failure) {
        let writer = try StoreDirectoryWriter(root: directory)
        try writer.writeAll { generate(into: $0) }
    }
}
