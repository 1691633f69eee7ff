import ChiboSupport
import ChiboTestSupport
import Testing

@testable import ChiboContent

/// The reader over bytes against the reader over scalars it replaced, kept in the tests as the
/// reference (`ReferenceCSV.swift`): every row, cell, line, column, control character and error alike.
@Suite struct CSVBytesTests {
    struct Parsed: Equatable {
        var separator: Character
        var rows: [[CSVTable.Cell]]
        var lines: [Int]
        var controls: [CSVTable.ParseError]
    }

    func parsed(_ result: Result<CSVTable, CSVTable.ParseError>) -> Result<Parsed, CSVTable.ParseError> {
        result.map { table in
            Parsed(
                separator: table.separator, rows: table.rows.map(\.cells), lines: table.rows.map(\.line),
                controls: table.controlCharacters)
        }
    }

    /// The byte reader reads `text` as the reference reader does, except that a `sep=` line naming a
    /// separator that is not ASCII (which the reference reads) is an error at it.
    func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        // Each reading as a value, its table or its error, to compare.
        let bytes = parsed(Result { () throws(CSVTable.ParseError) in try CSVTable.parse(text) })
        let reference = parsed(Result { () throws(CSVTable.ParseError) in try CSVTable.referenceParse(text) })
        // The hint as `CSVLayout` reads it: a first line starting `sep=`, five characters trimmed.
        let firstLine = String(String.UnicodeScalarView(text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }))
        if firstLine.lowercased().hasPrefix("sep="), firstLine.trimmingSpaces.count == 5,
            let hint = firstLine.trimmingSpaces.last,
            hint.asciiValue == nil || hint == "\""
        {
            guard case .failure(let error) = bytes else {
                Issue.record("\(text.debugDescription): read with the separator", sourceLocation: sourceLocation)
                return
            }
            #expect(error.code == .badForm && error.line == 1, sourceLocation: sourceLocation)
            return
        }
        #expect(bytes == reference, "\(text.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func edgeCases() {
        let cases = [
            "", "\n", "\r\n\r\n", "a", "a,b", "a,b\n1,2", "a,b\n1,2\n", "a;b;c\r\n1;2;3\r\n", "a,b\r1,2\r",
            "\u{FEFF}a,b\n1,2\n", "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n", "a,b\n\"open\n2,3\n", "a,b\n  \"q\"  ,z\n",
            "a,b\n\"q\"tail,\"\"\n", "a,b\nx\"y\"z,w\n", "a,b\n\"multi\r\nline\",2\r\n", "a,b\n,\n,,\n \t ,\n",
            "sep=;\na;b\n1;2\n", "SEP=, \r\na,b\n", "sep=|\na|b\n1|2\n", "sep=é\naéb\n1é2\n", "sep=\na,b\n",
            "a\tb\tc\n1\t2\t3\n", "a,b\nx\u{0}y,z\n\"q\nr\u{1B}\",s\n", "a,b\n\u{85}\n1,\u{9F}\n", "a,b\n\u{7F},2\n",
            "Mã chi bộ;Ngày\ncb-1;“trích dẫn”\nđ;ữ\n", "a,b\n\u{A0}\"q\",1\n", "a,b\n\u{3000},\u{2028}\n", "\"a\"\"",
            "\"", "\"\"\"", "a,\"b\"\"\n", "a,b\n1,2\n\"", "x;y,z\n", "\"a,b\";c;d\n", "a,b\n😀,e\u{301}\n",
            "a,b\r\n\"x\r\ny\r\nz\",2\r\n3,4", "a,b\n\"\"\"\",x\n", "a,b\n\r\r\n\n1,2",
        ]
        for text in cases { expectSame(text) }
    }

    @Test func randomTexts() {
        var generator = SeededRandom(state: 0x4348_4942_4F_02)
        let pieces = [
            "a", "b", "1", " ", "\t", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", "đ", "ữ", "“", "\u{0}", "\u{1B}",
            "\u{85}", "\u{A0}", "\u{7F}", "😀", "e\u{301}", "sep=", "x",
        ]
        for _ in 0..<3_000 {
            let count = Int.random(in: 0..<24, using: &generator)
            var text = ""
            for _ in 0..<count { text += pieces.randomElement(using: &generator) ?? "" }
            expectSame(text)
        }
    }

    /// The raw rows' flags say of each cell what its text would: blank, over lines.
    /// How many cells it checked: nil when `text` is not CSV the reader takes (its reader's error
    /// then is the one `parse` gives, which `expectSame` compares).
    @discardableResult
    func expectRawFlags(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Int? in
            let utf8 = UnsafeBufferPointer(buffer)
            var checked = 0
            do {
                let layout = try CSVLayout(utf8)
                try CSVTable.scanRaw(utf8, layout: layout, control: { _ in }) { raw, _ in
                    for cell in raw.cells {
                        let text = raw.text(of: cell)
                        #expect(cell.isBlank == text.trimmingSpaces.isEmpty, sourceLocation: sourceLocation)
                        #expect(cell.hasNewline == text.contains("\n"), sourceLocation: sourceLocation)
                        checked += 1
                    }
                }
            } catch {
                // Not CSV the reader takes: the same error as `parse` gives, or the check is wrong.
                #expect(
                    (try? CSVTable.parse(text)) == nil, "\(text.debugDescription): \(error)",
                    sourceLocation: sourceLocation)
                return nil
            }
            return checked
        }
    }

    @Test func rawCellsFlagBlankAndMultilineCells() {
        var generator = SeededRandom(state: 0x4348_4942_4F_01)
        var checkedTexts = 0
        var checkedCells = 0
        let pieces = [
            "a", " ", "\t", ",", ";", "\"", "\"\"", "\n", "\r\n", "đ", "\u{A0}", "\u{3000}", "x y", "  ", "\u{0}",
        ]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0..<20, using: &generator)
            var text = ""
            for _ in 0..<count { text += pieces.randomElement(using: &generator) ?? "" }
            if let cells = expectRawFlags(text) {
                checkedTexts += 1
                checkedCells += cells
            }
        }
        // Random quotes leave some texts unreadable; most must have been read and their cells checked.
        #expect(checkedTexts > 1_000 && checkedCells > 2_500, "\(checkedTexts) texts, \(checkedCells) cells")
    }

    @Test func rowsComeOneAtATimeWithTheirControlFlag() {
        var bytes = Array("a,b\n1,2\nx\u{1}y,3\n".utf8)
        var rows: [(line: Int, control: Bool)] = []
        var controls: [CSVTable.ParseError] = []
        let result = bytes.withUnsafeMutableBufferPointer { buffer in
            let utf8 = UnsafeBufferPointer(buffer)
            guard let layout = try? CSVLayout(utf8) else { return false }
            return
                (try? CSVTable.scan(
                    utf8, layout: layout, control: { controls.append($0) }, row: { rows.append(($0.line, $1)) })) != nil
        }
        #expect(result)
        #expect(rows.map(\.line) == [1, 2, 3])
        #expect(rows.map(\.control) == [false, false, true])
        #expect(controls.map(\.column) == [2])
    }
}
