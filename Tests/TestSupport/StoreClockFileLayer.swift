import Foundation
import SchoolStore

#if canImport(Glibc)
    import Glibc
#endif

/// A file layer whose created files carry `now()` as their modification
/// time: the store's own clock (the file system's) under a test's control.
/// The login attempt limit counts on the store's file times when a device's
/// clock is away from them, so a test that moves the security clock moves
/// the store's with it, as time passing would.
public struct StoreClockFileLayer: ForwardingFileLayer {
    public let base: any FileLayer
    let now: @Sendable () -> Date

    public init(_ base: any FileLayer = PosixFileLayer(), now: @escaping @Sendable () -> Date) {
        self.base = base
        self.now = now
    }

    public func createExclusively(_ bytes: [UInt8], at path: String, onStep: (WriteStep) throws -> Void) throws -> Bool
    {
        let made = try base.createExclusively(bytes, at: path, onStep: onStep)
        if made {
            let t = now().timeIntervalSince1970
            let seconds = Int(t.rounded(.down))
            let spec = timespec(tv_sec: seconds, tv_nsec: Int((t - Double(seconds)) * 1e9))
            var times = [spec, spec]
            _ = utimensat(AT_FDCWD, path, &times, 0)
        }
        return made
    }
}
