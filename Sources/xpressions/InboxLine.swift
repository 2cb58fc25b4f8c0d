import Foundation
import SchoolStore

/// One message from a parent as the school reads it: who wrote it, about
/// which child, on which topic, and what it answers ("Mrs Liz Abbot about
/// Ben Abbot (9A) — topic Absence — re: Art: revision task").
struct InboxLine {
    let item: InboxItem
    let from: [(id: String, name: String)]
    let about: [(id: String, name: String)]
    let replyTo: (id: String, subject: String?)?
    let zone: SchoolTimeZone

    init(_ item: InboxItem, store: FileStore, school: School) {
        self.item = item
        zone = school.zone
        let year = AcademicYear(containing: school.zone.civilDate(of: item.createdAt))
        from = item.contacts.map { id in
            (id, (try? store.contact(id, school: school.id))??.value.fullName ?? "contact \(id)")
        }
        about = item.students.map { id in
            (
                id,
                (try? store.student(id, school: school.id))??.value.displayName(showingGroup: true, in: year)
                    ?? "student \(id)"
            )
        }
        replyTo = item.inReplyTo.map { id in
            (id, InboxLine.subject(of: id, store: store, school: school.id, around: year))
        }
    }

    /// The subject of a school message, looked for in the academic year of
    /// the reply and the one before.
    static func subject(of id: String, store: FileStore, school: String, around year: AcademicYear) -> String? {
        for y in [year, year.previous] {
            for scope in store.messageScopes(school: school, year: y) {
                if let m = (try? store.messages(school: school, year: y, scope: scope))?.value.first(where: {
                    $0.id == id
                }) {
                    return m.subject
                }
            }
        }
        return nil
    }

    var heading: String {
        // One person's duplicate records (a message sent for both) named
        // once ("Mrs Nicola Patel, Mrs Nicola Patel").
        var names: [String] = []
        for name in from.map(\.name) where !names.contains(name) { names.append(name) }
        var line = "\(zone.format(item.createdAt))  \(names.joined(separator: ", "))"
        if !about.isEmpty { line += " about \(about.map(\.name).joined(separator: ", "))" }
        // A reply's topic is "Re: <subject>" when the app wrote it; one
        // chosen for it ("Uniform") is said as well.
        let automatic = item.topic.isEmpty || item.topic.lowercased().hasPrefix("re:")
        if replyTo == nil || !automatic { line += " — topic \(item.topic)" }
        if let replyTo { line += " — re: \(replyTo.subject ?? "message \(replyTo.id)")" }
        return line
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("key", item.key)
        o.set("createdAt", Timestamp.format(item.createdAt))
        o.set("topic", item.topic)
        o.set("body", item.body)
        o.set(
            "from",
            .array(
                from.map { c in
                    var x = JSONObjectBuilder()
                    x.set("contact", c.id)
                    x.set("name", c.name)
                    return x.value
                }))
        o.set(
            "about",
            .array(
                about.map { s in
                    var x = JSONObjectBuilder()
                    x.set("student", s.id)
                    x.set("name", s.name)
                    return x.value
                }))
        if let replyTo {
            var x = JSONObjectBuilder()
            x.set("message", replyTo.id)
            if let subject = replyTo.subject { x.set("subject", subject) }
            o.set("inReplyTo", x.value)
        }
        return o.value
    }
}
