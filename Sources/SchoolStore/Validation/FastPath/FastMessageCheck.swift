import Foundation

/// Validation's fast path for a message file (`messages/<year>/<scope>.json`):
/// one pass over the bytes that vouches for a file in which
/// `SchoolMessage.decode` and the message checks would find no problem, with
/// the same report (message ids, contacts referred to). nil when it cannot
/// vouch; then the decoders check the file and name every problem.
struct FastMessageCheck {
    let year: AcademicYear
    let zone: SchoolTimeZone

    /// `report` holds what the file's name refers to; the messages' ids and
    /// contacts are added to it.
    func run(_ buffer: UnsafeBufferPointer<UInt8>, report: FileReport) -> FileReport? {
        do throws(ByteCursor.Miss) { return try scan(buffer, report) } catch { return nil }
    }

    private func scan(_ buffer: UnsafeBufferPointer<UInt8>, _ start: FileReport) throws(ByteCursor.Miss) -> FileReport {
        var report = start
        var c = ByteCursor(buffer)
        // Sent well inside the year whatever the zone's offset (offsets stay
        // within a day): only sends near its ends need the zone.
        let margin = 2.0 * 86_400
        let safeFrom = Double(year.firstDay.daysSinceEpoch * 86_400) + margin
        let safeUntil = Double((year.lastDay.daysSinceEpoch + 1) * 86_400) - margin
        try c.expect(0x5B)
        var firstRecord = true
        while try c.nextElement(&firstRecord) {
            try c.expect(0x7B)
            var seen: UInt16 = 0
            var id: ByteCursor.Text?
            var sent = Date(timeIntervalSince1970: 0)
            var published: Date?
            var contacts: [String] = []
            var attachments: [Attachment] = []
            var first = true
            while let key = try c.nextKey(&first) {
                let bit: UInt16
                if c.equals(key, "id") {
                    bit = 1
                    id = try c.identifier().text
                } else if c.equals(key, "category") {
                    bit = 2
                    let t = try c.nonBlank()
                    guard
                        MessageCategory.allCases.contains(where: { category in
                            var name = category.rawValue
                            return name.withUTF8 { n in
                                !t.isEscaped && t.count == n.count
                                    && memcmp(c.bytes.baseAddress! + t.start, n.baseAddress!, n.count) == 0
                            }
                        })
                    else { throw ByteCursor.Miss() }
                } else if c.equals(key, "sender") {
                    bit = 4
                    _ = try c.nonBlank()
                } else if c.equals(key, "sentAt") {
                    bit = 8
                    sent = try c.instant()
                } else if c.equals(key, "publishedAt") {
                    bit = 16
                    published = try c.instant()
                } else if c.equals(key, "subject") {
                    bit = 32
                    _ = try c.nonBlank()
                } else if c.equals(key, "body") {
                    bit = 64
                    _ = try c.nonBlank()
                } else if c.equals(key, "attachments") {
                    bit = 128
                    try c.expect(0x5B)
                    var firstAttachment = true
                    while try c.nextElement(&firstAttachment) {
                        attachments.append(try attachment(&c))
                        // Past the limit: the decoders name it.
                        if attachments.count > StoreLimits.attachments { throw ByteCursor.Miss() }
                    }
                } else if c.equals(key, "translatedTo") {
                    bit = 256
                    _ = try c.nonBlank()
                } else if c.equals(key, "contacts") {
                    bit = 512
                    try c.expect(0x5B)
                    var firstContact = true
                    while try c.nextElement(&firstContact) { contacts.append(c.string(try c.string())) }
                } else {
                    throw ByteCursor.Miss()
                }
                guard seen & bit == 0 else { throw ByteCursor.Miss() }
                seen |= bit
            }
            // id, category, sender, sentAt, subject and body are required.
            guard seen & 0x6F == 0x6F, let id else { throw ByteCursor.Miss() }
            if let published {
                guard !(published < sent), !(published.timeIntervalSince(sent) > 48 * 3600) else {
                    throw ByteCursor.Miss()
                }
            }
            let t = sent.timeIntervalSince1970
            if !(t >= safeFrom && t < safeUntil) {
                guard year.contains(zone.civilDate(of: sent)) else { throw ByteCursor.Miss() }
            }
            let name = c.string(id)
            report.messageIDs.append(name)
            if !attachments.isEmpty { report.attachments.append((name, attachments)) }
            for (j, contact) in contacts.enumerated() {
                report.contactReferences.append(("message \(name)", "contacts[\(j)]", contact))
            }
        }
        try c.expectEnd()
        return report
    }

    /// An attachment (`Attachment.decode`): name, size from 0 to 1,000,000,000, type.
    private func attachment(_ c: inout ByteCursor) throws(ByteCursor.Miss) -> Attachment {
        try c.expect(0x7B)
        var seen: UInt8 = 0
        var name = ""
        var size = 0
        var type = ""
        var first = true
        while let key = try c.nextKey(&first) {
            let bit: UInt8
            if c.equals(key, "name") {
                bit = 1
                name = c.string(try c.nonBlank())
            } else if c.equals(key, "size") {
                bit = 2
                let n = try c.integer()
                guard n >= 0, n <= 1_000_000_000 else { throw ByteCursor.Miss() }
                size = Int(n)
            } else if c.equals(key, "type") {
                bit = 4
                type = c.string(try c.nonBlank())
            } else {
                throw ByteCursor.Miss()
            }
            guard seen & bit == 0 else { throw ByteCursor.Miss() }
            seen |= bit
        }
        guard seen == 7 else { throw ByteCursor.Miss() }
        return Attachment(name: name, size: size, mediaType: type)
    }
}
