import Testing

@testable import SchoolStore

@Suite struct AttendanceCodeTests {
    @Test func categoriesFollowTheDfEGuidance() {
        func category(_ c: String) -> AttendanceCode.Category? { AttendanceCode.named(c)?.category }
        for c in ["/", "\\", "L"] { #expect(category(c) == .present) }
        for c in ["K", "V", "P", "W", "B"] { #expect(category(c) == .approvedEducationalActivity) }
        for c in ["C1", "M", "J1", "S", "C2", "C", "T", "R", "I", "E"] { #expect(category(c) == .authorisedAbsence) }
        for c in ["G", "N", "O", "U"] { #expect(category(c) == .unauthorisedAbsence) }
        for c in ["D", "X", "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7"] { #expect(category(c) == .notPossible) }
        for c in ["Z", "#"] { #expect(category(c) == .administrative) }
        #expect(AttendanceCode.named("H") == nil)  // withdrawn in 2024
        #expect(AttendanceCode.named("J") == nil)  // replaced by J1
        #expect(AttendanceCode.all.count == 34)
    }

    @Test func compactMarksRoundTrip() throws {
        let zone = SchoolTimeZone(identifier: "Europe/London")!
        let mark = try AttendanceMark.parse("2026-03-16 AM / 08:52 09:41", zone: zone).get()
        #expect(mark.code.meaning == "Present (morning)")
        #expect(mark.compactText(zone: zone) == "2026-03-16 AM / 08:52 09:41")
        let late = try AttendanceMark.parse("2026-03-16 PM N 23:50 00:30", zone: zone).get()
        #expect(late.publishedAt.timeIntervalSince(late.recordedAt) == 40 * 60)
        guard case .failure(let e) = AttendanceMark.parse("2026-03-16 PM / 13:20 13:40", zone: zone) else {
            Issue.record("accepted / in PM")
            return
        }
        #expect(e.reason == #"code / is the morning present mark; the afternoon one is \"#)
    }
}
