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
}
