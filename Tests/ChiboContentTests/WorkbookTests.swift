import ChiboModel
import Testing

@testable import ChiboContent

@Suite struct WorkbookTests {
    /// Serial numbers as Excel counts them, with the 29 February 1900 that was not.
    @Test func serialNumbersAreDaysOfEitherDateSystem() {
        #expect(Workbook.day(serial: 1, date1904: false)?.description == "1900-01-01")
        #expect(Workbook.day(serial: 59, date1904: false)?.description == "1900-02-28")
        #expect(Workbook.day(serial: 60, date1904: false) == nil)
        #expect(Workbook.day(serial: 61, date1904: false)?.description == "1900-03-01")
        #expect(Workbook.day(serial: 45301, date1904: false)?.description == "2024-01-10")
        #expect(Workbook.day(serial: 45301.75, date1904: false)?.description == "2024-01-10")
        #expect(Workbook.day(serial: 43839, date1904: true)?.description == "2024-01-10")
        #expect(Workbook.day(serial: 0, date1904: false) == nil)
        #expect(Workbook.day(serial: .nan, date1904: false) == nil)
    }

    @Test func dateFormatsAreTheOnesWithDaysOrYears() {
        for code in ["dd/mm/yyyy", "d-mmm-yy", "yyyy-mm-dd hh:mm", "[$-42A]dd/mm/yyyy", "DD/MM/YYYY"] {
            #expect(Workbook.isDateFormat(code), "\(code)")
        }
        for code in ["0", "#,##0.00", "hh:mm", "[Red]0", "\"ngày\" 0", "0\\d"] {
            #expect(!Workbook.isDateFormat(code), "\(code)")
        }
    }

    @Test func cellReferencesAndRelationshipTargets() {
        #expect(Workbook.column(of: "C14") == 3)
        #expect(Workbook.column(of: "AA1") == 27)
        #expect(Workbook.column(of: "14") == nil)
        #expect(Workbook.resolve("worksheets/sheet1.xml", from: "xl") == "xl/worksheets/sheet1.xml")
        #expect(Workbook.resolve("/xl/worksheets/sheet2.xml", from: "xl") == "xl/worksheets/sheet2.xml")
        #expect(Workbook.resolve("../styles.xml", from: "xl/worksheets") == "xl/styles.xml")
        #expect(SourceLocation.columnLetters(1) == "A")
        #expect(SourceLocation.columnLetters(26) == "Z")
        #expect(SourceLocation.columnLetters(28) == "AB")
        #expect(SourceLocation(file: "m.xlsx", line: 14, column: 3, sheet: "Quý 1").cellName == "C14")
    }

    @Test func aDiagnosticAboutACellNamesTheSheetAndTheCell() {
        let diagnostic = Diagnostic(
            .error, .impossibleFigures, SourceLocation(file: "meetings/2024.xlsx", line: 14, column: 3, sheet: "Quý 1"),
            "present (25) is more than the branch's members (20)")
        #expect(
            diagnostic.description
                == "meetings/2024.xlsx:14:3: error: present (25) is more than the branch's members (20) "
                + "[sheet \"Quý 1\", cell C14]")
    }

    @Test func whatIsNotAWorkbookIsOneErrorAtTheFile() {
        var diagnostics = Diagnostics()
        #expect(Workbook.open(Array("a;b\n".utf8), file: "units.xlsx", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.errorCodes == [.workbookUnreadable])
        #expect(
            diagnostics.errors.first?.description.hasPrefix("units.xlsx:1:1: error: the file is not an Excel") == true)
    }
}

/// Workbooks of any size a committee keeps read; hostile ones are one error at the file.
@Suite struct WorkbookBoundsTests {
    /// Every row of every sheet of `bytes`: the row numbers and the cells' text, or the diagnostics.
    static func read(_ bytes: [UInt8], file: String = "meetings/m.xlsx") -> (rows: [[String]], Diagnostics) {
        var diagnostics = Diagnostics()
        guard let workbook = Workbook.open(bytes, file: file, diagnostics: &diagnostics) else {
            return ([], diagnostics)
        }
        var rows: [[String]] = []
        for sheet in workbook.sheets {
            do {
                try workbook.read(
                    sheet, row: { _, cells in rows.append(cells.map(\.text)) },
                    problem: { diagnostics.error($0.code, SourceLocation(file: file, line: $0.row), $0.message) })
            } catch {
                diagnostics.error(.workbookUnreadable, SourceLocation(file: file), error.message)
            }
        }
        return (rows, diagnostics)
    }

    /// A sheet of 12,000 rows, 12 MB of XML: past libxml2's default 10 MB cap, far below chibo's own.
    @Test func aSheetOfTwelveMegabytesReads() {
        let text = String(repeating: "Chi bộ ", count: 13)
        var rows = ""
        for number in 1...12_000 {
            rows += "<row r=\"\(number)\">"
            for column in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] {
                rows += "<c r=\"\(column)\(number)\" t=\"inlineStr\"><is><t>\(text)\(number)</t></is></c>"
            }
            rows += "</row>"
        }
        let book = TestWorkbook(sheets: [("Quý 1", rows)])
        #expect(book.parts.last.map { $0.bytes.count > 12_000_000 } == true)
        let (read, diagnostics) = Self.read(book.zip())
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        #expect(read.count == 12_000)
        #expect(read.last?.last == "\(text)12000")
    }
}
