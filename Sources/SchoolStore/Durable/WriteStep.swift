/// The steps inside an atomic write, reported to an observer after each one
/// completes; a ``FaultyFileLayer`` uses them as extra crash points.
///
/// ``FileLayer/writeAtomically(_:to:onStep:)`` always reports, in order:
/// `tempCreated`, `tempPartlyWritten`, `tempWritten`, `tempSynced`, `renamed`,
/// `directorySynced`. ``FileLayer/createExclusively(_:at:onStep:)`` reports
/// `tempCreated`, `tempPartlyWritten`, `tempWritten`, `tempSynced`, then
/// `linked`, `tempRemoved`, `directorySynced` when it creates the file, or
/// only `tempRemoved` when the name already exists.
public enum WriteStep: String, Sendable, CaseIterable {
    /// The temporary file exists, empty.
    case tempCreated
    /// The first half of the bytes is written (a crash here leaves a
    /// half-written temporary file).
    case tempPartlyWritten
    /// All bytes are written to the temporary file.
    case tempWritten
    /// The temporary file is fsynced and closed.
    case tempSynced
    /// The temporary file has been renamed over the target.
    case renamed
    /// The temporary file has been hard-linked to the target name.
    case linked
    /// The temporary name has been unlinked.
    case tempRemoved
    /// The directory holding the target has been fsynced.
    case directorySynced
}
