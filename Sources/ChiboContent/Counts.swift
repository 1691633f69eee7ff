import ChiboModel

/// How a count is written: points, members, criterion ids, rating thresholds, plan rule numbers,
/// `order`. A count is a plain non-negative decimal integer: digits only, no sign (`+5` and `-0` are
/// refused, `-5` is called negative). In YAML a leading zero is refused too, because YAML 1.1 tools
/// read `010` as octal 8; a CSV cell may have one (`05`), as Excel writes numbers kept as text.
enum Counts {
    enum Problem: Error, Equatable {
        /// Not a whole number at all (`x`, `1.5`, empty).
        case notANumber
        /// A whole number below zero: `-5`.
        case negative(Int)
        /// A sign on a number that is not negative (`+5`, `-0`); the count as it should be written.
        case sign(Int)
        /// A leading zero in YAML (`05`); the count as it should be written.
        case leadingZero(Int)

        /// The kind of the problem, for its diagnostic.
        var code: DiagnosticCode {
            switch self {
            case .notANumber: .notANumber
            case .negative: .outOfRange
            case .sign, .leadingZero: .badForm
            }
        }
    }

    static func parse(_ text: String, leadingZeros: Bool) throws(Problem) -> Int {
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        var digits = Substring(text)
        var sign: Character?
        if let first = digits.first, first == "+" || first == "-" {
            sign = first
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy(isDigit), let value = Int(digits) else {
            throw .notANumber
        }
        if sign == "-" && value != 0 { throw .negative(-value) }
        if sign != nil { throw .sign(value) }
        if !leadingZeros && digits.count > 1 && digits.first == "0" { throw .leadingZero(value) }
        return value
    }

    /// The error for a count that is not written as one, naming the field.
    static func report(
        _ problem: Problem, field: String, text: String, at location: SourceLocation, _ diagnostics: inout Diagnostics
    ) {
        switch problem {
        case .notANumber: diagnostics.error(location, .notAWholeNumber(key: field))
        case .negative(let value): diagnostics.error(location, .negative(field: field, value: value))
        case .sign(let value):
            diagnostics.error(location, .countWithSign(field: field, value: value, text: text))
        case .leadingZero(let value):
            diagnostics.error(location, .countWithLeadingZero(field: field, value: value, text: text))
        }
    }
}
