import Foundation

/// Bodies of MIME parts (RFC 2045) as the mbox export writes them: UTF-8
/// text as it is (`8bit`) when every line fits in 998 octets and holds no
/// NUL or lone CR, else quoted-printable; files in base64, 76 characters a
/// line. Lines end with LF.
enum MIMEBody {
    /// The longest line `8bit` allows (RFC 5322 §2.1.1), line end not counted.
    static let maximumLine = 998

    /// Text with its line ends made LF and a final LF.
    static func normalised(_ text: String) -> String {
        var t = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if !t.hasSuffix("\n") { t += "\n" }
        return t
    }

    /// The transfer encoding `text` (normalised) needs, and the text in it.
    static func encode(_ text: String) -> (encoding: String, body: String) {
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.allSatisfy({ $0.count <= maximumLine && !$0.contains(0) }) { return ("8bit", text) }
        return ("quoted-printable", quotedPrintable(text))
    }

    /// Quoted-printable (RFC 2045 §6.7): printable ASCII but `=` as it is,
    /// other bytes `=XX`, a space or tab at a line's end encoded, soft line
    /// breaks (`=`) keeping lines to 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        var out = ""
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (n, line) in lines.enumerated() {
            if n == lines.count - 1 && line.isEmpty { break }  // after the final LF
            var current = ""
            let bytes = Array(line)
            for (i, b) in bytes.enumerated() {
                let last = i == bytes.count - 1
                let piece: String
                if (b >= 0x21 && b <= 0x7E && b != 0x3D) || ((b == 0x20 || b == 0x09) && !last) {
                    piece = String(Unicode.Scalar(b))
                } else {
                    piece = "=" + hexByte(b)
                }
                if current.utf8.count + piece.utf8.count > 75 {
                    out += current + "=\n"
                    current = ""
                }
                current += piece
            }
            out += current + "\n"
        }
        return out
    }

    static func hexByte(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
    }

    /// Base64 in lines of 76 characters, each ending LF.
    static func base64(_ bytes: [UInt8]) -> String {
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        var out = ""
        var i = 0
        while i < encoded.count {
            let end = min(i + 76, encoded.count)
            out += String(decoding: encoded[i..<end], as: UTF8.self) + "\n"
            i = end
        }
        return out
    }
}
