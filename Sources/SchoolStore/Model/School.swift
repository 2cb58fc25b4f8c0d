import Foundation

/// `schools/<id>/school.json`: the school's details as set in the MIS
/// (SIMS > Focus > School > School Details) and Messenger, its service level
/// and settings.
public struct School: Sendable, Equatable {
    public var id: String
    public var name: String
    public var establishmentNumber: String
    public var serviceLevel: ServiceLevel
    public var mis: String
    /// International dialling code used to normalise phone numbers (UK: 44).
    public var countryCode: Int
    public var timezone: String
    /// A PPM image file, relative to the school's directory.
    public var logo: String?
    public var headteacher: String
    public var address: String
    public var phone: String
    public var email: String
    /// The website from the MIS.
    public var website: String
    /// The website set in the management console; it beats the MIS value.
    public var websiteOverride: String?
    public var leaverPersistenceMonths: Int
    /// Show registration groups after names: "Ben Abbot (9A)".
    public var showRegistrationGroup: Bool
    /// The Enhanced data this school's MIS supplies.
    public var enhancedData: [EnhancedFeature]
    public var xpressions: XpressionsSettings
    public var terms: [Term]

    public init(
        id: String, name: String, establishmentNumber: String, serviceLevel: ServiceLevel, mis: String,
        countryCode: Int = 44, timezone: String = "Europe/London", logo: String? = nil,
        headteacher: String, address: String, phone: String, email: String, website: String,
        websiteOverride: String? = nil, leaverPersistenceMonths: Int = 3, showRegistrationGroup: Bool = true,
        enhancedData: [EnhancedFeature] = EnhancedFeature.allCases, xpressions: XpressionsSettings, terms: [Term]
    ) {
        self.id = id
        self.name = name
        self.establishmentNumber = establishmentNumber
        self.serviceLevel = serviceLevel
        self.mis = mis
        self.countryCode = countryCode
        self.timezone = timezone
        self.logo = logo
        self.headteacher = headteacher
        self.address = address
        self.phone = phone
        self.email = email
        self.website = website
        self.websiteOverride = websiteOverride
        self.leaverPersistenceMonths = leaverPersistenceMonths
        self.showRegistrationGroup = showRegistrationGroup
        self.enhancedData = enhancedData
        self.xpressions = xpressions
        self.terms = terms
    }

    /// What parents see: the management console's website beats the MIS's.
    public var effectiveWebsite: String { websiteOverride ?? website }

    /// The Enhanced features parents of this school get (none on Core).
    public var availableFeatures: [EnhancedFeature] { serviceLevel == .enhanced ? enhancedData : [] }

    public func offers(_ feature: EnhancedFeature) -> Bool { availableFeatures.contains(feature) }

    /// Whether parents can write to the school (messages, replies, absence
    /// reports): its Messenger setting "Enable Incoming Xpressions", on
    /// Enhanced. A Core school's tick does nothing (validate warns): a parent
    /// is told to phone it instead.
    public var acceptsIncoming: Bool { xpressions.incomingEnabled && serviceLevel == .enhanced }

    public var zone: SchoolTimeZone { SchoolTimeZone(identifier: timezone) ?? .utc }

    public func term(containing date: CivilDate) -> Term? { terms.first { $0.contains(date) } }

    public func isSchoolDay(_ date: CivilDate) -> Bool { terms.contains { $0.isSchoolDay(date) } }

    /// Why `date` is a holiday by the school's terms ("half term of Spring
    /// 2026", "a holiday outside the school's terms"), or nil: a term day,
    /// or no terms to tell by. `store validate` warns about marks on one.
    public func holiday(on date: CivilDate) -> String? {
        terms.isEmpty ? nil : AttendanceCheck.holiday(date, terms: terms)
    }

    static let fields: Set<String> = [
        "id", "name", "establishmentNumber", "serviceLevel", "mis", "countryCode", "timezone", "logo", "headteacher",
        "address", "phone", "email", "website", "websiteOverride", "leaverPersistenceMonths", "showRegistrationGroup",
        "enhancedData", "xpressions", "terms",
    ]

    public static func decode(_ r: FieldReader) -> School? {
        // None of a school's fields (`{}`, a file emptied by hand): one
        // problem for the file, not one "missing" line per field (13 lines).
        guard r.members.contains(where: { fields.contains($0.0) }) else {
            r.report(nil, "holds none of a school's fields (id, name, serviceLevel, …): the file looks emptied")
            return nil
        }
        r.rejectUnknownFields(fields)
        let id = r.string("id")
        let name = r.line("name", maxLength: 200)
        let est = r.string("establishmentNumber")
        let level = r.choice("serviceLevel", ServiceLevel.init(rawValue:), expected: "service level (Core or Enhanced)")
        let mis = r.string("mis")
        let cc = r.int("countryCode", range: 1...999)
        let tz = r.string("timezone")
        if let tz, SchoolTimeZone(identifier: tz) == nil {
            r.report("timezone", "unknown time zone \(Quote.value(tz))")
        }
        let logo = r.string("logo", required: false)
        // One line each, of a length a screen can show: a phone of five
        // million characters after an escape passed as valid (an audit).
        let head = r.line("headteacher", maxLength: 200)
        let address = r.line("address", maxLength: 500)
        let phone = r.line("phone", maxLength: 100)
        let email = r.line("email", maxLength: 320)
        let website = r.line("website", maxLength: 2000)
        let override = r.string("websiteOverride", required: false)
        if let override, override.count > 2000 || override.unicodeScalars.contains(where: Quote.needsEscape) {
            r.report("websiteOverride", "must be one line without control characters, of at most 2000 characters")
        }
        let leavers = r.int("leaverPersistenceMonths", required: false, range: 0...120) ?? 3
        let showReg = r.bool("showRegistrationGroup", default: true)
        var features: [EnhancedFeature] = EnhancedFeature.allCases
        if !r.withinLimit("enhancedData", StoreLimits.enhancedData, "kinds of Enhanced data") {
            features = []
        } else if let list = r.array("enhancedData"), r.raw("enhancedData") != nil {
            features = []
            for (path, value) in list {
                guard case .string(let s) = value, let f = EnhancedFeature(rawValue: s) else {
                    let shown: String
                    if case .string(let s) = value { shown = Quote.value(s) } else { shown = value.kindName }
                    r.problems.add(
                        file: r.file, record: r.record, field: path,
                        "unknown Enhanced data kind \(shown) (expected one of \(EnhancedFeature.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                    continue
                }
                if features.contains(f) {
                    r.problems.add(file: r.file, record: r.record, field: path, "\(f.rawValue) is listed twice")
                    continue
                }
                features.append(f)
            }
        }
        let settings = r.object("xpressions", required: true).flatMap(XpressionsSettings.decode)
        let terms =
            r.withinLimit("terms", StoreLimits.terms, "terms") ? (r.objects("terms") ?? []).compactMap(Term.decode) : []
        for i in terms.indices.dropFirst() where terms[i].start <= terms[i - 1].end {
            r.report("terms[\(i)]", "overlaps or precedes the term before it")
        }
        guard let id, let name, let est, let level, let mis, let cc, let tz, SchoolTimeZone(identifier: tz) != nil,
            let head, let address, let phone, let email, let website, let settings
        else { return nil }
        return School(
            id: id, name: name, establishmentNumber: est, serviceLevel: level, mis: mis, countryCode: cc, timezone: tz,
            logo: logo, headteacher: head, address: address, phone: phone, email: email, website: website,
            websiteOverride: override, leaverPersistenceMonths: leavers, showRegistrationGroup: showReg,
            enhancedData: features.sorted(), xpressions: settings, terms: terms)
    }

    public var json: JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", id)
        o.set("name", name)
        o.set("establishmentNumber", establishmentNumber)
        o.set("serviceLevel", serviceLevel.rawValue)
        o.set("mis", mis)
        o.set("countryCode", countryCode)
        o.set("timezone", timezone)
        o.setIfPresent("logo", logo)
        o.set("headteacher", headteacher)
        o.set("address", address)
        o.set("phone", phone)
        o.set("email", email)
        o.set("website", website)
        o.setIfPresent("websiteOverride", websiteOverride)
        o.set("leaverPersistenceMonths", leaverPersistenceMonths)
        o.set("showRegistrationGroup", showRegistrationGroup)
        o.set("enhancedData", enhancedData.map(\.rawValue))
        o.set("xpressions", xpressions.json)
        o.set("terms", .array(terms.map(\.json)))
        return o.value
    }
}
