import Foundation
import TerminalKit

@testable import ParentApp
@testable import ParentCore
@testable import SchoolStore

/// The screen fixture's model with absence reports in the outbox: Ben
/// reported ill from Wednesday afternoon to Friday (sent at 08:05,
/// acknowledged by the school at 09:12), and a late report for Amy's
/// dentist on Monday morning, still queued.
enum AbsenceFixture {
    static let ben = ChildRef(school: "green-abbey", student: "GA-BEN")
    static let amy = ChildRef(school: "green-abbey", student: "GA-AMY")

    static func d(_ s: String) -> CivilDate { CivilDate(parsing: s)! }

    static func sessions(_ list: [(String, RegisterSession)]) -> [AbsenceSession] {
        list.map { AbsenceSession(date: d($0.0), session: $0.1) }
    }

    static let items: [OutboxItem] = {
        let benReport = AbsenceReport(
            student: "GA-BEN", from: d("2026-03-18"), to: d("2026-03-20"), part: .both,
            sessions: sessions([
                ("2026-03-18", .pm), ("2026-03-19", .am), ("2026-03-19", .pm),
                ("2026-03-20", .am), ("2026-03-20", .pm),
            ]),
            reason: .illness, note: "Sent home with a temperature")
        let amyReport = AbsenceReport(
            student: "GA-AMY", from: d("2026-03-16"), to: d("2026-03-16"), part: .am,
            sessions: sessions([("2026-03-16", .am)]), reason: .medical, late: true)
        let created = Timestamp.parse("2026-03-18T08:05:00Z")!
        return [
            OutboxItem(
                key: "xben", kind: .absence, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-BEN"],
                topic: AbsenceReport.topic, body: "Ben is absent", createdAt: created,
                state: .sent(at: created.addingTimeInterval(60)), absence: benReport,
                acknowledgedAt: Timestamp.parse("2026-03-18T09:12:00Z")!),
            OutboxItem(
                key: "xamy", kind: .absence, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-AMY"],
                topic: AbsenceReport.topic, body: "Amy was absent", createdAt: created.addingTimeInterval(600),
                absence: amyReport),
        ]
    }()

    /// A report of Ben's from `from` to `to` (the same day by default), the
    /// `parts` sessions of each day, filed `minutes` after 08:00 on 18
    /// March, sent at 08:30.
    static func benReport(
        _ key: String, from: String, to: String? = nil, parts: [RegisterSession] = [.am, .pm],
        reason: AbsenceReason = .illness, minutes: Double = 0
    ) -> OutboxItem {
        let first = CivilDate(parsing: from)!
        let last = CivilDate(parsing: to ?? from)!
        var sessions: [AbsenceSession] = []
        var day = first
        while day <= last {
            sessions += parts.map { AbsenceSession(date: day, session: $0) }
            day = day.adding(days: 1)
        }
        return OutboxItem(
            key: key, kind: .absence, school: "green-abbey", contacts: ["GA-C-LIZ"], students: ["GA-BEN"],
            topic: AbsenceReport.topic, body: "Ben is absent",
            createdAt: Timestamp.parse("2026-03-18T08:00:00Z")!.addingTimeInterval(minutes * 60),
            state: .sent(at: Timestamp.parse("2026-03-18T08:30:00Z")!),
            absence: AbsenceReport(
                student: "GA-BEN", from: first, to: last, part: parts.count == 2 ? .both : parts[0] == .am ? .am : .pm,
                sessions: sessions, reason: reason))
    }

    /// The fixture's snapshot with `items` in the outbox.
    static func snapshot(_ snapshot: ModelSnapshot, items: [OutboxItem] = AbsenceFixture.items) -> ModelSnapshot {
        let m = snapshot.model
        let model = ParentModel(
            state: m.state, schoolOrder: m.schools.map(\.id), outbox: m.outbox + items, lastSynced: [:], reusing: m)
        return ModelSnapshot(model: model, images: snapshot.images, version: snapshot.version + 1)
    }

    static func state(_ route: Route, size: Size = Size(width: 80, height: 24)) -> AppState {
        var s = ScreenFixture.state(route, size: size)
        s.snapshot = snapshot(s.snapshot!)
        return s
    }
}
