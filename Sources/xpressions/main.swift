// Entry point: argument parsing and wiring only.
import Foundation
import SchoolStore

let output = Output()
let version = "xpressions 0.1.0"
let usage = """
    usage: xpressions [--store DIR] [--data-dir DIR] [--now TIME] [--no-color] [--script KEYS|@FILE]
                      [--sync-every DURATION] [--lock-after DURATION] [--login-again-after DURATION]
                      [--headless COLSxROWS [--snapshot FILE|-] [--snapshot-ansi FILE|-]]
           xpressions --help | --version
           xpressions store validate [--strict] [DIR | --store DIR]
           xpressions store generate --schools N --students-per-school N --years N --seed S [--until DATE] [--no-photos] DIR
           xpressions store generate --demo DIR
           xpressions store index [DIR | --store DIR]
           xpressions store audit [DIR | --store DIR] [--school ID] [--csv]
           xpressions doctor --email EMAIL --mobile NUMBER [--store DIR] [--now TIME] [--json] [--redact]
           xpressions doctor --email EMAIL --mobile NUMBER (--message ID | --subject TEXT) [--school ID] [--data-dir DIR]
                             [--store DIR] [--now TIME] [--json] [--redact]
           xpressions doctor --data-dir DIR [--email EMAIL --mobile NUMBER] [--store DIR] [--now TIME] [--json] [--redact]
           xpressions school send --school ID --to SCOPE --subject TEXT --body TEXT [--category NAME] [--sender NAME]
           xpressions school inbox --school ID [--json]
           xpressions school absences --school ID [--date DATE] [--json]
           xpressions school acknowledge --school ID KEY [--now TIME]
           xpressions sync [--store DIR] [--data-dir DIR] [--now TIME]
           xpressions demo reset [--yes] [--data-dir DIR]
           xpressions demo tour [--data-dir DIR] [--now TIME] [--headless COLSxROWS --script KEYS ...]
           xpressions export calendar [--with-timetable] [--from DATE] [--to DATE] [OPTIONS]
           xpressions export attendance [--format csv|json] [OPTIONS]
           xpressions export messages [--format mbox|json] [OPTIONS]
           xpressions status [--json] [--format TEMPLATE] [OPTIONS]
           xpressions digest [--since last|DURATION] [--format text|mail|json] [--to ADDRESS] [--from ADDRESS]
                             [--sendmail COMMAND] [OPTIONS]
             OPTIONS: [--child NAME|ID] [--output FILE] [--data-dir DIR] [--store DIR] [--now TIME]

    Without a command, opens the parent app on the store (the built-in demo store by default).
    """

/// The commands; the app's options may come before one (`xpressions --store X doctor …`),
/// and before `--help` and `--version` (`xpressions --data-dir X --version` said "unknown option").
let commands: Set<String> = [
    "demo", "store", "doctor", "school", "sync", "export", "status", "digest", "--help", "-h", "--version",
]

func run(_ arguments: [String]) -> ExitCode {
    var cursor = ArgumentCursor(
        ArgumentCursor.commandFirst(
            arguments, commands: commands, valued: AppCommand.valuedOptions, flags: AppCommand.flagOptions)
            ?? arguments)
    do throws(ArgumentCursor.UsageError) {
        try ArgumentCursor.refuseRepeats(arguments)
        if let first = cursor.peek() {
            switch first {
            case "--help", "-h":
                output.out(usage)
                return .ok
            case "demo":
                _ = cursor.next()
                return try DemoCommand.run(&cursor, output: output)
            case "--version":
                output.out(version)
                return .ok
            case "store":
                _ = cursor.next()
                return try StoreCommand.run(&cursor, output: output)
            case "doctor":
                _ = cursor.next()
                return try DoctorCommand.run(&cursor, output: output)
            case "school":
                _ = cursor.next()
                return try SchoolCommand.run(&cursor, output: output)
            case "sync":
                _ = cursor.next()
                return try SyncCommand.run(&cursor, output: output)
            case "export":
                _ = cursor.next()
                return try ExportCommand.run(&cursor, output: output)
            case "status":
                _ = cursor.next()
                return try StatusCommand.run(&cursor, output: output)
            case "digest":
                _ = cursor.next()
                return try DigestCommand.run(&cursor, output: output)
            default: break
            }
        }
        return try AppCommand.run(&cursor, output: output)
    } catch {
        // The command wherever it stands ("--store X doctor --emial" is doctor's).
        let command = arguments.first { commands.contains($0) && !$0.hasPrefix("-") }
        let hint = OptionSuggestion.suggestion(for: error.description, command: command, usage: usage)
        output.err("xpressions: \(error.description)\(hint)")
        output.err("Try 'xpressions --help'.")
        return .usage
    }
}

// A reader that goes away (a closed pipe) is a failed write, said and given
// 74 as the README says, never a silent death by SIGPIPE (exit 141, the
// digest's state kept, no word). Programs the app starts get the default back.
signal(SIGPIPE, SIG_IGN)
exit(run(Array(CommandLine.arguments.dropFirst())).rawValue)
