import Foundation
import SchoolStore

/// The device's copies of the children's photos and the schools' logos
/// (`<data>/pictures`), kept so they show with the store away: one file per
/// picture, named by a digest of "<school>/<path>", and only the model's.
enum PictureCopies {
    /// The copy's file name for the picture at `path` of `school`.
    static func fileName(school: String, path: String) -> String {
        String(SHA256.hexDigest("\(school)/\(path)").prefix(32)) + ".ppm"
    }

    /// Removes the copies of pictures `model` no longer has (a child
    /// withdrawn, a school whose records stopped holding the parent's
    /// details), whichever process synced: `xpressions sync` on a timer left
    /// a removed child's photo on the device until the app next opened. An
    /// empty model (before the first sync) says nothing about them.
    static func sweep(_ directory: String, keeping model: ParentModel, files: any FileLayer) {
        guard !model.schools.isEmpty, let names = try? files.list(directory) else { return }
        let wanted = Set(
            model.schools.compactMap { s in s.logo.map { fileName(school: s.id, path: $0) } }
                + model.children.compactMap { c in c.photo.map { fileName(school: c.school, path: $0) } })
        for name in names where name.hasSuffix(".ppm") && !wanted.contains(name) {
            try? files.remove(Paths.join(directory, name))
        }
        // A killed writer's temporary files (never renamed into place), under
        // the data directory's lock as every sweep of it: they stayed for
        // ever (only pictures were swept). One being written by another
        // process meanwhile only misses this copy; the next load makes it.
        _ = try? DirectoryLock.withLockIfPresent(Paths.parent(of: directory)) {
            try files.sweepTemporaryFiles(in: directory)
        }
    }
}
