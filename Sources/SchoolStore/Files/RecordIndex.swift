/// The byte range of every record of a record file, found by the record's
/// key (`id` or `student`), so one record is read without the rest of the
/// file: reading one family costs the family's bytes, not the school's.
///
/// Kept on disk under `.index/` beside the store as a sorted table of
/// (key hash, offset, length) with the stamp of the file it describes; a
/// stale or missing index is rebuilt from the file (a fast structural scan)
/// the first time it is needed.
public struct RecordIndex: Sendable {
    public let stamp: FileStamp
    /// Sorted 24-byte entries: hash u64, offset u64, length u32, ordinal u32 (little endian).
    let table: [UInt8]
    public var count: Int { table.count / 24 }

    static let magic: [UInt8] = Array("XPIDX01\n".utf8)

    public init(stamp: FileStamp, entries: [(key: String, range: Range<Int>)]) {
        self.stamp = stamp
        var rows = entries.enumerated().map { (i, e) in (StableHash.fnv1a64(e.key), UInt64(e.range.lowerBound), UInt32(e.range.count), UInt32(i)) }
        rows.sort { ($0.0, $0.3) < ($1.0, $1.3) }
        var t = [UInt8]()
        t.reserveCapacity(rows.count * 24)
        for r in rows {
            RecordIndex.append(r.0, to: &t)
            RecordIndex.append(r.1, to: &t)
            RecordIndex.append(UInt64(r.2) | UInt64(r.3) << 32, to: &t)
        }
        table = t
    }

    init(stamp: FileStamp, table: [UInt8]) {
        self.stamp = stamp
        self.table = table
    }

    static func append(_ v: UInt64, to t: inout [UInt8]) {
        for i in 0..<8 { t.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    @inline(__always) func u64(_ at: Int) -> UInt64 {
        table.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }
    }

    /// Candidate byte ranges for a key, in file order. Hash collisions are
    /// possible: callers check the decoded record's key.
    public func ranges(forKey key: String) -> [Range<Int>] {
        let h = StableHash.fnv1a64(key)
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if u64(mid * 24) < h { lo = mid + 1 } else { hi = mid }
        }
        var out: [Range<Int>] = []
        var i = lo
        while i < count, u64(i * 24) == h {
            let offset = Int(u64(i * 24 + 8))
            let length = Int(u64(i * 24 + 16) & 0xFFFF_FFFF)
            out.append(offset..<(offset + length))
            i += 1
        }
        return out
    }

    public func serialized() -> [UInt8] {
        var out = RecordIndex.magic
        RecordIndex.append(UInt64(bitPattern: stamp.size), to: &out)
        RecordIndex.append(stamp.inode, to: &out)
        RecordIndex.append(UInt64(bitPattern: stamp.modifiedNanoseconds), to: &out)
        RecordIndex.append(UInt64(bitPattern: stamp.changedNanoseconds), to: &out)
        out.append(contentsOf: table)
        return out
    }

    public static func deserialize(_ bytes: [UInt8]) -> RecordIndex? {
        guard bytes.count >= 40, Array(bytes[0..<8]) == magic, (bytes.count - 40) % 24 == 0 else { return nil }
        func u64(_ at: Int) -> UInt64 { bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian } }
        let stamp = FileStamp(size: Int64(bitPattern: u64(8)), inode: u64(16),
                              modifiedNanoseconds: Int64(bitPattern: u64(24)), changedNanoseconds: Int64(bitPattern: u64(32)))
        return RecordIndex(stamp: stamp, table: Array(bytes[40...]))
    }

    /// Builds the index of a record file's bytes. A file the fast scanner
    /// cannot follow is parsed in full, which also yields the exact syntax
    /// error (thrown as a problem naming the file, line and column).
    public static func build(bytes: [UInt8], keyField: String, stamp: FileStamp, file: String) throws(StoreProblems) -> RecordIndex {
        if let entries = JSONRecordScanner.scan(bytes, keyField: keyField) {
            return RecordIndex(stamp: stamp, entries: entries.map { ($0.key ?? "", $0.range) })
        }
        do {
            let (values, ranges) = try JSONParser.parseArray(bytes)
            var entries: [(String, Range<Int>)] = []
            for (v, r) in zip(values, ranges) {
                if case let .string(k)? = v[keyField] { entries.append((k, r)) } else { entries.append(("", r)) }
            }
            return RecordIndex(stamp: stamp, entries: entries)
        } catch {
            throw StoreProblems([StoreProblem(file: file, message: "malformed JSON at \(error)")])
        }
    }
}
