import ChiboSupport

/// A place in a content file: the file path relative to the content folder, a 1-based line and a 1-based column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var file: String
    public var line: Int
    public var column: Int
    /// For a cell of a workbook: the sheet's name. The line is the row's number and the column the
    /// column's, and a diagnostic names the sheet and the cell as Excel does (`cell C14`).
    public var sheet: String?
    /// For a cell of a workbook: the name its column's header gives it (`Ngày`), which the Vietnamese
    /// place names (`hàng 14, cột Ngày`). A label of the place, not part of it: two locations that
    /// differ only in it are equal.
    public var columnName: String?

    public init(file: String, line: Int = 1, column: Int = 1, sheet: String? = nil, columnName: String? = nil) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.sheet = sheet
        self.columnName = columnName
    }

    public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.sheet) == (rhs.file, rhs.line, rhs.column, rhs.sheet)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(column)
        hasher.combine(sheet)
    }

    /// A workbook cell's place in words, nil outside a workbook. Vietnamese, before the message:
    /// `hàng 14, cột Ngày (ô C14, trang tính "Quý 1")`; English, after it: `sheet "Quý 1", cell C14`.
    public func cellPlace(in language: Language) -> String? {
        guard let sheet else { return nil }
        let quotedSheet = MessageText.quoted(sheet)
        switch language {
        case .vi:
            let column = columnName.map { name in
                ", cột " + (name.isEmpty ? SourceLocation.columnLetters(self.column) : MessageText.oneLine(name))
            }
            return "hàng \(line)\(column ?? "") (ô \(cellName), trang tính \(quotedSheet))"
        case .en:
            return "sheet \(quotedSheet), cell \(cellName)"
        }
    }

    /// `FILE:LINE:COLUMN`, the file's name on one line and shortened (`MessageText.oneLine`).
    public var description: String { "\(MessageText.oneLine(file)):\(line):\(column)" }

    /// The cell's name as a spreadsheet writes it: the column's letters and the row's number, `C14`.
    public var cellName: String { Self.columnLetters(column) + String(line) }

    /// `A` for column 1, `Z` for 26, `AA` for 27.
    public static func columnLetters(_ column: Int) -> String {
        var number = max(column, 1)
        var letters: [Character] = []
        while number > 0 {
            let digit = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// By file, then sheet, line and column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.sheet ?? "", lhs.line, lhs.column) < (rhs.file, rhs.sheet ?? "", rhs.line, rhs.column)
    }
}

/// One problem found in the content or the theme, printed `FILE:LINE:COLUMN: error: MESSAGE`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible, Codable {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// The kind of problem, for tests and tools; not printed, so that the output stays
    /// `FILE:LINE:COLUMN: error|warning: MESSAGE`.
    public var code: DiagnosticCode
    public var location: SourceLocation
    /// One line of visible text, at most `MessageText.lineLimit` characters: whatever the message
    /// quotes cannot start a line of its own, here, on the terminal or in the preview's problem list.
    /// Values are quoted with `Diagnostic.quoted`.
    ///
    /// In English: the catalogue's English words; tests that compare it compare the catalogue's
    /// English. `text(in:)` gives it in either language.
    public var message: String { catalogued.text(in: .en) }
    /// The message as the catalogue words it, in both languages.
    public private(set) var catalogued: DiagnosticMessage

    /// A diagnostic worded by the catalogue; the code is the message's.
    public init(_ severity: Severity, _ location: SourceLocation, _ message: DiagnosticMessage) {
        self.severity = severity
        self.code = message.code
        self.location = location
        self.catalogued = message
    }

    /// The message in `language`.
    public func text(in language: Language) -> String {
        catalogued.text(in: language)
    }

    /// A value of the content in a message: `"value"` (or `` `name` `` with `with: "`"`), escaped onto
    /// one line, cut after `MessageText.valueLimit` characters with `…` (see `MessageText.quoted`).
    public static func quoted(_ value: some StringProtocol, with mark: Unicode.Scalar = "\"") -> String {
        MessageText.quoted(value, with: mark)
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE` in English, and for a workbook's cell ` [sheet "NAME", cell C14]`
    /// after it.
    public var description: String { line(language: .en) }

    /// The printed line, `FILE:LINE:COLUMN: error: MESSAGE`, the message in `language` and the
    /// severity word, which tools parse, in English whatever the language, between `colour`'s escapes
    /// on a terminal. Every line chibo prints for a diagnostic is made here, one line whatever the
    /// content holds.
    public func line(language: Language = .en, colour: (start: String, end: String)? = nil) -> String {
        "\(location): \(colour?.start ?? "")\(severity.rawValue):\(colour?.end ?? "") \(fullMessage(in: language))"
    }

    /// The message with a workbook cell's place: in English ` [sheet "NAME", cell C14]` after it, in
    /// Vietnamese `hàng 14, cột Ngày (ô C14, trang tính "NAME"): ` before it.
    public func fullMessage(in language: Language) -> String {
        let text = text(in: language)
        guard let place = location.cellPlace(in: language) else { return text }
        return language == .vi ? place + ": " + text : text + " [" + place + "]"
    }

    /// The message in English with a workbook cell's place after it.
    public var fullMessage: String { fullMessage(in: .en) }
}

/// A growing list of diagnostics, collected over a whole run so that every error is reported at once.
public struct Diagnostics: Error, Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// A place in the list, to ask later whether a step found errors of its own:
    /// `let mark = diagnostics.checkpoint` before it, `diagnostics.hasErrors(since: mark)` after.
    public struct Checkpoint: Sendable {
        fileprivate let count: Int
    }

    public var checkpoint: Checkpoint { Checkpoint(count: items.count) }

    /// Whether an error was added after `mark`.
    public func hasErrors(since mark: Checkpoint) -> Bool {
        items[min(mark.count, items.count)...].contains { $0.severity == .error }
    }
    /// Forgets what was added after `mark`: a step whose findings are replaced by one error.
    public mutating func rollBack(to mark: Checkpoint) {
        items.removeSubrange(min(mark.count, items.count)...)
    }

    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }

    /// An error worded by the catalogue.
    public mutating func error(_ location: SourceLocation, _ message: DiagnosticMessage) {
        items.append(Diagnostic(.error, location, message))
    }

    /// A warning worded by the catalogue.
    public mutating func warning(_ location: SourceLocation, _ message: DiagnosticMessage) {
        items.append(Diagnostic(.warning, location, message))
    }

    /// The codes of the errors, in order: what a test of a kind of problem compares.
    public var errorCodes: [DiagnosticCode] { errors.map(\.code) }

    public mutating func append(contentsOf other: Diagnostics) {
        items.append(contentsOf: other.items)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        items.append(contentsOf: other)
    }

    /// Places the diagnostics about `file` that have no line of their own (said of the file as a
    /// whole) at `location`: a workbook's sheet, at its header row.
    public mutating func placeUnlocated(in file: String, at location: SourceLocation) {
        for index in items.indices
        where items[index].location.file == file && items[index].location.sheet == nil
            && items[index].location.line == 1 && items[index].location.column == 1
        {
            items[index].location = location
        }
    }

    /// The diagnostics in file, line and column order; the order of a run's output.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            a.element.location == b.element.location ? a.offset < b.offset : a.element.location < b.element.location
        }.map(\.element)
    }
}
