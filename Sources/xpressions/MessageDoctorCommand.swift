import Foundation
import ParentCore
import SchoolStore

/// `xpressions doctor --email E --mobile M --message ID | --subject TEXT
/// [--school ID] [--data-dir DIR] [--store DIR] [--now TIME] [--json] [--redact]`:
/// why this parent did or did not see one message (``MessageExplanation``).
///
/// The message is looked for at the parent's schools (those with a record
/// holding the email or the number), or at `--school`; an id found nowhere
/// there is looked for in the whole store. Several matches are listed (exit
/// 64); none is exit 64 too. With no `--store`, the store is the one the
/// app uses (``DoctorStore``: the data directory's demo store, where the
/// app's receipts and registrations and `school send`'s messages are).
/// Exit 0 when the parent would see the message, 1 when not, 65 for an
/// invalid store, 73 when the data directory cannot be read, 74 when the
/// answer cannot be written.
enum MessageDoctorCommand {
    static func run(_ o: DoctorCommand.Options, store chosen: DoctorStore, output: Output) throws(ArgumentCursor
        .UsageError) -> ExitCode
    {
        if o.messageID != nil && o.subject != nil { throw .init("doctor: give --message or --subject, not both") }
        if let subject = o.subject, subject.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .init("doctor: --subject needs some words of the subject")
        }
        let root = chosen.root
        let store: FileStore
        // Another school's broken file does not stop the answer (one bad file
        // anywhere in a 500-school store left the support question unanswered,
        // exit 65): its problems are on standard error, and a school that
        // cannot be read is not read.
        let problems = ProblemList()
        do throws(StoreOpening.Failure) {
            store = try StoreOpening.open(
                root, output: output, tolerant: true, answerReads: "the schools that can be read",
                progress: ProgressReporter.standardError(), tolerated: problems)
        } catch {
            return error.status
        }
        let at = StoreOpening.clock(now: o.now, store: store).now()
        let email = o.email ?? ""
        let mobile = o.mobile ?? ""
        do {
            // A store's first doctor builds its login indexes: say so on a terminal (a problem is
            // left for the lookup to report).
            try? store.prepareLoginIndexes(progress: ProgressReporter.standardError())
            let match = try IdentityMatcher(store: store, disclosure: o.disclosure).match(
                email: email, mobile: mobile, at: at)
            let everySchool = store.schoolIDs().sorted()
            var schools: [String]
            if let school = o.school {
                guard everySchool.contains(school) else {
                    throw ArgumentCursor.UsageError(
                        "doctor: no school '\(school)' in the store\(NearestName.suggestion(school, among: everySchool)) (schools: \(everySchool.joined(separator: ", ")))"
                    )
                }
                schools = [school]
            } else {
                schools = []
                for a in match.assessments where !schools.contains(a.school) { schools.append(a.school) }
                if schools.isEmpty { schools = everySchool }
            }
            // The children this parent sees (one without parental
            // responsibility was marked * as one of theirs).
            let children = Set(match.assessments.flatMap { $0.children.filter(\.visible).map(\.child) })
            var found: [LocatedMessage] = []
            let asked: String
            // School by school: a school whose messages cannot be read hides
            // nothing another holds (the question about a Green Abbey message
            // had no answer for a broken Riverside file); it stops the answer
            // only when the message is found nowhere else.
            var unread: [StoreProblem] = []
            func look(_ within: [String], _ find: (MessageLookup) throws -> [LocatedMessage]) {
                for school in within {
                    do { found += try find(MessageLookup(store: store, schools: [school])) } catch let p
                        as StoreProblems
                    {
                        unread += p.problems
                    } catch {
                        unread.append(
                            StoreProblem(file: "\(StoreLayout.schoolsDirectory)/\(school)", message: "\(error)"))
                    }
                }
            }
            if let id = o.messageID {
                asked = "id \(Quote.value(id))"
                look(schools) { try $0.byID(id) }
                if found.isEmpty && o.school == nil && schools != everySchool {
                    look(everySchool.filter { !schools.contains($0) }) { try $0.byID(id) }
                }
            } else {
                asked = "a subject matching \(Quote.value(o.subject ?? ""))"
                look(schools) { try $0.bySubject(o.subject ?? "", children: children) }
            }
            // A subject's candidates from every school or none (a list
            // missing a school's would mislead); an id found is its answer.
            if found.isEmpty || o.messageID == nil, !unread.isEmpty { throw StoreProblems(unread) }
            guard !found.isEmpty else {
                throw ArgumentCursor.UsageError(
                    "doctor: no message with \(asked) at \(schools.count == everySchool.count ? "any school of the store" : schools.joined(separator: ", "))"
                )
            }
            if found.count > 1 {
                let listed = output.result(
                    list(found, children: children, linked: Self.linked(match), store: store, json: o.json),
                    status: .usage)
                output.err(
                    "xpressions: doctor: \(found.count) messages have \(asked); choose one with \(chooseHint(found))"
                )
                return listed
            }
            var device: DeviceRecord? = nil
            if o.dataDirectory != nil, let data = chosen.dataDirectory {
                do {
                    device = try DeviceRecord.read(
                        dataDirectory: data, email: email, located: found[0],
                        zone: try store.school(found[0].school).zone, files: PosixFileLayer(), storeRoot: store.root)
                } catch let problems as StoreProblems {
                    throw problems
                } catch {
                    output.err("xpressions: cannot read the data directory \(data): \(error)")
                    return .cantCreate
                }
            }
            let explanation = try MessageExplainer(store: store, disclosure: o.disclosure).explain(
                found[0], match: match, at: at, device: device)
            // Its own school's files have a problem: the answer stands on
            // what could be read there, and says so.
            let own = "\(StoreLayout.schoolsDirectory)/\(found[0].school)/"
            let ownProblems = StoreProblem.count(problems.problems.filter { $0.file.hasPrefix(own) })
            if ownProblems > 0 {
                output.err(
                    "xpressions: doctor: \(found[0].school) itself has \(ownProblems) problem\(ownProblems == 1 ? "" : "s") (above): this answer reads what could be read there"
                )
            }
            let status = ExitCode(answer: explanation.seen)
            // The JSON says it too, last (a ticket tool reading standard
            // output could not tell the answer was partial).
            var json = explanation.json()
            if case .object(var members) = json {
                members.append(("schoolProblems", .number(Double(ownProblems))))
                json = .object(members)
            }
            return output.result(o.json ? chosen.json(json) : chosen.text(explanation.text()), status: status)
        } catch let usage as ArgumentCursor.UsageError {
            throw usage
        } catch let met as StoreProblems {
            // Said once (those validation found are above already), then why
            // there is no answer.
            for p in met.problems where !problems.problems.contains(p) { output.err(p.description) }
            let files = Set(met.problems.map(\.file)).sorted()
            output.err(
                "xpressions: doctor: no answer: \(files.prefix(3).joined(separator: ", "))\(files.count > 3 ? " and \(files.count - 3) more" : "") cannot be read (above), and the answer needs \(files.count == 1 ? "it" : "them")\(o.school == nil ? " (--school ID asks about one school alone)" : "")"
            )
            return .dataErr
        } catch {
            output.err("xpressions: doctor: \(error)")
            return .dataErr
        }
    }

    /// The children linked to the parent's records, each with why the
    /// parent does not see them (empty when they do): a record that does not
    /// identify the parent shows none of its children (its message list
    /// marked them as the parent's), a record that does leaves out those its
    /// rules exclude (correspondence not allowed, no parental
    /// responsibility...).
    static func linked(_ match: IdentityMatch) -> [ChildRef: [String]] {
        var out: [ChildRef: [String]] = [:]
        for a in match.assessments {
            for c in a.children {
                let why =
                    !a.qualifies && c.visible ? ["the record does not identify the parent"] : c.visible ? [] : c.reasons
                // Seen through one record is seen.
                out[c.child] = out[c.child].map { $0.isEmpty || why.isEmpty ? [] : $0 } ?? why
            }
        }
        return out
    }

    /// The candidates, those addressed to one of the children the parent
    /// sees first (marked `*`, with the children named), then those
    /// addressed to a child linked to them but not shown (named, with why:
    /// "why didn't she see it" is usually that), then the rest; newest first
    /// within each; one per line (or a JSON object, with `concerns` and
    /// `concernsNotShown`).
    /// What tells the candidates apart: `--school` when they share one id
    /// (one id at several schools), `--message` when every id is its own,
    /// both when some ids repeat across schools and others differ.
    static func chooseHint(_ found: [LocatedMessage]) -> String {
        let ids = found.map(\.message.id)
        switch Set(ids).count {
        case 1: return "--school ID"
        case ids.count: return "--message ID"
        default: return "--message ID (and --school ID)"
        }
    }

    static func list(
        _ found: [LocatedMessage], children: Set<ChildRef>, linked: [ChildRef: [String]], store: FileStore, json: Bool
    ) -> String {
        func shown(_ m: LocatedMessage) -> Bool {
            guard case .student(let id) = m.scope else { return true }
            return children.contains(ChildRef(school: m.school, student: id))
        }
        // Which of the parent's children each is addressed to, by the
        // audience and the child's enrolment in that academic year (the
        // explanation of one message says the rest: leavers, filters…).
        let seen = Set(linked.filter { $0.value.isEmpty }.keys)
        let notSeen = Set(linked.keys).subtracting(seen)
        var students: [ChildRef: Student] = [:]
        for child in children.union(linked.keys) {
            if let s = try? store.student(child.student, school: child.school)?.value { students[child] = s }
        }
        func concerns(_ m: LocatedMessage, among children: Set<ChildRef> = seen) -> [String] {
            children.filter { $0.school == m.school }.sorted { $0.student < $1.student }.compactMap { child in
                guard let s = students[child] else { return nil }
                let e = s.enrolments.first { $0.academicYear == m.year }
                let addressed: Bool
                switch m.scope {
                case .school: addressed = e != nil
                case .year(let y): addressed = e?.year == y
                case .group(let g): addressed = e?.registrationGroup == g
                case .student(let id): addressed = id == child.student
                }
                guard addressed else { return nil }
                let why = linked[child] ?? []
                return why.isEmpty
                    ? s.displayForename
                    : "\(s.displayForename), not shown to this parent: \(why.joined(separator: ", "))"
            }
        }
        func hidden(_ m: LocatedMessage) -> [String] { concerns(m, among: notSeen) }
        let ordered =
            found.filter { !concerns($0).isEmpty }
            + found.filter { concerns($0).isEmpty && !hidden($0).isEmpty }
            + found.filter { concerns($0).isEmpty && hidden($0).isEmpty }
        if json {
            var o = JSONObjectBuilder()
            o.set(
                "candidates",
                .array(
                    ordered.map { m in
                        guard case .object(var fields) = m.candidateJSON(showSubject: shown(m)) else {
                            return m.candidateJSON(showSubject: shown(m))
                        }
                        fields.append(("concerns", .array(concerns(m).map { .string($0) })))
                        fields.append(("concernsNotShown", .array(hidden(m).map { .string($0) })))
                        return .object(fields)
                    }))
            return JSONWriter().string(o.value).trimmingCharacters(in: .newlines)
        }
        let mine = ordered.filter { !concerns($0).isEmpty }.count
        let choose = chooseHint(found)
        var lines = [
            "\(found.count) messages match (\(mine) addressed to this parent's children, marked *); choose one with \(choose):"
        ]
        for m in ordered {
            let zone = (try? store.school(m.school).zone) ?? .utc
            let to = concerns(m)
            let notShown = to.isEmpty ? hidden(m) : []
            lines.append(
                (to.isEmpty ? "  " : "* ") + m.candidateLine(zone: zone, showSubject: shown(m))
                    + (to.isEmpty ? "" : "  (to \(to.joined(separator: ", ")))")
                    + (notShown.isEmpty ? "" : "  (to \(notShown.joined(separator: "; ")))"))
        }
        return lines.map(TerminalSafe.line).joined(separator: "\n")
    }
}
