/// A phone number of a contact with its MIS type.
public struct ContactPhone: Sendable, Equatable {
    public var number: String
    public var type: PhoneType

    public init(number: String, type: PhoneType) {
        self.number = number
        self.type = type
    }

    static func decode(_ r: FieldReader) -> ContactPhone? {
        r.rejectUnknownFields(["number", "type"])
        let number = r.string("number")
        let type = r.choice("type", PhoneType.init(rawValue:), expected: "phone type")
        guard let number, let type else { return nil }
        return ContactPhone(number: number, type: type)
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("number", number)
        o.set("type", type.rawValue)
        return o.value
    }
}
