/// The category of a school message, by which parents filter the timeline.
public enum MessageCategory: String, Sendable, CaseIterable {
    case general = "General"
    case homework = "Homework"
    case attendance = "Attendance"
    case trip = "Trip"
    case emergency = "Emergency"
    case newsletter = "Newsletter"
    case event = "Event"
    case payment = "Payment"
}
