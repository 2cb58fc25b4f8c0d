import SchoolStore

// The domain's value types, as ParentCore's API speaks them. The app layer
// imports ParentCore (and TerminalKit) only: it gets values from here and
// never reaches into the store (files, indexes, validation, pictures).

public typealias AbsencePart = SchoolStore.AbsencePart
public typealias AbsenceReason = SchoolStore.AbsenceReason
public typealias AbsenceReport = SchoolStore.AbsenceReport
public typealias AbsenceSession = SchoolStore.AbsenceSession
public typealias AcademicYear = SchoolStore.AcademicYear
public typealias AttendanceCode = SchoolStore.AttendanceCode
public typealias CivilDate = SchoolStore.CivilDate
public typealias DemoLogin = SchoolStore.DemoLogin
public typealias EnhancedFeature = SchoolStore.EnhancedFeature
public typealias Lesson = SchoolStore.Lesson
public typealias MessageCategory = SchoolStore.MessageCategory
public typealias RegisterSession = SchoolStore.RegisterSession
public typealias SchoolTimeZone = SchoolStore.SchoolTimeZone
/// Why a store file cannot be used: each problem names the file, record and field.
public typealias StoreProblems = SchoolStore.StoreProblems
/// The package's one lock helper (see SchoolStore's `Locked`).
public typealias Locked = SchoolStore.Locked
/// The file layer the parent's data goes through (atomic, durable, 0600).
public typealias FileLayer = SchoolStore.FileLayer
public typealias PosixFileLayer = SchoolStore.PosixFileLayer
/// Starting another program (the editor, the desktop's opener) with a clean signal mask.
public typealias Subprocess = SchoolStore.Subprocess
