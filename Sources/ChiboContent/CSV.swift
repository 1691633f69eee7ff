import ChiboModel
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
        /// The message as the catalogue words it.
        public var catalogued: DiagnosticMessage

        public init(line: Int, column: Int, _ message: DiagnosticMessage) {
            self.line = line
            self.column = column
            self.catalogued = message
        }

        /// The kind of problem, for its diagnostic.
        public var code: DiagnosticCode { catalogued.code }

        /// The message in English.
        public var message: String { catalogued.text(in: .en) }

        /// The error at `location`.
        public func report(at location: SourceLocation, _ diagnostics: inout Diagnostics) {
            diagnostics.error(location, catalogued)
        }
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
            let layout = try CSVLayout(utf8, separator: separator)
            var rows: [Row] = []
            var controls: [ParseError] = []
            try CSVTable.scan(
                utf8, layout: layout, control: { controls.append($0) }, row: { row, _ in rows.append(row) })
            return CSVTable(separator: layout.separator, rows: rows, controlCharacters: controls)
        }
    }

}
