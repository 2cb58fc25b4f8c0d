import Foundation

/// Generates a school and its people with realistic proportions: families
/// of one to three children (siblings share one contact record per parent),
/// two parents for most families, the odd grandparent without parental
/// responsibility, mobiles typed mobile (with the occasional MIS mistake),
/// mostly well-formed emails.
struct RosterGenerator {
    let index: Int
    let options: GeneratorOptions
    var rng: SplitMix64

    init(index: Int, options: GeneratorOptions) {
        self.index = index
        self.options = options
        rng = SplitMix64(seed: options.seed, stream: UInt64(index) &+ 1)
    }

    mutating func makeSchool() -> School {
        let place = NameBank.places[(index + Int(options.seed % 97)) % NameBank.places.count]
        let secondary = options.studentsPerSchool >= 600 || rng.chance(0.6)
        let suffix =
            secondary
            ? rng.pick(["Academy", "High School", "School", "Community College"])
            : rng.pick(["Primary School", "Primary Academy", "Infant and Junior School"])
        let number = index + 1
        let name = number > NameBank.places.count ? "\(place) \(suffix) \(number)" : "\(place) \(suffix)"
        let id = String(format: "school-%04d", number)
        let town = rng.pick(NameBank.towns)
        let slug = place.lowercased().filter { $0.isLetter } + "\(number)"
        let enhanced = rng.chance(0.7)
        var features = EnhancedFeature.allCases
        let mis = rng.pick(["SIMS", "SIMS", "Arbor", "Bromcom", "ScholarPack"])
        if mis == "ScholarPack" { features.removeAll { $0 == .assessments } }
        let headSurname = rng.pick(NameBank.surnames)
        let terms =
            options.academicYears.isEmpty
            ? TermCalendar.terms(for: options.currentYear)
            : options.academicYears.flatMap(TermCalendar.terms(for:))
        return School(
            id: id, name: name, establishmentNumber: "\(rng.between(201...938))/\(rng.between(2000...4999))",
            serviceLevel: enhanced ? .enhanced : .core, mis: mis, countryCode: 44, timezone: "Europe/London",
            logo: "logo.ppm",
            headteacher:
                "\(rng.pick(NameBank.staffTitles)) \(rng.pick(NameBank.adultWomen + NameBank.adultMen)) \(headSurname)",
            address: "\(rng.between(1...250)) \(rng.pick(NameBank.streets)), \(town), \(postcode())",
            phone: "01632 \(rng.between(960000...960999))", email: "office@\(slug).example.sch.uk",
            website: "https://\(slug).example.sch.uk",
            websiteOverride: rng.chance(0.3) ? "https://\(slug).example.sch.uk/parents" : nil,
            leaverPersistenceMonths: 3, showRegistrationGroup: true, enhancedData: features,
            xpressions: XpressionsSettings(
                // (Drawn for every school, so the rest of a seed's store stays as it was.)
                incomingEnabled: rng.chance(0.8) && enhanced,
                topics: ["Absence", "General enquiry", "Homework", "Uniform", "Trips and payments"],
                backupSMSAfterMinutes: rng.chance(0.5) ? 30 : nil,
                translationWarningLink: "https://\(slug).example.sch.uk/translation"),
            terms: terms)
    }

    mutating func postcode() -> String {
        let letters = Array("ABCDEFGHJKLMNPRSTUWXY")
        return
            "\(letters[rng.below(letters.count)])\(letters[rng.below(letters.count)])\(rng.between(1...19)) \(rng.between(1...9))\(letters[rng.below(letters.count)])\(letters[rng.below(letters.count)])"
    }

    /// UK mobile numbers in the 071 range (a libphonenumber mobile range),
    /// unique across the whole store: school index and contact number.
    func mobile(_ contactNumber: Int) -> String {
        let n = index * 100_000 + contactNumber
        let digits = String(format: "%08d", n)
        return "071\(digits.prefix(2)) \(digits.dropFirst(2))"
    }

    mutating func makeRoster(studentCount: Int, school given: School? = nil, yearGroups givenYears: [Int]? = nil)
        -> Roster
    {
        let school = given ?? makeSchool()
        let secondary = !school.name.contains("Primary") && !school.name.contains("Infant")
        let yearGroups = givenYears ?? (secondary ? Array(7...11) : Array(0...6))
        let perYear = max(1, Int((Double(studentCount) / Double(yearGroups.count)).rounded(.up)))
        let groupsPerYear = max(1, Int((Double(perYear) / 30).rounded(.up)))
        // Every student place: (year, group), shuffled so families spread across years.
        var places: [(Int, String)] = []
        for y in yearGroups {
            for i in 0..<perYear where places.count < studentCount {
                places.append((y, "\(Roster.yearLabel(y))\(RosterGenerator.groupLetter(i % groupsPerYear))"))
            }
        }
        for i in stride(from: places.count - 1, to: 0, by: -1) { places.swapAt(i, rng.below(i + 1)) }

        var students: [Student] = []
        var contacts: [Contact] = []
        var next = 0
        var contactNumber = 0
        let current = options.currentYear
        while next < places.count {
            let size = min(places.count - next, rng.weighted([(1, 55), (2, 35), (3, 10)]))
            let family = Array(places[next..<(next + size)])
            next += size
            let cjk = rng.chance(0.02) ? rng.pick(NameBank.cjkFamilies) : nil
            let surname = cjk?.surname ?? rng.pick(NameBank.surnames)
            var childIDs: [String] = []
            for (year, group) in family {
                let id = String(format: "S%06d", students.count + 1)
                let girl = rng.chance(0.5)
                let forename =
                    cjk.map { girl ? $0.girl : $0.boy } ?? (girl ? rng.pick(NameBank.girls) : rng.pick(NameBank.boys))
                var enrolments: [Enrolment] = []
                for ay in options.academicYears.isEmpty ? [current] : options.academicYears {
                    let yearThen = year - (current.startYear - ay.startYear)
                    guard yearGroups.contains(yearThen) else { continue }
                    let groupThen = "\(Roster.yearLabel(yearThen))\(group.dropFirst(Roster.yearLabel(year).count))"
                    enrolments.append(Enrolment(academicYear: ay, year: yearThen, registrationGroup: groupThen))
                }
                students.append(
                    Student(
                        id: id, forename: forename, surname: surname, enrolments: enrolments,
                        photo: rng.chance(0.9) && options.photos ? "photos/\(id).ppm" : nil,
                        guest: rng.chance(0.003), preAdmission: false))
                childIDs.append(id)
            }
            // Parents: a mother for nearly every family, a father for most; some separated with another surname.
            let twoParents = rng.chance(0.8)
            var parents: [(title: String, forename: String, surname: String, relationship: String)] = []
            let motherSurname = twoParents && rng.chance(0.15) ? rng.pick(NameBank.surnames) : surname
            if rng.chance(0.93) || !twoParents {
                parents.append(("Mrs", cjk?.mother ?? rng.pick(NameBank.adultWomen), motherSurname, "Mother"))
            }
            if twoParents || parents.isEmpty {
                parents.append(("Mr", cjk?.father ?? rng.pick(NameBank.adultMen), surname, "Father"))
            }
            for (priority, parent) in parents.enumerated() {
                contactNumber += 1
                contacts.append(
                    makeContact(
                        number: contactNumber, title: parent.title, forename: parent.forename, surname: parent.surname,
                        children: childIDs, relationship: parent.relationship, priority: priority + 1,
                        responsibility: true))
            }
            if rng.chance(0.08) {
                contactNumber += 1
                contacts.append(
                    makeContact(
                        number: contactNumber, title: "Mrs", forename: rng.pick(NameBank.adultWomen), surname: surname,
                        children: childIDs, relationship: "Grandparent", priority: parents.count + 1,
                        responsibility: false))
            }
        }
        return Roster(school: school, yearGroups: yearGroups, students: students, contacts: contacts)
    }

    static func groupLetter(_ i: Int) -> String {
        let letters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
        return i < letters.count ? String(letters[i]) : "\(letters[i / letters.count - 1])\(letters[i % letters.count])"
    }

    mutating func makeContact(
        number: Int, title: String, forename: String, surname: String, children: [String],
        relationship: String, priority: Int, responsibility: Bool
    ) -> Contact {
        var phones: [ContactPhone] = []
        let mobileType: PhoneType? = rng.weighted([(.mobile, 95), (.home, 2), (nil, 3)])
        if let mobileType { phones.append(ContactPhone(number: mobile(number), type: mobileType)) }
        if rng.chance(0.35) {
            phones.append(ContactPhone(number: "01632 \(rng.between(960000...960999))", type: .home))
        }
        if rng.chance(0.25) { phones.append(ContactPhone(number: "020 7946 \(rng.between(1000...1999))", type: .work)) }
        var emails: [String] = []
        let ascii = RosterGenerator.asciiName(forename) + "." + RosterGenerator.asciiName(surname)
        let local = ascii == "." ? "parent" : ascii
        let domain = rng.pick(["example.com", "example.org", "example.net"])
        switch rng.weighted([(0, 92), (1, 2), (2, 6)]) {
        case 0: emails.append("\(local)\(index * 100_000 + number)@\(domain)")
        case 1: emails.append("\(local)\(index * 100_000 + number)@\(domain.split(separator: ".")[0])")
        default: break
        }
        let links = children.map {
            StudentLink(
                student: $0, relationship: relationship, priority: priority, parentalResponsibility: responsibility,
                correspondence: true)
        }
        return Contact(
            id: String(format: "C%06d", number), title: title, forename: forename, surname: surname,
            phones: phones, emails: emails, students: links)
    }

    /// "O'Brien" → "obrien", "Zoë" → "zoe", CJK → "".
    static func asciiName(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .replacingOccurrences(of: "ł", with: "l")
            .unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }.map { String($0) }.joined()
    }
}
