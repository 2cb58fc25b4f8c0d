/// How a name is written for display: "Ben Abbot", but "王小明" for a name
/// in Chinese, Japanese or Korean characters, which puts the family name
/// first with no space.
public enum PersonName {
    public static func display(forename: String, surname: String) -> String {
        if isEastAsian(forename) && isEastAsian(surname) { return surname + forename }
        return "\(forename) \(surname)"
    }

    static func isEastAsian(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { s in
                switch s.value {
                case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
                default: return false
                }
            }
    }
}
