import Foundation
import ParentCore
import SchoolStore

/// The app writes into its store (registrations, messages to school, read
/// receipts), so the built-in demo store is used through an overlay in the
/// data directory (see ``StoreOverlay``): the built-in files are read in
/// place, and only what is written lands in `<data>/demo-store`. A first
/// run copies nothing. The overlay is made again, empty, when the built-in
/// store changes (files added, removed or resized) or moves. The
/// checkout's `Assets/demo-store` is never written.
enum DemoStoreSeeder {
    static func overlay(of builtIn: String, dataDirectory: String, files: any FileLayer) throws -> String {
        let target = "\(dataDirectory)/demo-store"
        let lower = RawFile.realPath(builtIn) ?? builtIn
        let stamp = StoreOverlay.stamp(of: lower)
        if let marker = StoreOverlay.marker(of: target), marker.lower == lower, marker.stamp == stamp { return target }
        try files.makeDirectory(dataDirectory)
        try StoreOverlay.create(at: target, over: lower, stamp: stamp, files: files)
        return target
    }
}
