/// The +44 ranges that matter for telling mobiles apart, as plain data.
///
/// Source: libphonenumber's metadata **v9.0.43** (`PhoneNumberMetadata.xml`,
/// as shipped in the `phonenumbers` 9.0.43 package), regions GB, JE, GG and
/// IM, which share country code 44. Tests compile each pattern below as a
/// regular expression and compare every block of national numbers with the
/// table. To update: copy the new patterns here and into the tests, expand
/// them, and name the new version in this comment and in the store format.
///
/// The GB mobile ranges, expanded alternative by alternative:
///
///     7(?:457[0-57-9]|700[01]|911[028])\d{5}
///     |7(?:[1-3]\d\d|4(?:[0-46-9]\d|5[0-689])|5(?:0[0-8]|[13-9]\d|2[0-35-9])
///        |7(?:0[1-9]|[1-7]\d|8[02-9]|9[0-689])|8(?:[014-9]\d|[23][0-8])
///        |9(?:[024-9]\d|1[02-9]|3[0-689]))\d{6}
///
/// The Crown Dependencies' mobile ranges (each region's `mobile` pattern;
/// libphonenumber keeps them apart from GB's, e.g. GB's `911[028]` beside
/// Guernsey's `911[17]`, except the Isle of Man's `7924`, also inside GB's
/// `79[024-9]`: GB is checked first, as libphonenumber does):
///
///     JE  7(?:(?:(?:50|82)9|937)\d|7(?:00[378]|97\d))\d{5}
///     GG  7(?:(?:781|839)\d|911[17])\d{5}
///     IM  76245[06]\d{4}|7(?:4576|[59]24\d|624[0-4689])\d{5}
///
/// Personal numbers are `70\d{8}` and pagers
/// `76(?:464|652)\d{5}|76(?:0[0-28]|2[356]|34|4[01347]|5[49]|6[0-369]|77|8[14]|9[139])\d{6}`
/// (GB's; the islands use the same, Jersey's personal numbers being a part of
/// 70). All apply to the 10-digit national number without the trunk prefix 0.
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

    /// The mobile ranges of Jersey, Guernsey and the Isle of Man.
    static let crownDependencyMobile: [(CrownDependency, DigitPattern)] = [
        // JE 7(?:(?:(?:50|82)9|937)\d|7(?:00[378]|97\d))\d{5}
        (.jersey, DigitPattern("7509", length: 10)),
        (.jersey, DigitPattern("7829", length: 10)),
        (.jersey, DigitPattern("7937", length: 10)),
        (.jersey, DigitPattern("7700[378]", length: 10)),
        (.jersey, DigitPattern("7797", length: 10)),
        // GG 7(?:(?:781|839)\d|911[17])\d{5}
        (.guernsey, DigitPattern("7781", length: 10)),
        (.guernsey, DigitPattern("7839", length: 10)),
        (.guernsey, DigitPattern("7911[17]", length: 10)),
        // IM 76245[06]\d{4}|7(?:4576|[59]24\d|624[0-4689])\d{5}
        (.isleOfMan, DigitPattern("76245[06]", length: 10)),
        (.isleOfMan, DigitPattern("74576", length: 10)),
        (.isleOfMan, DigitPattern("7524", length: 10)),
        (.isleOfMan, DigitPattern("7924", length: 10)),
        (.isleOfMan, DigitPattern("7624[0-4689]", length: 10)),
    ]

    /// GB personal numbers: `70\d{8}`.
    static let personalNumber: [DigitPattern] = [
        DigitPattern("70", length: 10)
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

    /// The Crown Dependency whose mobile range holds a +44 national number.
    /// GB comes first, as in libphonenumber's region order for 44 (GB, GG,
    /// IM, JE): the Isle of Man's `7924` lies inside GB's `79[024-9]` too and
    /// is read as a UK mobile.
    static func crownDependency(ofMobile nationalNumber: String) -> CrownDependency? {
        let digits = nationalNumber.utf8
        if mobile.contains(where: { $0.matches(digits) }) { return nil }
        return crownDependencyMobile.first { $0.1.matches(digits) }?.0
    }

    /// Classifies a +44 national number (digits only, no trunk prefix 0).
    static func classify(nationalNumber: String) -> MobileRange {
        let digits = nationalNumber.utf8
        if mobile.contains(where: { $0.matches(digits) }) { return .mobile }
        if crownDependencyMobile.contains(where: { $0.1.matches(digits) }) { return .crownDependencyMobile }
        if personalNumber.contains(where: { $0.matches(digits) }) { return .personalNumber }
        if pager.contains(where: { $0.matches(digits) }) { return .pager }
        return .notMobile
    }
}
