import ChiboModel
import ChiboSupport

/// Where the rows of a CSV text start and what separates their cells: the `sep=` hint line is
/// skipped, the separator is the caller's, the hint's or the one the header row uses most.
public struct CSVLayout: Sendable {
    public var separator: Character
    /// The separator's byte; only ASCII separators are read over bytes.
    var separatorByte: UInt8
    /// The offset of the first byte to read (the line end after a `sep=` line, else 0).
    var start: Int

    /// The separator is `separator`, else the one a first line `sep=X` names, else the most frequent
    /// of `,`, `;` and tab in the first line. A `sep=` line naming anything but one ASCII character
    /// other than a quote is an error at it: spreadsheet programs write `sep=,` or `sep=;`.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, separator: Character? = nil) throws(CSVTable.ParseError) {
        let firstEnd = bytes.firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? bytes.count
        var hinted: Character?
        var start = 0
        if firstEnd >= 4 {
            let firstLine = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<firstEnd]), as: UTF8.self)
            if firstLine.lowercased().hasPrefix("sep="), firstLine.trimmingSpaces.count == 5,
                let hint = firstLine.trimmingSpaces.last
            {
                hinted = hint
                start = firstEnd
            }
        }
        let chosen = separator ?? hinted ?? Self.detectSeparator(bytes, from: start)
        guard chosen.unicodeScalars.count == 1, let scalar = chosen.unicodeScalars.first, scalar.isASCII,
            scalar != "\n", scalar != "\r", scalar != "\""
        else {
            throw CSVTable.ParseError(line: 1, column: 5, .badSeparatorLine(String(chosen)))
        }
        self.separator = chosen
        self.separatorByte = UInt8(scalar.value)
        self.start = start
    }

    /// The most frequent of `,`, `;` and tab in the first non-blank line outside quotes; `,` on a tie.
    static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Character {
        var comma = 0
        var semicolon = 0
        var tab = 0
        var inQuotes = false
        var seenText = false
        var iterator = bytes[start...].makeIterator()
        var decoder = UTF8()
        scanning: while case .scalarValue(let decoded) = decoder.decode(&iterator) {
            let scalar: Unicode.Scalar = decoded == "\r" ? "\n" : decoded
            if scalar == "\"" { inQuotes.toggle() }
            if inQuotes { continue }
            if scalar == "\n" {
                if seenText { break scanning }
                continue
            }
            if !scalar.properties.isWhitespace { seenText = true }
            switch scalar {
            case ",": comma += 1
            case ";": semicolon += 1
            case "\t": tab += 1
            default: break
            }
        }
        if tab > comma && tab > semicolon { return "\t" }
        return semicolon > comma ? ";" : ","
    }
}

extension CSVTable {
    /// A cell as the byte reader leaves it: a range of its row's bytes (quotes and `""` undone, line
    /// ends as LF), so that a string is made only for a cell that is used.
    public struct RawCell: Sendable {
        /// The cell's bytes in `RawRow.bytes`.
        public var start: Int
        public var end: Int
        public var line: Int
        public var column: Int
        /// Whether the text is only white space (`trimmingSpaces` leaves nothing).
        public var isBlank: Bool
        /// Whether the text holds a line end (a quoted cell over lines).
        public var hasNewline: Bool

        public init(start: Int, end: Int, line: Int, column: Int, isBlank: Bool, hasNewline: Bool) {
            self.start = start
            self.end = end
            self.line = line
            self.column = column
            self.isBlank = isBlank
            self.hasNewline = hasNewline
        }
    }

    /// A row as the byte reader gives it; its buffers are valid only while the row is given.
    public struct RawRow {
        public var bytes: UnsafeBufferPointer<UInt8>
        public var cells: UnsafeBufferPointer<RawCell>
        public var line: Int

        public init(bytes: UnsafeBufferPointer<UInt8>, cells: UnsafeBufferPointer<RawCell>, line: Int) {
            self.bytes = bytes
            self.cells = cells
            self.line = line
        }

        /// The bytes of `cell`.
        public func bytes(of cell: RawCell) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[cell.start..<cell.end])
        }

        /// The text of `cell`.
        public func text(of cell: RawCell) -> String { String(decoding: bytes(of: cell), as: UTF8.self) }

        /// The row as `Cell`s, each with its text.
        public var row: Row {
            Row(cells: cells.map { Cell(text: text(of: $0), line: $0.line, column: $0.column) }, line: line)
        }
    }

    /// Reads the rows of UTF-8 `bytes` one at a time, without keeping them: `row` gets each row that
    /// is not blank and whether it holds a control character, `control` each control character.
    /// The same reading as `parse`, line ends (CRLF, CR) taken as LF as they come; an unterminated
    /// quoted cell is the failure, after every row before it was given.
    public static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, layout: CSVLayout, control: (ParseError) -> Void,
        row: (Row, _ hasControlCharacter: Bool) -> Void
    ) throws(ParseError) {
        try scanRaw(bytes, layout: layout, control: control) { raw, hasControl in row(raw.row, hasControl) }
    }

    /// `scan` without making strings: each row's cells are ranges of bytes.
    public static func scanRaw(
        _ bytes: UnsafeBufferPointer<UInt8>, layout: CSVLayout, control: (ParseError) -> Void,
        row: (RawRow, _ hasControlCharacter: Bool) -> Void
    ) throws(ParseError) {
        let quote = UInt8(ascii: "\"")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let space = UInt8(ascii: " ")
        let sep = layout.separatorByte
        let count = bytes.count
        var state = RowState()
        defer { state.rowBytes.deallocate() }
        var line = 1
        var column = 1
        var inQuotes = false
        var quoteLine = 1
        var quoteColumn = 1

        var index = layout.start
        while index < count {
            var byte = bytes[index]
            // Printable ASCII, the most of any cell, is taken a run at a time.
            if byte >= space && byte < 0x7F && byte != sep && byte != quote {
                var end = index
                var nonSpace = false
                while end < count {
                    let next = bytes[end]
                    guard next >= space && next < 0x7F && next != sep && next != quote else { break }
                    if next != space { nonSpace = true }
                    end += 1
                }
                if !inQuotes { state.startField(line: line, column: column) }
                if nonSpace { state.fieldBlank = false }
                state.rowBytes.append(bytes, index..<end)
                column += end - index
                index = end
                continue
            }
            var length = 1
            if byte == carriageReturn {
                // CRLF and a lone CR are one LF.
                byte = newline
                if index + 1 < count && bytes[index + 1] == newline { length = 2 }
            } else if byte >= 0xC0 {
                length = byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                length = min(length, count - index)
            }
            let next = index + length
            if let scalar = controlCharacter(bytes, at: index, byte: byte, length: length, separator: sep) {
                state.rowHasControl = true
                control(
                    ParseError(line: line, column: column, .controlInCell(scalar)))
            }
            if inQuotes {
                if byte == quote {
                    if next < count && bytes[next] == quote {
                        state.rowBytes.append(quote)
                        state.fieldBlank = false
                        column += 2
                        index = next + 1
                        continue
                    }
                    inQuotes = false
                    state.afterQuote = true
                    column += 1
                } else if byte == newline {
                    state.rowBytes.append(newline)
                    state.fieldNewline = true
                    line += 1
                    column = 1
                } else {
                    state.append(bytes, at: index, length: length)
                    column += 1
                }
            } else if byte == quote && state.fieldBlank && !state.afterQuote {
                state.rowBytes.count = state.fieldStart
                inQuotes = true
                (quoteLine, quoteColumn) = (line, column)
                (state.fieldLine, state.fieldColumn) = (line, column)
                column += 1
            } else if byte == sep {
                state.endField()
                column += 1
                (state.fieldLine, state.fieldColumn) = (line, column)
            } else if byte == newline {
                state.endRow(row)
                line += 1
                column = 1
                (state.fieldLine, state.fieldColumn, state.rowLine) = (line, 1, line)
            } else {
                state.startField(line: line, column: column)
                state.append(bytes, at: index, length: length)
                column += 1
            }
            index = next
        }
        if inQuotes {
            throw ParseError(line: quoteLine, column: quoteColumn, .unclosedQuote)
        }
        if state.rowBytes.count > state.fieldStart || !state.cells.isEmpty || state.afterQuote { state.endRow(row) }
    }

    /// The scalar at `index` to report, if any (`Unicode.Scalar.isRefusedInText`, read on the bytes):
    /// C0 but tab and line ends, DEL, C1 (U+0080 to U+009F: C2 80 to C2 9F), and noncharacters (U+FDD0
    /// to U+FDEF: EF B7 90 to EF B7 AF; U+FFFE and U+FFFF: EF BF BE and BF; the last two of planes 1
    /// to 16: F0 to F4, then x F or x F in its low bits, BF, BE or BF). A control byte that is the
    /// separator separates.
    @inline(__always)
    static func controlCharacter(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, byte: UInt8, length: Int, separator: UInt8
    ) -> Unicode.Scalar? {
        if (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F {
            return byte == separator ? nil : Unicode.Scalar(byte)
        }
        if byte == 0xC2 && length == 2 && (0x80...0x9F).contains(bytes[index + 1]) {
            // The second byte is the code point.
            return Unicode.Scalar(bytes[index + 1])
        }
        if byte == 0xEF && length == 3 {
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            if (second == 0xB7 && (0x90...0xAF).contains(third)) || (second == 0xBF && third >= 0xBE) {
                return Unicode.Scalar(0xF000 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F))
            }
        }
        if byte >= 0xF0 && length == 4 && bytes[index + 1] & 0x0F == 0x0F && bytes[index + 2] == 0xBF
            && bytes[index + 3] >= 0xBE
        {
            let plane = UInt32(byte & 0x07) << 2 | UInt32(bytes[index + 1] & 0x30) >> 4
            return Unicode.Scalar(plane << 16 | 0xFFFE | UInt32(bytes[index + 3] & 0x01))
        }
        return nil
    }

    /// The row being read: its bytes so far, its cells, and the field being read.
    struct RowState {
        var cells: [RawCell] = []
        /// The bytes of the row's cells so far; the current field starts at `fieldStart`.
        var rowBytes = RowBytes(capacity: 1024)
        var fieldStart = 0
        /// Whether the field so far holds only white space (`trimmingSpaces` would leave nothing).
        var fieldBlank = true
        var fieldNewline = false
        var fieldLine = 1
        var fieldColumn = 1
        /// Whether the field's closing quote has been read.
        var afterQuote = false
        var allBlank = true
        var rowHasControl = false
        var rowLine = 1

        /// Marks where the field starts, when nothing of it is read yet.
        @inline(__always)
        mutating func startField(line: Int, column: Int) {
            if rowBytes.count == fieldStart && !afterQuote { (fieldLine, fieldColumn) = (line, column) }
        }

        /// Appends the scalar of `length` bytes at `index` to the field.
        @inline(__always)
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) {
            if fieldBlank && !CSVTable.isWhiteSpace(bytes, at: index, length: length) { fieldBlank = false }
            if length == 1 {
                rowBytes.append(bytes[index])
            } else {
                rowBytes.append(bytes, index..<(index + length))
            }
        }

        mutating func endField() {
            cells.append(
                RawCell(
                    start: fieldStart, end: rowBytes.count, line: fieldLine, column: fieldColumn,
                    isBlank: fieldBlank, hasNewline: fieldNewline))
            if !fieldBlank { allBlank = false }
            fieldStart = rowBytes.count
            fieldBlank = true
            fieldNewline = false
            afterQuote = false
        }

        /// Ends the field and the row, and hands the row on unless every cell of it is blank.
        mutating func endRow(_ row: (RawRow, _ hasControlCharacter: Bool) -> Void) {
            endField()
            if !allBlank {
                let buffer = rowBytes.buffer
                let (line, hasControl) = (rowLine, rowHasControl)
                cells.withUnsafeBufferPointer { row(RawRow(bytes: buffer, cells: $0, line: line), hasControl) }
            }
            cells.removeAll(keepingCapacity: true)
            rowBytes.count = 0
            fieldStart = 0
            allBlank = true
            rowHasControl = false
        }
    }

    /// The bytes of a row's cells: appended to without the checks of an array, grown by doubling,
    /// freed by its owner.
    struct RowBytes {
        var base: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            base = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        @inline(__always)
        mutating func reserve(_ extra: Int) {
            guard count + extra > capacity else { return }
            var grown = capacity * 2
            while grown < count + extra { grown *= 2 }
            let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            new.initialize(from: base, count: count)
            base.deallocate()
            base = new
            capacity = grown
        }

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            reserve(1)
            base[count] = byte
            count += 1
        }

        /// Appends `range` of `bytes`.
        @inline(__always)
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            guard let source = bytes.baseAddress, !range.isEmpty else { return }
            reserve(range.count)
            (base + count).initialize(from: source + range.lowerBound, count: range.count)
            count += range.count
        }

        var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

        func deallocate() { base.deallocate() }
    }

    /// Whether the scalar of `length` bytes at `index` is white space (Unicode's White_Space).
    @inline(__always)
    static func isWhiteSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Bool {
        let lead = bytes[index]
        if lead < 0x80 { return lead == 0x20 || (0x09...0x0D).contains(lead) }
        // Every non-ASCII white space starts with C2, E1, E2 or E3.
        guard lead == 0xC2 || (0xE1...0xE3).contains(lead) else { return false }
        var iterator = UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return scalar.properties.isWhitespace
    }
}
