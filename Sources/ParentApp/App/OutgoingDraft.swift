/// A message the parent wrote, on its way to the outbox.
public struct OutgoingDraft: Sendable, Hashable {
    public var school: String
    public var topic: String
    public var body: String
    /// The school message this replies to, if a reply.
    public var inReplyTo: String?

    public init(school: String, topic: String, body: String, inReplyTo: String? = nil) {
        self.school = school
        self.topic = topic
        self.body = body
        self.inReplyTo = inReplyTo
    }
}
