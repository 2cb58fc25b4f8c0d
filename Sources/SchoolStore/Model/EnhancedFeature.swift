/// The kinds of MIS data the Enhanced service can show. Not every MIS
/// supplies all of them; a school lists the ones its MIS does.
public enum EnhancedFeature: String, Sendable, CaseIterable, Comparable {
    case attendance
    case timetable
    case behaviour
    case achievements
    case calendar
    case assessments

    public var title: String {
        switch self {
        case .attendance: return "Attendance"
        case .timetable: return "Timetable"
        case .behaviour: return "Behaviour"
        case .achievements: return "Achievements"
        case .calendar: return "Calendar"
        case .assessments: return "Assessments"
        }
    }

    public static func < (a: EnhancedFeature, b: EnhancedFeature) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
