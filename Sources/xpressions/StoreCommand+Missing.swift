import Foundation

extension StoreCommand {
    /// A DIR given where nothing is: a typo, said as one (exit 64, as for a
    /// mistyped `--store`), never "not a valid store" (65, a store to mend).
    static func checkGiven(_ dir: String, command: String) throws(ArgumentCursor.UsageError) {
        var st = stat()
        if lstat(dir, &st) != 0, errno == ENOENT {
            throw .init(
                "store \(command): \(dir): no such directory (give the folder of the school data: the one holding store.json)"
            )
        }
    }
}
