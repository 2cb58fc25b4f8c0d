/// Several contact records for one person in one school: the seeds say a
/// contact must be a single record linked to all their children. The app
/// merges them; a system that does not would take one record and show only
/// its children.
///
/// The records are compared as their links stand at the time of the match
/// (`--now` for `xpressions doctor`): the children each links that the
/// parent may see then. A child linked but not visible (a leaver past the
/// school's persistence, no parental responsibility...) counts for neither.
public struct DuplicateContacts: Sendable, Equatable {
    /// One of the records and the children it links that the parent may
    /// see at the time.
    public struct Record: Sendable, Equatable {
        public var contactID: String
        public var children: [ChildRef]
        /// The children's names, in the same order ("Ben Abbot (9A)").
        public var childNames: [String]

        public init(contactID: String, children: [ChildRef], childNames: [String]) {
            self.contactID = contactID
            self.children = children
            self.childNames = childNames
        }
    }

    public var school: String
    public var records: [Record]

    public init(school: String, records: [Record]) {
        self.school = school
        self.records = records
    }

    public var contactIDs: [String] { records.map(\.contactID) }

    /// Every child any of the records links (visible at the time), each
    /// once, in the order the records name them.
    public var allChildren: [(child: ChildRef, name: String)] {
        var seen = Set<ChildRef>()
        var out: [(ChildRef, String)] = []
        for r in records {
            for (child, name) in zip(r.children, r.childNames) where seen.insert(child).inserted {
                out.append((child, name))
            }
        }
        return out
    }

    /// True when every record links the same children (visible at the time).
    public var linkTheSameChildren: Bool { Set(records.map { Set($0.children) }).count <= 1 }

    /// The children a system that took `record` alone would hide: those
    /// only the other records link.
    public func hidden(takingAlone record: Record) -> [String] {
        allChildren.filter { !record.children.contains($0.child) }.map(\.name)
    }

    /// Children that at least one record does not link: a system that takes
    /// one record alone hides some of them, depending on the record it takes.
    public var childrenHiddenWithoutMerging: [String] {
        allChildren.filter { c in !records.allSatisfy { $0.children.contains(c.child) } }.map(\.name)
    }

    /// What the duplicate means for the parent, in sentences that hold in
    /// every case (for `xpressions doctor`).
    public var explanation: [String] {
        let everyone = allChildren.map(\.name)
        if everyone.isEmpty {
            return [
                "\(records.count == 2 ? "Neither links" : "None of them links") a child the parent may see at this time, so merging them shows no child either."
            ]
        }
        if linkTheSameChildren {
            return [
                "\(records.count == 2 ? "Both link" : "They all link") the same children the parent may see at this time (\(everyone.joined(separator: ", "))), so nothing would be hidden without merging."
            ]
        }
        var lines = [
            "They link different children at this time, so a system that takes one record alone would hide some:"
        ]
        for r in records {
            let links =
                r.childNames.isEmpty
                ? "links no child the parent may see at this time" : "links \(r.childNames.joined(separator: ", "))"
            let hides = hidden(takingAlone: r)
            lines.append(
                "  \(r.contactID) \(links); taken alone it would hide \(hides.isEmpty ? "nothing" : hides.joined(separator: ", "))."
            )
        }
        return lines
    }
}
