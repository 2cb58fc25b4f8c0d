import Foundation
import ParentCore
import SchoolStore

/// `xpressions status [--json] [--format TEMPLATE]`: one line for a shell
/// prompt or a tmux status bar (`✉ 3 (Ben 2, Amy 1) · synced 10:42`), from
/// the local model alone: it never reads the store or writes anything.
/// Exit 0; 1 nobody logged in (nothing on standard output, or
/// `{"loggedIn": false}` with `--json`) or the local data cannot be read;
/// 64 wrong usage (a template mistake is named).
enum StatusCommand {
    static let usage = """
        usage: xpressions status [--json] [--format TEMPLATE] [--child NAME|ID] [--output FILE] [--data-dir DIR] [--store DIR] [--now TIME]
        TEMPLATE placeholders: {unread} {children} {synced} {ago} {queued} {failed} {trouble} {since};
        {?NAME:TEXT} shows TEXT only when NAME is not empty or 0; {{ and }} are braces.
        Default: \(StatusTemplate.standard)
        """

    static func run(_ cursor: inout ArgumentCursor, output: Output) throws(ArgumentCursor.UsageError) -> ExitCode {
        var options = ParentDataOptions()
        var json = false
        var template = StatusTemplate.standard
        while let arg = cursor.next() {
            let (name, inline) = ArgumentCursor.split(arg)
            if try options.take(name, inline: inline, from: &cursor) { continue }
            switch name {
            case "--json": json = true
            case "--format": template = try cursor.value(for: name, inline: inline)
            case "--help", "-h":
                output.out(usage)
                return .ok
            default: throw .init("status: unknown option '\(arg)'")
            }
        }
        let format: StatusTemplate
        do throws(StatusTemplateError) { format = try StatusTemplate(template) } catch {
            throw .init("status: --format: \(error.description)")
        }

        let status: ParentStatus
        do throws(StoreOpening.Failure) {
            status = try options.readStatus(output: output, quietWhenLoggedOut: true)
        } catch {
            if json && error.status == .notFound {
                return options.write(ParentStatus.loggedOutJSON, output: output, status: error.status)
            }
            return error.status
        }
        let directory = (try? options.resolveDataDirectory()) ?? ""
        let line = format.render(status, now: options.clock(dataDirectory: directory).now())
        return options.write(json ? status.json(text: line) : line + "\n", output: output)
    }
}
