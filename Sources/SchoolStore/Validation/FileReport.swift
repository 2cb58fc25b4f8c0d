/// What checking one file found: its problems and warnings, and the ids it
/// defines and refers to, for the cross-file checks that follow.
struct FileReport: Sendable {
    var file: String
    var problems: [StoreProblem] = []
    /// Legal data that blocks or hurts parents (`store validate` prints these
    /// after the problems; `--strict` makes them problems).
    var warnings: [StoreProblem] = []
    /// The file could not be read as a whole (missing, unreadable, refused or
    /// malformed JSON), so what it defines is unknown and the checks of other
    /// files against it are skipped rather than reported one by one.
    var failed = false
    /// The ids this file defines: students (students.json and per-student
    /// files), contacts (contacts.json).
    var definedKeys: [String] = []
    /// "2025-26 group 9A" / "2025-26 year 9" for every enrolment (students.json).
    var enrolledScopes: Set<String> = []
    /// Leavers and the day they left (students.json).
    var leavers: [String: CivilDate] = [:]
    /// The year or group scope a message file is for, to check someone was in it.
    var scopeReference: String? = nil
    /// Message ids defined here.
    var messageIDs: [String] = []
    /// The attachment metadata of each message defined here that has any, for
    /// the check of the attachment files (`AttachmentCheck`).
    var attachments: [(message: String, attachments: [Attachment])] = []
    /// (field path label, contact id) references to check.
    var contactReferences: [(record: String, field: String, contact: String)] = []
    /// (record, field, message id) references (receipts, replies).
    var messageReferences: [(record: String, field: String, message: String)] = []
    /// (record, field, student id) references.
    var studentReferences: [(record: String, field: String, student: String)] = []
    /// Days of the calendar's "Holiday" events (an INSET day), with the
    /// event's title (calendar files), for absence reports' days.
    var holidayDays: [CivilDate: String] = [:]
    /// (record, field, date) of each absence-report session (inbox), to
    /// check against the calendar's "Holiday" events.
    var absenceDays: [(record: String, field: String, date: CivilDate)] = []
    var records = 0
    var marks = 0

    init(file: String) { self.file = file }
}
