import Foundation
import SchoolStore

/// One session's mark, with what its code means.
public struct AttendanceEntry: Sendable, Equatable {
    public var date: CivilDate
    public var session: RegisterSession
    /// The DfE code as written in the register ("/", "I", "Y2"...).
    public var code: String
    /// What it means ("Illness (not medical or dental appointment)").
    public var meaning: String
    public var category: AttendanceCode.Category
    public var recordedAt: Date
    public var publishedAt: Date
}
