/// Why a contact with parental responsibility cannot use Xpressions, or
/// what in their record the school should fix: the seed's post-installation
/// checks ("Preparing your MIS").
public enum AuditCause: String, Sendable, CaseIterable, Comparable {
    /// No phone number typed Mobile: nothing can register the parent.
    case noMobile = "no-mobile"
    /// Numbers typed Mobile, none of which is a mobile (outside every mobile
    /// range of the +44 plan) or can be read as a phone number at all.
    case notAMobile = "not-a-mobile"
    /// No email address in proper `ID@domain.tld` form (malformed, or none).
    case email = "email"
    /// Several records for one person at one school.
    case duplicate = "duplicate"
    /// Correspondence not allowed about a child the contact has parental responsibility for.
    case correspondence = "correspondence"
    /// Every child the contact may receive correspondence about is gone
    /// from what Xpressions shows: a leaver past the school's leaver
    /// persistence, or not in its student records. They are identified but
    /// see no child, as `doctor` says.
    case noChildShown = "no-child-shown"
    /// A record the app cannot read (a field of the wrong form, a value
    /// out of range): that contact cannot log in until it is mended; the
    /// school's other records are audited as ever.
    case unreadable = "unreadable"

    /// The stable code used in `--csv`.
    public var code: String { rawValue }

    /// The heading in the text report.
    public var title: String {
        switch self {
        case .noMobile: return "no number typed Mobile"
        case .notAMobile: return "a Mobile-typed number that isn't a mobile or can't be read"
        case .email: return "a malformed email, or none"
        case .duplicate: return "duplicate records"
        case .correspondence: return "correspondence not allowed"
        case .noChildShown: return "no child shown (leavers past the school's persistence)"
        case .unreadable: return "a record that cannot be read (the file, record and field say what to mend)"
        }
    }

    /// A short column heading.
    public var column: String {
        switch self {
        case .noMobile: return "no Mobile"
        case .notAMobile: return "not a mobile"
        case .email: return "email"
        case .duplicate: return "duplicates"
        case .correspondence: return "correspondence"
        case .noChildShown: return "no child"
        case .unreadable: return "unreadable"
        }
    }

    public static func < (a: AuditCause, b: AuditCause) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
