import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

/// `doctor --message` restates sync's rules (which scope files concern which
/// child, the leaver cutoff, publication, the `contacts` list). This checks
/// the restatement against a real sync: for every demo parent, at several
/// moments, every message of every school in the store is explained, and the
/// children doctor says it concerns are exactly the children the local
/// model files it under (none when the model does not hold it).
@Suite struct MessageExplainerSyncAgreementTests {
    static let parents: [(email: String, mobile: String, lastFour: String)] = [
        ("liz.abbot@example.com", "07700 100001", "0001"),
        ("david.abbot@example.com", "07700 100011", "0011"),
        ("sarah.patel@example.com", "07700 100002", "0002"),
        ("siobhan.obrien@example.com", "07700 100007", "0007"),
        ("wang.li@example.com", "07700 100008", "0008"),
    ]

    /// Moments: the demo date, and a day later, when the extra messages
    /// below are all published. For the parent of leavers also mid-January,
    /// before Zoë left, when messages to her year and group still reach her.
    static func moments(_ email: String) -> [Date] {
        (["2026-03-18T10:42:00Z", "2026-03-19T12:00:00Z"]
            + (email.hasPrefix("siobhan") ? ["2026-01-15T09:00:00Z"] : []))
            .map { Timestamp.parse($0)! }
    }

    /// Messages the demo store lacks, added to the copy: limited to a
    /// contact list (naming Liz's Green Abbey record; naming only David's;
    /// naming Sarah's second record), published later than sent, and sent
    /// to Zoë's year group after she left.
    static func addMessages(_ f: SyncFixture) throws {
        let sent = Timestamp.parse("2026-03-18T09:00:00Z")!
        func message(_ id: String, contacts: [String]? = nil, published: Date? = nil) -> SchoolMessage {
            SchoolMessage(
                id: id, category: .general, sender: "Office", sentAt: sent, publishedAt: published,
                subject: "Test \(id)",
                body: "Body", contacts: contacts)
        }
        let zone = SyncFixture.london
        try f.writer.send(
            message("T-LIZ-ONLY", contacts: ["GA-C-LIZ"]), scope: .school, school: "green-abbey", zone: zone)
        try f.writer.send(
            message("T-DAVID-ONLY", contacts: ["GA-C-DAVID"]), scope: .year(9), school: "green-abbey", zone: zone)
        try f.writer.send(
            message("T-SARAH-2", contacts: ["GA-C-SARAH-2", "GA-C-IMRAN"]), scope: .school, school: "green-abbey",
            zone: zone)
        try f.writer.send(
            message("T-LATER", published: sent.addingTimeInterval(26 * 3600)), scope: .group("9A"),
            school: "green-abbey", zone: zone)
        try f.writer.send(message("T-YEAR-11"), scope: .year(11), school: "green-abbey", zone: zone)
    }

    @Test(arguments: parents.indices)
    func doctorConcernsExactlyTheChildrenSyncFilesEachMessageUnder(_ index: Int) throws {
        let parent = Self.parents[index]
        try withTestDirectory { dir in
            // The store is set up (and the extra messages sent) before the login.
            let setup = try SyncFixture(in: dir, now: Self.moments(parent.email)[0], dataName: "setup")
            try Self.addMessages(setup)
            var compared = 0
            for (i, moment) in Self.moments(parent.email).enumerated() {
                let f = try SyncFixture(
                    in: dir, email: parent.email, mobile: parent.mobile, lastFour: parent.lastFour, now: moment,
                    dataName: "data-\(i)")
                let engine = try f.engine()
                let report = try engine.sync()
                #expect(report.problems.isEmpty)
                var synced: [MessageRef: [String]] = [:]
                for m in engine.snapshot.index.messages { synced[m.ref] = m.children.map(\.student) }
                #expect(!synced.isEmpty)

                let store = try FileStore(root: f.store)
                let match = try IdentityMatcher(store: store).match(
                    email: parent.email, mobile: parent.mobile, at: moment)
                let all = try MessageLookup(store: store, schools: store.schoolIDs().sorted()).all()
                var seen = 0
                for (located, e) in zip(all, try MessageExplainer(store: store).explain(all, match: match, at: moment))
                {
                    let ref = MessageRef(school: located.school, id: located.message.id)
                    #expect(
                        e.concerned.map(\.child.student) == (synced[ref] ?? []),
                        "\(parent.email) at \(Timestamp.format(moment)): \(ref): doctor \(e.concerned.map(\.child.student)), sync \(synced[ref] ?? [])"
                    )
                    #expect(e.seen == (synced[ref] != nil))
                    if e.seen { seen += 1 }
                    compared += 1
                }
                #expect(
                    seen == synced.count,
                    "\(parent.email): doctor sees \(seen) messages, the model holds \(synced.count)")
            }
            #expect(compared > 2 * 1000)
        }
    }
}
