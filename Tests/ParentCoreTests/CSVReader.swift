/// A strict RFC 4180 reader for the tests: records end with CRLF (the last
/// one too), fields holding a comma, double quote, CR or LF are quoted,
/// inner quotes are doubled, and a quote anywhere else is an error.
enum CSVReader {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        var quoted = false
        var wasQuoted = false
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
            wasQuoted = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 2
                        continue
                    }
                    quoted = false
                    wasQuoted = true
                } else {
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 0x22:
                guard field.isEmpty, !wasQuoted else { throw Failure("a quote inside an unquoted field at byte \(i)") }
                quoted = true
            case 0x2C:
                endField()
            case 0x0D:
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else { throw Failure("a CR without LF at byte \(i)") }
                endField()
                records.append(record)
                record = []
                i += 1
            case 0x0A:
                throw Failure("a LF without CR at byte \(i)")
            default:
                guard !wasQuoted else { throw Failure("text after a closing quote at byte \(i)") }
                field.append(b)
            }
            i += 1
        }
        guard !quoted else { throw Failure("an unclosed quote") }
        guard field.isEmpty, record.isEmpty else { throw Failure("the last record does not end with CRLF") }
        return records
    }
}
