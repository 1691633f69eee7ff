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
            .error, SourceLocation(file: "meetings/2024.xlsx", line: 14, column: 3, sheet: "Quý 1"),
            .presentAboveMembers(present: 25, members: 20))
        #expect(
            diagnostic.description
                == "meetings/2024.xlsx:14:3: error: 25 members present but the branch has 20 members (units file) "
                + "[sheet \"Quý 1\", cell C14]")
    }

    /// `.xlsm` is read wherever `.xlsx` is; Excel's lock files of either are not.
    @Test func macroEnabledWorkbooksAreWorkbooks() {
        for name in ["2024.xlsx", "2024.xlsm", "2024.XLSM", "a.csv"] {
            #expect(MeetingsLoader.isMeetingsFile(name), "\(name)")
        }
        for name in ["~$2024.xlsm", "~$2024.xlsx", "2024.xlsb", "2024.xls"] {
            #expect(!MeetingsLoader.isMeetingsFile(name), "\(name)")
        }
        #expect(Workbook.isWorkbookFile("units.xlsm"))
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
        guard var workbook = Workbook.open(bytes, file: file, diagnostics: &diagnostics) else {
            return ([], diagnostics)
        }
        var rows: [[String]] = []
        for sheet in workbook.sheets {
            do {
                try workbook.read(
                    sheet, row: { _, cells in rows.append(cells.map(\.text)) },
                    problem: { diagnostics.error(SourceLocation(file: file, line: $0.row), $0.wording) })
            } catch {
                diagnostics.error(SourceLocation(file: file), error.wording)
            }
        }
        return (rows, diagnostics)
    }

    static let file = "units.xlsx"

    /// The workbook read as the units file is (every sheet, a record a row): its records' names and
    /// the diagnostics.
    static func records(_ bytes: [UInt8]) -> (names: [String], diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        var names: [String] = []
        _ = Records.readWorkbook(
            bytes, file: file, fields: UnitsLoader.fields, diagnostics: &diagnostics, header: { _, _ in true },
            record: { record, _ in names.append(record.value("name")?.text ?? "") })
        return (names, diagnostics)
    }

    /// Asserts that `bytes` is exactly one error, the workbook's at the file, the catalogue's message
    /// `variant` of `workbook.unreadable` (its wording is `MessageCatalogueTests`' to test).
    static func expectOneErrorAtTheFile(
        _ bytes: [UInt8], _ variant: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        expectOneErrorAtTheFile(records(bytes).diagnostics, variant, sourceLocation: sourceLocation)
    }

    static func expectOneErrorAtTheFile(
        _ diagnostics: Diagnostics, _ variant: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(diagnostics.errorCodes == [.workbookUnreadable], "\(diagnostics.items)", sourceLocation: sourceLocation)
        #expect(diagnostics.items.count == 1, "\(diagnostics.items)", sourceLocation: sourceLocation)
        let error = diagnostics.errors.first
        #expect(error?.location == ChiboModel.SourceLocation(file: file), sourceLocation: sourceLocation)
        // A sheet's failure comes as `sheet`, with the failure's words in it.
        let words = MessageCatalogue.entries[.workbookUnreadable]?.messages[variant]?.en ?? "?"
        let matches =
            error?.catalogued.variant == variant
            || (error?.catalogued.variant == "sheet" && Self.holds(error?.message ?? "", words))
        #expect(matches, "\(error?.message ?? "")", sourceLocation: sourceLocation)
    }

    /// Whether `text` holds the words of the catalogue's `template` in order, its fields' values aside.
    static func holds(_ text: String, _ template: String) -> Bool {
        var rest = Substring(text)
        var pieces: [Substring] = []
        var remaining = Substring(template)
        while let open = remaining.firstIndex(of: "{"), let close = remaining[open...].firstIndex(of: "}") {
            pieces.append(remaining[..<open])
            remaining = remaining[remaining.index(after: close)...]
        }
        pieces.append(remaining)
        for piece in pieces where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    /// A units sheet: the header, then `rows` of XML.
    static func units(_ rows: String, shared: [String]? = nil, name: String = "Đơn vị") -> TestWorkbook {
        let header =
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>name</t>"
            + "</is></c><c r=\"C1\" t=\"inlineStr\"><is><t>kind</t></is></c></row>"
        return TestWorkbook(sheets: [(name, header + rows)], shared: shared)
    }

    static func inline(_ reference: String, _ text: String) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
    }

    @Test func aValidWorkbookReadsWithoutAWord() {
        let (names, diagnostics) = Self.records(Self.units("<row r=\"2\">\(Self.inline("B2", "Chi bộ 1"))</row>").zip())
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items)")
        #expect(names == ["Chi bộ 1"])
    }

    /// Row numbers are checked numbers within Excel's rows, whatever their size or sign.
    @Test(arguments: ["9223372036854775807", "92233720368547758070", "1048577", "0", "-1", "1e3", ""])
    func aRowNumberPastExcelsLastRowIsOneErrorAtTheFile(number: String) {
        let rows = "<row r=\"\(number)\">\(Self.inline("B2", "x"))</row><row>\(Self.inline("B3", "y"))</row>"
        Self.expectOneErrorAtTheFile(Self.units(rows).zip(), "rowNumber")
    }

    @Test func aRowAfterExcelsLastRowIsOneErrorAtTheFile() {
        let rows = "<row r=\"1048576\">\(Self.inline("B1048576", "x"))</row><row><c t=\"b\"><v>1</v></c></row>"
        Self.expectOneErrorAtTheFile(Self.units(rows).zip(), "rowNumber")
    }

    /// Column references past XFD, however long, and a cell after XFD without a reference.
    @Test(arguments: [
        "<c r=\"XFE2\" t=\"b\"><v>1</v></c>", "<c r=\"\(String(repeating: "Z", count: 30))2\" t=\"b\"><v>1</v></c>",
        "<c r=\"XFD2\" t=\"b\"><v>1</v></c><c t=\"b\"><v>1</v></c>", "<c r=\"2\" t=\"b\"><v>1</v></c>",
    ])
    func aColumnPastXFDIsOneErrorAtTheFile(cells: String) {
        Self.expectOneErrorAtTheFile(Self.units("<row r=\"2\">\(cells)</row>").zip(), "column")
    }

    /// Cells are counted as rows are read, up to each row's last column: a few hundred rows with a
    /// value at XFD stop at the limit instead of padding five million empty cells.
    @Test func cellsPaddedUpToXFDCountTowardsTheLimit() {
        let rowCount = Workbook.Limits.standard.cells / Workbook.lastColumn + 2
        var rows = ""
        for row in 2...rowCount { rows += "<row r=\"\(row)\"><c r=\"XFD\(row)\" t=\"b\"><v>1</v></c></row>" }
        Self.expectOneErrorAtTheFile(Self.units(rows).zip(), "cells")
    }

    @Test(arguments: ["99999999999", "64000", "-1", "x"])
    func aStyleIndexThatIsNotAStyleIsOneErrorAtTheFile(style: String) {
        let rows = "<row r=\"2\"><c r=\"B2\" s=\"\(style)\"><v>1</v></c></row>"
        Self.expectOneErrorAtTheFile(Self.units(rows).zip(), "styleIndex")
    }

    @Test func aSharedStringIndexPastTheTableIsAnErrorAtItsCell() {
        let rows = "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>99999999999999999999999</v></c></row>"
        let (_, diagnostics) = Self.records(Self.units(rows, shared: ["a"]).zip())
        #expect(diagnostics.errorCodes == [.badForm])
        #expect(
            diagnostics.errors.first?.location
                == ChiboModel.SourceLocation(file: Self.file, line: 2, column: 2, sheet: "Đơn vị"))
    }

    // MARK: - The zip

    @Test(arguments: [UInt32(0x7FFF_FFFF), 0xFFFF_FFF0, 0xFFFF_FFFF])
    func aCentralDirectoryOffsetPastTheFileIsOneErrorAtTheFile(offset: UInt32) {
        var zip = Self.units("").zip()
        TestWorkbook.patch32(&zip, at: TestWorkbook.endRecord(zip) + 16, offset)
        Self.expectOneErrorAtTheFile(zip, "cutShort")
    }

    @Test func aDirectorySizeOrCountPastTheFileIsOneErrorAtTheFile() {
        var size = Self.units("").zip()
        TestWorkbook.patch32(&size, at: TestWorkbook.endRecord(size) + 12, 0x00FF_FFFF)
        Self.expectOneErrorAtTheFile(size, "cutShort")
        var count = Self.units("").zip()
        count.replaceSubrange(
            (TestWorkbook.endRecord(count) + 8)..<(TestWorkbook.endRecord(count) + 12), with: [0xFE, 0xFF, 0xFE, 0xFF])
        Self.expectOneErrorAtTheFile(count, "cutShort")
    }

    /// A part's local header offset, or its compressed size, past the file or into the directory.
    @Test(arguments: [(42, UInt32(0xFFFF_FF00)), (20, 0x7FFF_FFFF), (42, 1)])
    func anEntryPastTheFileIsOneErrorAtTheFile(field: Int, value: UInt32) {
        var zip = Self.units("").zip()
        let directory = zip.withUnsafeBufferPointer { buffer in
            Int(buffer[TestWorkbook.endRecord(zip) + 16]) | Int(buffer[TestWorkbook.endRecord(zip) + 17]) << 8
                | Int(buffer[TestWorkbook.endRecord(zip) + 18]) << 16
        }
        TestWorkbook.patch32(&zip, at: directory + field, value)
        Self.expectOneErrorAtTheFile(zip, "cutShort")
    }

    /// Deflate streams cut short, without their final block, or inflating past their declared size.
    @Test func aDeflateStreamWithoutItsEndIsOneErrorAtTheFile() {
        let book = Self.units("<row r=\"2\">\(Self.inline("B2", "x"))</row>")
        let sheet = book.parts.first { $0.path == "xl/worksheets/sheet1.xml" }?.bytes ?? []
        let deflated = TestWorkbook.deflate(sheet)
        // A stored block that is not the last, and nothing after it.
        let notFinal = [0x00, 0x05, 0x00, 0xFA, 0xFF] + Array("<?xml".utf8)
        let longer = TestWorkbook.deflate(sheet + sheet)
        for stream in [Array(deflated.prefix(deflated.count / 2)), notFinal, [], longer] {
            let zip = book.zip(stream: ["xl/worksheets/sheet1.xml": stream])
            Self.expectOneErrorAtTheFile(zip, "damagedPart")
        }
    }

    /// A part is inflated once: two sheets on one part are refused, whatever the number of sheets.
    @Test func manySheetsOnOnePartAreOneErrorAtTheFile() {
        var book = Self.units("")
        let links = (1...500).map {
            "<Relationship Id=\"rId\($0)\" Type=\"t/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        }
        let sheets = (1...500).map { "<sheet name=\"S\($0)\" sheetId=\"\($0)\" r:id=\"rId\($0)\"/>" }
        book.set("xl/_rels/workbook.xml.rels", Array("<Relationships>\(links.joined())</Relationships>".utf8))
        book.set(
            "xl/workbook.xml",
            Array(
                ("<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets>\(sheets.joined())</sheets></workbook>").utf8))
        Self.expectOneErrorAtTheFile(book.zip(), "samePart")
    }

    /// Sheets are bounded in number (and each part found through one dictionary): the limit reads,
    /// one more is refused.
    @Test func sheetsPastTheLimitAreOneErrorAtTheFile() {
        let limit = Workbook.Limits.standard.sheets
        let sheets = (1...limit).map { (name: "S\($0)", rows: "<row r=\"1\">\(Self.inline("A1", "id"))</row>") }
        let (_, diagnostics) = Self.records(TestWorkbook(sheets: sheets).zip())
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items.prefix(3))")
        let more = sheets + [(name: "S0", rows: "")]
        Self.expectOneErrorAtTheFile(TestWorkbook(sheets: more).zip(), "sheets")
    }

    @Test func partsPastTheLimitAreOneErrorAtTheFile() {
        var book = Self.units("")
        for index in 0...Workbook.Limits.standard.parts { book.parts.append(("x/\(index)", [])) }
        Self.expectOneErrorAtTheFile(book.zip(deflate: false), "parts")
    }

    /// Parts are inflated against one budget for the workbook: sheets of 16 MB each read until
    /// their sum passes it.
    @Test func theWholeWorkbookIsBoundedInInflatedBytes() {
        let spaces = TestWorkbook.sheet(String(repeating: " ", count: 16 * 1024 * 1024))
        let sheetCount = Workbook.Limits.standard.inflatedBytes / spaces.count + 1
        var book = TestWorkbook(sheets: (1...sheetCount).map { (name: "S\($0)", rows: "") })
        let stream = TestWorkbook.deflate(spaces)
        var streams: [String: [UInt8]] = [:]
        for index in 1...sheetCount {
            book.set("xl/worksheets/sheet\(index).xml", spaces)
            streams["xl/worksheets/sheet\(index).xml"] = stream
        }
        Self.expectOneErrorAtTheFile(book.zip(stream: streams), "inflates")
    }

    // MARK: - Text

    /// One long shared string used in many cells: each use counts towards the workbook's text.
    @Test func aLongSharedStringUsedManyTimesIsOneErrorAtTheFile() {
        let long = String(repeating: "a", count: Workbook.Limits.standard.textLength)
        let uses = Workbook.Limits.standard.textBytes / long.utf8.count + 1
        var rows = ""
        for row in 2...(uses + 1) { rows += "<row r=\"\(row)\"><c r=\"B\(row)\" t=\"s\"><v>0</v></c></row>" }
        // Read by the workbook alone: the records reader's checks of 128 MB of text are slow in a debug build.
        let (_, diagnostics) = Self.read(Self.units(rows, shared: [long]).zip(), file: Self.file)
        Self.expectOneErrorAtTheFile(diagnostics, "textBytes")
    }

    @Test func aTextLongerThanACellIsOneErrorAtTheFile() {
        let long = String(repeating: "ạ", count: Workbook.Limits.standard.textLength + 1)
        Self.expectOneErrorAtTheFile(Self.units("", shared: [long]).zip(), "textLength")
        Self.expectOneErrorAtTheFile(
            Self.units("<row r=\"2\">\(Self.inline("B2", long))</row>").zip(), "textLength")
        let escaped = String(repeating: "_x1EA1_", count: Workbook.Limits.standard.textLength + 1)
        Self.expectOneErrorAtTheFile(
            Self.units("<row r=\"2\">\(Self.inline("B2", escaped))</row>").zip(), "textLength")
    }

    /// Entities are not expanded, with or without libxml2's size caps.
    @Test func entitiesAreNotExpanded() {
        var entities = "<!ENTITY a \"\(String(repeating: "x", count: 1000))\">"
        for level in 1...9 {
            entities +=
                "<!ENTITY \(level == 1 ? "b1" : "b\(level)") \""
                + String(repeating: level == 1 ? "&a;" : "&b\(level - 1);", count: 10) + "\">"
        }
        var book = Self.units("")
        // A header row first: were the part read, the row with the entity would be a record.
        let header =
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c>"
            + "<c r=\"B1\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
        book.set(
            "xl/worksheets/sheet1.xml",
            Array(
                ("<?xml version=\"1.0\"?><!DOCTYPE w [\(entities)]><worksheet><sheetData>\(header)<row r=\"2\">"
                    + "<c r=\"B2\" t=\"inlineStr\"><is><t>&b9;</t></is></c></row></sheetData></worksheet>").utf8))
        // The part is refused as it stands, not read with the entity expanded (nor as an empty name).
        let (names, diagnostics) = Self.records(book.zip())
        #expect(names == [])
        Self.expectOneErrorAtTheFile(diagnostics, "xml")
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

/// Excel's escapes of UTF-16 units (`_xHHHH_`) are decoded as Excel decodes them, and what they
/// decode to is checked as the CSV reader checks a cell.
@Suite struct WorkbookEscapeTests {
    @Test func escapesAreDecoded() {
        let cases: [(String, String)] = [
            ("a_x0007_b", "a\u{7}b"), ("_x005F_x0007_", "_x0007_"), ("x_x005f_", "x_"), ("_xD83D__xDE00_", "😀"),
            ("_x1EA1_", "ạ"), ("_x00_", "_x00_"), ("_xZZZZ_", "_xZZZZ_"), ("_xD83D_", "_xD83D_"), ("a_", "a_"),
            ("_x0009_", "\t"),
        ]
        for (written, read) in cases {
            #expect(Workbook.text(Array(written.utf8), lineEnds: false) == read, "\(written)")
        }
        // Line ends as the CSV reader reads them in a cell: CRLF and CR are LF.
        for written in ["a_x000D__x000A_b", "a_x000D_\nb", "a_x000D_b", "a&#13;b", "a\r\nb"] {
            let bytes = Array(written.replacingOccurrences(of: "&#13;", with: "\r").utf8)
            #expect(Workbook.text(bytes, lineEnds: true) == "a\nb", "\(written)")
        }
    }

    /// A control character escaped in a shared string, an inline string or a formula's text is an
    /// error at its cell, as in a CSV file; a tab and a line end are not; `_x000D_` never stays.
    @Test func aControlCharacterEscapedIsAnErrorAtItsCell() {
        for cell in [
            "<c r=\"B2\" t=\"s\"><v>0</v></c>", WorkbookBoundsTests.inline("B2", "Chi_x001B_bộ"),
            "<c r=\"B2\" t=\"str\"><f>A1</f><v>Chi_x0007_bộ</v></c>",
        ] {
            let book = WorkbookBoundsTests.units("<row r=\"2\">\(cell)</row>", shared: ["Chi_x0000_bộ"])
            let (names, diagnostics) = WorkbookBoundsTests.records(book.zip())
            #expect(diagnostics.errorCodes == [.controlCharacter], "\(cell): \(diagnostics.items)")
            #expect(
                diagnostics.errors.first?.location
                    == SourceLocation(file: WorkbookBoundsTests.file, line: 2, column: 2, sheet: "Đơn vị"))
            #expect(names.isEmpty)
        }
        let rows = "<row r=\"2\">\(WorkbookBoundsTests.inline("B2", "Chi_x0009_bộ_x000D__x000A_số 1_x000D_"))</row>"
        let (names, diagnostics) = WorkbookBoundsTests.records(WorkbookBoundsTests.units(rows).zip())
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items)")
        #expect(names == ["Chi\tbộ\nsố 1\n"])
    }

    /// A sheet name is decoded; one that holds a control character (a line end too, which could
    /// forge a line of the diagnostics) is an error at the file, shown visibly.
    @Test func sheetNamesAreDecodedAndControlCharactersRefused() {
        let rows = "<row r=\"2\">\(WorkbookBoundsTests.inline("B2", "x"))</row>"
        let plain = WorkbookBoundsTests.units(rows, name: "Quý_x0020_1")
        var diagnostics = Diagnostics()
        #expect(Workbook.open(plain.zip(), file: "m.xlsx", diagnostics: &diagnostics)?.sheets.map(\.name) == ["Quý 1"])
        let forged = WorkbookBoundsTests.units(rows, name: "Q_x000A_m.xlsx:1:1: error: forged")
        let (names, read) = WorkbookBoundsTests.records(forged.zip())
        // Reported once: not again as a workbook with no sheet to read.
        #expect(read.errorCodes == [.controlCharacter])
        #expect(read.errors.first?.location == SourceLocation(file: WorkbookBoundsTests.file))
        #expect(read.errors.first.map { !$0.description.contains("\n") } == true)
        #expect(names.isEmpty)
    }
}
