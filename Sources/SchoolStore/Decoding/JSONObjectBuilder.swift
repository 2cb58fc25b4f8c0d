import Foundation

/// Builds a JSON object member by member, leaving out absent optionals, so
/// that encoders read like the format documentation.
public struct JSONObjectBuilder {
    public private(set) var members: [(String, JSONValue)] = []

    public init() {}

    public mutating func set(_ key: String, _ value: JSONValue) { members.append((key, value)) }
    public mutating func set(_ key: String, _ value: String) { members.append((key, .string(value))) }
    public mutating func set(_ key: String, _ value: Int) { members.append((key, .number(Double(value)))) }
    public mutating func set(_ key: String, _ value: Bool) { members.append((key, .bool(value))) }
    public mutating func set(_ key: String, _ value: [String]) {
        members.append((key, .array(value.map { .string($0) })))
    }
    public mutating func set(_ key: String, _ value: CivilDate) { members.append((key, .string(value.description))) }
    public mutating func set(_ key: String, _ value: Date, zone: SchoolTimeZone) {
        members.append((key, .string(zone.format(value))))
    }

    public mutating func setIfPresent(_ key: String, _ value: String?) { if let value { set(key, value) } }
    public mutating func setIfPresent(_ key: String, _ value: Int?) { if let value { set(key, value) } }
    public mutating func setIfPresent(_ key: String, _ value: CivilDate?) { if let value { set(key, value) } }
    public mutating func setIfPresent(_ key: String, _ value: Date?, zone: SchoolTimeZone) {
        if let value { set(key, value, zone: zone) }
    }
    /// Writes a flag only when it differs from its default.
    public mutating func setIfTrue(_ key: String, _ value: Bool) { if value { set(key, true) } }

    public var value: JSONValue { .object(members) }
}
