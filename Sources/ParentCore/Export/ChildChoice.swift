import Foundation

/// `--child NAME|ID`: one of the parent's children, named by student id
/// (`GA-BEN`, or `green-abbey/GA-BEN` when two schools use the same id),
/// forename (`Ben`, or the preferred name), full name (`Ben Abbot`) or the
/// name as the app shows it (`Ben Abbot (9A)`). Names compare without
/// regard to case, accents or surrounding spaces (`zoe` finds Zoë).
public enum ChildChoice {
    /// The child `text` names among `children`.
    public static func find(_ text: String, in children: [ChildSummary]) throws(ExportError) -> ChildSummary {
        children[try index(text, in: children.map { ($0.ref, [$0.forename, $0.fullName, $0.name]) })]
    }

    /// The child `text` names among a status's children.
    public static func find(_ text: String, in children: [ParentStatus.Child]) throws(ExportError) -> ParentStatus.Child
    {
        children[try index(text, in: children.map { ($0.ref, [$0.forename, $0.fullName, $0.name]) })]
    }

    /// The position of the one child whose id or one of whose names is `text`.
    static func index(_ text: String, in children: [(ref: ChildRef, names: [String])]) throws(ExportError) -> Int {
        let wanted = fold(text)
        let byID = children.indices.filter {
            [children[$0].ref.student, children[$0].ref.description].contains { fold($0) == wanted }
        }
        let byName = children.indices.filter { children[$0].names.contains { fold($0) == wanted } }
        // An id beats a name; several children of one name is a question.
        if byID.count == 1 { return byID[0] }
        var found = byID.isEmpty ? byName : byID
        // A word of a name ("abbot", the family's name): one child, or the
        // question which (it said "names none of the children" and listed
        // the three it named).
        if found.isEmpty, !wanted.isEmpty {
            found = children.indices.filter { i in
                children[i].names.contains {
                    // A hyphenated family name whole ("smith-jones") or
                    // either half (the whole found nobody).
                    let name = fold($0)
                    return name.split(separator: " ").contains(Substring(wanted))
                        || name.split(whereSeparator: { $0 == " " || $0 == "-" }).contains(Substring(wanted))
                }
            }
        }
        if found.count == 1 { return found[0] }
        if found.isEmpty { throw .noSuchChild(text, choices: children.map { $0.names.last ?? $0.ref.student }) }
        throw .ambiguousChild(text, matches: found.map { "\(children[$0].names.last ?? ""): \(children[$0].ref)" })
    }

    /// Case, accents and width folded, spaces trimmed.
    /// Apostrophes go too: "obrien" finds O'Brien (it found nobody).
    static func fold(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .filter { !"'\u{2019}\u{2018}`".contains($0) }
    }
}
