import Dispatch
import Foundation

/// Runs independent jobs on all cores and returns their results in order.
public enum Parallel {
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let box = ResultBox<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            box.set(i, body(i))
        }
        return box.values()
    }

    final class ResultBox<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [T?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: T) { lock.lock(); slots[i] = value; lock.unlock() }
        func values() -> [T] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
    }
}
