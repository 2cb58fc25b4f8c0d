import Foundation

/// The value checks shared by validation's fast paths, each accepting
/// exactly what the decoders accept (`FieldReader` and the model types) or
/// less: dates, times, instants and ids read from a string token's bytes.
enum FastValues {
    /// `YYYY-MM-DD` of a possible day, as `CivilDate(parsing:)` reads it.
    @inline(__always) static func date(_ u: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D else { return nil }
        var y = 0
        var m = 0
        var d = 0
        for k in 0..<4 {
            let v = Int(u[k]) &- 0x30
            guard v >= 0, v <= 9 else { return nil }
            y = y * 10 + v
        }
        for k in 5..<7 {
            let v = Int(u[k]) &- 0x30
            guard v >= 0, v <= 9 else { return nil }
            m = m * 10 + v
        }
        for k in 8..<10 {
            let v = Int(u[k]) &- 0x30
            guard v >= 0, v <= 9 else { return nil }
            d = d * 10 + v
        }
        return CivilDate(year: y, month: m, day: d)
    }

    /// `HH:MM` as minutes after midnight, as `AttendanceMark.minutes` reads it.
    @inline(__always) static func minutes(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        guard u.count == 5, u[2] == 0x3A else { return nil }
        let a = Int(u[0]) &- 0x30
        let b = Int(u[1]) &- 0x30
        let c = Int(u[3]) &- 0x30
        let d = Int(u[4]) &- 0x30
        guard a >= 0, a <= 9, b >= 0, b <= 9, c >= 0, c <= 9, d >= 0, d <= 9 else { return nil }
        let h = a * 10 + b
        let m = c * 10 + d
        return h < 24 && m < 60 ? h * 60 + m : nil
    }

    /// The rule of `MessageScope.isValidIdentifier`: 1 to 64 ASCII letters,
    /// digits, hyphens and underscores.
    @inline(__always) static func isIdentifier(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard u.count >= 1, u.count <= 64 else { return false }
        for b in u {
            let lower = b | 0x20
            guard (lower >= 0x61 && lower <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F else {
                return false
            }
        }
        return true
    }

    /// The rule of `MessageScope.isValidGroupName`: 1 to 20 ASCII letters,
    /// digits and hyphens.
    @inline(__always) static func isGroupName(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard u.count >= 1, u.count <= 20 else { return false }
        for b in u {
            let lower = b | 0x20
            guard (lower >= 0x61 && lower <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D else { return false }
        }
        return true
    }

    /// `2025-26`: the academic year's first calendar year (a subset of what
    /// `AcademicYear(parsing:)` reads: four digits, a hyphen, two digits).
    @inline(__always) static func academicYear(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        guard u.count == 7, u[4] == 0x2D else { return nil }
        var start = 0
        var end = 0
        for k in 0..<4 {
            let v = Int(u[k]) &- 0x30
            guard v >= 0, v <= 9 else { return nil }
            start = start * 10 + v
        }
        for k in 5..<7 {
            let v = Int(u[k]) &- 0x30
            guard v >= 0, v <= 9 else { return nil }
            end = end * 10 + v
        }
        return (start + 1) % 100 == end ? start : nil
    }

    /// A 64-bit hash of an id's bytes, for duplicate checks: equal ids give
    /// equal hashes; a collision only sends the file to the full decoder.
    @inline(__always) static func hash(_ u: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in u { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}

extension ByteCursor {
    /// A required, not blank date field.
    @inline(__always) mutating func date() throws(Miss) -> CivilDate {
        let t = try nonBlank()
        guard let d = try withDecoded(t, { (u) throws(Miss) in FastValues.date(u) }) else { throw Miss() }
        return d
    }

    /// A required, not blank instant field (ISO 8601, as `Timestamp.parse`
    /// reads it).
    @inline(__always) mutating func instant() throws(Miss) -> Date {
        let t = try nonBlank()
        guard let d = try withDecoded(t, { (u) throws(Miss) in Timestamp.parse(utf8: u) }) else { throw Miss() }
        return d
    }

    /// A required `HH:MM` field, in minutes after midnight.
    @inline(__always) mutating func minutes() throws(Miss) -> Int {
        let t = try nonBlank()
        guard let m = try withDecoded(t, { (u) throws(Miss) in FastValues.minutes(u) }) else { throw Miss() }
        return m
    }

    /// A required id that must follow the id rule; its hash.
    @inline(__always) mutating func identifier() throws(Miss) -> (text: Text, hash: UInt64) {
        let t = try nonBlank()
        return try withDecoded(t) { (u) throws(Miss) in
            guard FastValues.isIdentifier(u) else { throw Miss() }
            return (t, FastValues.hash(u))
        }
    }
}

/// Ids seen in one record (a student's events or results): a short list
/// searched in order while small, a hash set beyond that, so a hostile
/// record of a million events costs no quadratic time.
struct SeenIDs {
    private var few: [UInt64] = []
    private var many: Set<UInt64> = []

    init() { few.reserveCapacity(32) }

    mutating func removeAll() {
        few.removeAll(keepingCapacity: true)
        if !many.isEmpty { many.removeAll() }
    }

    /// False when `id` was seen already.
    @inline(__always) mutating func insert(_ id: UInt64) -> Bool {
        if many.isEmpty {
            if few.contains(id) { return false }
            if few.count < 32 {
                few.append(id)
                return true
            }
            many = Set(few)
        }
        return many.insert(id).inserted
    }
}
