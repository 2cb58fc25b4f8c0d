/// The attendance mark check of validation's fast path: accepts exactly the
/// marks `AttendanceMark.fastParse` accepts (the canonical layout
/// `2025-09-03 AM / 08:52 09:41`, a known code, the present marks in their
/// own session, published at most 92 minutes after recording), without
/// working out instants, and gives the day and session. Anything else goes
/// to the full decoder, which says what is wrong.
enum MarkScan {
    /// Days since 1970-01-01 and whether the mark is for the afternoon.
    struct Mark: Equatable {
        var day: Int
        var pm: Bool
    }

    /// For each code's first byte and second byte (0 for a one-letter code):
    /// 0 unknown, 1 a code, 2 the morning present mark `/`, 3 the afternoon
    /// one `\`. Built from `AttendanceCode.all`, as the decoder's table is.
    static let codes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 65_536)
        for c in AttendanceCode.all {
            let u = Array(c.code.utf8)
            let key = Int(u[0]) << 8 | Int(u.count > 1 ? u[1] : 0)
            table[key] = c.code == "/" ? 2 : c.code == "\\" ? 3 : 1
        }
        return table
    }()

    /// The last date read: marks come in pairs of one day, so the second
    /// need not be read again.
    struct DateCache {
        var head: UInt64 = 0
        var tail: UInt16 = 0
        var day = Int.min
    }

    @inline(__always) static func scan(_ u: UnsafeBufferPointer<UInt8>, codes: UnsafeBufferPointer<UInt8>) -> Mark? {
        var cache = DateCache()
        return scan(u, codes: codes, cache: &cache)
    }

    @inline(__always) static func scan(
        _ u: UnsafeBufferPointer<UInt8>, codes: UnsafeBufferPointer<UInt8>, cache: inout DateCache
    ) -> Mark? {
        let n = u.count
        guard n == 27 || n == 28, u[10] == 0x20, u[13] == 0x20 else { return nil }
        @inline(__always) func d(_ i: Int) -> Int { Int(u[i]) &- 0x30 }
        @inline(__always) func isDigit(_ i: Int) -> Bool { u[i] >= 0x30 && u[i] <= 0x39 }
        let raw = UnsafeRawPointer(u.baseAddress!)
        let head = raw.loadUnaligned(as: UInt64.self)
        let tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        let day: Int
        if cache.day != Int.min && head == cache.head && tail == cache.tail {
            day = cache.day
        } else {
            guard u[4] == 0x2D, u[7] == 0x2D, isDigit(0), isDigit(1), isDigit(2), isDigit(3), isDigit(5), isDigit(6),
                isDigit(8), isDigit(9),
                let date = CivilDate(
                    year: d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3), month: d(5) * 10 + d(6), day: d(8) * 10 + d(9))
            else { return nil }
            day = date.daysSinceEpoch
            cache = DateCache(head: head, tail: tail, day: day)
        }
        let pm: Bool
        if u[11] == 0x41 && u[12] == 0x4D {
            pm = false
        } else if u[11] == 0x50 && u[12] == 0x4D {
            pm = true
        } else {
            return nil
        }
        let codeLength = n - 26
        guard u[14 + codeLength] == 0x20 else { return nil }
        let kind = codes[Int(u[14]) << 8 | Int(codeLength == 2 ? u[15] : 0)]
        guard kind != 0, !(kind == 2 && pm), !(kind == 3 && !pm) else { return nil }
        @inline(__always) func hm(_ i: Int) -> Int? {
            guard u[i + 2] == 0x3A, isDigit(i), isDigit(i + 1), isDigit(i + 3), isDigit(i + 4) else { return nil }
            let h = d(i) * 10 + d(i + 1)
            let m = d(i + 3) * 10 + d(i + 4)
            return h < 24 && m < 60 ? h * 60 + m : nil
        }
        let r = 15 + codeLength
        guard let rec = hm(r), u[r + 5] == 0x20, let pub = hm(r + 6) else { return nil }
        guard (pub < rec ? pub + 1440 : pub) - rec <= 92 else { return nil }
        return Mark(day: day, pm: pm)
    }

    /// `scan` over a Swift string, for tests.
    static func scan(_ text: String) -> Mark? {
        var copy = text
        return copy.withUTF8 { u in codes.withUnsafeBufferPointer { scan(u, codes: $0) } }
    }
}
