import Foundation
import ParentCore
import SchoolStore

/// One absence report as the school office reads it: the child, the
/// sessions, the reason and note, who reported it, and whether the school
/// has acknowledged it.
struct AbsenceLine {
    let item: InboxItem
    let report: AbsenceReport
    let child: String
    let from: [String]
    let acknowledgement: AbsenceAcknowledgement?
    let zone: SchoolTimeZone
    /// The clock: an acknowledgement stamped after it is still to come.
    let now: Date

    init?(
        _ item: InboxItem, acknowledgement: AbsenceAcknowledgement?, store: FileStore, school: School, now: Date
    ) {
        guard let report = item.absence else { return nil }
        self.item = item
        self.report = report
        self.acknowledgement = acknowledgement
        zone = school.zone
        self.now = now
        let year = AcademicYear(containing: report.from)
        child =
            (try? store.student(report.student, school: school.id))??.value.displayName(showingGroup: true, in: year)
            ?? "student \(report.student)"
        // A parent's duplicate records (one name twice) are one person:
        // named once ("Reported by Mrs Liz Abbot, Mrs Liz Abbot" before).
        var names: [String] = []
        for id in item.contacts {
            let name = (try? store.contact(id, school: school.id))??.value.fullName ?? "contact \(id)"
            if !names.contains(name) { names.append(name) }
        }
        from = names
    }

    /// Acknowledged by the clock: a stamp still to come is not yet (the app,
    /// the digest and a sync say "waiting" until then).
    var isAcknowledged: Bool {
        acknowledgement.map { AbsenceStatus.happened($0.acknowledgedAt, by: now) } ?? false
    }

    /// Whether a session of the report falls on `day`.
    func covers(_ day: CivilDate) -> Bool { report.sessions.contains { $0.date == day } }

    var lines: [String] {
        var out = ["\(item.key)  \(child)  \(AbsenceReport.summary(report.sessions, full: true))"]
        var detail = "Reason: \(report.reason.label)."
        if let note = report.note {
            let line = note.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
            detail += " Note: \(line)\(line.last.map { ".!?".contains($0) } == true ? "" : ".")"
        }
        if report.late { detail += " Late report." }
        out.append("    " + detail)
        out.append("    Reported by \(from.joined(separator: ", ")) at \(zone.format(item.createdAt)).")
        if let acknowledgement, isAcknowledged {
            out.append("    Acknowledged at \(zone.format(acknowledgement.acknowledgedAt)).")
        } else if let acknowledgement {
            out.append(
                "    Acknowledged for \(zone.format(acknowledgement.acknowledgedAt)), still to come (it is \(zone.format(now)) now): the parent sees it from then."
            )
        } else {
            out.append("    Not acknowledged yet.")
        }
        return out
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("key", item.key)
        o.set("reportedAt", Timestamp.format(item.createdAt))
        o.set("student", report.student)
        o.set("child", child)
        o.set("from", report.from)
        o.set("to", report.to)
        o.set("part", report.part.rawValue)
        o.set("sessions", report.sessions.map(\.description))
        o.set("summary", AbsenceReport.summary(report.sessions, full: true))
        o.set("reason", report.reason.rawValue)
        o.set("reasonText", report.reason.label)
        if let note = report.note { o.set("note", note) } else { o.set("note", .null) }
        o.set("late", report.late)
        o.set("reportedBy", from)
        o.set("acknowledged", isAcknowledged)
        if let acknowledgement {
            o.set("acknowledgedAt", Timestamp.format(acknowledgement.acknowledgedAt))
        } else {
            o.set("acknowledgedAt", .null)
        }
        return o.value
    }
}
