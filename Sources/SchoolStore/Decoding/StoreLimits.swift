/// Sizes the store refuses before doing any work that grows with them: a
/// hand-edited or hostile file must not make validation, sync or the app
/// slow or huge. Documented in the store format ("Limits").
public enum StoreLimits {
    /// The largest store file read at all (``RawFile/maximumFileSize``).
    public static let fileSize = RawFile.maximumFileSize
    /// `enhancedData`: there are only six kinds.
    public static let enhancedData = EnhancedFeature.allCases.count
    /// `xpressions.topics`: the list a parent picks from.
    public static let topics = 50
    /// `terms`: three a year for twenty years.
    public static let terms = 60
    /// A message's `attachments`: a letter and its forms (200,000 made a
    /// 24 MB model part and a 3 s sync).
    public static let attachments = 50
}
