/// Checks attachments: every message's attachment metadata (names usable as
/// file names, media types, no name twice), and the attachment files under
/// `messages/<year>/files/<message>/<name>` against it: each a regular file
/// inside the store (read as every store file is, see ``RawFile``), of the
/// size the metadata gives, starting as a file of its type does, named by
/// its message's metadata, under a message of that academic year.
///
/// A message without a directory of files is fine (the store may carry the
/// metadata only); a message with one must have every attachment it lists
/// there.
struct AttachmentCheck {
    let validation: SchoolValidation

    /// Checks the metadata in the message files' `reports` and the files of
    /// the academic years in `years` (those whose messages directory has a
    /// `files` directory); returns the number of attachment files checked.
    /// A name whose extension is not its type's goes to `warnings` (the
    /// app saves it under the type's extension).
    func run(reports: [FileReport], years: [AcademicYear], problems: ProblemList, warnings: ProblemList) -> Int {
        let school = validation.id
        var checked = 0
        // Each message's attachments, by academic year and message id, with
        // the message file that lists them.
        var listed: [AcademicYear: [String: (file: String, attachments: [Attachment])]] = [:]
        var messagesOfYear: [AcademicYear: Set<String>] = [:]
        // A year with a message file that could not be read: its files are
        // not held against messages it may list (that file's problem is said).
        var unreadYears = Set<AcademicYear>()
        // A year with a record that could not be read: a folder of files may
        // be that message's (its problem is said once, not again here).
        var yearsWithBadRecords = Set<AcademicYear>()
        for report in reports {
            guard let year = year(of: report.file) else { continue }
            if report.failed { unreadYears.insert(year) }
            if !report.problems.isEmpty { yearsWithBadRecords.insert(year) }
            messagesOfYear[year, default: []].formUnion(report.messageIDs)
            for (message, attachments) in report.attachments {
                checkMetadata(attachments, message: message, file: report.file, problems: problems, warnings: warnings)
                listed[year, default: [:]][message] = (report.file, attachments)
            }
        }
        for year in years {
            let directory = StoreLayout.attachmentsDirectory(school, year)
            guard let entries = validation.list(directory, problems: problems) else { continue }
            let defined = messagesOfYear[year] ?? []
            for message in entries where !message.hasPrefix(".") {
                let messageDirectory = "\(directory)/\(message)"
                guard defined.contains(message) else { continue }
                guard let (file, attachments) = listed[year]?[message] else {
                    problems.add(
                        file: messageDirectory,
                        "unexpected: message \(Quote.clip(message)) (in \(messageFile(of: message, year: year, reports: reports))) lists no attachments"
                    )
                    continue
                }
                guard let names = validation.list(messageDirectory, problems: problems) else { continue }
                // This message's files, reported in file name order.
                let found = ProblemList()
                for name in names where !name.hasPrefix(".") && !attachments.contains(where: { $0.name == name }) {
                    found.add(
                        file: "\(messageDirectory)/\(name)",
                        "unexpected file: message \(Quote.clip(message)) in \(file) lists no attachment of this name")
                }
                for (j, attachment) in attachments.enumerated() where Attachment.nameProblem(attachment.name) == nil {
                    checked += 1
                    checkFile(
                        attachment, index: j, message: message, messageFile: file,
                        path: StoreLayout.attachmentFile(school, year, message, attachment.name), problems: found)
                }
                problems.append(contentsOf: found.problems.sorted { $0.file < $1.file })
            }
            // Folders no message of the year names: one by one when few; when
            // many, or when a record of the year could not be read, one line
            // (a message file emptied gave one line per folder).
            let orphans = entries.filter { !$0.hasPrefix(".") && !defined.contains($0) }
            if !orphans.isEmpty && !unreadYears.contains(year) {
                let messages = StoreLayout.messagesYearDirectory(school, year)
                if orphans.count <= 2 && !yearsWithBadRecords.contains(year) {
                    for message in orphans {
                        problems.add(
                            file: "\(directory)/\(message)",
                            "unexpected: no message \(Quote.clip(message)) in \(messages)/ (attachment files are filed under their message's id)"
                        )
                    }
                } else if yearsWithBadRecords.contains(year) {
                    problems.add(
                        file: directory,
                        "\(Quote.count(orphans.count)) check\(orphans.count == 1 ? "" : "s") of attachment folders that depend on \(messages)/ skipped (a message there could not be read: above)"
                    )
                } else {
                    let named = orphans.prefix(3).map { Quote.clip($0) }.joined(separator: ", ")
                    problems.add(
                        file: directory,
                        "unexpected: \(Quote.count(orphans.count)) folders name no message in \(messages)/ (\(named)\(orphans.count > 3 ? ", …" : "")): a message file there looks emptied or cut short"
                    )
                }
            }
        }
        return checked
    }

    /// The academic year of a message file (`…/messages/<year>/<scope>.json`).
    func year(of file: String) -> AcademicYear? {
        let prefix = StoreLayout.messagesDirectory(validation.id) + "/"
        guard file.hasPrefix(prefix) else { return nil }
        return file.dropFirst(prefix.count).split(separator: "/").first.flatMap { AcademicYear(parsing: String($0)) }
    }

    func messageFile(of message: String, year: AcademicYear, reports: [FileReport]) -> String {
        reports.first { self.year(of: $0.file) == year && $0.messageIDs.contains(message) }?.file
            ?? StoreLayout.messagesYearDirectory(validation.id, year)
    }

    /// The names and types a message lists.
    func checkMetadata(
        _ attachments: [Attachment], message: String, file: String, problems: ProblemList, warnings: ProblemList
    ) {
        var seen = Set<String>()
        for (j, a) in attachments.enumerated() {
            if let problem = Attachment.nameProblem(a.name) {
                problems.add(file: file, record: "message \(message)", field: "attachments[\(j)].name", problem)
            } else if !seen.insert(a.name).inserted {
                problems.add(
                    file: file, record: "message \(message)", field: "attachments[\(j)].name",
                    "a second attachment named \(Quote.value(a.name))")
            }
            if let problem = Attachment.mediaTypeProblem(a.mediaType) {
                problems.add(file: file, record: "message \(message)", field: "attachments[\(j)].type", problem)
            } else if !a.typeExtensions.isEmpty,
                // No extension at all is the same case ("noext" was not warned about).
                !a.typeExtensions.contains(
                    a.name.lastIndex(of: ".").map { a.name[a.name.index(after: $0)...].lowercased() } ?? "")
            {
                warnings.add(
                    file: file, record: "message \(message)", field: "attachments[\(j)].name",
                    "\(Quote.value(a.name)) does not end as \(a.essence) files do (.\(a.typeExtensions.joined(separator: ", ."))): the parent's app saves it with .\(a.typeExtensions[0]) added"
                )
            }
        }
    }

    /// One attachment file against its metadata.
    func checkFile(
        _ attachment: Attachment, index: Int, message: String, messageFile: String, path: String, problems: ProblemList
    ) {
        let source = "message \(Quote.clip(message)) in \(messageFile), attachments[\(index)]"
        do throws(RawFile.ReadError) {
            guard let opened = try validation.store.layout.open(path) else {
                problems.add(
                    file: path,
                    "missing: \(source) names it, and the message has a directory of attachment files without it")
                return
            }
            if opened.stamp.size != Int64(attachment.size) {
                problems.add(
                    file: path,
                    "is \(Quote.count(Int(opened.stamp.size))) bytes, but \(source) gives its size as \(Quote.count(attachment.size))"
                )
            }
            if let problem = attachment.contentProblem(try opened.read(0..<Attachment.signatureLength)) {
                problems.add(file: path, "\(problem) (\(source))")
            }
        } catch {
            problems.add(file: path, error.description)
        }
    }
}
