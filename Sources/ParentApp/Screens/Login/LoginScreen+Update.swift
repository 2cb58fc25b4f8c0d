import Foundation
import ParentCore
import TerminalKit

extension LoginScreen {
    /// A fresh start at the login, saying why (a logout, a session that
    /// ended): nothing of the parent's state stays in memory.
    static func startAgain(_ reason: String, _ s: inout AppState) {
        s = s.fresh()
        s.reset(to: .login)
        s.login.reason = reason
        s.login.checksStore = true
    }

    /// The store looked at once after a session's end (``LoginState/checksStore``):
    /// ``OpeningScreen/opened(_:_:)`` keeps the form as it is, or shows why
    /// nobody can log in now.
    static func tick(_ s: inout AppState) -> [Effect] {
        guard s.login.checksStore else { return [] }
        s.login.checksStore = false
        return [.open]
    }

    /// An empty login form, saying why it is asked for (nil: nothing to
    /// say), for another screen to open: the way in to this screen's state.
    /// `returnsToLock`: opened from the lock ("Forgot your PIN?"), where Esc
    /// goes back.
    static func prepare(reason: String?, returnsToLock: Bool = false, _ s: inout AppState) {
        s.login = LoginState()
        s.login.reason = reason
        s.login.returnsToLock = returnsToLock
    }

    /// Says what one field lacks: it goes once that field is mended.
    static func sayAbout(_ field: Int, _ text: String, _ s: inout AppState) {
        s.login.message = text
        s.login.fieldMessage = LoginState.FieldMessage(field: field, text: text)
    }

    /// Whether `field` now gives what its message asked for: the email or
    /// mobile there and plausible, the last 4 all typed.
    static func mended(_ field: Int, _ s: AppState) -> Bool {
        let email = s.login.email.text
        let mobile = s.login.mobile.text
        switch field {
        case 0, 1:
            let text = field == 0 ? email : mobile
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
            return notPlausible(email: email, mobile: mobile)?.field != field
        default: return s.login.lastFour.text.count == 4
        }
    }

    /// Why the login is asked for, said on it.
    static func say(_ reason: String, _ s: inout AppState) { s.login.reason = reason }

    /// Why the login is asked for, if something said why: for the screen
    /// shown in its place while the store is away to say it too.
    static func reason(_ s: AppState) -> String? { s.login.reason }

    static func update(_ command: Command, _ s: inout AppState) -> [Effect]? {
        guard !s.login.isBusy else { return [] }
        // A typing hint ("as long as this field goes") is about the last key
        // typed: a command moves on from it (it stayed, hiding "Please enter
        // your email address").
        s.login.hint = nil
        let stops = 2 + (s.store?.demoLogins.count ?? 0)  // email, mobile, each demo login
        switch (s.login.stage, command) {
        case (.credentials, .nextField):
            s.login.focus = (s.login.focus + 1) % stops
        case (.credentials, .previousField):
            s.login.focus = (s.login.focus + stops - 1) % stops
        case (.credentials, .confirm):
            if s.login.focus == 0 {
                s.login.focus = 1
                return []
            }
            if let demo = s.login.demoIndex, let login = s.store?.demoLogins[demo] {
                // A presenter picks a demo parent: email and mobile filled in, the last 4 still typed.
                s.login.email.text = login.email
                s.login.mobile.text = login.mobile
                s.login.focus = 1
            }
            guard !s.login.email.text.trimmingCharacters(in: .whitespaces).isEmpty else {
                s.login.focus = 0
                sayAbout(0, "Please enter your email address.", &s)
                return []
            }
            guard !s.login.mobile.text.trimmingCharacters(in: .whitespaces).isEmpty else {
                sayAbout(1, "Please enter your mobile number.", &s)
                return []
            }
            // What cannot be an email or a phone number is said here, and
            // costs no attempt (each wrong login counts against the email
            // the parent typed, on every device).
            if let why = notPlausible(email: s.login.email.text, mobile: s.login.mobile.text) {
                s.login.focus = why.field
                // Given back selected, as after the store's refusal: typing
                // replaces it (a mobile retyped after "0001" was added to it,
                // "000107700 100001", and an email doubled), ← → edit it.
                if why.field == 0 { s.login.email.isSelected = true } else { s.login.mobile.isSelected = true }
                sayAbout(why.field, why.message, &s)
                return []
            }
            s.login.message = nil
            s.login.lastFour = TextField(maxLength: 4, placeholder: "____")
            s.login.stage = .lastFour
        case (.lastFour, .confirm):
            let digits = s.login.lastFour.text
            guard digits.count == 4 else {
                sayAbout(2, "Please enter the last 4 digits of your mobile number.", &s)
                return []
            }
            s.login.isBusy = true
            s.login.message = nil
            return [.logIn(email: s.login.email.text, mobile: s.login.mobile.text, lastFour: digits)]
        case (.lastFour, .back):
            s.login.stage = .credentials
            s.login.message = nil
            s.login.hint = nil  // "Digits only: the last 4…" is the last 4's, not the email's
        case (.credentials, .back) where s.login.returnsToLock:
            s.login = LoginState()
            s.pop()
        default:
            break
        }
        return []
    }

    /// Why typed details cannot be anyone's, checked on the device (what
    /// the school holds is never looked at here): an email without a name
    /// and a domain around one "@", or a mobile number with letters, or with
    /// fewer than 7 digits or more than a phone number has (15 with "+",
    /// 17 after "00", 13 written nationally).
    static func notPlausible(email: String, mobile: String) -> (field: Int, message: String)? {
        // Invisible format characters (a zero-width space or a soft hyphen,
        // pasted) are no part of what was meant: the lookup ignores them too.
        func visible(_ s: String) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: s.unicodeScalars.filter { $0.properties.generalCategory != .format })
            return String(out)
        }
        let email = visible(email)
        let mobile = visible(mobile)
        let e = email.trimmingCharacters(in: .whitespaces)
        let parts = e.split(separator: "@", omittingEmptySubsequences: false)
        // A comma for a dot (",org"), or a domain with no dot at all, is a
        // slip no school's address has (a proper one is name@domain.tld):
        // it went on to the last 4 digits and cost an attempt.
        let domain = parts.count == 2 ? parts[1] : ""
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count != 2 || parts[0].isEmpty || e.contains(" ") || e.contains(",") || labels.count < 2
            || labels.contains(where: \.isEmpty)
        {
            return (
                0,
                "That is not an email address: check it (one @, a dot after it, no spaces or commas). No attempt was used."
            )
        }
        // The rule every record is matched by: an address it refuses
        // (accented letters, a digit in the .tld) can never be anyone's.
        if let problem = LoginDetailsCheck.emailProblem(e) {
            return (0, "That is not an email address a school can hold: it \(problem). No attempt was used.")
        }
        let allowed = Set("0123456789 +-().")
        let digits = mobile.filter(\.isNumber).count
        let number = mobile.trimmingCharacters(in: .whitespaces)
        let most = number.hasPrefix("+") ? 15 : number.hasPrefix("00") ? 17 : 13
        if !mobile.allSatisfy({ allowed.contains($0) }) || digits < 7 || digits > most
            || LoginDetailsCheck.internationalNumberIsUnreadable(number)
        {
            return (
                1,
                "That is not a phone number: type the mobile number your school holds, in digits (spaces are fine). No attempt was used."
            )
        }
        // A UK mobile has 11 digits (07…), 12 as +44 7…: one digit short
        // (or over) cost a login attempt, where a letter in it did not.
        let plain = number.replacingOccurrences(of: "(0)", with: "").filter(\.isNumber)
        let uk: Int? =
            number.hasPrefix("+")
            ? (plain.hasPrefix("447") ? 12 : nil)
            : plain.hasPrefix("00447") ? 14 : plain.hasPrefix("07") ? 11 : nil
        if let uk, plain.count != uk {
            return (
                1,
                "A UK mobile number has 11 digits (07700 900123, or +44 7700 900123); that one has \(plain.count - (uk - 11)). Check it. No attempt was used."
            )
        }
        return nil
    }

    static func isEnabled(_ command: Command, _ s: AppState) -> Bool {
        switch command {
        case .back: return s.login.stage == .lastFour || s.login.returnsToLock
        case .nextField, .previousField: return s.login.stage == .credentials
        default: return true
        }
    }

    /// Pasted into the last 4: its digits, and the hint when anything else
    /// was left out (the digit after it cleared the hint, "0 0a1" went in
    /// as "001" without a word). The email and mobile take it as typed.
    static func paste(_ text: String, _ s: inout AppState) -> [Effect] {
        guard s.login.stage == .lastFour else { return Reducer.typeEach(text, &s) }
        let digits = text.filter(PinEntry.isDigit)
        let effects = Reducer.typeEach(digits, &s)
        if digits.count != text.count, !s.login.isBusy {
            s.login.hint =
                "Digits only: the last 4 digits of your mobile number (the rest of what you pasted was left out)."
        }
        return effects
    }

    static func type(_ key: Key, _ s: inout AppState) -> [Effect] {
        guard !s.login.isBusy else { return [] }
        // Typing on a demo login (reached by ↑ from the email) is the email
        // going on: it went nowhere, and Enter then filled in another
        // parent's details.
        if s.login.demoIndex != nil {
            guard case .char = key else { return [] }
            s.login.focus = 0
        }
        s.login.hint = nil
        if s.login.stage == .lastFour, case .char(let c) = key, !PinEntry.isDigit(c) {
            s.login.hint = "Digits only: the last 4 digits of your mobile number."
            return []
        }
        let path = s.login.focusedField
        let before = s.login[keyPath: path].text
        _ = s.login[keyPath: path].handle(asciiDigit(key))
        // What a field lacked goes once it is mended ("That is not an
        // email address" stayed over the corrected address until the login
        // went on; "Please enter the last 4 digits" under all four).
        if s.login[keyPath: path].text != before, let said = s.login.fieldMessage, s.login.message == said.text,
            said.field == (s.login.stage == .lastFour ? 2 : s.login.focus), mended(said.field, s)
        {
            s.login.message = nil
            s.login.fieldMessage = nil
        }
        // A full field says so (the mobile's 24 characters dropped the rest
        // without a word).
        if case .char = key, s.login[keyPath: path].text == before, let limit = s.login[keyPath: path].maxLength,
            before.count >= limit
        {
            s.login.hint = "That is as long as this field goes (\(limit) characters)."
        }
        return []
    }

    /// A digit of another script (full-width ０, Arabic-Indic ٣) as the
    /// ASCII digit it is: a phone keyboard or an input method types them,
    /// and a mobile number of them matched nothing and cost an attempt.
    static func asciiDigit(_ key: Key) -> Key {
        guard case .char(let c) = key, !c.isASCII, c.unicodeScalars.count == 1,
            let scalar = c.unicodeScalars.first, scalar.properties.numericType == .decimal,
            let value = c.wholeNumberValue, (0...9).contains(value)
        else { return key }
        return .char(Character(String(value)))
    }

    /// A failed login effect is said on the form, where the parent is looking.
    /// Already at the login (a second sync met the ended session): it keeps
    /// what it says and what is typed.
    static func sessionEnded(_ message: String, _ s: inout AppState) -> Bool { !s.unlocked }

    static func failed(_ message: String, _ s: inout AppState) -> Bool {
        let shown = s.route == .login && s.login.isBusy
        if shown {
            s.login.message = message
            s.login.hint = nil  // a typing hint must not hide it
        }
        s.login.isBusy = false
        return shown
    }

    /// A refused login: how many tries are left, in its first sentence, so
    /// a short terminal that cuts the rest still says it.
    static func rejection(_ message: String, left: Int) -> String {
        let count = "\(left) attempt\(left == 1 ? "" : "s") left"
        guard let end = message.range(of: ". ") else { return "\(message) \(count)." }
        return
            "\(message[..<end.lowerBound]) (\(count)).\(message[end.upperBound...].isEmpty ? "" : " ")\(message[end.upperBound...])"
    }

    /// Said after a login that left out schools it could not read.
    static func uncheckedText(_ schools: [String]) -> String? {
        guard let first = schools.first else { return nil }
        let named = schools.count == 1 ? "\(first)'s data" : "The data of \(first) and \(schools.count - 1) more"
        return
            "\(named) can't be read just now, so your details there could not be checked (tried again at every sync)."
    }

    /// What the login came to.
    static func finished(_ outcome: LoginOutcome, _ s: inout AppState) -> [Effect] {
        s.login.isBusy = false
        // What the login came to is said, never a typing hint from before it
        // ("That is as long as this field goes" hid a refusal and a lock-out).
        s.login.hint = nil
        switch outcome {
        case .loggedIn(let pending):
            let returnsToLock = s.login.returnsToLock
            // Whatever was loaded or chosen belonged to another session
            // (after "Forgot your PIN?", perhaps another parent).
            s.forgetParent()
            SetPinScreen.prepare(returnsToLock: returnsToLock, &s)
            s.reset(to: .setPIN)
            // A school that could not be read was left out of the login:
            // said, or its children were simply missing.
            if let text = uncheckedText(pending.unchecked) { s.note(text, role: .warning, seconds: 30) }
        case .rejected(let message, let left):
            s.login.stage = .credentials
            s.login.focus = 0
            s.login.email.isSelected = true  // retyped, not added to (it doubled)
            s.login.mobile.isSelected = true  // the same when Tab reaches it
            s.login.message = rejection(message, left: left)
        case .lockedOut(let until):
            s.login.stage = .credentials
            s.login.focus = 0
            s.login.email.isSelected = true
            s.login.mobile.isSelected = true
            // Lock-outs run on the real time: an as-of view (--now) says so,
            // or "10:00" under a shown 25 Dec read as hours away. One on
            // another day says the day ("16:07", read at 16:51, was past).
            let day = s.displayZone.civilDate(of: until)
            let time = s.displayZone.clockTextRoundedUp(until)
            let otherDay = day != s.displayZone.civilDate(of: s.now)
            let when = s.settings.asOfView || otherDay ? "on \(day.longText) at \(time)" : "at \(time)"
            // A day other than the one in the header (a demo store's shown
            // date) is said to be the real one, as an as-of view's is (the
            // real date stood unexplained beside the demo's).
            let note = s.settings.asOfView ? " (real time, not the as-of clock)" : otherDay ? " (real time)" : ""
            s.login.message = "Too many attempts. For your security, please try again \(when)\(note)."
        case .noChildren(let message):
            s.login.stage = .credentials
            s.login.focus = 0
            s.login.email.isSelected = true
            s.login.mobile.isSelected = true
            s.login.message = message
        }
        return []
    }
}
