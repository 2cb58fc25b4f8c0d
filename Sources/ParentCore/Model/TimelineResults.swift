/// The messages a timeline query found, newest first. Rows are built when
/// they are read, so a screen that shows 30 of 8,000 matches pays for 30.
public struct TimelineResults: RandomAccessCollection, Sendable {
    let model: ParentModel
    let positions: [Int]

    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }

    public subscript(i: Int) -> TimelineEntry { model.entry(at: positions[i]) }

    /// The reference of row `i`.
    public func ref(at i: Int) -> MessageRef { model.index.messages[positions[i]].ref }

    /// The row showing `ref`, if any.
    public func firstIndex(of ref: MessageRef) -> Int? {
        positions.firstIndex { model.index.messages[$0].ref == ref }
    }

    /// The references of all the rows.
    public var refs: [MessageRef] { positions.map { model.index.messages[$0].ref } }

    /// The references of the unread rows.
    public var unreadRefs: [MessageRef] {
        positions.filter { !model.readFlags[$0] }.map { model.index.messages[$0].ref }
    }
}
