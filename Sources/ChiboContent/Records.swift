import ChiboModel
import ChiboSupport
import Yams

/// A row of a CSV file or an item of a YAML list, with its values by canonical field name.
///
/// The rows of one CSV file share one table of columns; a row holds only its cells.
struct Record {
    var location: SourceLocation
    /// The field of each of `values`; one instance for all the rows of a file. A record has a
    /// few fields with short names, found faster by comparing than by hashing.
    private var fields: [String]
    private var values: [RecordValue]

    init(location: SourceLocation, fields: [String], values: [RecordValue]) {
        self.location = location
        self.fields = fields
        self.values = values
    }

    init(location: SourceLocation, cells: [String: RecordValue]) {
        self.location = location
        fields = Array(cells.keys)
        values = fields.compactMap { cells[$0] }
    }

    subscript(_ field: String) -> RecordValue? { fields.firstIndex(of: field).map { values[$0] } }

    /// The position of `field` among the record's values: the same for every row of a file, so it
    /// can be found once and the rows read by position.
    func position(of field: String) -> Int? { fields.firstIndex(of: field) }

    /// The fields of the values, in order; one instance for all the rows of a file.
    var fieldNames: [String] { fields }

    /// The value at a position `position(of:)` found, or nil for none.
    subscript(at position: Int?) -> RecordValue? { position.map { values[$0] } }

    /// A non-empty value at a position, or nil.
    func value(at position: Int?) -> RecordValue? {
        guard let cell = self[at: position], !cell.isEmpty else { return nil }
        return cell
    }

    /// A non-empty value, or nil.
    func value(_ field: String) -> RecordValue? {
        guard let cell = self[field], !cell.isEmpty else { return nil }
        return cell
    }
}

/// A column of a table: its canonical name and the aliases a clerk may write instead, matched
/// ignoring case, surrounding spaces and Vietnamese diacritics.
struct Field {
    var name: String
    var aliases: [String]

    init(_ name: String, _ aliases: [String] = []) {
        self.name = name
        self.aliases = aliases
    }

    /// The fields of `required` that `header` lacks, in the order given, each with every name a
    /// header may give it (the field's own first): the one check of a CSV header's columns.
    static func missing(_ required: [String], in header: [String: SourceLocation], of fields: [Field]) -> [[String]] {
        required.filter { header[$0] == nil }.map { name in
            fields.first { $0.name == name }.map { [$0.name] + $0.aliases } ?? [name]
        }
    }

    func matches(_ key: String) -> Bool {
        let folded = Self.key(key)
        return folded == Self.key(name) || aliases.contains { Self.key($0) == folded }
    }

    static func key(_ text: String) -> String {
        Folding.fold(text.trimmingSpaces).replacing(ascii: "_", with: " ")
    }
}

/// Reading tables (CSV with a header row, or a YAML list of mappings) into records.
enum Records {
    /// Maps header names to fields; `extra` names the canonical field for headers no field knows
    /// (criterion columns), or nil to warn that the column is ignored.
    static func fromCSV(
        _ text: String, file: String, fields: [Field], extra: @escaping (String) -> String? = { _ in nil },
        diagnostics: inout Diagnostics
    ) -> (header: [String: SourceLocation], records: [Record])? {
        var header: [String: SourceLocation] = [:]
        var records: [Record] = []
        let read = readCSV(
            Array(text.utf8), file: file, fields: fields, extra: extra, diagnostics: &diagnostics,
            header: { found, _ in
                header = found
                return true
            },
            record: { record, _ in records.append(record) })
        return read ? (header, records) : nil
    }

    /// Reads a CSV file's UTF-8 a row at a time: `header` gets the fields the header row names (and
    /// says whether to read the records), `record` each record in file order; no row is kept.
    /// False when the file could not be read as a table (then only its one error is reported).
    ///
    /// Diagnostics come in the order of reading the whole table first: control characters, then the
    /// header's and the rows' own problems, then what `header` and `record` report.
    static func readCSV(
        _ bytes: [UInt8], file: String, fields: [Field], extra: @escaping (String) -> String? = { _ in nil },
        diagnostics: inout Diagnostics,
        header: (_ fields: [String: SourceLocation], _ diagnostics: inout Diagnostics) -> Bool,
        record: (Record, _ diagnostics: inout Diagnostics) -> Void
    ) -> Bool {
        var reader = CSVRecordReader(file: file, fields: fields, extra: extra)
        // Read in place: a mutable buffer would copy the file's bytes, which the caller holds too.
        do {
            try bytes.withUnsafeBufferPointer { (utf8) throws(CSVTable.ParseError) in
                let layout = try CSVLayout(utf8)
                reader.separator = layout.separator
                try CSVTable.scanRaw(
                    utf8, layout: layout,
                    control: {
                        $0.report(
                            at: SourceLocation(file: file, line: $0.line, column: $0.column), &reader.controls)
                    },
                    row: { row, hasControl in reader.take(row, hasControl: hasControl, header: header, record: record) }
                )
            }
        } catch {
            error.report(at: SourceLocation(file: file, line: error.line, column: error.column), &diagnostics)
            return false
        }
        diagnostics.append(contentsOf: reader.controls)
        if !reader.hasHeader {
            reader.table.error(SourceLocation(file: file), .fileEmpty("csv"))
        }
        diagnostics.append(contentsOf: reader.table)
        diagnostics.append(contentsOf: reader.records)
        return reader.hasHeader
    }

    /// Every sheet of a workbook that holds records, each read as a CSV file is: its first row with
    /// text is its header, then a record a row. A sheet whose name starts with `_` (a clerk's notes)
    /// and an empty sheet are left out, a hidden sheet too with a warning. Diagnostics name the sheet
    /// and the cell; those about a sheet as a whole stand at its header row. False when the workbook
    /// cannot be read at all (its one error is reported) or has no sheet with a header.
    static func readWorkbook(
        _ bytes: [UInt8], file: String, fields: [Field], extra: @escaping (String) -> String? = { _ in nil },
        diagnostics: inout Diagnostics,
        header: (_ fields: [String: SourceLocation], _ diagnostics: inout Diagnostics) -> Bool,
        record: (Record, _ diagnostics: inout Diagnostics) -> Void
    ) -> Bool {
        let mark = diagnostics.checkpoint
        guard var workbook = Workbook.open(bytes, file: file, diagnostics: &diagnostics) else { return false }
        var anyHeader = false
        // A sheet refused for its name is reported once: not again as a workbook without a header.
        var refused = false
        for sheet in workbook.sheets where !sheet.name.hasPrefix("_") {
            if let control = sheet.name.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                diagnostics.error(SourceLocation(file: file), .controlInSheetName(sheet.name, control))
                refused = true
                continue
            }
            if sheet.isHidden {
                diagnostics.warning(SourceLocation(file: file, sheet: sheet.name), .hiddenSheet(sheet.name))
                continue
            }
            var reader = CSVRecordReader(file: file, fields: fields, extra: extra, sheet: sheet.name)
            var headerRow = 1
            do {
                try workbook.read(
                    sheet,
                    row: { number, cells in
                        guard !cells.isEmpty else { return }
                        if !reader.hasHeader { headerRow = number }
                        reader.take(number, cells, header: header, record: record)
                    },
                    problem: { problem in
                        let location = reader.location(row: problem.row, column: problem.column)
                        reader.table.error(location, problem.wording)
                    })
            } catch {
                // The workbook as a whole cannot be read: what its earlier sheets raised goes with it.
                diagnostics.rollBack(to: mark)
                diagnostics.error(SourceLocation(file: file), .sheetUnreadable(sheet.name, reason: error.wording))
                return false
            }
            guard reader.hasHeader else { continue }
            anyHeader = true
            // What is said of the sheet as a whole (a missing column) stands at its header row.
            for var problems in [reader.controls, reader.table, reader.records] {
                problems.placeUnlocated(in: file, at: SourceLocation(file: file, line: headerRow, sheet: sheet.name))
                diagnostics.append(contentsOf: problems)
            }
        }
        if !anyHeader && !refused {
            diagnostics.error(SourceLocation(file: file), .fileEmpty("workbook"))
        }
        return anyHeader
    }

    /// A YAML list of mappings, each key matched like a CSV header.
    static func fromYAML(
        _ list: Node, yaml: YAMLSource, fields: [Field], what: String, diagnostics: inout Diagnostics
    ) -> [Record] {
        guard case .sequence(let sequence) = list else {
            diagnostics.error(yaml.location(list), .wrongShape("items", what: (what, what)))
            return []
        }
        var records: [Record] = []
        for item in sequence {
            guard
                let pairs = yaml.mapping(
                    item, ("each item of \(what)", "mỗi mục của \(what)"), diagnostics: &diagnostics)
            else { continue }
            var cells: [String: RecordValue] = [:]
            // An item holding a refused character is left out whole, as a CSV row is: the error at the
            // character is the one to fix, not the value it would leave missing.
            var refused = false
            for (key, keyNode, value) in pairs {
                guard let field = fields.first(where: { $0.matches(key) }) else {
                    diagnostics.warning(yaml.location(keyNode), .unknownKey(key))
                    continue
                }
                guard case .scalar(let scalar) = value else {
                    diagnostics.error(yaml.location(value), .wrongShape("single", field: key))
                    continue
                }
                let text = scalar.style == .plain && value.null != nil ? "" : scalar.string
                if let control = text.firstRefusedCharacter {
                    diagnostics.error(yaml.location(value), .controlInCell(control.scalar))
                    refused = true
                    continue
                }
                cells[field.name] = RecordValue(text: text, location: yaml.location(value))
            }
            if !refused { records.append(Record(location: yaml.location(item), cells: cells)) }
        }
        return records
    }
}

/// Words a clerk may write for an enumerated value, matched ignoring case and diacritics.
struct Vocabulary<Value: Sendable>: Sendable {
    var entries: [(words: [String], value: Value)]
    /// Every word, lower-cased and folded, to its value.
    private let exact: [String: Value]

    init(entries: [(words: [String], value: Value)]) {
        self.entries = entries
        var exact: [String: Value] = [:]
        for entry in entries {
            for word in entry.words {
                exact[word.lowercased()] = entry.value
                exact[Field.key(word)] = entry.value
            }
        }
        self.exact = exact
    }

    func value(_ text: String) -> Value? {
        let trimmed = text.trimmingSpaces
        // A word as the vocabulary spells it is its own lower case: found without lower-casing.
        if let value = exact[trimmed] { return value }
        return exact[trimmed.lowercased()] ?? exact[Field.key(text)]
    }

    var help: String { entries.map { $0.words.prefix(2).joined(separator: " / ") }.joined(separator: ", ") }
}

enum Words {
    static let unitKind = Vocabulary<UnitKind>(entries: [
        (["committee", "đảng bộ cơ sở", "đảng ủy cơ sở", "đảng bộ", "đảng ủy"], .committee),
        (["branch", "chi bộ", "chi bộ cơ sở", "chi bộ trực thuộc"], .branch),
    ])
    static let sector = Vocabulary<Sector>(entries: [
        (["agency", "cơ quan"], .agency),
        (["public-service", "sự nghiệp", "đơn vị sự nghiệp", "public service"], .publicService),
        (["enterprise", "doanh nghiệp"], .enterprise),
    ])
    static let meetingKind = Vocabulary<MeetingKind>(entries: [
        (["regular", "thường kỳ", "sinh hoạt thường kỳ"], .regular),
        (["thematic", "chuyên đề", "sinh hoạt chuyên đề"], .thematic),
    ])
}

/// The state of reading one CSV file into records: the header's columns and the diagnostics of
/// each kind, kept apart so that they come out in the order of reading the whole table first.
private struct CSVRecordReader {
    let file: String
    let fields: [Field]
    let extra: (String) -> String?
    var separator: Character = ","
    var hasHeader = false
    var headerCount = 0
    var readsRecords = false
    /// The position in a record's values of each column of the header, nil for ignored ones.
    var columns: [Int?] = []
    /// The field of each position of a record's values.
    var fieldOrder: [String] = []
    /// The column of each position of a record's values.
    var columnOfPosition: [Int] = []
    /// The number of cells a row needs to hold every field: one past the last named column.
    var lastMapped = 0
    var controls = Diagnostics()
    var table = Diagnostics()
    var records = Diagnostics()

    /// For a workbook's sheet: its name, which every location names.
    let sheet: String?
    /// A sheet row's cells by column, kept from row to row.
    var sheetSlots: [Workbook.Cell?] = []

    init(file: String, fields: [Field], extra: @escaping (String) -> String?, sheet: String? = nil) {
        self.file = file
        self.fields = fields
        self.extra = extra
        self.sheet = sheet
    }

    func location(_ cell: CSVTable.Cell) -> SourceLocation {
        location(row: cell.line, column: cell.column)
    }

    /// A cell's place; in a workbook's sheet with the name its column's header gives it.
    func location(row: Int, column: Int) -> SourceLocation {
        SourceLocation(
            file: file, line: row, column: column, sheet: sheet, columnName: sheet == nil ? nil : columnNames[column])
    }

    mutating func take(
        _ row: CSVTable.RawRow, hasControl: Bool,
        header: (_ fields: [String: SourceLocation], _ diagnostics: inout Diagnostics) -> Bool,
        record: (Record, _ diagnostics: inout Diagnostics) -> Void
    ) {
        take(CSVRow(raw: row), hasControl: hasControl, header: header, record: record)
    }

    /// Takes a row of either source: the header's, or a record checked as a CSV row is (a cell over
    /// lines holding separators, a control character, a cell past the header's columns) and made of
    /// the row's cells by the header's fields.
    mutating func take<Row: RecordRow>(
        _ row: Row, hasControl: Bool,
        header: (_ fields: [String: SourceLocation], _ diagnostics: inout Diagnostics) -> Bool,
        record: (Record, _ diagnostics: inout Diagnostics) -> Void
    ) {
        guard hasHeader else {
            readHeader(row.header)
            readsRecords = header(headerLocations, &records)
            return
        }
        if let swallowing = row.swallowingCell(separator: separator) {
            table.error(
                location(row: row.cellLine(swallowing.cell), column: row.column(swallowing.cell)),
                .swallowingQuote(lines: swallowing.lines, separator: separator))
            return
        }
        // A row with a control character is reported at the character, and left out.
        if hasControl { return }
        let count = row.cells.count
        if count > headerCount, let extraCell = row.cells.dropFirst(headerCount).first(where: { !row.isBlank($0) }) {
            table.error(
                location(row: row.cellLine(extraCell), column: row.column(extraCell)),
                .rowWidth(cells: count, columns: headerCount, separator: separator))
            return
        }
        guard readsRecords else { return }
        var values: [RecordValue] = []
        values.reserveCapacity(fieldOrder.count)
        if count >= lastMapped {
            // Every field has its cell: the values are made in field order, no placeholder first.
            for position in fieldOrder.indices {
                let index = columnOfPosition[position]
                values.append(row.value(index, at: location(row: row.cellLine(index), column: row.column(index))))
            }
        } else {
            let end = row.cells.last.map {
                SourceLocation(
                    file: file, line: row.cellLine($0), column: row.column($0) + row.characters($0), sheet: sheet)
            }
            let missing = RecordValue(
                text: "", location: end ?? SourceLocation(file: file, line: row.line, sheet: sheet))
            values = Array(repeating: missing, count: fieldOrder.count)
            for index in row.cells where index < columns.count {
                guard let position = columns[index] else { continue }
                values[position] = row.value(index, at: location(row: row.cellLine(index), column: row.column(index)))
            }
        }
        record(
            Record(
                location: SourceLocation(file: file, line: row.line, sheet: sheet), fields: fieldOrder, values: values),
            &records)
    }

    /// Takes a workbook's row, its cells as the sheet typed them: every column up to the last with
    /// something in it is a cell (none where the sheet has none), so that cells stand at their
    /// header's position. A control character is an error at its cell and leaves the row out, as in
    /// CSV.
    mutating func take(
        _ number: Int, _ sheetCells: [Workbook.Cell],
        header: (_ fields: [String: SourceLocation], _ diagnostics: inout Diagnostics) -> Bool,
        record: (Record, _ diagnostics: inout Diagnostics) -> Void
    ) {
        var slots = sheetSlots
        slots.removeAll(keepingCapacity: true)
        // The buffer is lent back for the next row.
        defer { sheetSlots = slots }
        var hasControl = false
        for cell in sheetCells {
            while slots.count < cell.column - 1 { slots.append(nil) }
            if let control = cell.text.firstRefusedCharacter {
                controls.error(location(row: number, column: cell.column), .controlInCell(control.scalar))
                hasControl = true
            }
            slots.append(cell)
        }
        take(SheetRow(line: number, slots: slots), hasControl: hasControl, header: header, record: record)
    }

    var headerLocations = [String: SourceLocation]()
    /// The header's text of each column, by column number: a workbook cell's place names it.
    var columnNames: [Int: String] = [:]

    mutating func readHeader(_ row: CSVTable.Row) {
        hasHeader = true
        headerCount = row.cells.count
        columns = Array(repeating: nil, count: row.cells.count)
        for (index, cell) in row.cells.enumerated() {
            let name = cell.text.trimmingSpaces
            if name.isEmpty { continue }
            if sheet != nil { columnNames[cell.column] = name }
            guard let field = fields.first(where: { $0.matches(name) })?.name ?? extra(name) else {
                table.warning(location(cell), .unknownColumn(name))
                continue
            }
            if let first = headerLocations[field] {
                table.error(location(cell), .duplicateColumn(name, field: field, firstColumn: first.column))
                continue
            }
            headerLocations[field] = location(cell)
            columns[index] = fieldOrder.count
            fieldOrder.append(field)
            columnOfPosition.append(index)
            lastMapped = index + 1
        }
    }

}

/// A row of cells as `CSVRecordReader` takes it, from a CSV file or from a workbook's sheet: its
/// cells by position (a cell's column, in a sheet; a CSV row's cells one after another).
private protocol RecordRow {
    var line: Int { get }
    /// The positions of the row's cells.
    var cells: Range<Int> { get }
    /// The row as the header's `CSVTable.Row`, each cell with its text.
    var header: CSVTable.Row { get }
    /// The line a cell starts on: in CSV, a cell after one over lines starts below the row's first.
    func cellLine(_ cell: Int) -> Int
    func column(_ cell: Int) -> Int
    func isBlank(_ cell: Int) -> Bool
    /// A quoted cell that runs over lines and holds separators, which has swallowed the rows after
    /// it, and its number of lines; nil for none.
    func swallowingCell(separator: Character) -> (cell: Int, lines: Int)?
    /// The cell's length in Unicode scalars: where a row that ends early ends.
    func characters(_ cell: Int) -> Int
    /// The cell as a record's value at `location`.
    func value(_ cell: Int, at location: SourceLocation) -> RecordValue
}

/// A CSV row: its cells' text, read from the file's bytes.
private struct CSVRow: RecordRow {
    let raw: CSVTable.RawRow

    var line: Int { raw.line }
    var cells: Range<Int> { 0..<raw.cells.count }
    var header: CSVTable.Row { raw.row }
    func cellLine(_ cell: Int) -> Int { raw.cells[cell].line }
    func column(_ cell: Int) -> Int { raw.cells[cell].column }
    func isBlank(_ cell: Int) -> Bool { raw.cells[cell].isBlank }
    func swallowingCell(separator: Character) -> (cell: Int, lines: Int)? {
        guard let byte = separator.asciiValue,
            let cell = cells.first(where: { raw.cells[$0].hasNewline && raw.bytes(of: raw.cells[$0]).contains(byte) })
        else { return nil }
        return (cell, raw.bytes(of: raw.cells[cell]).count { $0 == UInt8(ascii: "\n") } + 1)
    }
    func characters(_ cell: Int) -> Int { raw.text(of: raw.cells[cell]).unicodeScalars.count }
    func value(_ cell: Int, at location: SourceLocation) -> RecordValue {
        RecordValue(text: raw.text(of: raw.cells[cell]), location: location, isBlank: raw.cells[cell].isBlank)
    }
}

/// A workbook's row: a slot a column up to its last cell, nil where the sheet has no cell. Its cells
/// keep the type the sheet gives them.
private struct SheetRow: RecordRow {
    let line: Int
    let slots: [Workbook.Cell?]

    var cells: Range<Int> { slots.indices }
    var header: CSVTable.Row {
        CSVTable.Row(
            cells: slots.indices.map { CSVTable.Cell(text: slots[$0]?.text ?? "", line: line, column: column($0)) },
            line: line)
    }
    func cellLine(_ cell: Int) -> Int { line }
    func column(_ cell: Int) -> Int { slots[cell]?.column ?? cell + 1 }
    func isBlank(_ cell: Int) -> Bool { slots[cell].map { $0.text.trimmingSpaces.isEmpty } ?? true }
    /// A sheet's cell is a cell, however many lines and commas it holds: there are no quotes to lose.
    func swallowingCell(separator: Character) -> (cell: Int, lines: Int)? { nil }
    func characters(_ cell: Int) -> Int { slots[cell]?.text.unicodeScalars.count ?? 0 }
    func value(_ cell: Int, at location: SourceLocation) -> RecordValue {
        guard let found = slots[cell] else { return RecordValue(text: "", location: location, isBlank: true) }
        return RecordValue(text: found.text, location: location, kind: found.kind)
    }
}
