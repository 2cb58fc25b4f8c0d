import ParentCore
import TerminalKit

/// A child's photo in color half-block art, or, with no photo or no
/// color, a box with their initials: the interface is built around
/// children's pictures, and a missing one needs a graceful stand-in.
enum ChildPicture {
    static func render(_ child: ChildSummary, snapshot: ModelSnapshot, in area: Rect, _ c: inout Canvas) {
        guard area.width >= 4, area.height >= 2 else { return }
        if c.theme.hasColor, let image = snapshot.image(school: child.school, path: child.photo) {
            let size = HalfBlockImage.fittedSize(for: image, in: area.size)
            let x = area.x + (area.width - size.width) / 2
            HalfBlockImage(image).render(
                in: Rect(x: x, y: area.y, width: size.width, height: size.height), buffer: &c.buffer)
            return
        }
        let inner = Box(borderStyle: c.theme.style(.dim), glyphs: c.theme.glyphs).render(in: area, buffer: &c.buffer)
        let initials = child.initials
        let w = initials.displayWidth
        if !inner.isEmpty {
            c.text(
                initials, x: inner.x + max(0, (inner.width - w) / 2), y: inner.y + max(0, (inner.height - 1) / 2),
                role: .accent, width: inner.width)
        }
    }
}
