import Foundation
import SchoolStore

extension ParentService {
    /// Writes the school calendar of `child` (as `xpressions export calendar
    /// --child` writes it: the same iCalendar text) into `directory` as a new
    /// file (0600, never over an existing one: "… (2).ics" when the name is
    /// taken), and returns its path. Reads only the model the app holds.
    public func saveCalendar(child: ChildRef, into directory: String, now: Date) throws(AttachmentError) -> String {
        let shown = DownloadDirectory.display(directory, environment: ProcessInfo.processInfo.environment)
        guard let model = snapshot, let summary = model.child(child), let school = model.school(summary.school) else {
            throw .cannotWrite(name: "the calendar", directory: shown, reason: "that child is no longer on this device")
        }
        let text = CalendarExport.ics(model: model, child: child, now: now)
        let name = CalendarExport.fileName(child: summary, on: school.zone.civilDate(of: now))
        do {
            for n in 1...1_000 {
                let numbered = SafeFileName.numbered(name, n)
                if try account.files.createExclusively(Array(text.utf8), at: "\(directory)/\(numbered)") {
                    return "\(directory)/\(numbered)"
                }
            }
        } catch let error as FileLayerError {
            throw .cannotWrite(name: name, directory: shown, reason: error.reason)
        } catch {
            throw .cannotWrite(name: name, directory: shown, reason: "\(error)")
        }
        throw .cannotWrite(name: name, directory: shown, reason: "a thousand files of that name are there already")
    }
}
