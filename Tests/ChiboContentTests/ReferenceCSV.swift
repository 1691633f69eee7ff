import ChiboModel
import ChiboSupport
import Foundation

@testable import ChiboContent

/// The first CSV reader chibo had, over Unicode scalars: kept here as the reference the byte reader
/// (`CSVTable.parse`) is compared with on edge cases and random texts. Unlike it, it reads any
/// `sep=` character, which chibo refuses.
extension CSVTable {
    /// The table of `text`, read scalar by scalar.
    static func referenceParse(_ text: String, separator: Character? = nil) throws(ParseError) -> CSVTable {
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
        let separator = separator ?? hinted ?? referenceSeparator(text)
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
            if scalar.isRefusedInText && scalar != sep {
                controls.append(
                    ParseError(
                        line: line, column: column, .controlInCell(scalar)))
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
                ParseError(line: quoteLine, column: quoteColumn, .unclosedQuote)
        }
        if !field.isEmpty || !cells.isEmpty || afterQuote { endRow() }
        return CSVTable(separator: separator, rows: rows, controlCharacters: controls)
    }

    /// `;` when the first line has more semicolons than commas outside quotes, else `,`.
    /// The most frequent of `,`, `;` and tab in the first non-blank line outside quotes; `,` on a tie.
    static func referenceSeparator(_ text: String) -> Character {
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
