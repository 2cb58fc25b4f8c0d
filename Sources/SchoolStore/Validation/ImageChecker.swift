/// Checks the images a school's records name (logo, photos): inside the
/// school directory, present, readable and decodable. Images under a
/// directory already reported as broken (a FIFO where `photos/` should be)
/// are not checked one by one.
struct ImageChecker: Sendable {
    let validation: SchoolValidation
    /// Names of image directories (`photos`) that are not usable directories.
    let brokenDirectories: Set<String>

    func check(_ path: String, file: String, record: String?, field: String, problems: ProblemList) {
        if !StoreLayout.staysInSchool(path) {
            problems.add(
                file: file, record: record, field: field,
                "image path \(Quote.value(path)) must stay inside the school directory")
            return
        }
        if let slash = path.firstIndex(of: "/"), brokenDirectories.contains(String(path[..<slash])) { return }
        let relative = StoreLayout.schoolAsset(validation.id, path)
        do {
            _ = try PPMImage.decode(try validation.store.layout.read(relative))
        } catch let e as RawFile.ReadError {
            problems.add(
                file: file, record: record, field: field,
                e == .missing ? "image \(Quote.value(path)) not found" : "image \(Quote.value(path)) \(e)")
        } catch {
            problems.add(file: file, record: record, field: field, "image \(Quote.value(path)): \(error)")
        }
    }
}
