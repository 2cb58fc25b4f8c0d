import TerminalKit

/// A list's selection and scroll offset, kept in its screen's state (as
/// ratatui's `ListState` keeps both), with what every list screen does with
/// them: the moves, which moves would go anywhere (the footer offers only
/// those), the first row shown, and the row under a click.
struct ListCursor: Sendable, Equatable {
    var selected = 0
    /// The first row shown, kept so moving back up does not jump.
    var offset = 0

    /// Applies a move command (up, down, a page, top, bottom); false when
    /// `command` is not a move.
    mutating func move(_ command: Command, count: Int, page: Int) -> Bool {
        guard count > 0 else {
            selected = 0
            return command == .up || command == .down
        }
        switch command {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(count - 1, selected + 1)
        case .pageUp: selected = max(0, selected - page)
        case .pageDown: selected = min(count - 1, selected + page)
        case .top: selected = 0
        case .bottom: selected = count - 1
        default: return false
        }
        return true
    }

    /// Whether a move command would move the selection; nil for a command
    /// that is not a move.
    func allows(_ command: Command, count: Int) -> Bool? {
        switch command {
        case .up, .pageUp, .top: return selected > 0
        case .down, .pageDown, .bottom: return selected + 1 < count
        default: return nil
        }
    }

    /// The selected index within `count` items; nil when there are none.
    func index(count: Int) -> Int? { count == 0 ? nil : min(selected, count - 1) }

    /// The first item shown in `rows` rows: the kept offset, moved only as
    /// far as the selection needs to be seen.
    func firstShown(count: Int, rows: Int) -> Int {
        ListView.scrollOffset(selected: index(count: count), offset: offset, visibleRows: rows, count: count)
    }

    /// After any change (the screen's `settle`): the selection within the
    /// items, and the offset that shows it.
    mutating func settle(count: Int, rows: Int) {
        selected = min(selected, max(0, count - 1))
        offset = firstShown(count: count, rows: rows)
    }

    /// The item drawn on `row` (counted from the list's first row), if any.
    func item(atRow row: Int, count: Int, rows: Int) -> Int? {
        guard row >= 0, row < rows else { return nil }
        let i = firstShown(count: count, rows: rows) + row
        return i < count ? i : nil
    }
}
