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
        if let current = currentOverlay(of: builtIn, dataDirectory: dataDirectory) { return current }
        let target = "\(dataDirectory)/demo-store"
        let lower = RawFile.realPath(builtIn) ?? builtIn
        let stamp = StoreOverlay.stamp(of: lower)
        try files.makeDirectory(dataDirectory)
        try StoreOverlay.create(at: target, over: lower, stamp: stamp, files: files)
        return target
    }

    /// The data directory's overlay when it is there and over the built-in
    /// store as it is now (the one the app would use as it stands), else
    /// nil. Makes nothing.
    static func currentOverlay(of builtIn: String, dataDirectory: String) -> String? {
        let target = "\(dataDirectory)/demo-store"
        guard let marker = StoreOverlay.marker(of: target) else { return nil }
        let lower = RawFile.realPath(builtIn) ?? builtIn
        return marker.lower == lower && marker.stamp == StoreOverlay.stamp(of: lower) ? target : nil
    }
}
