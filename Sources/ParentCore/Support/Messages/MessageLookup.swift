import Foundation
import SchoolStore

/// Finds the message `doctor --message ID` or `--subject TEXT` asks about,
/// in the schools given (the parent's, or one named with `--school`).
///
/// A subject matches accent- and case-insensitively (`zoe` finds "Zoë"):
/// subjects equal to the text once folded win; otherwise every subject
/// containing it. Messages to another student's own file are left out of a
/// subject search: they never concern the parent, and listing them would
/// show another family's subjects.
public struct MessageLookup: Sendable {
    public let store: FileStore
    /// The schools to search, in order.
    public let schools: [String]

    public init(store: FileStore, schools: [String]) {
        self.store = store
        self.schools = schools
    }

    /// Every message filed in the schools, school by school, oldest academic
    /// year first, scopes in file order.
    public func all() throws(StoreProblems) -> [LocatedMessage] {
        var out: [LocatedMessage] = []
        for school in schools {
            for year in store.messageYears(school: school) {
                for scope in store.messageScopes(school: school, year: year) {
                    for m in try store.messages(school: school, year: year, scope: scope).value {
                        out.append(LocatedMessage(school: school, year: year, scope: scope, message: m))
                    }
                }
            }
        }
        return out
    }

    /// The messages with this id (ids are unique within a school; the same
    /// id may be used at two schools), newest first as a subject's are
    /// (they came in the schools' order).
    public func byID(_ id: String) throws(StoreProblems) -> [LocatedMessage] {
        try all().filter { $0.message.id == id }.sorted(by: MessageLookup.newestFirst)
    }

    /// Newest first; the same moment by school, then id.
    static func newestFirst(_ a: LocatedMessage, _ b: LocatedMessage) -> Bool {
        a.message.sentAt != b.message.sentAt
            ? a.message.sentAt > b.message.sentAt : (a.school, a.message.id) < (b.school, b.message.id)
    }

    /// The messages whose subject matches `text` (see the type's summary),
    /// newest first. `children` are the students of the parent's records,
    /// whose own files are searched.
    public func bySubject(_ text: String, children: Set<ChildRef>) throws(StoreProblems) -> [LocatedMessage] {
        let wanted = MessageLookup.fold(text)
        guard !wanted.isEmpty else { return [] }
        let searchable = try all().filter { located in
            guard case .student(let id) = located.scope else { return true }
            return children.contains(ChildRef(school: located.school, student: id))
        }
        let exact = searchable.filter { MessageLookup.fold($0.message.subject) == wanted }
        let found =
            exact.isEmpty ? searchable.filter { MessageLookup.fold($0.message.subject).contains(wanted) } : exact
        return found.sorted(by: MessageLookup.newestFirst)
    }

    /// Text folded for matching: case, accents and width ignored, runs of
    /// white space made one space, trimmed.
    /// A subject as support types it: case, accents and width folded,
    /// apostrophes dropped (’ as phones type it, or none: "bens"), other
    /// punctuation as spaces ("rendez vous" finds "rendez-vous", "leo:"
    /// finds "Leo :"), runs of spaces as one.
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        for c in folded {
            if c == "'" || c == "’" || c == "‘" || c == "`" || c == "ʼ" { continue }
            out.append(c.isLetter || c.isNumber ? c : " ")
        }
        return out.split(separator: " ").joined(separator: " ")
    }
}
