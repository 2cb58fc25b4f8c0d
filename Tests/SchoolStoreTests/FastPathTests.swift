import Foundation
import Testing

@testable import SchoolStore

/// Validation's fast path (one pass over a file's bytes, no values built)
/// must never vouch for a file in which the full decoders find a problem,
/// and must give the same report when it does vouch; it must also vouch for
/// the files the generator writes, or it buys nothing.
@Suite struct FastPathTests {
    // MARK: - Value checks against the decoders' own

    /// Variations of `text`: every byte replaced by a few others, every byte
    /// dropped, and random multi-byte damage (deterministic).
    static func variations(of text: String, seed: UInt64, extra: Int = 200) -> [String] {
        let bytes = Array(text.utf8)
        let alphabet = Array("0123456789 -:/\\AMPLCIZ#\tx\u{7F}".utf8) + [0x00, 0xC3, 0xA9, 0xFF]
        var out = [text]
        for i in bytes.indices {
            var dropped = bytes
            dropped.remove(at: i)
            out.append(String(decoding: dropped, as: UTF8.self))
            for b in [UInt8(ascii: "0"), UInt8(ascii: "9"), UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: ":")] {
                var changed = bytes
                changed[i] = b
                out.append(String(decoding: changed, as: UTF8.self))
            }
        }
        var rng = SplitMix64(seed: seed)
        for _ in 0..<extra {
            var changed = bytes
            for _ in 0..<rng.between(1...3) {
                switch rng.below(3) {
                case 0 where !changed.isEmpty: changed[rng.below(changed.count)] = rng.pick(alphabet)
                case 1 where !changed.isEmpty: changed.remove(at: rng.below(changed.count))
                default: changed.insert(rng.pick(alphabet), at: rng.below(changed.count + 1))
                }
            }
            out.append(String(decoding: changed, as: UTF8.self))
        }
        return out
    }

    @Test func markScanAcceptsExactlyWhatTheDecodersFastParseAccepts() {
        let marks = [
            "2025-09-03 AM / 08:52 09:41", "2025-09-03 PM \\ 13:20 14:00", "2024-02-29 AM C1 23:50 00:30",
            "2025-12-31 PM Y7 12:00 13:32", "2025-01-01 AM # 07:00 07:00", "2025-09-03 AM L 23:59 01:31",
        ]
        var accepted = 0
        var total = 0
        for (n, mark) in marks.enumerated() {
            for text in FastPathTests.variations(of: mark, seed: UInt64(n)) {
                total += 1
                var copy = text
                let expected = copy.withUTF8 { AttendanceMark.fastParse($0, zone: .utc) }
                let got = MarkScan.scan(text)
                #expect(
                    got == expected.map { MarkScan.Mark(day: $0.date.daysSinceEpoch, pm: $0.session == .pm) },
                    "\(Quote.value(text))")
                if got != nil { accepted += 1 }
            }
        }
        #expect(accepted > 6 && accepted < total)
    }

    @Test func datesTimesAndIdsAreReadAsTheDecodersReadThem() {
        for text in FastPathTests.variations(of: "2024-02-29", seed: 1)
            + FastPathTests.variations(of: "2025-12-31", seed: 2)
        {
            var copy = text
            #expect(copy.withUTF8(FastValues.date) == CivilDate(parsing: text), "\(Quote.value(text))")
        }
        for text in FastPathTests.variations(of: "23:59", seed: 3) + FastPathTests.variations(of: "00:00", seed: 4) {
            var copy = text
            #expect(
                copy.withUTF8(FastValues.minutes) == AttendanceMark.minutes(Substring(text)), "\(Quote.value(text))")
        }
        let ids = [
            "S000001", "GA-C-LIZ", "a_b", String(repeating: "x", count: 64), String(repeating: "x", count: 65), "", "é",
            "a b", "a.b", "[", "`", "@", "{",
        ]
        for id in ids + FastPathTests.variations(of: "R000001-202411-MAT", seed: 5) {
            var copy = id
            #expect(copy.withUTF8(FastValues.isIdentifier) == MessageScope.isValidIdentifier(id), "\(Quote.value(id))")
        }
    }

    @Test func onlyTheSpaceAndTheTabAreBlankASCII() {
        for v in 0..<128 {
            let scalar = Unicode.Scalar(UInt8(v))
            #expect(CharacterSet.whitespaces.contains(scalar) == (v == 0x20 || v == 0x09), "U+\(String(v, radix: 16))")
        }
        for text in ["", " ", "\t \t", "\u{A0}", "\u{3000}\u{2003}", "\u{200B}", "\n", "x", " \u{A0}x", "王"] {
            #expect(
                FieldReader.isBlank(text) == text.unicodeScalars.allSatisfy { CharacterSet.whitespaces.contains($0) },
                "\(Quote.value(text))")
        }
    }

    // MARK: - Whole files against the decoders

    static func demoFiles() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        DemoStoreBuilder().generate { files[$0] = $1 }
        return files
    }

    /// The files of each school of a small generated store, by school.
    static func generatedSchools(students: Int = 24, years: Int = 2, seed: UInt64 = 11) -> [(
        school: String, files: [String: [UInt8]]
    )] {
        let generator = StoreGenerator(
            options: GeneratorOptions(schools: 4, studentsPerSchool: students, years: years, seed: seed, photos: false))
        return (0..<4).map { i in
            var files: [String: [UInt8]] = [:]
            generator.generateSchool(i) { files[$0] = $1 }
            return (schoolID(files), files)
        }
    }

    static func schoolID(_ files: [String: [UInt8]]) -> String {
        files.keys.first { $0.hasSuffix("/school.json") }!.split(separator: "/")[1].description
    }

    @Test func theFastPathVouchesForEveryGeneratedFileWithTheDecodersReport() throws {
        var all: [String] = []
        for (school, files) in FastPathTests.generatedSchools() {
            let harness = try FastPathHarness(files: files, school: school)
            all += harness.checkablePaths
            for path in harness.checkablePaths {
                let fast = harness.fastOnly(path, files[path]!)
                #expect(fast != nil, "the fast path could not vouch for \(path)")
                let full = harness.report(path, files[path]!, fastPath: false)
                #expect(full.problems.isEmpty)
                if let fast { #expect(FastPathHarness.summary(fast) == FastPathHarness.summary(full), "\(path)") }
            }
        }
        for kind in [
            "attendance/", "timetable/", "behaviour/", "achievements/", "assessments/", "messages/", "students.json",
            "contacts.json",
        ] {
            #expect(all.contains { $0.contains("/\(kind)") }, "no \(kind) file generated")
        }
    }

    @Test func theDemoStoresFilesGiveTheSameReports() throws {
        let files = FastPathTests.demoFiles()
        let harness = try FastPathHarness(files: files, school: "green-abbey")
        for path in harness.checkablePaths {
            let fast = harness.report(path, files[path]!, fastPath: true)
            let full = harness.report(path, files[path]!, fastPath: false)
            #expect(FastPathHarness.summary(fast) == FastPathHarness.summary(full), "\(path)")
            #expect(harness.fastOnly(path, files[path]!) != nil, "the fast path could not vouch for \(path)")
        }
    }

    @Test func attendanceWarningsAreTheSameFromBothPaths() throws {
        let (school, files) = FastPathTests.generatedSchools(students: 60, years: 1).first {
            $0.files.keys.contains { $0.contains("/attendance/") }
        }!
        var harness = try FastPathHarness(files: files, school: school)
        var warned = 0
        for path in harness.checkablePaths where path.contains("/attendance/") {
            let year = AcademicYear(parsing: String(path.split(separator: "/").last!.dropLast(5)))!
            // Every student left on the year's fortieth day, and only the first
            // term is listed: marks after leaving and outside the terms.
            var leavers: [String: CivilDate] = [:]
            for key in FastPathTests.students(in: files[path]!) { leavers[key] = year.firstDay.adding(days: 40) }
            harness.check = AttendanceCheck(leavers: leavers, terms: Array(harness.check.terms(in: year).prefix(1)))
            let fast = try #require(harness.fastOnly(path, files[path]!))
            let full = harness.report(path, files[path]!, fastPath: false)
            #expect(FastPathHarness.summary(fast) == FastPathHarness.summary(full), "\(path)")
            #expect(full.warnings.contains { $0.message.contains("more students have marks after they left") })
            #expect(
                full.warnings.contains { $0.message.contains("more students have marks on half-term or holiday days") })
            warned += full.warnings.count
        }
        #expect(warned > 0)
    }

    static func students(in bytes: [UInt8]) -> [String] {
        guard case .array(let values)? = try? JSONParser.parse(bytes) else { return [] }
        return values.compactMap { if case .string(let s)? = $0["student"] { return s } else { return nil } }
    }

    /// Each checkable file cut to its first few records (so the full decoders
    /// stay quick in a debug build).
    static func smallFiles(_ files: [String: [UInt8]], harness: FastPathHarness, records: Int = 3) -> [(
        String, [UInt8]
    )] {
        harness.checkablePaths.compactMap { path in
            guard case .array(let values)? = try? JSONParser.parse(files[path]!) else { return nil }
            return (path, JSONWriter().write(.array(Array(values.prefix(records)))))
        }
    }

    /// Damage that reaches the places the fast path decides on: bytes
    /// changed, dropped or added; string values and numbers replaced by
    /// awkward ones; fields duplicated or renamed.
    static func damage(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = bytes
        let strings = [
            #""""#, #"" ""#, #""\t""#, #""\u0020""#, #""\u00a0""#, #""\u2003x""#, #""\u200b""#, #""é""#, #""\n""#,
            #""\ud83d\ude00""#, #""\u0041M""#, "\"a\tb\"", #""\/""#, #""\b""#, #""\f""#, #""x\"y""#, "null", "true",
            "1",
            #""Mon""#, #""Sat""#, #""General""#, #""general""#, #""2025-09-03""#, #""2025-02-29""#,
            #""2025-09-03T08:00:00Z""#,
            #""2025-09-03T08:00:00.5+01:00""#, #""08:50""#, #""24:00""#, #""9:50""#, #""S000001""#, #""S 1""#,
            #""2025-09-03 PM \\ 13:20 14:00""#, #""2025-09-03 PM \/ 13:20 14:00""#, #""2025-09-03  AM / 08:52 09:41""#,
        ]
        let numbers = [
            "0", "-0", "1.0", "1e2", "100", "101", "-100", "-101", "0100", "1000000000", "1000000001", "-1",
            "9999999999999999", "[]", "{}",
        ]
        let bytesPool: [UInt8] = Array("\"\\{}[],: \t\n0123456789-aZ/".utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xE2, 0xFF]
        switch rng.below(8) {
        case 7:
            // Drop one field (name, value and its comma).
            let colons = b.indices.filter { i in b[i] == 0x3A && i > 0 && b[i - 1] == 0x22 }
            guard let colon = colons.isEmpty ? nil : rng.pick(colons) else { return b }
            var s = colon - 2
            while s > 0, b[s] != 0x22 { s -= 1 }
            var e = colon + 1
            var depth = 0
            var inString = false
            while e < b.count {
                let c = b[e]
                if inString {
                    if c == 0x5C {
                        e += 2
                        continue
                    }
                    if c == 0x22 { inString = false }
                } else if c == 0x22 {
                    inString = true
                } else if c == 0x7B || c == 0x5B {
                    depth += 1
                } else if c == 0x7D || c == 0x5D {
                    if depth == 0 { break }
                    depth -= 1
                } else if c == 0x2C, depth == 0 {
                    e += 1
                    break
                }
                e += 1
            }
            b.removeSubrange(s..<min(e, b.count))
        case 0:
            b[rng.below(b.count)] = rng.pick(bytesPool)
        case 1:
            b.remove(at: rng.below(b.count))
        case 2:
            b.insert(rng.pick(bytesPool), at: rng.below(b.count + 1))
        case 3, 4:
            // Replace one string value or number with an awkward one.
            let starts = b.indices.filter { i in b[i] == 0x3A }  // after a field's colon
            guard let colon = starts.isEmpty ? nil : rng.pick(starts) else { return b }
            var s = colon + 1
            while s < b.count, b[s] == 0x20 { s += 1 }
            var e = s
            if s < b.count, b[s] == 0x22 {
                e = s + 1
                while e < b.count, b[e] != 0x22 { e += b[e] == 0x5C ? 2 : 1 }
                e = min(e + 1, b.count)
            } else {
                while e < b.count, b[e] != 0x2C, b[e] != 0x7D, b[e] != 0x0A { e += 1 }
            }
            let replacement = rng.chance(0.6) ? rng.pick(strings) : rng.pick(numbers)
            b.replaceSubrange(s..<e, with: Array(replacement.utf8))
        case 5:
            // Duplicate a field, or rename it.
            let quotes = b.indices.filter { i in b[i] == 0x22 && i + 1 < b.count }
            guard !quotes.isEmpty else { return b }
            let q = rng.pick(quotes)
            if rng.chance(0.5) {
                b.replaceSubrange(q..<q, with: Array(#""student": "S9", "#.utf8))
            } else {
                b.replaceSubrange(q..<q, with: Array(#""id": "X1", "#.utf8))
            }
        default:
            // Repeat a slice somewhere else.
            let from = rng.below(b.count)
            let length = rng.between(1...40)
            let slice = Array(b[from..<min(b.count, from + length)])
            b.insert(contentsOf: slice, at: rng.below(b.count + 1))
        }
        return b
    }

    func checkDamaged(_ files: [String: [UInt8]], school: String, rounds: Int, seed: UInt64) throws {
        let harness = try FastPathHarness(files: files, school: school)
        let small = FastPathTests.smallFiles(files, harness: harness)
        var rng = SplitMix64(seed: seed)
        var vouched = 0
        var refused = 0
        for round in 0..<rounds {
            let (path, original) = small[round % small.count]
            let damaged = FastPathTests.damage(original, &rng)
            let full = harness.report(path, damaged, fastPath: false)
            guard let fast = harness.fastOnly(path, damaged) else {
                refused += 1
                continue
            }
            vouched += 1
            // Only the images a vouched-for students.json names can still fail.
            #expect(
                full.problems.allSatisfy { $0.field == "photo" },
                "the fast path vouched for \(path) damaged as \(Quote.value(String(decoding: damaged, as: UTF8.self)))")
            #expect(
                FastPathHarness.summary(fast) == FastPathHarness.summary(full),
                "\(path) damaged as \(Quote.value(String(decoding: damaged, as: UTF8.self)))")
        }
        #expect(vouched > rounds / 20 && refused > rounds / 4, "vouched \(vouched), refused \(refused)")
    }

    @Test func damagedGeneratedFilesAreVouchedForOnlyWhenTheDecodersFindNothing() throws {
        for (n, (school, files)) in FastPathTests.generatedSchools().enumerated() {
            try checkDamaged(files, school: school, rounds: 1000, seed: UInt64(n))
        }
    }

    @Test func damagedDemoFilesAreVouchedForOnlyWhenTheDecodersFindNothing() throws {
        try checkDamaged(FastPathTests.demoFiles(), school: "green-abbey", rounds: 2000, seed: 2)
    }

    @Test func aFileTheFastPathRefusesIsReportedByTheDecoders() throws {
        let store = try TinyStore(
            overriding: TinyStore.edit("schools/green-abbey/attendance/2025-26.json", "PM I 13:20", "PM I\t13:20"))
        defer { store.remove() }
        #expect(
            store.problems() == [
                #"schools/green-abbey/attendance/2025-26.json: malformed JSON at line 2, column 78: control character in a string (use \n, \t or \u escapes)"#
            ])
    }
}
