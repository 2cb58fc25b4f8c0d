import Foundation
import SchoolStore

/// A school message and where the store files it: its school, the academic
/// year and the scope (audience) file.
public struct LocatedMessage: Sendable, Equatable {
    public var school: String
    public var year: AcademicYear
    public var scope: MessageScope
    public var message: SchoolMessage

    public init(school: String, year: AcademicYear, scope: MessageScope, message: SchoolMessage) {
        self.school = school
        self.year = year
        self.scope = scope
        self.message = message
    }

    /// `schools/green-abbey/messages/2025-26/group-9A.json`.
    public var file: String { StoreLayout.messagesFile(school, year, scope) }
}

extension LocatedMessage {
    /// One line of a candidate list: `GA-DEMO-3  green-abbey  2025-26  group-9A  sent 2026-03-17T16:05:00Z  "Maths homework…"`.
    /// `showSubject` false withholds the subject and the student's id (another student's message).
    public func candidateLine(zone: SchoolTimeZone, showSubject: Bool) -> String {
        "\(message.id)  \(school)  \(year)  \(showSubject ? scope.fileStem : "student")  sent \(zone.format(message.sentAt))  "
            + (showSubject ? Quote.value(message.subject) : "(subject withheld: another student's message)")
    }

    /// The same as a JSON object (`subject` null when withheld).
    public func candidateJSON(showSubject: Bool) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", message.id)
        o.set("school", school)
        o.set("academicYear", year.description)
        o.set("scope", showSubject ? scope.fileStem : "student")
        o.set("sentAt", Timestamp.format(message.sentAt))
        o.set("subject", showSubject ? .string(message.subject) : .null)
        return o.value
    }
}
