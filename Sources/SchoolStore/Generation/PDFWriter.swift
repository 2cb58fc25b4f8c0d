/// Writes the small PDF letters a generated store attaches to messages: one
/// A4 page of Helvetica text (a title and lines), with a correct
/// cross-reference table, so any PDF viewer opens it. A few hundred bytes to
/// a couple of kilobytes; the same text always gives the same bytes.
enum PDFWriter {
    /// A one-page document: `title` in 16 pt, then `lines` in 11 pt, each
    /// wrapped at about 90 characters. Text outside printable ASCII is
    /// written as `?` (the standard Helvetica encoding is not Unicode).
    static func letter(title: String, lines: [String]) -> [UInt8] {
        var content = "BT /F1 16 Tf 72 770 Td (\(escape(title))) Tj ET\n"
        content += "BT /F1 11 Tf 72 740 Td 15 TL\n"
        var rows = 0
        for line in lines {
            for row in wrap(line, width: 90) where rows < 44 {
                content += "(\(escape(row))) Tj T*\n"
                rows += 1
            }
        }
        content += "ET\n"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
        var out = Array("%PDF-1.4\n".utf8) + [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n\(body)\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }

    /// A PDF string's text: printable ASCII, with `\`, `(` and `)` escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "(", ")": out += "\\\(scalar)"
            case " "..."~": out.unicodeScalars.append(scalar)
            default: out += "?"
            }
        }
        return out
    }

    /// Words into rows of at most `width` characters (a longer word is cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        var rows: [String] = []
        var row = ""
        for word in text.split(separator: " ") {
            var word = Substring(word)
            while word.count > width {
                if !row.isEmpty {
                    rows.append(row)
                    row = ""
                }
                rows.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if row.isEmpty {
                row = String(word)
            } else if row.count + 1 + word.count <= width {
                row += " " + word
            } else {
                rows.append(row)
                row = String(word)
            }
        }
        rows.append(row)
        return rows
    }
}
