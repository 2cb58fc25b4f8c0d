import Foundation
import SchoolStore

extension ParentService {
    /// Copies attachment `index` of message `ref` from the store into
    /// `directory` as a new file (0600, written atomically and durably through
    /// the file layer), under the attachment's name made safe
    /// (``SafeFileName``) and numbered when taken ("letter (2).pdf"): an
    /// existing file is never replaced. The store's file is read as every
    /// store file is and checked against its metadata (size, type) first.
    public func copyAttachment(_ ref: MessageRef, index: Int, into directory: String) throws(AttachmentError)
        -> AttachmentCopy
    {
        guard let (school, year, message, attachment) = snapshot?.attachmentLocation(ref, index: index) else {
            throw .unknown
        }
        let store: FileStore
        // An opened store moved away since is away too: its files read as
        // missing, and the school's data was blamed ("not in this copy").
        guard account.connection.unavailability() == nil else { throw .storeUnavailable(name: attachment.name) }
        do { store = try account.store } catch { throw .storeUnavailable(name: attachment.name) }
        let found: [UInt8]?
        do {
            found = try store.attachmentFile(school: school, year: year, message: message, attachment: attachment)
        } catch {
            // The reason only: where in the store it is, validate tells
            // support (at 80 columns the store path cut the sentence off).
            let problem = error.problems.first?.message ?? "\(error)"
            throw .storeProblem(name: attachment.name, problem: problem)
        }
        guard let bytes = found else { throw .notInStore(name: attachment.name) }
        let safe = SafeFileName.make(from: attachment.name, extensions: attachment.typeExtensions)
        let name = try createNumbered(bytes, named: safe, in: directory, saying: attachment.name)
        return AttachmentCopy(
            path: "\(directory)/\(name)", fileName: name, originalName: attachment.name, mediaType: attachment.mediaType
        )
    }

    /// Copies the attachment into this process's private directory (where
    /// ``openAttachment(_:index:with:)`` puts it), for an opener the caller
    /// runs itself: a terminal browser, given the terminal.
    public func copyForOpening(_ ref: MessageRef, index: Int, environment: [String: String]) throws(AttachmentError)
        -> AttachmentCopy
    {
        try copyAttachment(ref, index: index, into: try openingDirectory(environment: environment))
    }

    /// Copies the attachment into this process's private directory and
    /// starts `opener` on the copy (never on a store path or name); returns
    /// the copy and the opener's pid (to reap), or nil for the opener when
    /// there is none (the copy is removed again).
    public func openAttachment(_ ref: MessageRef, index: Int, with opener: Opener) throws(AttachmentError) -> (
        copy: AttachmentCopy, outcome: Opener.Outcome
    ) {
        let directory = try openingDirectory(environment: opener.environment)
        let copy = try copyAttachment(ref, index: index, into: directory)
        let outcome = opener.start(opener.commands(forFile: copy.path, type: copy.mediaType))
        switch outcome {
        case .none:
            try? account.files.remove(copy.path)
        case .failed(let why):
            try? account.files.remove(copy.path)
            throw .cannotOpen(name: copy.originalName, reason: why.joined(separator: "; "))
        case .started:
            break
        }
        return (copy, outcome)
    }

    /// Writes `bytes` into `directory` as a new file (0600, atomically and
    /// durably through the file layer) named `name`, or "name (2).ext" and
    /// on when that is taken: never over an existing file. Returns the name
    /// used; a failure says `shown` (the attachment's or the calendar's name).
    func createNumbered(_ bytes: [UInt8], named name: String, in directory: String, saying shown: String)
        throws(AttachmentError) -> String
    {
        let place = DownloadDirectory.display(directory, environment: ProcessEnvironment.current())
        do {
            for n in 1...1_000 {
                let numbered = SafeFileName.numbered(name, n)
                if try account.files.createExclusively(bytes, at: "\(directory)/\(numbered)") { return numbered }
            }
        } catch let error as FileLayerError {
            throw .cannotWrite(name: shown, directory: place, reason: error.reason)
        } catch {
            throw .cannotWrite(name: shown, directory: place, reason: "\(error)")
        }
        throw .cannotWrite(name: shown, directory: place, reason: "a thousand files of that name are there already")
    }

    /// The directories of copies for openers (`xpressions-open-*`) in `base`
    /// that this user's earlier runs left and that are over a day old
    /// (their viewers have long read them): removed. Another user's, or a
    /// newer one (another open app's), are left alone.
    static func sweepOpenedCopies(in base: String, now: Date = Date()) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        for name in names where name.hasPrefix(openingPrefix) {
            let path = "\(base)/\(name)"
            var info = stat()
            guard lstat(path, &info) == 0, info.st_uid == getuid(), (info.st_mode & S_IFMT) == S_IFDIR,
                now.timeIntervalSince1970 - Double(info.st_mtim.tv_sec) > 24 * 3600
            else { continue }
            try? PosixFileLayer().removeTree(path)
        }
    }

    static let openingPrefix = "xpressions-open-"

    /// Makes a new private directory (0700) under `$XDG_RUNTIME_DIR` when it
    /// is a directory, else the temporary directory (sweeping old ones left
    /// there first).
    static func makePrivateDirectory(environment: [String: String]) throws(AttachmentError) -> String {
        var base =
            environment["XDG_RUNTIME_DIR"].flatMap { $0.hasPrefix("/") && RawFile.isDirectory($0) ? $0 : nil }
            ?? NSTemporaryDirectory()
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        sweepOpenedCopies(in: base)
        var template = Array("\(base)/\(openingPrefix)XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
        guard let made else {
            throw .cannotWrite(name: "the copy to open", directory: base, reason: RawFile.errnoText())
        }
        return made
    }
}
