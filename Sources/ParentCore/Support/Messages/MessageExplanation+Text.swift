import Foundation
import SchoolStore

extension MessageExplanation {
    /// The explanation as support staff read it.
    public func text() -> String {
        let zone = school.zone
        var lines: [String] = []
        lines.append("Message \(message.id) of \(school.name) (\(school.id)), at \(zone.format(at)):")
        if toAnotherStudent {
            lines.append("  subject withheld: the message went to another student's own file")
        } else {
            lines.append("  \(Quote.value(message.subject)) (\(message.category.rawValue), from \(message.sender))")
        }
        lines.append("  audience: \(audienceText), academic year \(located.year) (\(fileShown))")
        let published =
            message.publishedAt.map { $0 == message.sentAt ? "published when sent" : "published \(zone.format($0))" }
            ?? "published when sent"
        lines.append(
            "  \(visibleAtNow ? "✓" : "✗") sent \(zone.format(message.sentAt)), \(published): "
                + (visibleAtNow
                    ? "visible at this time"
                    : "not visible at this time (parents see it from \(zone.format(message.visibleFrom)))"))
        if let named = contactsNamed {
            let count = message.contacts?.count ?? 0
            let listed = "limited to \(count) contact record\(count == 1 ? "" : "s") of the students in its audience"
            if named.isEmpty {
                lines.append("  ✗ \(listed), none of them this parent's")
            } else {
                let identifying = named.filter(identifyingRecords.contains)
                let mark = identifying.isEmpty ? "✗" : "✓"
                let which = identifying.isEmpty ? "; none of them identifies the parent" : ""
                lines.append("  \(mark) \(listed), among them this parent's \(named.joined(separator: ", "))\(which)")
            }
        } else {
            lines.append("  not limited to some contacts: every contact of the students in its audience")
        }

        lines.append("")
        if records.isEmpty {
            lines.append("No contact record at \(school.name) holds this email address or this mobile number.")
        } else {
            lines.append("This parent's records at \(school.name):")
            for r in records {
                let failed = r.failedChecks.map(\.detail)
                lines.append(
                    "  \(r.qualifies ? "✓" : "✗") Contact \(r.contactID), \(r.contactName): "
                        + (r.qualifies
                            ? "identifies the parent"
                            : "does not identify the parent: " + failed.joined(separator: "; ")))
            }
            for d in match.duplicates where d.school == located.school {
                lines.append(
                    "  \(d.contactIDs.joined(separator: ", ")) are duplicate records of one person: this app merges them"
                )
            }
        }
        if !children.isEmpty {
            lines.append("")
            lines.append("Children at \(school.name):")
            for c in children {
                var why: [String] = []
                let scopeExclusion = c.exclusions.contains { e in
                    switch e {
                    case .otherYearGroup, .otherRegistrationGroup: return true
                    default: return false
                    }
                }
                if let e = c.enrolment, !scopeExclusion { why.append("\(e) in \(located.year)") }
                if c.concerned {
                    why.append("the message concerns them")
                } else {
                    why += c.exclusions.map(\.description)
                    if !c.notShown.isEmpty {
                        why.append("not shown to this parent at all: " + c.notShown.joined(separator: "; "))
                    }
                    why += audienceReasons(c)
                }
                lines.append("  \(c.concerned ? "✓" : "✗") \(c.name): \(why.joined(separator: "; "))")
                // a duplicate matters only for a child in the audience
                if c.inAudience { for n in c.notes { lines.append("      \(n)") } }
            }
        }

        lines.append("")
        if let device {
            lines.append("This parent's app (data directory \(device.dataDirectory)):")
            lines += deviceLines(device, zone: zone).map { "  " + $0 }
        } else {
            lines.append("This parent's app: give --data-dir to see whether it has synced the message.")
        }

        lines.append("")
        lines.append("In the store:")
        if receipts.isEmpty {
            lines.append("  ✗ no read receipt from this parent's records")
        } else {
            for r in receipts {
                lines.append(
                    "  ✓ read at \(zone.format(r.readAt)) (read receipt from \(r.contacts.filter(records.map(\.contactID).contains).joined(separator: ", ")))"
                )
            }
        }
        if replies.isEmpty {
            lines.append("  ✗ no reply from this parent's records")
        } else {
            for r in replies {
                lines.append("  ✓ replied at \(zone.format(r.createdAt)) (topic \(Quote.value(r.topic)))")
            }
        }
        lines.append(
            "  backup SMS: \(backupSMS.detail(disclosure: disclosure, visibleFrom: message.visibleFrom, zone: zone, canLogIn: !identifyingRecords.isEmpty))"
        )

        lines.append("")
        if seen {
            lines.append(
                "Result: the parent sees this message, about \(concerned.map(\.name).joined(separator: ", ")).")
        } else {
            let why = whyNot
            lines.append(
                "Result: the parent does not see this message"
                    + (why.isEmpty ? "." : ": " + why.joined(separator: "; ") + "."))
        }
        return TerminalSafe.report(lines)
    }

    /// Why a child in the audience and shown is still not concerned: not
    /// published yet, or the message's contacts list leaving this parent
    /// out (the text and the JSON give them alike).
    func audienceReasons(_ c: ChildConcern) -> [String] {
        guard c.inAudience, c.notShown.isEmpty else { return [] }
        var out: [String] = []
        if !visibleAtNow { out.append("in the audience, but not published yet") }
        if !contactsAdmit { out.append("in the audience, but the contacts list leaves this parent out") }
        return out
    }

    func deviceLines(_ device: DeviceRecord, zone: SchoolTimeZone) -> [String] {
        switch device.session {
        case .none:
            return ["✗ nobody is logged in with data there: the app has synced nothing"]
        case .anotherParent:
            return [
                "✗ another parent is logged in there (the session's email is not this one): nothing about this parent"
            ]
        case .thisParent(let contacts):
            var lines = [
                "✓ this parent is logged in there"
                    + (contacts.isEmpty
                        ? ", with no record at \(school.name)"
                        : ", syncing \(contacts.joined(separator: ", ")) at \(school.name)")
            ]
            if !contacts.isEmpty && Set(contacts) != Set(identifyingRecords) {
                lines.append(
                    "  the session was made when the records that identify the parent were \(contacts.joined(separator: ", ")); a login now would use \(identifyingRecords.isEmpty ? "none" : identifyingRecords.joined(separator: ", "))"
                )
            }
            switch device.model {
            case .none:
                lines.append("✗ no local model yet: the app has never synced")
                return lines
            case .otherSession:
                lines.append("✗ the local model belongs to an earlier session: the next sync starts it again")
                return lines
            case .damaged(let reason):
                lines.append("✗ the local model cannot be used (\(reason)): the next sync starts it again")
                return lines
            case .present:
                break
            }
            let last =
                device.lastSync.map { "last sync of \(school.name) \(zone.format($0))" }
                ?? "\(school.name) never synced"
            if device.synced {
                let names = device.children.map { id in children.first { $0.child.student == id }?.name ?? id }
                lines.append("✓ synced: the local model holds it for \(names.joined(separator: ", ")) (\(last))")
            } else if let lastSync = device.lastSync, lastSync < message.visibleFrom, seen {
                lines.append("✗ not synced yet: published after the last sync (\(last)); the next sync brings it")
            } else if device.fileChangedSinceSync == true {
                lines.append(
                    "✗ not synced yet: its file (\(fileShown)) changed after the last sync (\(last)), added or edited since; the next sync brings it"
                )
            } else {
                lines.append("✗ not in the local model (\(last))")
            }
            lines.append(device.readOnDevice ? "✓ opened on this device" : "✗ not opened on this device")
            // The device's data is as it stands, not as of an earlier --now
            // (a sync after it beside "no read receipt" as of then read as
            // a contradiction).
            if let lastSync = device.lastSync, lastSync > at {
                lines.append(
                    "  (this device's data is as it stands now, synced after \(zone.format(at)), the time asked about)")
            }
            return lines
        }
    }
}
