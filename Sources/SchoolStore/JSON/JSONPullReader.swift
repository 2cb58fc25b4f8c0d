/// Reads a JSON document front to back without building a tree: the caller
/// asks for what it expects (an object, its keys in turn, a string, an
/// array's elements) and skips the rest. For files this program wrote and
/// reads often (the local model's monthly timeline parts), where the tree
/// ``JSONParser`` builds is most of the cost. The same syntax rules and
/// string decoding as ``JSONParser`` (strict UTF-8, escapes, nesting); any
/// surprise throws ``Mismatch``, and the caller falls back to the full
/// parser, which says what is wrong.
public struct JSONPullReader {
    /// The document is not what the caller expected, or not JSON.
    public struct Mismatch: Error, Sendable {
        public init() {}
    }

    var cursor: JSONParser.Cursor
    /// For each open object or array: whether a member was read yet (a
    /// comma comes before the next one).
    var started: [Bool] = []
    /// The keys read in each open object (a repeated one is a mismatch,
    /// as the full parser refuses it).
    var keys: [[String]] = []

    init(buffer: UnsafeBufferPointer<UInt8>) {
        cursor = JSONParser.Cursor(buffer: buffer)
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { cursor.position = 3 }
    }

    /// Runs `body` on a reader of `bytes`, then checks nothing follows the
    /// value it read; nil on any mismatch.
    public static func read<T>(_ bytes: [UInt8], _ body: (inout JSONPullReader) throws(Mismatch) -> T) -> T? {
        bytes.withUnsafeBufferPointer { buffer -> T? in
            var reader = JSONPullReader(buffer: buffer)
            do throws(Mismatch) {
                let value = try body(&reader)
                reader.cursor.skipSpace()
                guard reader.cursor.position == buffer.count, reader.started.isEmpty else { return nil }
                return value
            } catch {
                return nil
            }
        }
    }

    @inline(__always) mutating func peek() -> UInt8? {
        cursor.skipSpace()
        return cursor.position < cursor.buffer.count ? cursor.buffer[cursor.position] : nil
    }

    @inline(__always) mutating func expect(_ byte: UInt8) throws(Mismatch) {
        guard peek() == byte else { throw Mismatch() }
        cursor.position += 1
    }

    /// `{`.
    public mutating func beginObject() throws(Mismatch) {
        try expect(UInt8(ascii: "{"))
        guard started.count < 512 else { throw Mismatch() }
        started.append(false)
        keys.append([])
    }

    /// The next key of the object being read (its value comes next), or nil
    /// at its `}`.
    public mutating func nextKey() throws(Mismatch) -> String? {
        guard let first = started.last.map({ !$0 }) else { throw Mismatch() }
        if peek() == UInt8(ascii: "}") {
            cursor.position += 1
            started.removeLast()
            keys.removeLast()
            return nil
        }
        if !first { try expect(UInt8(ascii: ",")) }
        started[started.count - 1] = true
        let key = try string()
        guard !keys[keys.count - 1].contains(key) else { throw Mismatch() }
        keys[keys.count - 1].append(key)
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// `[`.
    public mutating func beginArray() throws(Mismatch) {
        try expect(UInt8(ascii: "["))
        guard started.count < 512 else { throw Mismatch() }
        started.append(false)
        keys.append([])
    }

    /// Whether the array being read has another element (read it next);
    /// false at its `]`.
    public mutating func nextElement() throws(Mismatch) -> Bool {
        guard let first = started.last.map({ !$0 }) else { throw Mismatch() }
        if peek() == UInt8(ascii: "]") {
            cursor.position += 1
            started.removeLast()
            keys.removeLast()
            return false
        }
        if !first { try expect(UInt8(ascii: ",")) }
        started[started.count - 1] = true
        return true
    }

    /// A string value.
    public mutating func string() throws(Mismatch) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw Mismatch() }
        do { return try cursor.string() } catch { throw Mismatch() }
    }

    /// An array of strings.
    public mutating func strings() throws(Mismatch) -> [String] {
        var out: [String] = []
        try beginArray()
        while try nextElement() { out.append(try string()) }
        return out
    }

    /// A number value.
    public mutating func number() throws(Mismatch) -> Double {
        guard let byte = peek(), byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39) else { throw Mismatch() }
        guard case .number(let n) = try? cursor.number() else { throw Mismatch() }
        return n
    }

    /// Skips one value of any kind (checked as the full parser checks it).
    public mutating func skipValue() throws(Mismatch) {
        guard peek() != nil else { throw Mismatch() }
        cursor.depth = started.count
        do { _ = try cursor.value() } catch { throw Mismatch() }
    }
}
