/// A message the parent wrote, on its way to the outbox.
struct OutgoingDraft: Sendable, Hashable {
    var school: String
    var topic: String
    var body: String
    /// The school message this replies to, if a reply.
    var inReplyTo: String?

    init(school: String, topic: String, body: String, inReplyTo: String? = nil) {
        self.school = school
        self.topic = topic
        self.body = body
        self.inReplyTo = inReplyTo
    }
}
