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
    /// The outbox item this one replaces (a refused or kept message the
    /// parent edited): discarded once this one is queued, never before.
    var replaces: String?
    /// Why it is kept, when it is kept rather than queued.
    var why: KeptWhy

    init(
        school: String, topic: String?, body: String, inReplyTo: String? = nil, children: [ChildRef] = [],
        replaces: String? = nil, why: KeptWhy = .appClosed
    ) {
        self.school = school
        self.topic = topic
        self.body = body
        self.inReplyTo = inReplyTo
        self.children = children
        self.replaces = replaces
        self.why = why
    }
}
