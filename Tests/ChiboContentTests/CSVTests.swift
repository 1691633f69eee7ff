import ChiboContent
import ChiboModel
import Testing

@Suite struct CSVTests {
    func table(_ text: String) throws -> CSVTable {
        try CSVTable.parse(text)
    }

    @Test func quotedCellsSeparatorsAndLineEnds() throws {
        let csv = try table("Tên;Ghi chú\r\n\"Chi bộ A; B\";\"nói \"\"tốt\"\"\"\r\n\r\nC;\"hai\r\ndòng\"\r\n")
        #expect(csv.separator == ";")
        #expect(csv.rows.count == 3)
        #expect(csv.rows[1].cells.map(\.text) == ["Chi bộ A; B", "nói \"tốt\""])
        #expect(csv.rows[2].cells.map(\.text) == ["C", "hai\ndòng"])
        #expect(csv.rows[2].line == 4)
    }

    @Test func cellPositionsAreLineAndCharacterColumn() throws {
        let csv = try table("a,b,c\nĐà,\"x\",zz\n")
        let cells = csv.rows[1].cells
        #expect(cells.map(\.column) == [1, 4, 8])
        #expect(cells.allSatisfy { $0.line == 2 })
    }

    @Test func blankRowsAreSkipped() throws {
        let csv = try table("a,b\n\n , \n1,2")
        #expect(csv.rows.map { $0.cells.map(\.text) } == [["a", "b"], ["1", "2"]])
        #expect(csv.rows[1].line == 4)
    }

    @Test func unterminatedQuoteIsAnErrorAtTheQuote() {
        let error = #expect(throws: CSVTable.ParseError.self) { try CSVTable.parse("a,b\n1,\"open\n2,3\n") }
        #expect(error?.line == 2)
        #expect(error?.column == 3)
        #expect(error?.message.contains("never closed") == true)
    }

    @Test func commaIsTheDefaultSeparator() throws {
        #expect(try table("a;b,c,d\n").separator == ",")
        #expect(try table("").rows.isEmpty)
    }

    @Test func lineEndsOfEveryKindReadAsOne() throws {
        let lf = try CSVTable.parse("a,b\n1,2\n3,4\n")
        for text in ["a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4\r", "a,b\r\n1,2\r3,4\n"] {
            let table = try CSVTable.parse(text)
            #expect(table.rows.map { $0.cells.map(\.text) } == lf.rows.map { $0.cells.map(\.text) })
            #expect(table.rows.map(\.line) == [1, 2, 3])
        }
    }

    @Test func csvReaderReportsControlCharactersAtTheirCell() throws {
        let table = try CSVTable.parse("a,b\nx,y\u{0}z\n\"q\nr\u{1B}\",s\n")
        #expect(table.controlCharacters.map { [$0.line, $0.column] } == [[2, 4], [4, 2]])
    }
}
