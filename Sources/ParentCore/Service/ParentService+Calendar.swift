import Foundation
import SchoolStore

extension ParentService {
    /// Writes the school calendar of `child` (as `xpressions export calendar
    /// --child` writes it: the same iCalendar text) into `directory` as a new
    /// file (0600, never over an existing one: "… (2).ics" when the name is
    /// taken), and returns its path. Reads only the model the app holds.
    public func saveCalendar(child: ChildRef, into directory: String, now: Date) throws(AttachmentError) -> String {
        guard let model = snapshot, let summary = model.child(child), let school = model.school(summary.school) else {
            throw .cannotWrite(
                name: "the calendar",
                directory: DownloadDirectory.display(directory, environment: ProcessEnvironment.current()),
                reason: "that child is no longer on this device")
        }
        let text = CalendarExport.ics(model: model, child: child, now: now)
        let name = CalendarExport.fileName(child: summary, on: school.zone.civilDate(of: now))
        return "\(directory)/\(try createNumbered(Array(text.utf8), named: name, in: directory, saying: name))"
    }
}
