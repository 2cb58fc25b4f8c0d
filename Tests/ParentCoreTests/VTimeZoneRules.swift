import Foundation

/// Evaluates a VTIMEZONE whose observances recur yearly on the last given
/// weekday of a month (`RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`), as RFC
/// 5545 §3.6.5 defines them: each onset is the DTSTART's local time on the
/// rule's day, read in the offset in force before it (TZOFFSETFROM).
struct VTimeZoneRules {
    struct Observance {
        var from: Int
        var to: Int
        var month: Int
        var weekday: Int  // 1 = Sunday, as Foundation counts
        var seconds: Int  // the local time of day of the onset
    }

    let observances: [Observance]

    init(_ tz: ICalendarReader.Component) throws {
        var found: [Observance] = []
        for o in tz.components where o.name == "DAYLIGHT" || o.name == "STANDARD" {
            guard let from = o.first("TZOFFSETFROM").flatMap({ VTimeZoneRules.offset($0.value) }),
                let to = o.first("TZOFFSETTO").flatMap({ VTimeZoneRules.offset($0.value) }),
                let start = o.first("DTSTART")?.value, start.count == 15,
                let rule = o.first("RRULE")?.value
            else { throw ICalendarReader.Failure("an observance without its fields") }
            var parts: [String: String] = [:]
            for p in rule.split(separator: ";") {
                let kv = p.split(separator: "=", maxSplits: 1)
                parts[String(kv[0])] = String(kv[1])
            }
            let days = ["SU": 1, "MO": 2, "TU": 3, "WE": 4, "TH": 5, "FR": 6, "SA": 7]
            guard parts["FREQ"] == "YEARLY", let month = parts["BYMONTH"].flatMap({ Int($0) }),
                let byDay = parts["BYDAY"], byDay.hasPrefix("-1"),
                let weekday = days[String(byDay.dropFirst(2))]
            else { throw ICalendarReader.Failure("a rule this reader does not know: \(rule)") }
            let time = start.dropFirst(9)
            let seconds = Int(time.prefix(2))! * 3600 + Int(time.dropFirst(2).prefix(2))! * 60 + Int(time.suffix(2))!
            found.append(Observance(from: from, to: to, month: month, weekday: weekday, seconds: seconds))
        }
        guard !found.isEmpty else { throw ICalendarReader.Failure("no observances") }
        observances = found
    }

    /// `+0100` → 3600.
    static func offset(_ text: String) -> Int? {
        guard text.count == 5, let sign = text.first, sign == "+" || sign == "-",
            let h = Int(text.dropFirst().prefix(2)),
            let m = Int(text.suffix(2))
        else { return nil }
        return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
    }

    static var utc: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }

    /// Each observance's onset in `year`, as an instant, with its offsets.
    func onsets(in year: Int) -> [(Date, Int, Int)] {
        observances.map { o in
            let c = VTimeZoneRules.utc
            let firstOfNext = c.date(from: DateComponents(year: year, month: o.month + 1, day: 1))!
            var day = c.date(byAdding: .day, value: -1, to: firstOfNext)!
            while c.component(.weekday, from: day) != o.weekday { day = c.date(byAdding: .day, value: -1, to: day)! }
            return (day.addingTimeInterval(Double(o.seconds - o.from)), o.from, o.to)
        }
    }

    /// The offset in force at an instant: that of the latest onset before it.
    func offset(at instant: Date) -> Int {
        let year = VTimeZoneRules.utc.component(.year, from: instant)
        let all = ((year - 1)...(year + 1)).flatMap(onsets(in:)).filter { $0.0 <= instant }.sorted { $0.0 < $1.0 }
        return all.last!.2
    }

    /// A local time `20260318T180000` as an instant.
    func utc(local: String) -> Date {
        let c = VTimeZoneRules.utc
        let d = c.date(
            from: DateComponents(
                year: Int(local.prefix(4))!, month: Int(local.dropFirst(4).prefix(2))!,
                day: Int(local.dropFirst(6).prefix(2))!, hour: Int(local.dropFirst(9).prefix(2))!,
                minute: Int(local.dropFirst(11).prefix(2))!, second: Int(local.suffix(2))!))!
        for o in observances {
            let candidate = d.addingTimeInterval(Double(-o.to))
            if offset(at: candidate) == o.to { return candidate }
        }
        return d.addingTimeInterval(Double(-observances[0].to))
    }
}
