import ChiboModel
import Foundation
import Testing

/// `chibo check --format json`: one document, the diagnostics in the printed order, each with its keys
/// in a fixed order (docs/check-json.md).
@Suite struct DiagnosticJSONTests {
    static let keys = ["code", "severity", "file", "line", "column", "sheet", "cell", "message"]

    func sample() -> Diagnostics {
        var diagnostics = Diagnostics()
        diagnostics.warning(SourceLocation(file: "units.csv", line: 1, column: 4), .unknownColumn("Cột lạ"))
        diagnostics.error(
            SourceLocation(file: "meetings/2024.xlsx", line: 14, column: 3, sheet: "Quý \"1\""),
            .notADate("31/02/2024"))
        diagnostics.error(
            SourceLocation(file: "a\\b\u{1}.csv", line: 2, column: 1),
            .emptyCell("present", help: ("tab\there, quote \" here", "tab\tở đây, ngoặc \" ở đây")))
        return diagnostics
    }

    @Test func theDocumentParsesWithEveryKeyInOrder() throws {
        let text = sample().json()
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 2)
        #expect(object["warnings"] as? Int == 1)
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        // Sorted as `check` prints them: by file, then sheet, line and column.
        #expect(items.map { $0["file"] as? String } == ["a\\b\u{1}.csv", "meetings/2024.xlsx", "units.csv"])
        let cell = items[1]
        #expect(cell["code"] as? String == "value.not-a-date")
        #expect(cell["severity"] as? String == "error")
        #expect(cell["line"] as? Int == 14 && cell["column"] as? Int == 3)
        #expect(cell["sheet"] as? String == "Quý \"1\"" && cell["cell"] as? String == "C14")
        #expect(cell["message"] as? String == DiagnosticMessage.notADate("31/02/2024").text(in: .en))
        // Every message in both languages.
        let messages = try #require(cell["messages"] as? [String: String])
        #expect(messages["vi"] == DiagnosticMessage.notADate("31/02/2024").text(in: .vi))
        #expect(messages["en"] == DiagnosticMessage.notADate("31/02/2024").text(in: .en))
        let warning = try #require(items[2]["messages"] as? [String: String])
        #expect(warning["vi"] == DiagnosticMessage.unknownColumn("Cột lạ").text(in: .vi))
        #expect(items[0]["sheet"] is NSNull && items[0]["cell"] is NSNull)
        // The keys in the documented order, each diagnostic on a line of its own.
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("    {") }
        #expect(lines.count == 3)
        for line in lines {
            let positions = Self.keys.map { line.range(of: "\"\($0)\": ")?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil })
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        }
    }

    @Test func noDiagnosticsIsAnEmptyListAndTheBytesAreStable() throws {
        #expect(Diagnostics().json() == "{\n  \"diagnostics\": [],\n  \"errors\": 0,\n  \"warnings\": 0\n}\n")
        #expect(sample().json() == sample().json())
        let vietnamese = sample().json(language: .vi)
        #expect(vietnamese.contains("\"message\": \"\\\"31/02/2024\\\" không phải là ngày hợp lệ"))
        #expect(vietnamese.contains("\"messages\": {\"vi\": "))
    }
}
