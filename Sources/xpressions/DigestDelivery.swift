import Foundation
import SchoolStore

/// `digest --sendmail COMMAND`: hands the mail to a command (run by
/// `/bin/sh -c`, as cron and systemd recipes write it) on its standard
/// input, and says whether it took it. The mail goes through a private
/// file in the data directory (0600, removed at once), never a pipe, so
/// the command's exit status is the one that counts.
enum DigestDelivery {
    /// nil when the command exited 0; otherwise why not.
    static func send(_ mail: String, command: String, dataDirectory: String) -> String? {
        var template = Array("\(dataDirectory)/.digest-mail-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return "the mail could not be written in \(dataDirectory) (\(RawFile.errnoText()))" }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let bytes = Array(mail.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                close(fd)
                return "the mail could not be written in \(dataDirectory) (\(RawFile.errnoText()))"
            }
            written += n
        }
        close(fd)
        let pid: pid_t
        do {
            pid = try Subprocess.spawn(
                ["/bin/sh", "-c", command], environment: ProcessEnvironment.current(),
                stdin: .file(path, flags: O_RDONLY))
        } catch {
            return error.description
        }
        let status = Subprocess.wait(pid)
        return status == 0 ? nil : "'\(command)' exited with status \(status)"
    }
}
