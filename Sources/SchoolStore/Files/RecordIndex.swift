import Glibc

/// The byte range of every record of a record file, found by the record's
/// key (`id` or `student`), so one record is read without the rest of the
/// file: reading one family costs the family's bytes, not the school's.
///
/// Kept on disk under `.index/` beside the store:
///
///     magic "XPIDX02\n"
///     stamp of the file it describes (size, inode, mtime ns, ctime ns)
///     257 cumulative counts of entries by the key hash's top byte (u32 each)
///     entries sorted by key hash: hash u64, offset u64, length u32, ordinal u32
///
/// A lookup reads the header once and then one bucket of about 1/256 of the
/// entries, so neither opening nor looking up grows with the school. A
/// stale or missing index is rebuilt from the file (a fast structural scan)
/// the first time it is needed.
public struct RecordIndex: Sendable {
    public let stamp: FileStamp
    /// 257 cumulative entry counts by bucket.
    let fanout: [UInt32]
    let storage: Storage

    enum Storage: Sendable {
        /// The entries table, built in this process.
        case memory([UInt8])
        /// The entries live in the index file at this path, after the header.
        case file(String)
    }

    static let magic: [UInt8] = Array("XPIDX02\n".utf8)
    static let headerSize = 8 + 32 + 257 * 4
    static let entrySize = 24

    public var count: Int { Int(fanout[256]) }

    public init(stamp: FileStamp, entries: [(key: String, range: Range<Int>)]) {
        self.stamp = stamp
        var rows = entries.enumerated().map { (i, e) in
            (StableHash.fnv1a64(e.key), UInt64(e.range.lowerBound), UInt32(e.range.count), UInt32(i))
        }
        rows.sort { ($0.0, $0.3) < ($1.0, $1.3) }
        var counts = [UInt32](repeating: 0, count: 257)
        for r in rows { counts[Int(r.0 >> 56) + 1] += 1 }
        for i in 1..<257 { counts[i] += counts[i - 1] }
        fanout = counts
        var t = [UInt8]()
        t.reserveCapacity(rows.count * RecordIndex.entrySize)
        for r in rows {
            RecordIndex.append(r.0, to: &t)
            RecordIndex.append(r.1, to: &t)
            RecordIndex.append(UInt64(r.2) | UInt64(r.3) << 32, to: &t)
        }
        storage = .memory(t)
    }

    init(stamp: FileStamp, fanout: [UInt32], storage: Storage) {
        self.stamp = stamp
        self.fanout = fanout
        self.storage = storage
    }

    static func append(_ v: UInt64, to t: inout [UInt8]) {
        for i in 0..<8 { t.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    static func u64(_ b: [UInt8], _ at: Int) -> UInt64 {
        b.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }
    }

    static func readStamp(_ b: [UInt8], _ at: Int) -> FileStamp {
        FileStamp(
            size: Int64(bitPattern: u64(b, at)), inode: u64(b, at + 8),
            modifiedNanoseconds: Int64(bitPattern: u64(b, at + 16)),
            changedNanoseconds: Int64(bitPattern: u64(b, at + 24)))
    }

    /// The entries of bucket `b` (sorted by hash).
    func bucket(_ b: Int) -> [UInt8] {
        let start = Int(fanout[b])
        let end = Int(fanout[b + 1])
        guard end > start else { return [] }
        switch storage {
        case .memory(let table):
            return Array(table[(start * RecordIndex.entrySize)..<(end * RecordIndex.entrySize)])
        case .file(let path):
            let fd = RawFile.openDerived(path)
            guard fd >= 0 else { return [] }
            defer { close(fd) }
            var rows = [UInt8](repeating: 0, count: (end - start) * RecordIndex.entrySize)
            let want = rows.count
            let got = rows.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress!, want, off_t(RecordIndex.headerSize + start * RecordIndex.entrySize))
            }
            return got == want ? rows : []
        }
    }

    /// Candidate byte ranges for a key, in file order. Hash collisions are
    /// possible: callers check the decoded record's key.
    public func ranges(forKey key: String) -> [Range<Int>] {
        let h = StableHash.fnv1a64(key)
        let rows = bucket(Int(h >> 56))
        var out: [(UInt32, Range<Int>)] = []
        for i in 0..<(rows.count / RecordIndex.entrySize) where RecordIndex.u64(rows, i * 24) == h {
            let offset = Int(RecordIndex.u64(rows, i * 24 + 8))
            let packed = RecordIndex.u64(rows, i * 24 + 16)
            out.append((UInt32(packed >> 32), offset..<(offset + Int(packed & 0xFFFF_FFFF))))
        }
        return out.sorted { $0.0 < $1.0 }.map(\.1)
    }

    public func serialized() -> [UInt8] {
        var out = RecordIndex.magic
        RecordIndex.append(UInt64(bitPattern: stamp.size), to: &out)
        RecordIndex.append(stamp.inode, to: &out)
        RecordIndex.append(UInt64(bitPattern: stamp.modifiedNanoseconds), to: &out)
        RecordIndex.append(UInt64(bitPattern: stamp.changedNanoseconds), to: &out)
        for c in fanout { for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: c >> (8 * UInt32(i)))) } }
        for b in 0..<256 { out.append(contentsOf: bucket(b)) }
        return out
    }

    /// The index saved at `path`, read lazily: only its header now, one
    /// bucket per lookup. nil when missing, malformed or for another version
    /// of the file than `stamp`.
    public static func load(path: String, describing stamp: FileStamp) -> RecordIndex? {
        let fd = RawFile.openDerived(path)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: headerSize)
        let n = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, headerSize, 0) }
        guard n == headerSize, Array(header[0..<8]) == magic, readStamp(header, 8) == stamp else { return nil }
        let fanout = (0..<257).map { i in
            header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 40 + i * 4, as: UInt32.self).littleEndian }
        }
        var st = stat()
        guard fstat(fd, &st) == 0, Int(st.st_size) == headerSize + Int(fanout[256]) * entrySize else { return nil }
        return RecordIndex(stamp: stamp, fanout: fanout, storage: .file(path))
    }

    /// Builds the index of a record file's bytes. A file the fast scanner
    /// cannot follow is parsed in full, which also yields the exact syntax
    /// error (thrown as a problem naming the file, line and column).
    public static func build(bytes: [UInt8], keyField: String, stamp: FileStamp, file: String) throws(StoreProblems)
        -> RecordIndex
    {
        if let entries = JSONRecordScanner.scan(bytes, keyField: keyField) {
            return RecordIndex(stamp: stamp, entries: entries.map { ($0.key ?? "", $0.range) })
        }
        do {
            let (values, ranges) = try JSONParser.parseArray(bytes)
            var entries: [(String, Range<Int>)] = []
            for (v, r) in zip(values, ranges) {
                if case .string(let k)? = v[keyField] { entries.append((k, r)) } else { entries.append(("", r)) }
            }
            return RecordIndex(stamp: stamp, entries: entries)
        } catch {
            throw StoreProblems([StoreProblem(file: file, message: "malformed JSON at \(error)")])
        }
    }
}
