import Foundation
import ParentCore
import SchoolStore

/// `xpressions doctor --email E --mobile M [--store DIR] [--now TIME] [--json]`
enum DoctorCommand {
    static let usage = "usage: xpressions doctor --email EMAIL --mobile NUMBER [--store DIR] [--now TIME] [--json]"

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> Int32 {
        var email: String? = nil, mobile: String? = nil, storePath: String? = nil, now: NowOption? = nil, json = false
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            switch name {
            case "--email": email = try cursor.value(for: name, inline: inline)
            case "--mobile": mobile = try cursor.value(for: name, inline: inline)
            case "--store": storePath = try cursor.value(for: name, inline: inline)
            case "--now": now = try StoreOpening.parseNow(try cursor.value(for: name, inline: inline))
            case "--json": json = true
            case "--help", "-h": output.out(usage); return 0
            default: throw .init("doctor: unknown option '\(arg)'")
            }
        }
        guard let email else { throw .init("doctor: --email is required") }
        guard let mobile else { throw .init("doctor: --mobile is required") }
        let root = try StoreOpening.resolve(storePath)
        let store: FileStore
        do throws(StoreOpening.Failure) { store = try StoreOpening.open(root, output: output) } catch { return error.status }
        let at = StoreOpening.clock(now: now, store: store).now()
        do throws(StoreProblems) {
            let match = try IdentityMatcher(store: store).match(email: email, mobile: mobile, at: at)
            var schools: [String: School] = [:]
            for a in match.assessments { schools[a.school] = try store.school(a.school) }
            let report = DoctorReport(match: match, schools: schools, at: at)
            if json {
                output.out(JSONWriter().string(report.json()).trimmingCharacters(in: .newlines))
            } else {
                output.out(report.text().trimmingCharacters(in: .newlines))
            }
            return report.exitStatus
        } catch {
            for p in error.problems { output.err(p.description) }
            return 65
        }
    }
}
