import Foundation
import SchoolStore

/// The store's demo clock as last seen, kept in the data directory
/// (`store-clock.json`, 0600), so that a parent using the app while the
/// store is away still sees it at the store's date (the day their data is
/// from), not at today's: attendance for that term, that day's timetable,
/// messages written then. Seen again each time the store can be read;
/// forgotten when the store has no demo clock.
public enum StoreClockMemory {
    public static let fileName = "store-clock.json"

    static func path(_ dataDirectory: String) -> String { Paths.join(dataDirectory, fileName) }

    /// The demo clock of the store at `storeRoot` when its `store.json` can
    /// be read (then remembered, when `remember` and the data directory
    /// exists, or forgotten when it has none); else the one remembered; nil
    /// for real time. Failing to remember only means a later offline start
    /// uses real time, so it is never an error. Commands that only read the
    /// data directory pass `remember: false`.
    public static func demoClock(storeRoot: String, dataDirectory: String, files: any FileLayer, remember: Bool = true)
        -> DemoClock?
    {
        reading(storeRoot: storeRoot, dataDirectory: dataDirectory, files: files, remember: remember).clock
    }

    /// ``demoClock(storeRoot:dataDirectory:files:remember:)``, and whether
    /// the store could be read for it: a `store.json` there but invalid is
    /// not "a store without a demo clock" (the app took real time for good,
    /// and the demo's March started read as "over 14 days old" once the
    /// file was mended).
    public static func reading(
        storeRoot: String, dataDirectory: String, files: any FileLayer, remember: Bool = true
    ) -> (clock: DemoClock?, storeRead: Bool) {
        let path = path(dataDirectory)
        guard let store = try? FileStore(root: storeRoot) else {
            let kept = remembered(path, files: files)
            // Damaged (cut short): set aside for support, as every damaged
            // file of the parent's is, not left to be read again and again.
            if kept == nil, files.exists(path) {
                // The store had a demo clock (the file is written only then):
                // the day the model was last synced on it, not today (an
                // empty new school year showed, with the data of March),
                // remembered in its place until the store is seen again.
                let day = modelDay(dataDirectory, files: files)
                if remember {
                    try? DirectoryLock.withLock(dataDirectory) {
                        _ = try DamagedFiles(dataDirectory: dataDirectory, files: files).setAside(
                            path, as: fileName, at: Date())
                        if let day { try files.writeAtomically(JSONWriter().write(day.json), to: path) }
                    }
                }
                return (day, false)
            }
            return (kept, false)
        }
        let clock = store.info.demoClock
        guard remember, RawFile.isDirectory(dataDirectory) else { return (clock, true) }
        if let clock {
            if remembered(path, files: files) != clock {
                // Under the data directory's lock, as every writer there (the engine's sweep takes it).
                try? DirectoryLock.withLock(dataDirectory) {
                    // A directory in its place is set aside, as a damaged
                    // file is, and a FIFO (which holds nothing) removed: it
                    // was never replaced, and the next start with the store
                    // away showed today's date.
                    if let info = files.modificationInfo(path), info.isDirectory {
                        _ = try DamagedFiles(dataDirectory: dataDirectory, files: files).setAside(
                            path, as: fileName, at: Date())
                    } else if let info = files.modificationInfo(path), info.isSpecial {
                        try files.remove(path)
                    }
                    try files.writeAtomically(JSONWriter().write(clock.json), to: path)
                }
            }
        } else if files.exists(path) {
            try? DirectoryLock.withLock(dataDirectory) { try files.remove(path) }
        }
        return (clock, true)
    }

    /// The store's day as the local model last saw it: the newest school
    /// sync time in its manifest (on the shown clock), in UK time.
    static func modelDay(_ dataDirectory: String, files: any FileLayer) -> DemoClock? {
        guard let bytes = try? files.read(Paths.join(dataDirectory, "model/manifest.json")),
            let value = try? JSONParser.parse(bytes), case .object(let synced)? = value["syncedAt"]
        else { return nil }
        let newest = synced.compactMap { entry -> Date? in
            if case .string(let text) = entry.1 { return Timestamp.parse(text) }
            return nil
        }.max()
        guard let newest, let zone = SchoolTimeZone(identifier: "Europe/London") else { return nil }
        return DemoClock(date: zone.civilDate(of: newest), timezone: zone.identifier)
    }

    static func remembered(_ path: String, files: any FileLayer) -> DemoClock? {
        guard let bytes = try? files.read(path), let value = try? JSONParser.parse(bytes),
            let r = FieldReader(value, file: fileName, record: nil, problems: ProblemList())
        else { return nil }
        return DemoClock.decode(r)
    }
}
