import SchoolStore

/// Names of the local model's parts. Store ids hold only letters, digits,
/// `-` and `_`, so a `.` separates the pieces unambiguously; a part's
/// file is its name, its generation and `.json` (`child.green-abbey.GA-BEN.g17.json`).
enum PartName {
    static let read = "read"
    static func school(_ id: String) -> String { "school.\(id)" }
    static func cursors(_ school: String) -> String { "cursors.\(school)" }
    static func child(_ ref: ChildRef) -> String { "child.\(ref.school).\(ref.student)" }
    /// One school's messages from the scope files of one academic year, sent
    /// in one month ("2026-03", in the school's time zone).
    static func timeline(_ school: String, _ year: AcademicYear, _ month: String) -> String {
        "timeline.\(school).\(year).\(month)"
    }

    /// The file holding generation `generation` of a part.
    static func file(_ name: String, generation: Int) -> String { "\(name).g\(generation).json" }

    /// A part file's name and generation (``file(_:generation:)`` read
    /// back); nil for any other file.
    static func parse(_ file: String) -> (name: String, generation: Int)? {
        guard file.hasSuffix(".json"), !file.hasPrefix(".") else { return nil }
        let stem = file.dropLast(5)
        guard let dot = stem.lastIndex(of: "."), stem[stem.index(after: dot)...].hasPrefix("g"),
            let generation = Int(stem[stem.index(dot, offsetBy: 2)...])
        else { return nil }
        return (String(stem[..<dot]), generation)
    }
}
