import Testing

@testable import SchoolStore

@Suite struct EmailAddressTests {
    @Test(arguments: [
        "jbloggs@gmail.com", "jbloggs@school.sch.uk", "J.Bloggs+school@Example.CO.UK", "a@b.cd",
        "o'neill@example.com", "first_last-1@mail-server.example.org", "  jbloggs@gmail.com\t",
        "x!#$%&'*/=?^`{|}~@example.com", "user@123.example.com",
    ])
    func properAddressesAreValid(_ text: String) throws {
        #expect(EmailAddress.isValid(text))
        #expect(EmailAddress.problem(text) == nil)
        let address = try #require(EmailAddress(text))
        #expect(address.normalised == EmailAddress.normalise(text))
    }

    @Test(arguments: [
        ("", "is empty"),
        ("   ", "is empty"),
        ("jbloggs", "has no @"),
        ("jbloggs.gmail.com", "has no @"),
        ("jbloggs@", "has no domain after the @"),
        ("@gmail.com", "has nothing before the @"),
        ("j@bloggs@gmail.com", "has more than one @"),
        ("jbloggs@gmail", "has no top-level domain (.tld) after the domain"),
        ("jbloggs@localhost", "has no top-level domain (.tld) after the domain"),
        ("j bloggs@gmail.com", "contains spaces"),
        ("Joe Bloggs <jbloggs@gmail.com>", "contains spaces"),
        ("jbloggs@gmail.c", "has a top-level domain (c) that is not two or more letters"),
        ("jbloggs@gmail.c0m", "has a top-level domain (c0m) that is not two or more letters"),
        ("jbloggs@192.168.0.1", "has a top-level domain (1) that is not two or more letters"),
        ("jbloggs@gmail..com", "has an empty part in the domain (two dots in a row, or a dot at an end)"),
        ("jbloggs@.gmail.com", "has an empty part in the domain (two dots in a row, or a dot at an end)"),
        ("jbloggs@gmail.com.", "has an empty part in the domain (two dots in a row, or a dot at an end)"),
        ("jbloggs@-gmail.com", "has a domain part that starts or ends with a hyphen"),
        ("jbloggs@gmail-.com", "has a domain part that starts or ends with a hyphen"),
        ("jbloggs@gm_ail.com", "contains \"_\" in the domain, which is not allowed"),
        ("j..bloggs@gmail.com", "has two dots in a row"),
        (".jbloggs@gmail.com", "starts or ends the part before the @ with a dot"),
        ("jbloggs.@gmail.com", "starts or ends the part before the @ with a dot"),
        ("\"jbloggs\"@gmail.com", "contains \"\"\" before the @, which is not allowed"),
        ("j(bloggs)@gmail.com", "contains \"(\" before the @, which is not allowed"),
        ("mailto:jbloggs@gmail.com", "contains \":\" before the @, which is not allowed"),
        ("jbløggs@gmail.com", "contains characters other than plain letters, digits and punctuation"),
        ("jbloggs@gmail.com\u{200B}", "contains characters other than plain letters, digits and punctuation"),
    ])
    func improperAddressesSayWhy(_ text: String, _ reason: String) {
        #expect(!EmailAddress.isValid(text))
        #expect(EmailAddress(text) == nil)
        #expect(EmailAddress.problem(text) == reason)
    }

    @Test func lengthLimits() {
        let local64 = String(repeating: "a", count: 64)
        #expect(EmailAddress.isValid("\(local64)@example.com"))
        #expect(EmailAddress.problem("\(local64)a@example.com") == "has more than 64 characters before the @")
        let label63 = String(repeating: "b", count: 63)
        #expect(EmailAddress.isValid("a@\(label63).com"))
        #expect(EmailAddress.problem("a@\(label63)b.com") == "has a domain part longer than 63 characters")
        let long = "a@" + Array(repeating: label63, count: 4).joined(separator: ".") + ".com"
        #expect(EmailAddress.problem(long) == "is longer than 254 characters")
    }

    @Test func normalisationTrimsAndLowercasesForComparison() {
        #expect(EmailAddress.normalise("  J.Bloggs@School.SCH.UK \n") == "j.bloggs@school.sch.uk")
        #expect(EmailAddress("JBloggs@Gmail.com") == EmailAddress(" jbloggs@gmail.com "))
        #expect(EmailAddress("JBloggs@Gmail.com")?.description == "jbloggs@gmail.com")
    }
}
