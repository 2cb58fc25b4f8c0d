import Glibc

/// One school's contacts by normalised email and phone number: how a login
/// finds a parent's contact records across hundreds of schools without
/// reading them. Saved as `.index/schools/<id>/contacts.json.login.idx`:
///
///     magic "XPLOGIN1"
///     stamp of contacts.json (size, inode, mtime ns, ctime ns), stamp of school.json (same)
///     country code used to normalise numbers (u64)
///     257 cumulative counts by the hash's top byte (u32 each)
///     entries sorted by hash: hash u64, offset u64, length u32, pad u32
///
/// A lookup reads the header and one bucket (two `pread`s per key), so its
/// cost does not grow with the school. Every key is indexed: all emails and
/// all numbers of any type, so support tooling can explain near misses; the
/// rules decide later what counts.
struct LoginIndex {
    static let magic: [UInt8] = Array("XPLOGIN1".utf8)
    static let headerSize = 8 + 32 + 32 + 8 + 257 * 4
    static let entrySize = 24

    /// "e:<trimmed lowercased email>"
    static func emailKey(_ raw: String) -> String { "e:" + EmailAddress.normalise(raw) }

    /// "p:<E.164 digits>", nil when the text is not a phone number.
    static func phoneKey(_ raw: String, countryCode: Int) -> String? {
        PhoneNumber.normalise(raw, countryCode: countryCode).map { "p:" + $0 }
    }

    static func append(_ v: UInt64, to t: inout [UInt8]) {
        for i in 0..<8 { t.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    static func append(_ s: FileStamp, to t: inout [UInt8]) {
        append(UInt64(bitPattern: s.size), to: &t)
        append(s.inode, to: &t)
        append(UInt64(bitPattern: s.modifiedNanoseconds), to: &t)
        append(UInt64(bitPattern: s.changedNanoseconds), to: &t)
    }

    static func readU64(_ b: [UInt8], _ at: Int) -> UInt64 {
        b.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian }
    }

    static func readStamp(_ b: [UInt8], _ at: Int) -> FileStamp {
        FileStamp(
            size: Int64(bitPattern: readU64(b, at)), inode: readU64(b, at + 8),
            modifiedNanoseconds: Int64(bitPattern: readU64(b, at + 16)),
            changedNanoseconds: Int64(bitPattern: readU64(b, at + 24)))
    }

    /// Builds the index file's bytes from contacts.json's bytes.
    static func build(
        contacts bytes: [UInt8], contactsStamp: FileStamp, schoolStamp: FileStamp, countryCode: Int,
        file: String
    ) throws(StoreProblems) -> [UInt8] {
        let values: [JSONValue]
        let ranges: [Range<Int>]
        do { (values, ranges) = try JSONParser.parseArray(bytes) } catch {
            throw StoreProblems([StoreProblem(file: file, message: "malformed JSON at \(error)")])
        }
        var rows: [(UInt64, UInt64, UInt32)] = []
        for (value, range) in zip(values, ranges) {
            var keys = Set<String>()
            if case .array(let emails)? = value["emails"] {
                for case .string(let e) in emails { keys.insert(emailKey(e)) }
            }
            if case .array(let phones)? = value["phones"] {
                for p in phones {
                    if case .string(let n)? = p["number"], let k = phoneKey(n, countryCode: countryCode) {
                        keys.insert(k)
                    }
                }
            }
            for k in keys { rows.append((StableHash.fnv1a64(k), UInt64(range.lowerBound), UInt32(range.count))) }
        }
        return serialize(rows: rows, contactsStamp: contactsStamp, schoolStamp: schoolStamp, countryCode: countryCode)
    }

    /// The index file: header, fan-out and the rows sorted by hash.
    static func serialize(
        rows unsorted: [(UInt64, UInt64, UInt32)], contactsStamp: FileStamp, schoolStamp: FileStamp,
        countryCode: Int
    ) -> [UInt8] {
        var rows = unsorted
        rows.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var out = magic
        append(contactsStamp, to: &out)
        append(schoolStamp, to: &out)
        append(UInt64(countryCode), to: &out)
        var counts = [UInt32](repeating: 0, count: 257)
        for r in rows { counts[Int(r.0 >> 56) + 1] += 1 }
        for i in 1..<257 { counts[i] += counts[i - 1] }
        for c in counts { for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: c >> (8 * UInt32(i)))) } }
        for r in rows {
            append(r.0, to: &out)
            append(r.1, to: &out)
            append(UInt64(r.2), to: &out)
        }
        return out
    }

    /// An index file opened for lookups; nil when it is missing, malformed or
    /// does not describe these versions of contacts.json and school.json.
    final class Reader {
        /// The index file, or the index bytes when they live only in memory
        /// (a read-only store).
        let fd: Int32
        let memory: [UInt8]?
        let header: [UInt8]
        let countryCode: Int

        init?(path: String, contactsStamp: FileStamp, schoolStamp: FileStamp) {
            let fd = RawFile.openDerived(path)
            guard fd >= 0 else { return nil }
            var header = [UInt8](repeating: 0, count: LoginIndex.headerSize)
            let n = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, LoginIndex.headerSize, 0) }
            guard n == LoginIndex.headerSize, Reader.describes(header, contactsStamp, schoolStamp) else {
                close(fd)
                return nil
            }
            self.fd = fd
            memory = nil
            self.header = header
            countryCode = Int(LoginIndex.readU64(header, 72))
        }

        init?(bytes: [UInt8], contactsStamp: FileStamp, schoolStamp: FileStamp) {
            guard bytes.count >= LoginIndex.headerSize else { return nil }
            let header = Array(bytes[0..<LoginIndex.headerSize])
            guard Reader.describes(header, contactsStamp, schoolStamp) else { return nil }
            fd = -1
            memory = bytes
            self.header = header
            countryCode = Int(LoginIndex.readU64(header, 72))
        }

        static func describes(_ header: [UInt8], _ contactsStamp: FileStamp, _ schoolStamp: FileStamp) -> Bool {
            Array(header[0..<8]) == LoginIndex.magic && LoginIndex.readStamp(header, 8) == contactsStamp
                && LoginIndex.readStamp(header, 40) == schoolStamp
        }

        deinit { if fd >= 0 { close(fd) } }

        func read(_ offset: Int, _ count: Int) -> [UInt8]? {
            if let memory {
                guard offset + count <= memory.count else { return nil }
                return Array(memory[offset..<(offset + count)])
            }
            var rows = [UInt8](repeating: 0, count: count)
            let got = rows.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, count, off_t(offset)) }
            return got == count ? rows : nil
        }

        func count(_ i: Int) -> Int {
            let at = 80 + i * 4
            return Int(header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt32.self).littleEndian })
        }

        /// Candidate byte ranges in contacts.json for a key.
        func ranges(forKey key: String) -> [Range<Int>] {
            let h = StableHash.fnv1a64(key)
            let bucket = Int(h >> 56)
            let start = count(bucket)
            let end = count(bucket + 1)
            guard end > start else { return [] }
            guard
                let rows = read(
                    LoginIndex.headerSize + start * LoginIndex.entrySize, (end - start) * LoginIndex.entrySize)
            else { return [] }
            var out: [Range<Int>] = []
            for i in 0..<(end - start) where LoginIndex.readU64(rows, i * 24) == h {
                let offset = Int(LoginIndex.readU64(rows, i * 24 + 8))
                let length = Int(LoginIndex.readU64(rows, i * 24 + 16) & 0xFFFF_FFFF)
                out.append(offset..<(offset + length))
            }
            return out
        }
    }
}
