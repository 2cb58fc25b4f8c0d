import Foundation

/// Reads the fields of one JSON object, reporting every missing, mistyped,
/// unknown or out-of-range field to a `ProblemList` with its file, record
/// and field path (`phones[1].type`). Accessors return nil on a problem so
/// decoding can carry on and report the rest.
public struct FieldReader {
    public let file: String
    public let record: String?
    public let path: String
    let members: [(String, JSONValue)]
    public let problems: ProblemList

    /// nil (with a problem reported) when `value` is not an object.
    public init?(_ value: JSONValue, file: String, record: String?, path: String = "", problems: ProblemList) {
        self.file = file
        self.record = record
        self.path = path
        self.problems = problems
        guard case .object(let members) = value else {
            problems.add(
                file: file, record: record, field: path.isEmpty ? nil : path,
                "expected an object, found \(value.kindName)")
            return nil
        }
        self.members = members
    }

    /// A reader for the same object under a record label learnt after the
    /// fact (the record's id is itself a field).
    public func relabelled(_ record: String) -> FieldReader {
        FieldReader(file: file, record: record, path: path, members: members, problems: problems)
    }

    init(file: String, record: String?, path: String, members: [(String, JSONValue)], problems: ProblemList) {
        self.file = file
        self.record = record
        self.path = path
        self.members = members
        self.problems = problems
    }

    public func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func report(_ key: String?, _ message: String) {
        problems.add(file: file, record: record, field: key.map(fieldPath) ?? (path.isEmpty ? nil : path), message)
    }

    public func raw(_ key: String) -> JSONValue? {
        for (k, v) in members where k == key { return v }
        return nil
    }

    /// Reports fields not in `known` (a misspelt field is otherwise silently
    /// ignored, which is the worst outcome for a hand-edited file).
    public func rejectUnknownFields(_ known: Set<String>) {
        if members.count <= known.count && members.allSatisfy({ known.contains($0.0) }) { return }
        for (k, _) in members where !known.contains(k) {
            report(k, "unknown field")
        }
    }

    func present(_ key: String, required: Bool) -> JSONValue? {
        guard let value = raw(key), value != .null else {
            if required { report(key, "missing") }
            return nil
        }
        return value
    }

    public func string(_ key: String, required: Bool = true, allowEmpty: Bool = false) -> String? {
        guard let value = present(key, required: required) else { return nil }
        guard case .string(let s) = value else {
            report(key, "expected a string, found \(value.kindName)")
            return nil
        }
        if !allowEmpty && FieldReader.isBlank(s) {
            report(key, "must not be empty")
            return nil
        }
        return s
    }

    /// `value`, read from `field`, when it can name a file or a path (the
    /// message id rule, ``MessageScope/isValidIdentifier(_:)``); otherwise
    /// reported (the value quoted when `quoted`: a record labelled by its id
    /// names it already) and nil, so that every reader refuses the record,
    /// sync as well as validate.
    public func identifier(_ value: String, field: String, quoted: Bool = false) -> String? {
        guard MessageScope.isValidIdentifier(value) else {
            report(
                field,
                quoted ? "\(Quote.value(value)): \(SchoolValidation.identifierRule)" : SchoolValidation.identifierRule)
            return nil
        }
        return value
    }

    /// A required one-line text shown as it is (a school's name): no control
    /// characters or line breaks (they would reach a terminal raw through
    /// `sync` and `digest`), at most `maxLength` characters.
    public func line(_ key: String, maxLength: Int) -> String? {
        guard let s = string(key) else { return nil }
        if s.unicodeScalars.contains(where: Quote.needsEscape) {
            report(key, "must be one line without control characters, found \(Quote.value(s))")
            return nil
        }
        if s.count > maxLength {
            report(key, "is \(Quote.count(s.count)) characters long; at most \(maxLength)")
            return nil
        }
        return s
    }

    /// Whether a text holds only whitespace (`CharacterSet.whitespaces`:
    /// Unicode category Zs and tab), the rule for a required string. Stops at
    /// the first non-blank character, and answers ASCII without Foundation
    /// (only the space and the tab are blank there).
    public static func isBlank(_ s: String) -> Bool {
        for scalar in s.unicodeScalars {
            if scalar.isASCII {
                if scalar != " " && scalar != "\t" { return false }
            } else if !CharacterSet.whitespaces.contains(scalar) {
                return false
            }
        }
        return true
    }

    public func int(_ key: String, required: Bool = true, range: ClosedRange<Int>? = nil) -> Int? {
        guard let value = present(key, required: required) else { return nil }
        // A whole number too big for any count is out of range, not "a
        // fraction" (1e40 was said to be one).
        if case .number(let n) = value, n == n.rounded(), abs(n) >= 1e15 {
            let bounds = range.map { " \($0.lowerBound)...\($0.upperBound)" } ?? ""
            report(key, "a number of 16 or more digits is out of range\(bounds)")
            return nil
        }
        guard case .number(let n) = value, n == n.rounded(), abs(n) < 1e15 else {
            report(
                key, "expected a whole number, found \(value.kindName == "a number" ? "a fraction" : value.kindName)")
            return nil
        }
        let i = Int(n)
        if let range, !range.contains(i) {
            report(key, "\(i) is out of range \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return i
    }

    public func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let value = present(key, required: false) else { return defaultValue }
        guard case .bool(let b) = value else {
            report(key, "expected true or false, found \(value.kindName)")
            return defaultValue
        }
        return b
    }

    public func date(_ key: String, required: Bool = true) -> CivilDate? {
        guard let s = string(key, required: required) else { return nil }
        guard let d = CivilDate(parsing: s) else {
            report(key, "impossible or malformed date \(Quote.value(s)) (expected YYYY-MM-DD)")
            return nil
        }
        return d
    }

    public func timestamp(_ key: String, required: Bool = true) -> Date? {
        guard let s = string(key, required: required) else { return nil }
        guard let d = Timestamp.parse(s) else {
            report(
                key,
                "impossible or malformed time \(Quote.value(s)) (expected ISO 8601 such as 2025-09-03T08:52:00+01:00)")
            return nil
        }
        return d
    }

    /// A string that must be one of a fixed set (case-sensitive, as written in the docs).
    public func choice<T>(_ key: String, required: Bool = true, _ parse: (String) -> T?, expected: String) -> T? {
        guard let s = string(key, required: required) else { return nil }
        guard let v = parse(s) else {
            report(key, "unknown \(expected) \(Quote.value(s))")
            return nil
        }
        return v
    }

    public func stringArray(_ key: String, required: Bool = false, limit: Int = .max) -> [String]? {
        guard let value = present(key, required: required) else { return required ? nil : [] }
        guard case .array(let elements) = value else {
            report(key, "expected an array, found \(value.kindName)")
            return nil
        }
        guard within(limit, elements.count, key) else { return nil }
        var out: [String] = []
        for (i, e) in elements.enumerated() {
            guard case .string(let s) = e else {
                report("\(key)[\(i)]", "expected a string, found \(e.kindName)")
                continue
            }
            out.append(s)
        }
        return out
    }

    public func intArray(_ key: String, required: Bool = false) -> [Int]? {
        guard let value = present(key, required: required) else { return required ? nil : [] }
        guard case .array(let elements) = value else {
            report(key, "expected an array, found \(value.kindName)")
            return nil
        }
        var out: [Int] = []
        for (i, e) in elements.enumerated() {
            guard case .number(let n) = e, n == n.rounded() else {
                report("\(key)[\(i)]", "expected a whole number, found \(e.kindName)")
                continue
            }
            out.append(Int(n))
        }
        return out
    }

    /// True when the array field `key` is absent, not an array, or holds at
    /// most `limit` elements; otherwise reports it once, before any work on
    /// its elements ("200,000 kinds of Enhanced data listed; at most 6"),
    /// and returns false.
    public func withinLimit(_ key: String, _ limit: Int, _ what: String) -> Bool {
        guard case .array(let elements)? = raw(key), elements.count > limit else { return true }
        report(key, "\(Quote.count(elements.count)) \(what) listed; at most \(limit)")
        return false
    }

    /// Readers for each object of an array field (`phones[0]`, `phones[1]`...).
    public func objects(_ key: String, required: Bool = false, limit: Int = .max) -> [FieldReader]? {
        guard let value = present(key, required: required) else { return required ? nil : [] }
        guard case .array(let elements) = value else {
            report(key, "expected an array, found \(value.kindName)")
            return nil
        }
        guard within(limit, elements.count, key) else { return nil }
        return elements.enumerated().compactMap { i, e in
            FieldReader(e, file: file, record: record, path: fieldPath("\(key)[\(i)]"), problems: problems)
        }
    }

    /// Whether a list of `count` entries is within `limit`; one problem
    /// when not (a contact with 100,000 phones was valid, and doctor
    /// printed it as a 2.3 MB line; 100,000 enrolments gave 10,000 lines).
    private func within(_ limit: Int, _ count: Int, _ key: String) -> Bool {
        guard count > limit else { return true }
        report(key, "\(Quote.count(count)) entries: at most \(Quote.count(limit))")
        return false
    }

    /// The raw elements of an array field, with their paths.
    public func array(_ key: String, required: Bool = false) -> [(path: String, value: JSONValue)]? {
        guard let value = present(key, required: required) else { return required ? nil : [] }
        guard case .array(let elements) = value else {
            report(key, "expected an array, found \(value.kindName)")
            return nil
        }
        return elements.enumerated().map { (fieldPath("\(key)[\($0.offset)]"), $0.element) }
    }

    public func object(_ key: String, required: Bool = false) -> FieldReader? {
        guard let value = present(key, required: required) else { return nil }
        return FieldReader(value, file: file, record: record, path: fieldPath(key), problems: problems)
    }
}
