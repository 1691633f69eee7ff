import ChiboContent
import ChiboModel
import ChiboSupport
import ChiboTestSupport
import Testing

/// A code point that is no character (U+FFFF, U+FDD0, U+10FFFF...) is refused where it is read, at
/// its line and column, as control characters are (issue 27: a unit name holding U+FFFF was accepted
/// and made the published record workbooks malformed XML).
@Suite struct NoncharacterTests {
    /// Each noncharacter kind: the BMP's last two, the U+FDD0 block's ends, the last two of planes 1 and 16.
    static let noncharacters: [UInt32] = [0xFFFF, 0xFFFE, 0xFDD0, 0xFDEF, 0x1FFFE, 0x10FFFF]

    func load(_ files: [String: String]) throws -> Diagnostics {
        var all = files
        all["site.yaml"] = all["site.yaml"] ?? minimalSiteYAML
        all["rubrics/thuong-ky.yaml"] = rubricYAML
        if all["units.yaml"] == nil { all["units.csv"] = all["units.csv"] ?? unitsCSV }
        let folder = try TempFolder(all)
        defer { folder.remove() }
        return loadContent(folder.path).diagnostics
    }

    func scalar(_ value: UInt32) -> String { Unicode.Scalar(value).map(String.init) ?? "?" }

    @Test(arguments: noncharacters)
    func aNoncharacterInAUnitNameOfCSVIsAnErrorAtItsCell(value: UInt32) throws {
        let units = "id,name,kind,sector,parent,members\ncb-b,Chi bộ\(scalar(value)) B,branch,enterprise,,12\n"
        let diagnostics = try load(["units.csv": units])
        #expect(diagnostics.errors.map(\.code) == [.controlCharacter])
        #expect(diagnostics.errors.first?.location == SourceLocation(file: "units.csv", line: 2, column: 12))
        #expect(diagnostics.errors.first?.message.contains("the noncharacter U+") == true)
    }

    @Test(arguments: noncharacters)
    func aNoncharacterWrittenAsAnEscapeInYAMLIsAnErrorAtTheValue(value: UInt32) throws {
        let escape = value > 0xFFFF ? "\\U" + hex(value, 8) : "\\u" + hex(value, 4)
        let units = """
            units:
              - {id: cb-b, name: "Chi bộ \(escape) B", kind: branch, sector: enterprise, members: 12}

            """
        let diagnostics = try load(["units.yaml": units])
        #expect(diagnostics.errors.map(\.code) == [.controlCharacter])
        #expect(diagnostics.errors.first?.location == SourceLocation(file: "units.yaml", line: 2, column: 22))
    }

    @Test(arguments: noncharacters)
    func aRawNoncharacterInYAMLIsAnErrorAtItsPlace(value: UInt32) throws {
        let site = minimalSiteYAML + "description: Trang \(scalar(value)) thử\n"
        let diagnostics = try load(["site.yaml": site])
        #expect(diagnostics.errors.map(\.code) == [.controlCharacter])
        #expect(diagnostics.errors.first?.location == SourceLocation(file: "site.yaml", line: 3, column: 20))
    }

    @Test(arguments: noncharacters)
    func aNoncharacterInMarkdownIsAnErrorAtItsPlace(value: UInt32) throws {
        let page = "---\ntitle: A\n---\nDòng một.\nHai \(scalar(value))\n"
        let diagnostics = try load(["guidance/a.md": page])
        #expect(diagnostics.errors.map(\.code) == [.controlCharacter])
        #expect(diagnostics.errors.first?.location == SourceLocation(file: "guidance/a.md", line: 5, column: 5))
    }

    @Test func theByteReaderOfCSVFindsWhatTheScalarRuleRefuses() throws {
        // Every scalar whose UTF-8 starts like a noncharacter's, and the noncharacters, on both sides.
        for value: UInt32 in [
            0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0, 0xFFFD, 0xFFFE, 0xFFFF, 0x1FFFD, 0x1FFFE, 0x2FFFF,
            0x3FFFF, 0x4FFFE, 0xEFFFF, 0xFFFFE, 0x10FFFD, 0x10FFFE, 0x10FFFF, 0x10FFF, 0x1EFFF,
        ] {
            let text = "a\nx" + scalar(value) + "\n"
            let table = try CSVTable.parse(text)
            let refused = Unicode.Scalar(value)?.isRefusedInText ?? true
            #expect(table.controlCharacters.map { [$0.line, $0.column] } == (refused ? [[2, 2]] : []), "\(value)")
        }
    }

    func hex(_ value: UInt32, _ digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
