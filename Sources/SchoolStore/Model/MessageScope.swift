/// Who a school message was sent to, which is also where it is filed:
/// `messages/<academic-year>/<scope>.json`. Reading one family's messages
/// then means reading the few files of their children's scopes, however big
/// the school.
public enum MessageScope: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Every student on roll.
    case school
    /// One year group, e.g. Year 9 (as enrolled in that academic year).
    case year(Int)
    /// One registration group, e.g. 9A (as enrolled in that academic year).
    case group(String)
    /// One student.
    case student(String)

    /// The file name stem: `school`, `year-9`, `group-9A`, `student-S0001`.
    public var fileStem: String {
        switch self {
        case .school: return "school"
        case .year(let y): return "year-\(y)"
        case .group(let g): return "group-\(g)"
        case .student(let s): return "student-\(s)"
        }
    }

    public var description: String { fileStem }

    public init?(fileStem: String) {
        if fileStem == "school" {
            self = .school
            return
        }
        // Written as the store names it: "year-+7" or "year-07" is not Year 7.
        if fileStem.hasPrefix("year-"), let y = Int(fileStem.dropFirst(5)), (-1...14).contains(y),
            fileStem.dropFirst(5) == "\(y)"
        {
            self = .year(y)
            return
        }
        if fileStem.hasPrefix("group-") {
            let g = String(fileStem.dropFirst(6))
            guard MessageScope.isValidGroupName(g) else { return nil }
            self = .group(g)
            return
        }
        if fileStem.hasPrefix("student-") {
            let s = String(fileStem.dropFirst(8))
            guard MessageScope.isValidIdentifier(s) else { return nil }
            self = .student(s)
            return
        }
        return nil
    }

    /// Audience wording for the parent: "Whole school", "Year 9", "9A", or nil for a personal message.
    public var audienceText: String? {
        switch self {
        case .school: return "Whole school"
        case .year(let y): return y == 0 ? "Reception" : "Year \(y)"
        case .group(let g): return "Group \(g)"
        case .student: return nil
        }
    }

    public static func isValidGroupName(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 20
            && s.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
            }
    }

    /// Ids of students, contacts, messages, schools: ASCII letters, digits,
    /// hyphens and underscores (they become file names).
    /// (Byte by byte: asking each scalar's Unicode properties was a tenth
    /// of decoding a 10,000-message model.)
    public static func isValidIdentifier(_ s: String) -> Bool {
        var count = 0
        for byte in s.utf8 {
            count += 1
            guard count <= 64 else { return false }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                continue
            default: return false
            }
        }
        return count > 0
    }

    var order: Int {
        switch self {
        case .school: return 0
        case .year: return 1
        case .group: return 2
        case .student: return 3
        }
    }

    public static func < (a: MessageScope, b: MessageScope) -> Bool {
        if a.order != b.order { return a.order < b.order }
        return a.fileStem < b.fileStem
    }
}
