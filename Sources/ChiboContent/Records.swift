import ChiboModel
import Yams

/// A cell of a record: its text and where it stands in the file.
struct Cell {
    var text: String
    var location: SourceLocation

    var trimmed: String { text.trimmingSpaces }
    var isEmpty: Bool { trimmed.isEmpty }
}

/// A row of a CSV file or an item of a YAML list, with its values by canonical field name.
struct Record {
    var location: SourceLocation
    var cells: [String: Cell]

    subscript(_ field: String) -> Cell? { cells[field] }

    /// A non-empty value, or nil.
    func value(_ field: String) -> Cell? {
        guard let cell = cells[field], !cell.isEmpty else { return nil }
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
        _ text: String, file: String, fields: [Field], extra: (String) -> String? = { _ in nil },
        diagnostics: inout Diagnostics
    ) -> (header: [String: SourceLocation], records: [Record])? {
        let table: CSVTable
        switch CSVTable.parse(text) {
        case .success(let parsed): table = parsed
        case .failure(let error):
            diagnostics.error(SourceLocation(file: file, line: error.line, column: error.column), error.message)
            return nil
        }
        for control in table.controlCharacters {
            diagnostics.error(SourceLocation(file: file, line: control.line, column: control.column), control.message)
        }
        let controlLines = Set(table.controlCharacters.map(\.line))
        guard let headerRow = table.rows.first else {
            diagnostics.error(SourceLocation(file: file), "the file is empty; the first row must name the columns")
            return nil
        }
        var columns: [Int: String] = [:]
        var header: [String: SourceLocation] = [:]
        for (index, cell) in headerRow.cells.enumerated() {
            let location = SourceLocation(file: file, line: cell.line, column: cell.column)
            let name = cell.text.trimmingSpaces
            if name.isEmpty { continue }
            guard let field = fields.first(where: { $0.matches(name) })?.name ?? extra(name) else {
                diagnostics.warning(location, "unknown column \"\(name)\" is ignored")
                continue
            }
            if let first = header[field] {
                diagnostics.error(
                    location, "the column \"\(name)\" repeats `\(field)` (already at column \(first.column))")
                continue
            }
            header[field] = location
            columns[index] = field
        }
        let separatorByte = table.separator.asciiValue
        func holdsSeparator(_ text: String) -> Bool {
            separatorByte.map { text.utf8.contains($0) } ?? text.contains(table.separator)
        }
        var records: [Record] = []
        for row in table.rows.dropFirst() {
            // A quoted cell that runs over lines and holds separators has swallowed the rows after it.
            if let swallowing = row.cells.first(where: {
                $0.text.utf8.contains(UInt8(ascii: "\n")) && holdsSeparator($0.text)
            }) {
                let lines = swallowing.text.split(separator: "\n", omittingEmptySubsequences: false).count
                diagnostics.error(
                    SourceLocation(file: file, line: swallowing.line, column: swallowing.column),
                    "this quoted cell runs over \(lines) lines and holds the separator (\(table.separator)): "
                        + "a closing quote \" is probably missing, so the rows after it were read as part of it")
                continue
            }
            // A row with a control character is reported at the character, and left out.
            if !controlLines.isEmpty, let last = row.cells.last {
                let end = last.line + last.text.utf8.count { $0 == UInt8(ascii: "\n") }
                if (row.line...end).contains(where: controlLines.contains) { continue }
            }
            var cells: [String: Cell] = [:]
            if row.cells.count > headerRow.cells.count,
                row.cells[headerRow.cells.count...].contains(where: { !$0.text.trimmingSpaces.isEmpty }),
                let extraCell = row.cells.dropFirst(headerRow.cells.count).first(where: {
                    !$0.text.trimmingSpaces.isEmpty
                })
            {
                diagnostics.error(
                    SourceLocation(file: file, line: extraCell.line, column: extraCell.column),
                    "this row has \(row.cells.count) cells but the header names \(headerRow.cells.count) columns; "
                        + "check for a separator (\(table.separator)) inside a value and put that value in quotes")
                continue
            }
            for (index, cell) in row.cells.enumerated() {
                guard let field = columns[index] else { continue }
                cells[field] = Cell(
                    text: cell.text, location: SourceLocation(file: file, line: cell.line, column: cell.column))
            }
            let end = row.cells.last.map {
                SourceLocation(file: file, line: $0.line, column: $0.column + $0.text.unicodeScalars.count)
            }
            for (_, field) in columns where cells[field] == nil {
                cells[field] = Cell(text: "", location: end ?? SourceLocation(file: file, line: row.line))
            }
            records.append(Record(location: SourceLocation(file: file, line: row.line), cells: cells))
        }
        return (header, records)
    }

    /// A YAML list of mappings, each key matched like a CSV header.
    static func fromYAML(
        _ list: Node, yaml: YAMLSource, fields: [Field], what: String, diagnostics: inout Diagnostics
    ) -> [Record] {
        guard case .sequence(let sequence) = list else {
            diagnostics.error(yaml.location(list), "\(what) must be a list of `- key: value` items")
            return []
        }
        var records: [Record] = []
        for item in sequence {
            guard let pairs = yaml.mapping(item, "each item of \(what)", diagnostics: &diagnostics) else { continue }
            var cells: [String: Cell] = [:]
            for (key, keyNode, value) in pairs {
                guard let field = fields.first(where: { $0.matches(key) }) else {
                    diagnostics.warning(yaml.location(keyNode), "unknown key `\(key)` is ignored")
                    continue
                }
                guard case .scalar(let scalar) = value else {
                    diagnostics.error(yaml.location(value), "`\(key)` must be a single value")
                    continue
                }
                let text = scalar.style == .plain && value.null != nil ? "" : scalar.string
                if let control = text.firstControlCharacter {
                    diagnostics.error(yaml.location(value), CSVTable.controlMessage(control.scalar))
                    continue
                }
                cells[field.name] = Cell(text: text, location: yaml.location(value))
            }
            records.append(Record(location: yaml.location(item), cells: cells))
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
        exact[text.trimmingSpaces.lowercased()] ?? exact[Field.key(text)]
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
