/// The school's Messenger settings for Xpressions (Account Settings >
/// Xpressions): incoming messages from parents, the topics a parent must pick
/// from, the backup SMS, and the translation warning link.
public struct XpressionsSettings: Sendable, Equatable {
    public var incomingEnabled: Bool
    public var topics: [String]
    /// Send an SMS when an Xpression is not delivered after this many minutes; nil = off.
    public var backupSMSAfterMinutes: Int?
    /// Shown with translated messages when the school ticks "Include translation warning link".
    public var translationWarningLink: String?

    public init(
        incomingEnabled: Bool, topics: [String], backupSMSAfterMinutes: Int? = nil,
        translationWarningLink: String? = nil
    ) {
        self.incomingEnabled = incomingEnabled
        self.topics = topics
        self.backupSMSAfterMinutes = backupSMSAfterMinutes
        self.translationWarningLink = translationWarningLink
    }

    static func decode(_ r: FieldReader) -> XpressionsSettings? {
        r.rejectUnknownFields(["incomingEnabled", "topics", "backupSMSAfterMinutes", "translationWarningLink"])
        let enabled = r.bool("incomingEnabled", default: false)
        let topicsFit = r.withinLimit("topics", StoreLimits.topics, "topics")
        let topics = topicsFit ? (r.stringArray("topics") ?? []) : []
        if enabled && topics.isEmpty && topicsFit {
            r.report("topics", "incoming Xpressions are enabled but no topics are listed (parents must pick one)")
        }
        if Set(topics).count != topics.count { r.report("topics", "a topic is listed twice") }
        let backup = r.int("backupSMSAfterMinutes", required: false, range: 1...1440)
        let link = r.string("translationWarningLink", required: false)
        return XpressionsSettings(
            incomingEnabled: enabled, topics: topics, backupSMSAfterMinutes: backup, translationWarningLink: link)
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("incomingEnabled", incomingEnabled)
        o.set("topics", topics)
        o.setIfPresent("backupSMSAfterMinutes", backupSMSAfterMinutes)
        o.setIfPresent("translationWarningLink", translationWarningLink)
        return o.value
    }
}
