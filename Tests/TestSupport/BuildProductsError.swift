/// A built product that could not be found.
public struct BuildProductsError: Error, CustomStringConvertible {
    /// The executable looked for.
    public var name: String
    /// The directories searched.
    public var searched: [String]

    public var description: String {
        "no built executable \"\(name)\" in: \(searched.joined(separator: ", ")) (run swift build, or set \(BuildProducts.directoryVariable))"
    }
}
