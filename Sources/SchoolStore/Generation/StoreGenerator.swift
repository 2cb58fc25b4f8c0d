import Foundation

/// `xpressions store generate`: writes a whole store of generated schools.
/// Schools are generated in parallel, each from its own random stream, so
/// the output is byte-identical for the same options on any machine.
public struct StoreGenerator: Sendable {
    public let options: GeneratorOptions

    public init(options: GeneratorOptions) { self.options = options }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
        public init(_ d: String) { description = d }
    }

    /// The people of school `index` (0-based), as the store will hold them.
    public func roster(school index: Int) -> Roster {
        var g = RosterGenerator(index: index, options: options)
        return g.makeRoster(studentCount: options.studentsPerSchool)
    }

    /// Writes every file of school `index` through `sink`.
    public func generateSchool(_ index: Int, roster: Roster? = nil, into sink: (String, [UInt8]) -> Void) {
        var life = SchoolLifeGenerator(
            roster: roster ?? self.roster(school: index), options: options, stream: UInt64(index))
        life.generate(into: sink)
    }

    /// What `store.json` says, with `secret` (random by default: the one
    /// thing two runs with the same options do not share, since a secret
    /// anyone could derive from the options would key nothing).
    public func storeInfo(secret: [UInt8] = StoreInfo.randomSecret()) -> StoreInfo {
        StoreInfo(
            name:
                "Generated store: \(options.schools) school\(options.schools == 1 ? "" : "s") of \(options.studentsPerSchool) student\(options.studentsPerSchool == 1 ? "" : "s"), \(options.years) year\(options.years == 1 ? "" : "s"), seed \(options.seed)",
            demoClock: DemoClock(date: options.until, timezone: "Europe/London"), secret: secret)
    }

    /// Generates into `directory`, which must not exist or be empty. Every
    /// file is the same for the same options except `store.json`'s secret,
    /// which is random. `progress` counts the schools written ("generating
    /// 3/4 schools") and is cleared at the end.
    public func generate(into directory: String, progress: ProgressReporter? = nil) throws(Failure) {
        guard options.schools >= 1, options.schools <= 10_000 else {
            throw Failure("--schools must be between 1 and 10000")
        }
        guard options.studentsPerSchool >= 1, options.studentsPerSchool <= 50_000 else {
            throw Failure("--students-per-school must be between 1 and 50000")
        }
        guard options.years >= 0, options.years <= 10 else { throw Failure("--years must be between 0 and 10") }
        let writer = try StoreDirectoryWriter(root: directory)
        try writer.write(StoreLayout.storeFile, JSONWriter().write(storeInfo().json))
        let counter = progress?.counter("generating", total: options.schools, unit: " schools")
        let failures = Parallel.map(options.schools) { i -> String? in
            defer { counter?.step() }
            do throws(Failure) {
                try writer.writeAll { sink in generateSchool(i, into: sink) }
                return nil
            } catch {
                return error.description
            }
        }
        progress?.finish()
        if let failure = failures.compactMap({ $0 }).first { throw Failure(failure) }
    }
}
