/// `store.json`'s `demoOffice`, for a demo store only: the school offices
/// that answer by themselves, as a school's staff would from Messenger, so
/// a presenter outside the guided tour sees a report go all the way. Each
/// absence report at a school in ``acknowledgesAbsences`` is acknowledged
/// once it is ``afterSeconds`` old on the store's clock, by the next sync
/// of the parent's app or `xpressions sync`. A real school's data never
/// has it; `store validate` checks that each school named is in the store.
public struct DemoOffice: Sendable, Equatable {
    public var acknowledgesAbsences: [String]
    public var afterSeconds: Int

    public init(acknowledgesAbsences: [String], afterSeconds: Int) {
        self.acknowledgesAbsences = acknowledgesAbsences
        self.afterSeconds = afterSeconds
    }

    public static func decode(_ r: FieldReader) -> DemoOffice? {
        r.rejectUnknownFields(["acknowledgesAbsences", "afterSeconds"])
        let schools = r.stringArray("acknowledgesAbsences", required: true, limit: 1000)
        let after = r.int("afterSeconds", range: 0...86_400)
        guard let schools, let after else { return nil }
        return DemoOffice(acknowledgesAbsences: schools, afterSeconds: after)
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("acknowledgesAbsences", .array(acknowledgesAbsences.map { .string($0) }))
        o.set("afterSeconds", afterSeconds)
        return o.value
    }
}
