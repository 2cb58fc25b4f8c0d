/// The type (location) of a phone number in the MIS. Only `mobile` counts
/// as a mobile, whatever the digits: Messenger, Emerge and Xpressions rely on
/// this type for SMS and for registering parents.
public enum PhoneType: String, Sendable, CaseIterable {
    case mobile
    case home
    case work

    public var title: String { rawValue.capitalized }
}
