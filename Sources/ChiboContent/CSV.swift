import ChiboSupport

/// A table read from comma- or semicolon-separated text, every cell with its line and column.
///
/// Accepts what spreadsheet programs write: quoted cells (RFC 4180, `""` for a quote, line ends
/// inside quotes), CRLF or LF line ends, `,` or `;` chosen from the header row. Blank rows are skipped.
public struct CSVTable: Sendable {
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var line: Int
        public var column: Int
    }

    public struct Row: Sendable {
        public var cells: [Cell]
        public var line: Int
    }

    public struct ParseError: Error, Sendable, Hashable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    public var separator: Character
    public var rows: [Row]
    /// Control characters found in cells (NUL, ESC, DEL, C1 controls...: anything but tab and line
    /// ends), each at its own line and column. Such a character is never meant: it comes from
    /// copying out of another program, and would reach pages and spreadsheets unseen.
    public var controlCharacters: [ParseError] = []

    /// Reads `text`; an unterminated quoted cell is a `ParseError` at the opening quote. Line ends may
    /// be LF, CRLF or CR alone (old Mac Excel); a first line `sep=;` (Excel's hint) sets the separator
    /// and is otherwise ignored.
    public static func parse(_ text: String, separator: Character? = nil) throws(ParseError) -> CSVTable {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(ParseError) -> CSVTable in
            let utf8 = UnsafeBufferPointer(buffer)
            guard let layout = CSVLayout(utf8, separator: separator) else {
                return try parseScalars(text, separator: separator)
            }
            var rows: [Row] = []
            var controls: [ParseError] = []
            try CSVTable.scan(
                utf8, layout: layout, control: { controls.append($0) }, row: { row, _ in rows.append(row) })
            return CSVTable(separator: layout.separator, rows: rows, controlCharacters: controls)
        }
    }

    /// The parser over Unicode scalars, for a separator that is not ASCII (`sep=` names any character).
    static func parseScalars(_ text: String, separator: Character? = nil) throws(ParseError) -> CSVTable {
        var text = text
        if text.utf8.contains(UInt8(ascii: "\r")) {
            // CRLF and a lone CR both become LF.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var afterCR = false
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\r") {
                    bytes.append(UInt8(ascii: "\n"))
                    afterCR = true
                    continue
                }
                if !(afterCR && byte == UInt8(ascii: "\n")) { bytes.append(byte) }
                afterCR = false
            }
            text = String(decoding: bytes, as: UTF8.self)
        }
        var hinted: Character?
        if let end = text.firstIndex(of: "\n") ?? Optional(text.endIndex), text[..<end].lowercased().hasPrefix("sep="),
            text[..<end].trimmingSpaces.count == 5, let hint = text[..<end].trimmingSpaces.last
        {
            hinted = hint
            text = String(text[end...])
        }
        let separator = separator ?? hinted ?? detectSeparator(text)
        var rows: [Row] = []
        var cells: [Cell] = []
        var field = ""
        var line = 1
        var column = 1
        var fieldLine = 1
        var fieldColumn = 1
        var rowLine = 1
        var inQuotes = false
        var quoteLine = 1
        var quoteColumn = 1
        var afterQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var controls: [ParseError] = []

        func endField() {
            cells.append(Cell(text: field, line: fieldLine, column: fieldColumn))
            field = ""
            afterQuote = false
        }
        func endRow() {
            endField()
            if !cells.allSatisfy({ $0.text.trimmingSpaces.isEmpty }) {
                rows.append(Row(cells: cells, line: rowLine))
            }
            cells = []
        }

        let sep = separator.unicodeScalars.first ?? ","
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if scalar.isControlCharacter && scalar != sep {
                controls.append(
                    ParseError(line: line, column: column, message: Self.controlMessage(scalar)))
            }
            if inQuotes {
                if scalar == "\"" {
                    if let next = scalars.next() {
                        if next == "\"" {
                            field.unicodeScalars.append("\"")
                            column += 2
                            continue
                        }
                        pending = next
                    }
                    inQuotes = false
                    afterQuote = true
                    column += 1
                } else if scalar == "\n" {
                    field.unicodeScalars.append(scalar)
                    line += 1
                    column = 1
                } else {
                    if scalar != "\r" { field.unicodeScalars.append(scalar) }
                    column += 1
                }
                continue
            }
            switch scalar {
            case "\"" where field.trimmingSpaces.isEmpty && !afterQuote:
                field = ""
                inQuotes = true
                quoteLine = line
                quoteColumn = column
                fieldLine = line
                fieldColumn = column
                column += 1
            case sep:
                endField()
                column += 1
                fieldLine = line
                fieldColumn = column
            case "\r":
                column += 1
            case "\n":
                endRow()
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = 1
                rowLine = line
            default:
                if field.isEmpty && !afterQuote {
                    fieldLine = line
                    fieldColumn = column
                }
                field.unicodeScalars.append(scalar)
                column += 1
            }
        }
        if inQuotes {
            throw
                ParseError(
                    line: quoteLine, column: quoteColumn,
                    message:
                        "this quoted cell is never closed; add the closing \" (a quote inside a cell is written \"\")")
        }
        if !field.isEmpty || !cells.isEmpty || afterQuote { endRow() }
        return CSVTable(separator: separator, rows: rows, controlCharacters: controls)
    }

    package static func controlMessage(_ scalar: Unicode.Scalar) -> String {
        "this cell holds the control character \(scalar.codePoint), which no text may contain; delete it "
            + "(it usually comes from copying out of another program)"
    }

    /// `;` when the first line has more semicolons than commas outside quotes, else `,`.
    /// The most frequent of `,`, `;` and tab in the first non-blank line outside quotes; `,` on a tie.
    static func detectSeparator(_ text: String) -> Character {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var inQuotes = false
        var seenText = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { inQuotes.toggle() }
            if inQuotes { continue }
            if scalar == "\n" {
                if seenText { break }
                continue
            }
            if !scalar.properties.isWhitespace { seenText = true }
            if counts[scalar] != nil { counts[scalar, default: 0] += 1 }
        }
        let comma = counts[","] ?? 0
        let semicolon = counts[";"] ?? 0
        let tab = counts["\t"] ?? 0
        if tab > comma && tab > semicolon { return "\t" }
        return semicolon > comma ? ";" : ","
    }
}
