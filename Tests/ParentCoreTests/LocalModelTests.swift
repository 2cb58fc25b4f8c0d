import Foundation
import TestSupport
import Testing

@testable import ParentCore
@testable import SchoolStore

@Suite struct LocalModelTests {
    typealias H = HandBuiltModel

    static func update(_ state: ModelState) -> ModelUpdate {
        var u = ModelUpdate()
        for part in state.parts.values { u.put(part) }
        u.syncedAt["green-abbey"] = Date(timeIntervalSince1970: 1_773_800_000)
        return u
    }

    @Test func aCommitWritesGenerationFilesThenTheManifestAndDeletesTheOldGeneration() throws {
        try withTestDirectory { dir in
            let data = dir.file("data")
            let model = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
            #expect(model.generation == 0)
            let h = ParentModelQueryTests.timelineModel()
            try model.commit(Self.update(h.state))
            #expect(model.generation == 1)
            var names = Set(try FileManager.default.contentsOfDirectory(atPath: "\(data)/model"))
            #expect(names.contains("manifest.json"))
            #expect(names.contains("school.green-abbey.g1.json"))
            #expect(names.contains("child.green-abbey.GA-BEN.g1.json"))
            #expect(names.contains("timeline.green-abbey.2025-26.2026-03.g1.json"))
            #expect(names.contains("timeline.green-abbey.2025-26.2026-02.g1.json"))

            // Only the changed part is rewritten; its old file goes.
            var u = ModelUpdate()
            u.readAdditions = ["green-abbey/M1"]
            try model.commit(u)
            names = Set(try FileManager.default.contentsOfDirectory(atPath: "\(data)/model"))
            #expect(names.contains("read.g2.json"))
            #expect(names.contains("school.green-abbey.g1.json"))
            var child = h.state.children[H.ben]!
            child.attendance[H.year] = [H.mark("2026-03-16", .am, "/")]
            u = ModelUpdate()
            u.put(.child(child))
            try model.commit(u)
            names = Set(try FileManager.default.contentsOfDirectory(atPath: "\(data)/model"))
            #expect(names.contains("child.green-abbey.GA-BEN.g3.json"))
            #expect(!names.contains("child.green-abbey.GA-BEN.g1.json"))
            #expect(names.contains("child.green-abbey.GA-AMY.g1.json"))

            // Reopened: the same state.
            let again = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
            #expect(again.state == model.state)
            #expect(again.state.read.read == ["green-abbey/M1"])
            #expect(again.damage == nil)
        }
    }

    @Test func leftoversOfACrashedCommitAreSweptOnOpen() throws {
        try withTestDirectory { dir in
            let data = dir.file("data")
            let model = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
            try model.commit(Self.update(H().state))
            // A commit that died before its manifest: new parts, a temporary file.
            plantFile("\(data)/model/school.green-abbey.g2.json", mode: 0o600)
            plantFile("\(data)/model/.tmp-crashed", mode: 0o600)
            let reopened = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
            #expect(reopened.state == model.state)
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: "\(data)/model"))
            #expect(!names.contains("school.green-abbey.g2.json"))
            #expect(!names.contains(".tmp-crashed"))
            #expect(names.contains("school.green-abbey.g1.json"))
        }
    }

    @Test func aDamagedOrForeignModelStartsEmptyAndTheNextCommitRebuildsIt() throws {
        try withTestDirectory { dir in
            let data = dir.file("data")
            let model = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
            try model.commit(Self.update(H().state))
            // A part damaged by hand: the model starts empty, says why, and a full commit rebuilds it.
            let file = model.state.files["school.green-abbey"]!
            plantFile("\(data)/model/\(file)", Array("{\"part\": \"school\"".utf8), mode: 0o600)
            let damaged = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
            #expect(damaged.state.isEmpty)
            #expect(damaged.damage?.hasPrefix(file) == true)
            try damaged.commit(Self.update(H().state))
            let rebuilt = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
            #expect(rebuilt.damage == nil)
            #expect(rebuilt.state.children.count == 2)
            // Another session's model (an old login) is not this session's: it starts again over it.
            let other = try LocalModel(dataDirectory: data, session: "s2", files: PosixFileLayer())
            #expect(other.state.isEmpty)
            #expect(other.damage?.contains("earlier session") == true)
            #expect(
                // not yet replaced
                FileManager.default.fileExists(atPath: "\(data)/model/\(rebuilt.state.files["school.green-abbey"]!)"))
            try other.commit(Self.update(H().state))
            #expect(
                try LocalModel(dataDirectory: data, session: "s2", files: PosixFileLayer()).state.children.count == 2)
            #expect(
                !FileManager.default.fileExists(atPath: "\(data)/model/\(rebuilt.state.files["school.green-abbey"]!)"))
            #expect(throws: LocalModelError.sessionEnded) { try rebuilt.commit(Self.update(H().state)) }  // s1 is over
            // A damaged manifest, likewise.
            plantFile("\(data)/model/manifest.json", Array("not json".utf8), mode: 0o600)
            let noManifest = try LocalModel(dataDirectory: data, session: "s2", files: PosixFileLayer())
            #expect(noManifest.state.isEmpty)
            #expect(noManifest.damage?.hasPrefix("manifest.json") == true)
            let state = try noManifest.commit(Self.update(H().state))
            // Only the new generation's files are left.
            #expect(
                Set(try FileManager.default.contentsOfDirectory(atPath: "\(data)/model"))
                    == Set(state.files.values).union([".lock", "manifest.json"]))
            #expect(state.files.values.allSatisfy { $0.hasSuffix(".g\(state.generation).json") })
            #expect(state.generation > 2)
        }
    }

    /// An instance holding a good model (the open app) whose files are
    /// damaged under it writes its state again whole at its next commit: it
    /// threw, the open app never rebuilt ("the next sync rebuilds it" at
    /// every sync), and what arrived was never saved.
    @Test func aModelDamagedUnderAnOpenInstanceIsWrittenAgainFromMemory() throws {
        for damage in ["manifest", "part"] {
            try withTestDirectory { dir in
                let data = dir.file("data")
                let model = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
                let h = ParentModelQueryTests.timelineModel()
                try model.commit(Self.update(h.state))
                if damage == "manifest" {
                    plantFile("\(data)/model/manifest.json", Array("{\n  \"format\": \"xpre".utf8), mode: 0o600)
                } else {
                    // Another instance committed, then its part was emptied.
                    let other = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
                    var u = ModelUpdate()
                    u.readAdditions = ["green-abbey/M0"]
                    try other.commit(u)
                    plantFile("\(data)/model/\(other.state.files["school.green-abbey"]!)", [], mode: 0o600)
                }
                var u = ModelUpdate()
                u.readAdditions = ["green-abbey/M1"]
                let state = try model.commit(u)
                let reopened = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
                #expect(reopened.damage == nil, "\(damage)")
                #expect(reopened.state.children == h.state.children, "\(damage)")
                #expect(reopened.state.timelines == h.state.timelines, "\(damage)")
                #expect(reopened.state.read.read.contains("green-abbey/M1"), "\(damage)")
                #expect(state.files.values.allSatisfy { $0.hasSuffix(".g\(state.generation).json") }, "\(damage)")
                #expect(
                    Set(try FileManager.default.contentsOfDirectory(atPath: "\(data)/model"))
                        == Set(state.files.values).union([".lock", "manifest.json"]), "\(damage)")
            }
        }
    }

    /// A part file of the open instance's own generation cut short, emptied
    /// or removed (the manifest intact): a commit that doesn't touch that
    /// part writes it again from memory. (It stayed damaged, and the next
    /// start set the whole model aside: the parent's read state was lost.)
    @Test func aPartDamagedUnderAnOpenInstanceIsWrittenAgainByACommitOfSomethingElse() throws {
        for damage in ["read cut short", "timeline emptied", "child removed"] {
            try withTestDirectory { dir in
                let data = dir.file("data")
                let model = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
                let h = ParentModelQueryTests.timelineModel()
                try model.commit(Self.update(h.state))
                var marks = ModelUpdate()
                marks.readAdditions = ["green-abbey/M1", "green-abbey/M2"]
                let before = try model.commit(marks)
                let files = before.files
                switch damage {
                case "read cut short":
                    let path = "\(data)/model/\(files[PartName.read]!)"
                    let bytes = try #require(FileManager.default.contents(atPath: path))
                    plantFile(path, Array(bytes.prefix(bytes.count / 2)), mode: 0o600)
                case "timeline emptied":
                    plantFile("\(data)/model/\(files["timeline.green-abbey.2025-26.2026-03"]!)", [], mode: 0o600)
                default:
                    try FileManager.default.removeItem(atPath: "\(data)/model/\(files["child.green-abbey.GA-BEN"]!)")
                }
                var sync = ModelUpdate()  // a sync that found nothing new: its time only
                sync.syncedAt["green-abbey"] = Date(timeIntervalSince1970: 1_773_900_000)
                try model.commit(sync)
                let reopened = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
                #expect(reopened.damage == nil, "\(damage)")
                #expect(reopened.state.read.read == ["green-abbey/M1", "green-abbey/M2"], "\(damage)")
                #expect(reopened.state.children == h.state.children, "\(damage)")
                #expect(reopened.state.timelines == h.state.timelines, "\(damage)")
            }
        }
    }

    @Test func twoInstancesCommittingRebaseAndKeepEachOthersReadState() throws {
        try withTestDirectory { dir in
            let data = dir.file("data")
            let a = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
            try a.commit(Self.update(ParentModelQueryTests.timelineModel().state))
            let b = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
            var ua = ModelUpdate()
            ua.readAdditions = ["green-abbey/M1"]
            try a.commit(ua)
            var ub = ModelUpdate()
            ub.readAdditions = ["green-abbey/M2"]
            var amy = b.state.children[H.amy]!
            amy.attendance[H.year] = [H.mark("2026-03-16", .am, "/")]
            ub.put(.child(amy))
            try b.commit(ub)  // b's base is generation 1, the disk has 2: it rebases
            let c = try LocalModel(dataDirectory: data, session: "s1", files: PosixFileLayer())
            #expect(c.generation == 3)
            #expect(c.state.read.read == ["green-abbey/M1", "green-abbey/M2"])
            #expect(c.state.children[H.amy]?.markCount == 1)
            #expect(c.state.timelines.count == 2)
            // A logout under a running instance: its commit is refused, nothing recreated.
            try PosixFileLayer().removeTree("\(data)/model")
            #expect(throws: (any Error).self) { try a.commit(ua) }
            #expect(!FileManager.default.fileExists(atPath: "\(data)/model/manifest.json"))
        }
    }

    @Test func textFoldingIgnoresCaseAndAccents() {
        let f = TextFolder()
        func fold(_ s: String) -> String {
            f.fold(s)
            return String(decoding: f.take(), as: UTF8.self)
        }
        #expect(fold("Zoë") == "zoe")
        #expect(fold("ZOË") == "zoe")
        #expect(fold("Zoe\u{308}") == "zoe")
        #expect(fold("Crème BRÛLÉE, naïve café") == "creme brulee, naive cafe")
        #expect(fold("Straße") == "strasse")
        #expect(fold("ÅNGSTRÖM ÆON Łódź") == "angstrom æon łodz")
        #expect(fold("小明的数学进步") == "小明的数学进步")
        #expect(fold("Ｚｏｅ") == "zoe")  // full-width
        #expect(
            fold("A long ASCII run of MIXED case text, 0123456789!")
                == "a long ascii run of mixed case text, 0123456789!")
        #expect(f.words("  Zoë   TRIP ") == [Array("zoe".utf8), Array("trip".utf8)])
    }
}
