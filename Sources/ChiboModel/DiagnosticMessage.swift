import ChiboSupport

/// A diagnostic's message as the catalogue (`MessageCatalogue`) words it: which of its code's messages
/// (`variant`) and the values of its fields, each typed, so that each language writes them its own
/// way (a number `1.362` in Vietnamese and `1,362` in English; a date `20/6/2023` and `2023-06-20`).
public struct DiagnosticMessage: Sendable, Hashable, Codable {
    public var code: DiagnosticCode
    /// The message of the code's entry this one is: `""` for its main message.
    public var variant: String
    public var fields: [MessageField: FieldValue]

    public init(_ code: DiagnosticCode, _ variant: String = "", _ fields: [MessageField: FieldValue] = [:]) {
        self.code = code
        self.variant = variant
        self.fields = fields
    }

    /// The message in `language`, on one line.
    public func text(in language: Language) -> String {
        MessageText.oneLine(MessageCatalogue.render(self, in: language))
    }
}

/// A field a message of the catalogue may name, `{name}` in its text. Each code says which of them
/// its messages use (`MessageCatalogue.Entry.fields`).
public enum MessageField: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// A value of the content as written, quoted: `"31/02/2024"`.
    case value
    /// The name of a key, a column or a field of the format: `` `present` ``.
    case field
    /// A name the content gives (a unit, a sheet, a file), quoted.
    case name
    /// A second value or name, where a message compares two.
    case other
    /// Counts and bounds, written as numbers of the language.
    case count, limit, total, lowest, highest
    /// A date, written as the language writes dates.
    case date, from, to
    /// A phrase of the catalogue's own, in both languages (`FieldValue.phrase`).
    case detail
}

/// The value of a field, typed: how it is written depends on the type and the language.
public enum FieldValue: Sendable, Hashable, Codable {
    /// Text of the content, quoted and escaped (`MessageText.quoted`).
    case quoted(String)
    /// A name of the format, between backticks: `` `present` ``.
    case code(String)
    /// Text shown as it is (a file's path, a rubric's own words), on one line.
    case plain(String)
    /// A whole number: `1.362` (vi), `1,362` (en).
    case number(Int)
    /// A number with decimals, at most `places`: `31,2` (vi), `31.2` (en).
    case decimal(Double, places: Int)
    /// A share from 0 to 1 as a percentage: `31,2%` (vi), `31.2%` (en).
    case percent(Double)
    /// A date: `20/6/2023` (vi), `20/06/2023` (en, as the content writes it).
    case date(Day)
    /// A date as a settings file writes it: `20/6/2023` (vi), `2023-06-20` (en).
    case isoDate(Day)
    /// Words in each language.
    case phrase(en: String, vi: String)

    /// The value as `language` writes it.
    public func text(in language: Language) -> String {
        switch self {
        case .quoted(let text): MessageText.quoted(text)
        case .code(let name): MessageText.quoted(name, with: "`")
        case .plain(let text): MessageText.oneLine(text)
        case .number(let value): Self.number(value, in: language)
        case .decimal(let value, let places): Self.decimal(value, places: places, in: language)
        case .percent(let share): Self.decimal(share * 100, places: 1, in: language) + "%"
        case .date(let day): language == .vi ? "\(day.day)/\(day.month)/\(day.year)" : day.vietnamese
        case .isoDate(let day): language == .vi ? FieldValue.date(day).text(in: .vi) : day.description
        case .phrase(let english, let vietnamese): language == .vi ? vietnamese : english
        }
    }

    /// A whole number, its thousands grouped with `.` in Vietnamese (`1.362`); in English as chibo has
    /// always written it, digits only (`1362`).
    static func number(_ value: Int, in language: Language) -> String {
        let digits = String(value.magnitude)
        guard language == .vi else { return String(value) }
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "." }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A number rounded to at most `places` decimals, trailing zeros dropped: `31,2` (vi), `31.2` (en).
    static func decimal(_ value: Double, places: Int, in language: Language) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<max(0, places) { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded()
        let whole = Int(scaled / scale)
        var fraction = String(Int(scaled - Double(whole) * scale))
        fraction = String(repeating: "0", count: max(0, places - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return sign + number(whole, in: language) + (fraction.isEmpty ? "" : (language == .vi ? "," : ".") + fraction)
    }
}

/// A day as `YYYY-MM-DD`: how a diagnostic's date crosses from the preview's build to the preview.
extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
