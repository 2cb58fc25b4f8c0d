/// A school term, with an optional half-term holiday inside it.
public struct Term: Sendable, Equatable {
    public var name: String
    public var start: CivilDate
    public var end: CivilDate
    public var halfTermStart: CivilDate?
    public var halfTermEnd: CivilDate?

    public init(
        name: String, start: CivilDate, end: CivilDate, halfTermStart: CivilDate? = nil, halfTermEnd: CivilDate? = nil
    ) {
        self.name = name
        self.start = start
        self.end = end
        self.halfTermStart = halfTermStart
        self.halfTermEnd = halfTermEnd
    }

    public func contains(_ date: CivilDate) -> Bool { date >= start && date <= end }

    /// A weekday in term and not in the half-term holiday.
    public func isSchoolDay(_ date: CivilDate) -> Bool {
        guard contains(date), !date.isWeekend else { return false }
        if let hs = halfTermStart, let he = halfTermEnd, date >= hs, date <= he { return false }
        return true
    }

    static func decode(_ r: FieldReader) -> Term? {
        r.rejectUnknownFields(["name", "start", "end", "halfTermStart", "halfTermEnd"])
        let name = r.string("name")
        let start = r.date("start")
        let end = r.date("end")
        let hs = r.date("halfTermStart", required: false)
        let he = r.date("halfTermEnd", required: false)
        if let start, let end, end < start { r.report("end", "term ends (\(end)) before it starts (\(start))") }
        if (hs == nil) != (he == nil) {
            r.report(hs == nil ? "halfTermStart" : "halfTermEnd", "missing (half term needs a start and an end)")
        }
        if let hs, let he, let start, let end, !(start <= hs && hs <= he && he <= end) {
            r.report("halfTermStart", "half term \(hs)...\(he) is not inside the term \(start)...\(end)")
        }
        guard let name, let start, let end, end >= start else { return nil }
        return Term(name: name, start: start, end: end, halfTermStart: hs, halfTermEnd: he)
    }

    var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("name", name)
        o.set("start", start)
        o.set("end", end)
        o.setIfPresent("halfTermStart", halfTermStart)
        o.setIfPresent("halfTermEnd", halfTermEnd)
        return o.value
    }
}
