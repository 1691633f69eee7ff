import ChiboModel
import Testing

@testable import ChiboContent

/// A workbook's cells reach the records as the sheet typed them: a date-formatted number is a `Day`,
/// a number a count, a boolean yes or no, and only text cells are read by the text readers, which
/// accept what a CSV cell may hold.
@Suite struct WorkbookCellTypeTests {
    /// Cell styles: 0 general, 1 a custom date format, 2 Excel's built-in date format 14.
    static let styles = """
        <?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>\
        <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>
        """

    static let header = [
        "branch", "date", "kind", "present", "speakers", "c1", "c2", "c3", "c4", "c5", "self_rating",
        "political_study", "note",
    ]

    static func text(_ reference: String, _ text: String) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
    }

    static func number(_ reference: String, _ value: String, style: Int? = nil) -> String {
        "<c r=\"\(reference)\"\(style.map { " s=\"\($0)\"" } ?? "")><v>\(value)</v></c>"
    }

    static func boolean(_ reference: String, _ value: Bool) -> String {
        "<c r=\"\(reference)\" t=\"b\"><v>\(value ? 1 : 0)</v></c>"
    }

    /// A meeting's row: cb-a1's regular meeting on `date`, 5 present, 1 speaker, full marks, "Tốt";
    /// `cells` replaces the cells of the columns it names (by letter), each made for its reference.
    static func row(_ line: Int, date: String, _ cells: [String: (String) -> String] = [:]) -> String {
        var defaults: [String: (String) -> String] = [
            "A": { text($0, "cb-a1") }, "B": { number($0, date, style: 1) }, "C": { text($0, "regular") },
            "D": { number($0, "5") }, "E": { number($0, "1") }, "F": { number($0, "15") }, "G": { number($0, "15") },
            "H": { number($0, "30") }, "I": { number($0, "20") }, "J": { number($0, "20") },
            "K": { text($0, "Tốt") }, "L": { boolean($0, true) },
        ]
        defaults.merge(cells) { _, new in new }
        let xml = "ABCDEFGHIJKLM".map { letter in defaults[String(letter)].map { $0("\(letter)\(line)") } ?? "" }
        return "<row r=\"\(line)\">\(xml.joined())</row>"
    }

    static func workbook(_ rows: [String]) -> [UInt8] {
        var header = ""
        for (index, name) in Self.header.enumerated() {
            header += text("\(SourceLocation.columnLetters(index + 1))1", name)
        }
        return TestWorkbook(
            sheets: [("Quý 1", "<row r=\"1\">\(header)</row>" + rows.joined())], styles: styles
        ).zip()
    }

    /// The records of a meetings workbook, as the meetings loader reads them.
    static func records(_ bytes: [UInt8]) -> ([Record], Diagnostics) {
        var diagnostics = Diagnostics()
        var records: [Record] = []
        _ = Records.readWorkbook(
            bytes, file: "meetings/a.xlsx", fields: MeetingsLoader.fields, extra: MeetingsLoader.criterionColumn,
            diagnostics: &diagnostics, header: { _, _ in true }, record: { record, _ in records.append(record) })
        return (records, diagnostics)
    }

    static func load(_ bytes: [UInt8]) throws -> (Content?, Diagnostics) {
        try DataLoaderTests().load(
            ["units.csv": unitsCSV, "rubrics/thuong-ky.yaml": rubricYAML], bytes: ["meetings/a.xlsx": bytes])
    }

    @Test func aDateCellIsADayAWholeNumberACountABooleanAFlag() throws {
        let bytes = Self.workbook([
            Self.row(2, date: "45301", ["D": { Self.number($0, "5.0") }, "H": { Self.number($0, "3E1") }]),
            Self.row(
                3, date: "45302.75", ["B": { Self.number($0, "45302.75", style: 2) }, "L": { Self.boolean($0, false) }]),
        ])
        let (records, diagnostics) = Self.records(bytes)
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items)")
        try #require(records.count == 2)
        let date = try #require(records[0].value("date"))
        #expect(date.kind == .date(try #require(Day(year: 2024, month: 1, day: 10))))
        #expect(date.text == "2024-01-10")
        #expect(date.location.sheet == "Quý 1" && date.location.cellName == "B2")
        let present = try #require(records[0].value("present"))
        #expect(present.kind == .number(5) && present.text == "5")
        #expect(try present.count(leadingZeros: true) == 5)
        #expect(records[0].value("c3")?.kind == .number(30))
        #expect(records[0].value("political_study")?.kind == .boolean(true))
        #expect(records[1].value("political_study")?.flag == false)
        #expect(records[1].value("date")?.day == Day(year: 2024, month: 1, day: 11))

        let (content, loaded) = try Self.load(bytes)
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        let meetings = try #require(content?.meetings)
        #expect(meetings.map(\.date.description) == ["2024-01-10", "2024-01-11"])
        #expect(meetings.map(\.present) == [5, 5])
        #expect(meetings.map { $0.scores[2] } == [30, 30])
        #expect(meetings.map(\.politicalStudy) == [true, false])
    }

    /// Text cells are read as a CSV cell is: both date forms, the yes/no words, a count with a
    /// leading zero.
    @Test func textCellsAreReadAsCSVCellsAre() throws {
        let bytes = Self.workbook([
            Self.row(2, date: "", ["B": { Self.text($0, "20/6/2023") }, "L": { Self.text($0, "có") }]),
            Self.row(3, date: "", ["B": { Self.text($0, "2023-06-21") }, "L": { Self.text($0, "không") }]),
            Self.row(4, date: "", ["B": { Self.text($0, " 22/06/2023 ") }, "D": { Self.text($0, "05") }]),
        ])
        let (content, diagnostics) = try Self.load(bytes)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        let meetings = try #require(content?.meetings)
        #expect(meetings.map(\.date.description) == ["2023-06-20", "2023-06-21", "2023-06-22"])
        #expect(meetings.map(\.politicalStudy) == [true, false, true])
        #expect(meetings.map(\.present) == [5, 5, 5])
    }

    /// A sheet's cell over lines that holds commas is a note like any other: only a CSV cell can be a
    /// quote left open that swallowed the rows after it.
    @Test func aCellOverLinesWithCommasIsNoSwallowingQuote() throws {
        let note = "Ý kiến:\n- chuẩn bị tốt, đúng giờ\n- cần thêm thời sự, CNTT"
        let bytes = Self.workbook([Self.row(2, date: "45301", ["M": { Self.text($0, note) }])])
        let (content, diagnostics) = try Self.load(bytes)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
        #expect(content?.meetings.map(\.note) == [note])
    }

    /// A text that is no date, a date cell past 31/12/9999 and a serial no date may have are each an
    /// error at their cell, naming the sheet; a negative number is negative, a fraction no count.
    @Test func whatIsNoDateOrCountIsAnErrorAtItsCell() throws {
        let bytes = Self.workbook([
            Self.row(2, date: "", ["B": { Self.text($0, "31/02/2024") }]),
            Self.row(3, date: "2990000"),
            Self.row(4, date: "3100000"),
            Self.row(5, date: "45305", ["D": { Self.number($0, "-3") }]),
            Self.row(6, date: "45306", ["D": { Self.number($0, "4.5") }]),
            Self.row(7, date: "45307", ["L": { Self.number($0, "2") }]),
        ])
        let (_, diagnostics) = try Self.load(bytes)
        let errors = diagnostics.errors.map { ($0.code, $0.location.cellName, $0.location.sheet, $0.message) }
        #expect(errors.allSatisfy { $0.2 == "Quý 1" }, "\(errors)")
        #expect(errors.filter { $0.1 == "B2" }.map(\.0) == [.notADate], "\(errors)")
        #expect(errors.first { $0.1 == "B2" }?.3.contains("\"31/02/2024\"") == true, "\(errors)")
        #expect(errors.filter { $0.1 == "B3" }.map(\.0) == [.notADate], "\(errors)")
        #expect(errors.filter { $0.1 == "B4" }.map(\.0) == [.badForm, .valueMissing], "\(errors)")
        #expect(errors.filter { $0.1 == "D5" }.map(\.0) == [.outOfRange], "\(errors)")
        #expect(errors.filter { $0.1 == "D6" }.map(\.0) == [.notANumber], "\(errors)")
        #expect(errors.first { $0.1 == "D6" }?.3.contains("\"4.5\"") == true, "\(errors)")
        #expect(errors.filter { $0.1 == "L7" }.map(\.0) == [.notYesOrNo], "\(errors)")
        #expect(errors.count == 7, "\(errors)")
    }

    /// The readers of a value: a typed cell as it is, a text as the CSV path reads it.
    @Test func aValueIsReadByItsKind() throws {
        let here = SourceLocation(file: "a.xlsx", line: 2, column: 3, sheet: "Quý 1")
        #expect(try RecordValue(text: "12", location: here, kind: .number(12.0)).count(leadingZeros: true) == 12)
        #expect(throws: Counts.Problem.negative(-3)) {
            try RecordValue(text: "-3", location: here, kind: .number(-3)).count(leadingZeros: true)
        }
        #expect(throws: Counts.Problem.notANumber) {
            try RecordValue(text: "1.5", location: here, kind: .number(1.5)).count(leadingZeros: true)
        }
        #expect(try RecordValue(text: "07", location: here).count(leadingZeros: true) == 7)
        #expect(RecordValue(text: "1", location: here, kind: .boolean(true)).flag == true)
        #expect(RecordValue(text: "Không", location: here).flag == false)
        #expect(RecordValue(text: "x", location: here).flag == true)
        let day = try #require(Day(year: 2023, month: 6, day: 20))
        #expect(RecordValue(text: "2023-06-20", location: here, kind: .date(day)).day == day)
        #expect(RecordValue(text: "20/6/2023", location: here).day == day)
        #expect(RecordValue(text: "2023-06-20", location: here).day == day)
        #expect(RecordValue(text: "31/02/2024", location: here).day == nil)
        #expect(RecordValue(text: "45301", location: here, kind: .number(45301)).day == nil)
        #expect(CellKind.number(12.0).shown(written: "12.0") == "12")
        #expect(CellKind.number(1.5).shown(written: "1.50") == "1.50")
    }
}
