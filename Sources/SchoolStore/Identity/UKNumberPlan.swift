/// The UK (+44) ranges that matter for telling mobiles apart, as plain data.
///
/// The mobile ranges are libphonenumber's current GB metadata for the
/// `mobile` type, expanded alternative by alternative:
///
///     7(?:457[0-57-9]|700[01]|911[028])\d{5}
///     |7(?:[1-3]\d\d|4(?:[0-46-9]\d|5[0-689])|5(?:0[0-8]|[13-9]\d|2[0-35-9])
///        |7(?:0[1-9]|[1-7]\d|8[02-9]|9[0-689])|8(?:[014-9]\d|[23][0-8])
///        |9(?:[024-9]\d|1[02-9]|3[0-689]))\d{6}
///
/// Personal numbers are `70\d{8}` and pagers
/// `76(?:464|652)\d{5}|76(?:0[0-28]|2[356]|34|4[01347]|5[49]|6[0-369]|77|8[14]|9[139])\d{6}`.
/// All apply to the 10-digit national number without the trunk prefix 0.
enum UKNumberPlan {
    /// Every alternative of the GB mobile pattern (national numbers of 10 digits).
    static let mobile: [DigitPattern] = [
        // 7(?:457[0-57-9]|700[01]|911[028])\d{5}
        DigitPattern("7457[0-57-9]", length: 10),
        DigitPattern("7700[01]", length: 10),
        DigitPattern("7911[028]", length: 10),
        // 7(?: ... )\d{6}
        DigitPattern("7[1-3]", length: 10),
        DigitPattern("74[0-46-9]", length: 10),
        DigitPattern("745[0-689]", length: 10),
        DigitPattern("750[0-8]", length: 10),
        DigitPattern("75[13-9]", length: 10),
        DigitPattern("752[0-35-9]", length: 10),
        DigitPattern("770[1-9]", length: 10),
        DigitPattern("77[1-7]", length: 10),
        DigitPattern("778[02-9]", length: 10),
        DigitPattern("779[0-689]", length: 10),
        DigitPattern("78[014-9]", length: 10),
        DigitPattern("78[23][0-8]", length: 10),
        DigitPattern("79[024-9]", length: 10),
        DigitPattern("791[02-9]", length: 10),
        DigitPattern("793[0-689]", length: 10),
    ]

    /// GB personal numbers: `70\d{8}`.
    static let personalNumber: [DigitPattern] = [
        DigitPattern("70", length: 10),
    ]

    /// GB pagers.
    static let pager: [DigitPattern] = [
        DigitPattern("76464", length: 10),
        DigitPattern("76652", length: 10),
        DigitPattern("760[0-28]", length: 10),
        DigitPattern("762[356]", length: 10),
        DigitPattern("7634", length: 10),
        DigitPattern("764[01347]", length: 10),
        DigitPattern("765[49]", length: 10),
        DigitPattern("766[0-369]", length: 10),
        DigitPattern("7677", length: 10),
        DigitPattern("768[14]", length: 10),
        DigitPattern("769[139]", length: 10),
    ]

    /// Classifies a UK national number (digits only, no trunk prefix 0).
    static func classify(nationalNumber: String) -> MobileRange {
        let digits = nationalNumber.utf8
        if mobile.contains(where: { $0.matches(digits) }) { return .mobile }
        if personalNumber.contains(where: { $0.matches(digits) }) { return .personalNumber }
        if pager.contains(where: { $0.matches(digits) }) { return .pager }
        return .notMobile
    }
}
