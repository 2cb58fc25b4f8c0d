extension FileStore {
    /// What a login lookup found, school by school, with the schools it
    /// could not look in.
    public struct LoginLookup: Sendable {
        /// Every contact holding the email or the number, at the schools
        /// that could be read.
        public var hits: [LoginHit]
        /// The problems of the schools that could not be read (their
        /// contacts, school details or login index), naming the file.
        public var problems: [StoreProblem]

        public init(hits: [LoginHit], problems: [StoreProblem]) {
            self.hits = hits
            self.problems = problems
        }
    }

    /// ``contactsMatching(email:phone:)`` that goes on past a school it
    /// cannot read: the hits of every other school, and that school's
    /// problems. For a sync's identity re-check, where one school's broken
    /// file must not stop a record at another school from joining.
    public func loginLookup(email: String?, phone: String?) -> LoginLookup {
        let emailKey = email.map(LoginIndex.emailKey)
        var lookup = LoginLookup(hits: [], problems: [])
        var prepared = false
        for school in schoolIDs() {
            do throws(StoreProblems) {
                if let found = try contactsMatching(
                    emailKey: emailKey, phone: phone, school: school, building: prepared)
                {
                    lookup.hits += found
                } else {
                    // A login index to build: build every school's missing
                    // ones at once, in parallel (the first lookup on a store).
                    try? prepareLoginIndexes()
                    prepared = true
                    lookup.hits +=
                        try contactsMatching(emailKey: emailKey, phone: phone, school: school, building: true) ?? []
                }
            } catch {
                lookup.problems += error.problems
            }
        }
        return lookup
    }
}
