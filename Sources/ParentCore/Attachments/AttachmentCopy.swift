/// A copy of an attachment the app wrote (0600), under a name of its own.
public struct AttachmentCopy: Sendable, Equatable {
    /// The absolute path written.
    public var path: String
    /// The name it was written under (``SafeFileName``, numbered when taken).
    public var fileName: String
    /// The attachment's name in the store.
    public var originalName: String
    /// Its media type, as the message gives it.
    public var mediaType: String
}
