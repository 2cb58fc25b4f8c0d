/// One rule of the seeds applied to one contact record, passed or failed,
/// with the explanation support staff read.
public struct RuleCheck: Sendable, Equatable {
    public enum Rule: String, Sendable, CaseIterable {
        /// The record holds the email the parent gave.
        case emailHeld = "email held"
        /// That email is in proper ID@domain.tld form.
        case emailProperForm = "email in ID@domain.tld form"
        /// The record holds the number the parent gave.
        case numberHeld = "number held"
        /// That number's MIS type is Mobile.
        case numberTypedMobile = "number typed Mobile"
        /// That number is in a UK mobile range (country code 44 only).
        case numberInMobileRange = "number in a mobile range"
    }

    public var rule: Rule
    public var passed: Bool
    public var detail: String

    public init(_ rule: Rule, _ passed: Bool, _ detail: String) {
        self.rule = rule
        self.passed = passed
        self.detail = detail
    }
}
