import Dispatch
import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// Two parents' apps (and a second instance of one of them on the same
/// data directory) syncing, writing to the school and opening messages,
/// while the school sends messages into the same store: no record lost,
/// none doubled, every model ends up with everything.
@Suite struct ConcurrencyTests {
    @Test func twoAppsAndTheSchoolWritingOneStoreAtOnce() throws {
        try withTestDirectory { dir in
            let liz = try SyncFixture(in: dir)
            let david = try SyncFixture(
                in: dir, email: "david.abbot@example.com", mobile: "07700 100011", lastFour: "0011",
                dataName: "data-david")
            let lizA = try liz.engine()
            let lizB = try liz.engine()
            let davidApp = try david.engine()
            for e in [lizA, davidApp] { try e.sync() }
            let rounds = 6
            let schoolMessages = 24
            let errors = Locked([String]())
            let keys = Locked([String]())
            let opened = Locked([MessageRef]())
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                do {
                    switch worker {
                    case 0, 1:  // Liz's app and David's app: write to the school and sync
                        let (engine, who) = worker == 0 ? (lizA, "Liz") : (davidApp, "David")
                        for i in 0..<rounds {
                            let item = try engine.compose(
                                school: "green-abbey", topic: "General enquiry", body: "\(who) asks question \(i).")
                            keys.withLock { $0.append(item.key) }
                            let report = try engine.sync()
                            if !report.problems.isEmpty { errors.withLock { $0.append("\(who): \(report.problems)") } }
                        }
                    case 2:  // a second instance of Liz's app on the same data directory
                        for _ in 0..<rounds {
                            try lizB.sync()
                            if let unread = lizB.snapshot.timeline(TimelineQuery(unreadOnly: true)).first?.ref {
                                try lizB.markRead(unread)
                                opened.withLock { $0.append(unread) }
                            }
                        }
                    default:  // the school side, sending to everyone
                        for i in 0..<schoolMessages {
                            try liz.send(
                                "RACE-\(i)", to: .school, subject: "Notice \(i)",
                                at: liz.clock.now().addingTimeInterval(-Double(schoolMessages - i)))
                        }
                    }
                } catch {
                    errors.withLock { $0.append("worker \(worker): \(error)") }
                }
            }
            #expect(errors.withLock { $0 }.isEmpty, "\(errors.withLock { $0 })")

            // The school's file holds each message once; the inbox each item once.
            let school = try FileStore(root: liz.store).messages(
                school: "green-abbey", year: AcademicYear(startYear: 2025), scope: .school
            ).value
            let race = school.map(\.id).filter { $0.hasPrefix("RACE-") }
            #expect(race.count == schoolMessages)
            #expect(Set(race).count == schoolMessages)
            for e in [lizA, davidApp] { try e.sync() }
            let inbox = try liz.writer.inbox(school: "green-abbey").map(\.key)
            #expect(inbox.count == 2 * rounds)
            #expect(Set(inbox) == Set(keys.withLock { $0 }))

            // Every app has every message; Liz's two instances kept each other's read state.
            for e in [lizA, lizB, davidApp] {
                try e.sync()
                let ids = Set(e.snapshot.timeline(TimelineQuery(search: "notice")).map(\.ref.id))
                #expect(ids.isSuperset(of: Set(race)))
            }
            let reopened = try liz.engine()
            for ref in opened.withLock({ $0 }) { #expect(reopened.snapshot.isRead(ref)) }
            #expect(reopened.snapshot.messageCount == lizA.snapshot.messageCount)
            var receipts = Set<MessageRef>()
            for school in ["green-abbey", "riverside-primary"] {
                for r in try liz.writer.receipts(school: school) {
                    receipts.insert(MessageRef(school: school, id: r.message))
                }
            }
            #expect(receipts == Set(opened.withLock { $0 }), "receipts \(receipts), opened \(opened.withLock { $0 })")
        }
    }
}
