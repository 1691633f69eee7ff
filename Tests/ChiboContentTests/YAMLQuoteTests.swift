import ChiboContent
import ChiboModel
import ChiboTestSupport
import Testing

/// A quote left open in any YAML of the content is reported where it opens, not where libyaml stops
/// (issue 27: site.yaml's error was at line 28, in a comment holding a `"`, for a quote of line 2).
@Suite struct YAMLQuoteTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var text: String
        var line: Int
        var column: Int
        var testDescription: String { "\(file) \(line):\(column)" }
    }

    static let plan = """
        number: 114-KH/ĐUK
        title: Kế hoạch mẫu
        issued: 2024-01-26
        sessions:
          - host: cb-a1
            kind: chuyên đề
            date: 2024-03-15
            topic: An toàn điện

        """

    /// Each YAML of the content, with each quote, closed by a quote in a comment, in a later value, or
    /// by one at the end of a comment line after which the YAML still parses.
    static let cases: [Case] = {
        var cases: [Case] = []
        for quote in ["\"", "'"] {
            cases += [
                Case(
                    file: "site.yaml",
                    text:
                        "title: Trang thử\norganization: \(quote)Đảng ủy Khối thử\n# ghi chú: \(quote)đã sửa\(quote) ngày 2\n",
                    line: 2, column: 15),
                Case(
                    file: "site.yaml",
                    text: "title: Trang thử\norganization: \(quote)Đảng ủy Khối thử\n# cũ: \(quote)\nbase_path: /a/\n",
                    line: 2, column: 15),
                Case(
                    file: "rubrics/thuong-ky.yaml",
                    text: rubricYAML.replacingOccurrences(of: "title: Thường kỳ", with: "title: \(quote)Thường kỳ")
                        .replacingOccurrences(of: "title: Nội dung", with: "title: \(quote)Nội dung\(quote)"),
                    line: 2, column: 8),
                Case(
                    file: "plans/ke-hoach.yaml",
                    text: plan.replacingOccurrences(of: "title: Kế hoạch mẫu", with: "title: \(quote)Kế hoạch mẫu")
                        .replacingOccurrences(of: "topic: An toàn điện", with: "topic: \(quote)An toàn\(quote) điện"),
                    line: 2, column: 8),
                Case(
                    file: "guidance/a.md",
                    text:
                        "---\ntitle: \(quote)Hướng dẫn\nnumber: 12-HD/ĐUK\n# \(quote)cũ\(quote): xem lại\n---\nVăn bản.\n",
                    line: 2, column: 8),
            ]
        }
        return cases
    }()

    @Test(arguments: cases)
    func aQuoteLeftOpenIsAnErrorWhereItOpens(_ test: Case) throws {
        var files = [
            "site.yaml": minimalSiteYAML, "units.csv": unitsCSV, "rubrics/thuong-ky.yaml": rubricYAML,
        ]
        files[test.file] = test.text
        let folder = try TempFolder(files)
        defer { folder.remove() }
        let errors = loadContent(folder.path).diagnostics.errors
        #expect(errors.map(\.code) == [.yamlSyntax])
        #expect(errors.first?.location == SourceLocation(file: test.file, line: test.line, column: test.column))
        #expect(errors.first?.message.hasPrefix("this quoted text is never closed on its line") == true)
    }

    @Test func aQuotedValueOverSeveralLinesOfTextStillReads() throws {
        let site = minimalSiteYAML + "description: \"Sổ tay của\n  Đảng ủy Khối\"\n"
        let folder = try TempFolder(["site.yaml": site, "units.csv": unitsCSV, "rubrics/thuong-ky.yaml": rubricYAML])
        defer { folder.remove() }
        #expect(loadContent(folder.path).diagnostics.errors.map(\.code) == [])
    }
}
