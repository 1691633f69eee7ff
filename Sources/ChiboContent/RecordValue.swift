import ChiboModel
import ChiboSupport

/// What a cell holds, as its file typed it. A CSV cell and a YAML value are text; a workbook's cell
/// is text, a number, a date (a serial number in a date-formatted cell) or a boolean, and is read as
/// that type, not as the text Excel shows for it.
enum CellKind: Equatable, Sendable {
    case text
    case number(Double)
    case date(Day)
    case boolean(Bool)

    /// The text Excel shows for a workbook's number, date or boolean: a whole number without `.0`
    /// (else the number as the sheet writes it, `written`), a date as `YYYY-MM-DD`, a boolean as 1
    /// or 0. Messages quote it, and a field that reads text (a name, a kind, a rating) reads it.
    func shown(written: String) -> String {
        switch self {
        case .text: written
        case .number(let number): Self.wholeNumber(number).map { String($0) } ?? written
        case .date(let day): day.description
        case .boolean(let value): value ? "1" : "0"
        }
    }

    /// The whole number a number is (12 for 12.0), or nil for a fraction and for a number too large
    /// to be written in full (from 10^15, Excel shows digits it does not keep).
    static func wholeNumber(_ number: Double) -> Int? {
        number == number.rounded() && abs(number) < 1e15 ? Int(number) : nil
    }
}

/// The value of one field of a record (a CSV cell, a YAML value, a workbook's cell): its text, what
/// its file typed it as, and where it stands in the file (with the sheet and the cell, in a workbook).
struct RecordValue {
    /// The text of the value; for a workbook's number, date or boolean, the text Excel shows for it.
    var text: String
    var location: SourceLocation
    /// What the file typed the value as; `.text` for every CSV and YAML value.
    var kind: CellKind
    /// The text without surrounding white space, trimmed once: a record's reader asks for it often.
    let trimmed: String

    init(text: String, location: SourceLocation, kind: CellKind = .text) {
        self.text = text
        self.location = location
        self.kind = kind
        trimmed = text.trimmingSpaces
    }

    /// A cell whose text the reader knows to be only white space, so that there is nothing to trim.
    init(text: String, location: SourceLocation, isBlank: Bool) {
        self.text = text
        self.location = location
        kind = .text
        trimmed = isBlank ? "" : text.trimmingSpaces
    }

    var isEmpty: Bool { trimmed.isEmpty }

    /// The day the value gives: a workbook's date as it is, a text as `Day(parsing:)` reads it
    /// (`20/6/2023`, `2023-06-20`); nil for anything else. A date cell past 31/12/9999 (which Excel
    /// shows as `####`) is no day, as its text is none.
    var day: Day? {
        switch kind {
        case .date(let day): Day(year: day.year, month: day.month, day: day.day)
        case .text, .number, .boolean: Day(parsing: trimmed)
        }
    }

    /// The count the value gives: a workbook's whole number as it is (12 for a cell holding 12.0),
    /// a text as `Counts.parse` reads it; a negative whole number is `.negative`, as its text is.
    func count(leadingZeros: Bool) throws(Counts.Problem) -> Int {
        if case .number(let number) = kind, let whole = CellKind.wholeNumber(number) {
            guard whole >= 0 else { throw .negative(whole) }
            return whole
        }
        return try Counts.parse(trimmed, leadingZeros: leadingZeros)
    }

    /// Yes or no: a workbook's boolean as it is, a text as `BooleanWords` reads it (`có`, `không`,
    /// `x`, `1`...); nil for anything else.
    var flag: Bool? {
        if case .boolean(let value) = kind { return value }
        return BooleanWords.parse(text)
    }
}
