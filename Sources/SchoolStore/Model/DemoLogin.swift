/// A login the demo store is built to accept, listed by the login screen's
/// hint and the README.
public struct DemoLogin: Sendable, Equatable {
    public var email: String
    public var mobile: String
    public var description: String

    public init(email: String, mobile: String, description: String) {
        self.email = email
        self.mobile = mobile
        self.description = description
    }

    static func decode(_ r: FieldReader) -> DemoLogin? {
        r.rejectUnknownFields(["email", "mobile", "description"])
        guard let email = r.string("email"), let mobile = r.string("mobile"), let description = r.string("description")
        else { return nil }
        return DemoLogin(email: email, mobile: mobile, description: description)
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("email", email)
        o.set("mobile", mobile)
        o.set("description", description)
        return o.value
    }
}
