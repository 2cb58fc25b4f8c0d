/// Why a message or reply could not be queued. Nothing was saved.
public enum ComposeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The school is not one of the parent's (or not synced yet).
    case unknownSchool(String)
    /// The school does not accept messages from parents in Xpressions.
    case incomingDisabled(schoolName: String)
    /// The topic is not one the school offers.
    case unknownTopic(String, offered: [String])
    /// Nothing written.
    case emptyBody
    /// Too long for the school's inbox.
    case bodyTooLong(limit: Int)
    /// A child chosen is not the parent's child at that school.
    case unknownChild(ChildRef)
    /// The message replied to is not in the timeline.
    case unknownMessage(MessageRef)
    /// The outbox could not be saved (disk full, read-only...).
    case notSaved(String)

    /// The longest message body accepted, in characters.
    public static let bodyLimit = 4000

    public var description: String {
        switch self {
        case .unknownSchool(let s): return "\(s) is not one of your schools."
        case .incomingDisabled(let name):
            return "\(name) does not accept messages from parents in Xpressions. Please contact the school another way."
        case .unknownTopic(let t, let offered):
            return
                "Choose one of the school's topics (\(offered.joined(separator: ", "))); \"\(t)\" is not one of them."
        case .emptyBody: return "Write your message first."
        case .bodyTooLong(let limit): return "Your message is too long: at most \(limit) characters."
        case .unknownChild(let c): return "\(c.student) is not one of your children at this school."
        case .unknownMessage(let m): return "The message \(m.id) is no longer in your timeline."
        case .notSaved(let reason):
            return "Your message could not be saved on this device (\(reason)). Nothing was sent."
        }
    }
}

extension ComposeError {
    /// A failure to save what was written, not a refusal of it.
    public var isNotSaved: Bool {
        if case .notSaved = self { return true }
        return false
    }
}
