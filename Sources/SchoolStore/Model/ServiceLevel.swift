/// The school's Xpressions subscription. Core is messaging; Enhanced adds
/// MIS data (attendance, timetable, behaviour, achievements, calendar,
/// assessments), as far as the school's MIS supplies it.
public enum ServiceLevel: String, Sendable, CaseIterable {
    case core = "Core"
    case enhanced = "Enhanced"
}
