import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboRender
@testable import ChiboSite

@Suite struct LetterTests {
    @Test func aTemplatesOutputIsSplitIntoParagraphsAtBlankLines() {
        #expect(
            LetterPages.paragraphs("\n- Ưu điểm: một\nhai  ba.\n\n \n\tBốn\r\nnăm.\n\n\n") == [
                "- Ưu điểm: một hai ba.", "Bốn năm.",
            ])
        #expect(LetterPages.paragraphs("\n \n") == [])
    }

    static func renderer(_ site: String) throws -> SiteRenderer {
        let build = Build(
            contentPath: PackagePaths.root + "/" + site, themePath: PackagePaths.theme, outputPath: "",
            buildDate: Day(year: 2024, month: 12, day: 20) ?? Day.distantPast)
        var diagnostics = Diagnostics()
        let prepared = build.prepare(diagnostics: &diagnostics)
        return try #require(prepared, "\(diagnostics.items)")
    }

    @Test func theBundledLettersFollowTheSourceLettersOrderAndEndWithTheMark() throws {
        let renderer = try Self.renderer("content")
        let plan = renderer.plan()
        let letters = try #require(plan.letters)
        let period = try #require(renderer.reports.period)
        for report in [period] + renderer.reports.quarters {
            let (letter, figures) = try letters.text(report, templates: plan.templates).get()
            let headings = letter.paragraphs.filter { $0.style == .heading }.map(\.text)
            #expect(headings == ["1. Đối với sinh hoạt thường kỳ", "2. Đối với sinh hoạt chuyên đề", "3. Yêu cầu"])
            #expect(letter.paragraphs.last?.text.hasSuffix("./.") == true)
            #expect(letter.paragraphs.filter { $0.text.contains("./.") }.count == 1)
            #expect(letter.number == "Số\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}-CV/ĐUK")
            #expect(letter.placeDate == "Lai Châu, ngày 20 tháng 12 năm 2024")
            #expect(letter.signerTitle == "PHÓ BÍ THƯ")
            // The figures the text states are the report's.
            let regular = report[.regular].summary
            #expect(figures.regular.speakingRate == Format.percent(regular.speakingRate))
            #expect(figures.regular.meetings == String(regular.meetings))
            #expect(figures.study.branches == String(report.skippedPoliticalStudy.count))
            let body = letter.paragraphs.map(\.text).joined(separator: " ")
            #expect(body.contains(figures.regular.speakingRate))
            #expect(body.contains("Kế hoạch số 114-KH/ĐUK, ngày 26/01/2024"))
        }
    }

    @Test func theWordDocumentIsTheSameForTheSameLetter() throws {
        let renderer = try Self.renderer("Tests/Fixtures/scorecard-site")
        let first = renderer.render().files.first { $0.path == "bao-cao/du-thao-cong-van.docx" }
        let second = renderer.render().files.first { $0.path == "bao-cao/du-thao-cong-van.docx" }
        let bytes = try #require(first?.bytes)
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(bytes == second?.bytes)
    }

    @Test func aThemeWithoutALetterTemplateFailsTheBuildAtIt() throws {
        let theme = try TempFolder()
        defer { theme.remove() }
        try FileManager.default.removeItem(atPath: theme.path)
        try FileManager.default.copyItem(atPath: PackagePaths.theme, toPath: theme.path)
        try FileManager.default.removeItem(atPath: theme.path + "/templates/letter-requests.mustache")
        let build = Build(
            contentPath: PackagePaths.fixtures + "/scorecard-site", themePath: theme.path, outputPath: "")
        let report = build.render()
        let errors = report.diagnostics.errors.map(\.description)
        #expect(errors.contains { $0.contains("templates/letter-requests.mustache") && $0.contains("has no template") })
        #expect(!report.files.contains { $0.path.hasSuffix("du-thao-cong-van.docx") } || report.diagnostics.hasErrors)
    }
}
