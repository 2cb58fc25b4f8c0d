extension FileStore {
    /// The file of one attachment of a message, checked against its metadata:
    /// nil when the store holds no file for it. Read as every store file is
    /// (a regular file inside the store, at most 256 MB); a name that is not
    /// a usable file name is refused before any path is made from it, and a
    /// file of another size than the metadata gives, or that does not start
    /// as a file of its type does, is refused: each with one problem naming
    /// the file.
    public func attachmentFile(school: String, year: AcademicYear, message: String, attachment: Attachment)
        throws(StoreProblems) -> [UInt8]?
    {
        let directory = StoreLayout.attachmentDirectory(school, year, message)
        guard MessageScope.isValidIdentifier(school), MessageScope.isValidIdentifier(message) else {
            throw StoreProblems([
                StoreProblem(
                    file: StoreLayout.messagesYearDirectory(school, year), record: "message \(message)",
                    message: "not a message id that can name a directory")
            ])
        }
        if let problem = Attachment.pathProblem(attachment.name) {
            throw StoreProblems([
                StoreProblem(file: directory, record: "message \(message)", field: "attachments", message: problem)
            ])
        }
        let path = StoreLayout.attachmentFile(school, year, message, attachment.name)
        let opened: OpenFile
        let bytes: [UInt8]
        do throws(RawFile.ReadError) {
            guard let file = try layout.open(path) else { return nil }
            opened = file
            bytes = opened.stamp.size == Int64(attachment.size) ? try opened.readAll() : []
        } catch {
            throw StoreProblems([StoreProblem(file: path, message: error.description)])
        }
        if opened.stamp.size != Int64(attachment.size) {
            throw StoreProblems([
                StoreProblem(
                    file: path,
                    message:
                        "is \(Quote.count(Int(opened.stamp.size))) bytes, but message \(message) gives its size as \(Quote.count(attachment.size))"
                )
            ])
        }
        if let problem = attachment.contentProblem(bytes.prefix(Attachment.signatureLength)) {
            throw StoreProblems([StoreProblem(file: path, message: problem)])
        }
        return bytes
    }
}
