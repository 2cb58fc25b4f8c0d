import ParentCore

/// A message the parent wrote, on its way to the outbox.
struct OutgoingDraft: Sendable, Hashable {
    var school: String
    /// The school's topic the parent chose (a new message); nil for a reply,
    /// which the school files as "Re: <subject>".
    var topic: String?
    var body: String
    /// The school message this replies to, if a reply.
    var inReplyTo: String?
    /// The children a new message is about.
    var children: [ChildRef]

    init(school: String, topic: String?, body: String, inReplyTo: String? = nil, children: [ChildRef] = []) {
        self.school = school
        self.topic = topic
        self.body = body
        self.inReplyTo = inReplyTo
        self.children = children
    }
}
