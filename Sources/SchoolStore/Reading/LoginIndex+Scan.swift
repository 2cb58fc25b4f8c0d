import Foundation

/// One pass over contacts.json for both of its indexes: each record's byte
/// range and id (the record index) and its emails and numbers (the login
/// index), without building values.
extension LoginIndex {
    struct ScannedContact {
        var range: Range<Int>
        var id: String
        var emails: [String]
        var numbers: [String]
    }

    /// The records of contacts.json; nil when the file holds anything the
    /// scan does not vouch for (then each index is built the full way, which
    /// also names a syntax error). What it finds is what the full parse
    /// finds: a record's `id` when it is a string ("" when absent), every
    /// string of `emails`, every `number` of `phones`.
    static func scanContacts(_ bytes: [UInt8]) -> [ScannedContact]? {
        bytes.withUnsafeBufferPointer { buffer in
            do throws(ByteCursor.Miss) {
                var c = ByteCursor(buffer)
                var out: [ScannedContact] = []
                try c.expect(0x5B)
                var first = true
                while try c.nextElement(&first) {
                    guard c.peek() == 0x7B else { throw ByteCursor.Miss() }
                    let start = c.i
                    c.i += 1
                    var contact = ScannedContact(range: start..<start, id: "", emails: [], numbers: [])
                    var keys: [ByteCursor.Text] = []
                    var firstKey = true
                    while let key = try c.nextKey(&firstKey) {
                        guard !key.isEscaped, keys.count < 64 else { throw ByteCursor.Miss() }
                        for k in keys where c.equals(k, key) { throw ByteCursor.Miss() }
                        keys.append(key)
                        if c.equals(key, "id") {
                            let t = try c.string()
                            guard !t.isEscaped else { throw ByteCursor.Miss() }
                            contact.id = c.string(t)
                        } else if c.equals(key, "emails") {
                            try c.expect(0x5B)
                            var firstEmail = true
                            while try c.nextElement(&firstEmail) { contact.emails.append(c.string(try c.string())) }
                        } else if c.equals(key, "phones") {
                            try c.expect(0x5B)
                            var firstPhone = true
                            while try c.nextElement(&firstPhone) { contact.numbers.append(try number(&c)) }
                        } else {
                            try c.skipValue()
                        }
                    }
                    contact.range = start..<c.i
                    out.append(contact)
                }
                try c.expectEnd()
                return out
            } catch {
                return nil
            }
        }
    }

    /// The `number` of one phone object (the rest skipped).
    private static func number(_ c: inout ByteCursor) throws(ByteCursor.Miss) -> String {
        try c.expect(0x7B)
        var number: String?
        var keys: [ByteCursor.Text] = []
        var first = true
        while let key = try c.nextKey(&first) {
            guard !key.isEscaped, keys.count < 16 else { throw ByteCursor.Miss() }
            for k in keys where c.equals(k, key) { throw ByteCursor.Miss() }
            keys.append(key)
            if c.equals(key, "number") {
                number = c.string(try c.string())
            } else {
                try c.skipValue()
            }
        }
        guard let number else { throw ByteCursor.Miss() }
        return number
    }

    /// The index file's bytes from scanned records.
    static func build(scanned: [ScannedContact], contactsStamp: FileStamp, schoolStamp: FileStamp, countryCode: Int)
        -> [UInt8]
    {
        var rows: [(UInt64, UInt64, UInt32)] = []
        rows.reserveCapacity(scanned.count * 3)
        for contact in scanned {
            var keys = Set<String>()
            for e in contact.emails { keys.insert(emailKey(e)) }
            for n in contact.numbers { if let k = phoneKey(n, countryCode: countryCode) { keys.insert(k) } }
            for k in keys {
                rows.append((StableHash.fnv1a64(k), UInt64(contact.range.lowerBound), UInt32(contact.range.count)))
            }
        }
        return serialize(rows: rows, contactsStamp: contactsStamp, schoolStamp: schoolStamp, countryCode: countryCode)
    }
}

extension ByteCursor {
    /// Whether two unescaped tokens hold the same bytes.
    @inline(__always) func equals(_ a: Text, _ b: Text) -> Bool {
        a.count == b.count && memcmp(bytes.baseAddress! + a.start, bytes.baseAddress! + b.start, a.count) == 0
    }
}
