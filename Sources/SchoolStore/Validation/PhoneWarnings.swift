/// `store validate` warnings about a contact's numbers: legal data that
/// stops a parent logging in. A number that cannot be read as a phone number
/// (`07400 500001 (mum)`, `07400/500004`) never matches what a parent types;
/// a number typed Mobile in the +44 plan (UK, Jersey, Guernsey, Isle of Man)
/// outside every mobile range (a landline, 070, 076, Ofcom's drama range),
/// or a global service number of no country (+800, +808, +878, +888,
/// +979), cannot receive the texts and cannot log in: the login's own rule
/// (``MobileRange``).
enum PhoneWarnings {
    static func check(_ contact: Contact, countryCode: Int, file: String) -> [StoreProblem] {
        check(id: contact.id, phones: contact.phones, countryCode: countryCode, file: file)
    }

    static func check(id: String, phones: [ContactPhone], countryCode: Int, file: String) -> [StoreProblem] {
        var out: [StoreProblem] = []
        for (j, phone) in phones.enumerated() {
            let field = "phones[\(j)].number"
            guard let number = PhoneNumber(phone.number, defaultCountryCode: countryCode) else {
                out.append(
                    StoreProblem(
                        file: file, record: "contact \(id)", field: field,
                        message:
                            "\(Quote.value(phone.number)) can't be read as a phone number, so it never matches the number a parent types"
                    ))
                continue
            }
            guard phone.type == .mobile else { continue }
            // Another country's range is unchecked (no data): accepted as typed.
            let range = number.ukMobileRangeCheck()
            if !range.isMobile, range != .noMetadata {
                out.append(
                    StoreProblem(
                        file: file, record: "contact \(id)", field: field,
                        message:
                            "typed Mobile, but \(Quote.value(phone.number)) is not a mobile, so a parent cannot log in with it. \(range.explanation)"
                    ))
            }
        }
        return out
    }
}
