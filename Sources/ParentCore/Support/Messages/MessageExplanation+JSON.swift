import Foundation
import SchoolStore

extension MessageExplanation {
    /// The stable JSON form (documented in the README); fields are only ever added.
    public func json() -> JSONValue {
        var root = JSONObjectBuilder()
        root.set("seen", seen)
        root.set("at", Timestamp.format(at))
        root.set("redacted", disclosure == .redacted)

        var m = JSONObjectBuilder()
        m.set("school", school.id)
        m.set("schoolName", school.name)
        m.set("id", message.id)
        m.set("subject", toAnotherStudent ? .null : .string(message.subject))
        // Another family's message: its nature ("Attendance", from the
        // attendance officer) is theirs too, as its subject is.
        m.set("category", toAnotherStudent ? .null : .string(message.category.rawValue))
        m.set("sender", toAnotherStudent ? .null : .string(message.sender))
        m.set("academicYear", located.year.description)
        m.set("scope", toAnotherStudent ? "student" : located.scope.fileStem)
        m.set("audience", audienceText)
        m.set("file", toAnotherStudent ? .null : .string(located.file))
        m.set("sentAt", Timestamp.format(message.sentAt))
        m.set("publishedAt", message.publishedAt.map { .string(Timestamp.format($0)) } ?? .null)
        m.set("visibleFrom", Timestamp.format(message.visibleFrom))
        m.set("visibleAtNow", visibleAtNow)
        if let named = contactsNamed {
            var c = JSONObjectBuilder()
            c.set("count", message.contacts?.count ?? 0)
            c.set("parentRecords", named)
            c.set("admitsParent", contactsAdmit)
            m.set("contacts", c.value)
        } else {
            m.set("contacts", .null)
        }
        root.set("message", m.value)

        var parent = JSONObjectBuilder()
        parent.set("canLogIn", match.canLogIn)
        parent.set("identified", match.identified)
        parent.set(
            "records",
            .array(
                records.map { r in
                    var o = JSONObjectBuilder()
                    o.set("id", r.contactID)
                    o.set("name", r.contactName)
                    o.set("identifies", r.qualifies)
                    o.set("failed", r.failedChecks.map(\.detail))
                    return o.value
                }))
        root.set("parent", parent.value)

        root.set(
            "children",
            .array(
                children.map { c in
                    var o = JSONObjectBuilder()
                    o.set("student", c.child.student)
                    o.set("name", c.name)
                    o.set("enrolment", c.enrolment.map(JSONValue.string) ?? .null)
                    o.set("shown", c.notShown.isEmpty)
                    o.set("inAudience", c.inAudience)
                    o.set("concerned", c.concerned)
                    // As the text gives them (the contacts list's was in the
                    // text alone, with "reasons": [] here).
                    o.set(
                        "reasons",
                        c.exclusions.map(\.description) + c.notShown + (c.concerned ? [] : audienceReasons(c)))
                    o.set("notes", c.notes)
                    return o.value
                }))

        if let device {
            var d = JSONObjectBuilder()
            d.set("dataDirectory", device.dataDirectory)
            switch device.session {
            case .none: d.set("session", "none")
            case .anotherParent: d.set("session", "another parent")
            case .thisParent: d.set("session", "this parent")
            }
            switch device.model {
            case .none: d.set("model", "none")
            case .otherSession: d.set("model", "earlier session")
            case .damaged: d.set("model", "damaged")
            case .present: d.set("model", "present")
            }
            d.set("lastSync", device.lastSync.map { .string(Timestamp.format($0)) } ?? .null)
            d.set("synced", device.synced)
            if let changed = device.fileChangedSinceSync { d.set("fileChangedSinceSync", changed) }
            d.set("children", device.children)
            d.set("readOnDevice", device.readOnDevice)
            root.set("device", d.value)
        } else {
            root.set("device", .null)
        }

        root.set("read", !receipts.isEmpty)
        root.set(
            "receipts",
            .array(
                receipts.map { r in
                    var o = JSONObjectBuilder()
                    o.set("readAt", Timestamp.format(r.readAt))
                    o.set("contacts", r.contacts.filter(records.map(\.contactID).contains))
                    return o.value
                }))
        root.set("replied", !replies.isEmpty)
        root.set(
            "replies",
            .array(
                replies.map { r in
                    var o = JSONObjectBuilder()
                    o.set("createdAt", Timestamp.format(r.createdAt))
                    o.set("topic", r.topic)
                    o.set("contacts", r.contacts.filter(records.map(\.contactID).contains))
                    return o.value
                }))

        var sms = JSONObjectBuilder()
        sms.set("afterMinutes", backupSMS.afterMinutes.map { .number(Double($0)) } ?? .null)
        sms.set("applies", backupSMS.applies)
        sms.set("registered", !backupSMS.registrations.isEmpty)
        sms.set("registeredLater", backupSMS.laterRegistration.map { .string(Timestamp.format($0)) } ?? .null)
        sms.set("addressedRecords", backupSMS.addressedRecords)
        sms.set("numbers", backupSMS.numbers.map { disclosure.raw(number: $0) })
        sms.set(
            "detail",
            backupSMS.detail(
                disclosure: disclosure, visibleFrom: message.visibleFrom, zone: school.zone,
                canLogIn: !identifyingRecords.isEmpty))
        root.set("backupSMS", sms.value)
        root.set("whyNot", whyNot)
        return root.value
    }
}
