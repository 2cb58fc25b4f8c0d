import Foundation

@testable import ParentCore
@testable import SchoolStore

/// A local model state built by hand (no store, no sync), for query tests
/// with numbers checked on paper: Green Abbey's settings and terms, Ben
/// (Year 9, 9A) and Amy (Year 7, 7B).
struct HandBuiltModel {
    static let zone = SchoolTimeZone(identifier: "Europe/London")!
    static let school = DemoStoreBuilder.greenAbbey
    static let ben = ChildRef(school: "green-abbey", student: "GA-BEN")
    static let amy = ChildRef(school: "green-abbey", student: "GA-AMY")
    static let year = AcademicYear(startYear: 2025)

    var state = ModelState(session: "s-test")

    init() {
        let benStudent = Student(
            id: "GA-BEN", forename: "Ben", surname: "Abbot",
            enrolments: [Enrolment(academicYear: HandBuiltModel.year, year: 9, registrationGroup: "9A")],
            photo: "photos/GA-BEN.ppm")
        let amyStudent = Student(
            id: "GA-AMY", forename: "Amy", surname: "Abbot",
            enrolments: [Enrolment(academicYear: HandBuiltModel.year, year: 7, registrationGroup: "7B")])
        state.put(.school(SchoolPart(school: HandBuiltModel.school, children: ["GA-BEN", "GA-AMY"], calendar: [:])))
        state.put(.child(ChildPart(school: "green-abbey", timezone: "Europe/London", student: benStudent)))
        state.put(.child(ChildPart(school: "green-abbey", timezone: "Europe/London", student: amyStudent)))
    }

    static func date(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    /// A mark recorded at 08:50 (AM) or 13:20 (PM), published 30 minutes later.
    static func mark(_ day: String, _ session: RegisterSession, _ code: String) -> AttendanceMark {
        let d = date(day)
        let recorded = zone.instant(on: d, minutesAfterMidnight: session == .am ? 530 : 800)
        return AttendanceMark(
            date: d, session: session, code: AttendanceCode.named(code)!, recordedAt: recorded,
            publishedAt: recorded.addingTimeInterval(1800))
    }

    mutating func setMarks(_ child: ChildRef, _ marks: [AttendanceMark]) {
        var part = state.children[child]!
        part.attendance[HandBuiltModel.year] = marks
        state.put(.child(part))
    }

    /// Adds messages (to one month part each, as the sync files them).
    mutating func addMessages(_ messages: [(SchoolMessage, MessageScope, [String])]) {
        for (m, scope, children) in messages {
            let month = TimelinePart.month(of: HandBuiltModel.zone.civilDate(of: m.sentAt))
            let name = PartName.timeline("green-abbey", HandBuiltModel.year, month)
            var part =
                state.timelines[name]
                ?? TimelinePart(
                    school: "green-abbey", year: HandBuiltModel.year, month: month,
                    timezone: "Europe/London", messages: [])
            part.messages = TimelinePart.ordered(
                part.messages + [StoredMessage(message: m, scope: scope, children: children)])
            state.put(.timeline(part))
        }
    }

    static func message(
        _ id: String, _ subject: String, _ body: String, _ category: MessageCategory, at: String,
        translatedTo: String? = nil
    ) -> SchoolMessage {
        SchoolMessage(
            id: id, category: category, sender: "Mrs Okafor (Head of Year 9)", sentAt: Timestamp.parse(at)!,
            subject: subject, body: body, translatedTo: translatedTo)
    }

    func model(synced: Date? = nil, outbox: [OutboxItem] = []) -> ParentModel {
        var state = self.state
        if let synced { state.syncedAt["green-abbey"] = synced }
        return ParentModel(state: state, schoolOrder: ["green-abbey"], outbox: outbox, lastSynced: [:])
    }
}
