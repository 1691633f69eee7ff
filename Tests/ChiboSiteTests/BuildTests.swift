import ChiboModel
import ChiboRender
import ChiboSite
import ChiboTestSupport
import Foundation
import Testing

@Suite struct BundledSiteTests {
    /// Built once for the whole suite.
    static let built = Build(
        contentPath: PackagePaths.content, themePath: PackagePaths.theme, outputPath: "",
        buildDate: Day(year: 2024, month: 12, day: 31) ?? Day.distantPast
    ).render()
    var report: Build.Outcome { Self.built }

    @Test func buildsWithoutErrors() {
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.sorted.map(\.description))")
        #expect(report.diagnostics.items.isEmpty, "warnings: \(report.diagnostics.items)")
    }

    @Test func everySitemapPageExists() throws {
        let sitemap = try #require(report.files.first { $0.path == "sitemap.xml" })
        let paths = SiteChecks.sitemapPaths(SiteChecks.text(sitemap))
        let files = Set(report.files.map(\.path))
        #expect(paths.count >= 15)
        for path in paths {
            #expect(path.hasPrefix("/"))
            let file = String(path.dropFirst()) + (path.hasSuffix("/") ? "index.html" : "")
            #expect(files.contains(file), "sitemap names \(path)")
        }
        let pages = report.files.filter { $0.path.hasSuffix(".html") && $0.path != "404.html" }
        #expect(pages.count == paths.count)
    }

    @Test func everyInternalLinkResolves() {
        let links = SiteChecks.links(report.files, basePath: "/")
        #expect(links.broken == [])
        #expect(links.checked > 50, "only \(links.checked) links checked")
    }

    @Test func documentsTheLetterCitesHavePagesAndBacklinks() throws {
        let pages = Dictionary(
            uniqueKeysWithValues: report.files.filter { $0.path.hasPrefix("van-ban/") }.map {
                ($0.path, SiteChecks.text($0))
            })
        let letter = try #require(pages.first { $0.value.contains("<dd class=\"nowrap\">750-CV/ĐUK</dd>") }?.value)
        for number in ["03-HD/TU", "14-QĐ/TU", "08-HD/ĐUK", "114-KH/ĐUK"] {
            #expect(letter.contains(">\(number)</a>"), "the letter links \(number)")
            let page = try #require(
                pages.first { $0.value.contains("<dd class=\"nowrap\">\(number)</dd>") }?.value, "\(number) has a page")
            #expect(page.contains("Văn bản dẫn chiếu đến văn bản này"))
        }
        let digests = pages.values.filter { $0.contains("class=\"notice\" role=\"note\"") }
        #expect(digests.count >= 4)
    }

    @Test func noOutsideRequests() {
        var checked = 0
        for file in report.files where file.path.hasSuffix(".html") || file.path.hasSuffix(".css") {
            checked += 1
            let text = SiteChecks.text(file)
            #expect(!text.contains("src=\"http"), "\(file.path)")
            #expect(!text.contains("<link rel=\"stylesheet\" href=\"http"), "\(file.path)")
            #expect(!text.contains("@import"), "\(file.path)")
            #expect(!text.contains("url(http"), "\(file.path)")
        }
        #expect(checked > 15, "only \(checked) pages and stylesheets checked")
    }

    func json(_ path: String) throws -> [String: Any] {
        let file = try #require(report.files.first { $0.path == path })
        return try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])
    }

    /// The default content is the bloc of the letter: 7 enterprise and 36 agency or public-service
    /// grassroots branches, about ten committees of 3 to 14 branches, every finding somewhere.
    @Test func defaultDataLooksLikeTheBlocInTheLetter() throws {
        let units = try #require(try json("data/scorecards.json")["units"] as? [[String: Any]])
        let grassroots = units.filter { $0["kind"] as? String == "branch" && $0["parent"] is NSNull }
        #expect(grassroots.filter { $0["sector"] as? String == "enterprise" }.count == 7)
        #expect(grassroots.filter { $0["sector"] as? String != "enterprise" }.count == 36)
        let committees = units.filter { $0["kind"] as? String == "committee" }
        let sizes = committees.map { committee in
            units.filter { $0["parent"] as? String == committee["id"] as? String }.count
        }
        #expect((8...12).contains(committees.count))
        #expect(sizes.allSatisfy { (3...14).contains($0) })
        #expect(sizes.filter { $0 >= 8 }.count >= 3)
        var codes: Set<String> = []
        var speakers = 0.0
        var meetings = 0
        for unit in units {
            codes.formUnion(unit["findings"] as? [String] ?? [])
            for meeting in unit["meetings"] as? [[String: Any]] ?? [] {
                codes.formUnion(meeting["findings"] as? [String] ?? [])
                speakers += meeting["speaking_rate"] as? Double ?? 0
                meetings += 1
            }
        }
        #expect(codes == Set(FindingCode.allCases.map(\.rawValue)))
        #expect(meetings > 1_500)
        let report = try #require(self.report.files.first { $0.path == "bao-cao/index.html" })
        let overall = try #require(SiteChecks.text(report).firstMatch(of: #/Tỷ lệ phát biểu</dt><dd>(\d+),?(\d?)%/#))
        #expect((27...34).contains(Int(overall.output.1) ?? 0), "overall speaking rate near 30%")
    }

    @Test func defaultPlanShowsBothCompliantAndNot() throws {
        let schedule = try json("data/schedule.json")
        let sessions = try #require(schedule["sessions"] as? [[String: Any]])
        let bloc = sessions.filter { $0["committee"] is NSNull }
        #expect(bloc.map { ($0["audience"] as? [String])?.count ?? 0 } == [6, 35])  // 7 and 36 with the host
        let findings = try #require(schedule["findings"] as? [[String: Any]])
        let codes = Set(findings.compactMap { $0["code"] as? String })
        #expect(codes == Set(PlanFindingCode.allCases.map(\.rawValue)))
        let plan = try #require(report.files.first { $0.path == "lich-sinh-hoat-mau/ke-hoach-114-kh-duk/index.html" })
        let html = SiteChecks.text(plan)
        #expect(html.contains("Đúng quy định"))
        #expect(html.contains("Chưa đúng"))
    }

    @Test func twoBuildsAreByteIdentical() {
        let again = Build(
            contentPath: PackagePaths.content, themePath: PackagePaths.theme, outputPath: "",
            buildDate: Day(year: 2024, month: 12, day: 31) ?? Day.distantPast
        ).render()
        #expect(again.files == report.files)
    }
}

@Suite struct LinkCheckTests {
    func build(_ files: [String: String]) throws -> Diagnostics {
        var all = files
        all["site.yaml"] = minimalSiteYAML
        let folder = try TempFolder(all)
        defer { folder.remove() }
        return Build(contentPath: folder.path, themePath: PackagePaths.theme, outputPath: "").render().diagnostics
    }

    @Test func brokenLinksAreErrorsWithPositions() throws {
        let diagnostics = try build([
            "guidance/a.md":
                "---\ntitle: A\n---\n## Mục một\n\nxem [b](b.md), [thiếu](khong-co.md)\nvà [neo](b.md#khong-co) [nháp](nhap.md) [đây](#muc-hai)\n",
            "guidance/b.md":
                "---\ntitle: B\n---\n## Có\n[ngoài](../../etc/passwd) [tốt](a.md#muc-mot) [web](https://x.invalid/)\n",
            "guidance/nhap.md": "---\ntitle: Nháp\ndraft: true\n---\n",
        ])
        let errors = diagnostics.errors.map(\.description)
        #expect(errors.count == 5, "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix("guidance/a.md:6:16: error: the link names guidance/khong-co.md, which does not exist")
            })
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "guidance/a.md:7:4: error: the link names the heading #khong-co that guidance/b.md does not have")
            })
        #expect(
            errors.contains { $0.hasPrefix("guidance/a.md:7:25: error: the link goes to guidance/nhap.md, a draft") })
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "guidance/a.md:7:41: error: the link names the heading #muc-hai that this page does not have")
            })
        #expect(
            errors.contains {
                $0.hasPrefix("guidance/b.md:5:1: error: the link ../../etc/passwd leads outside the guidance folder")
            })
    }

    @Test func linksThatNameNoPageOrNoHeading() throws {
        let diagnostics = try build([
            "guidance/a.md": "---\ntitle: A\n---\n## Một\n[q](?x=1) [r](#) [s](b.md#) [t](b.md?x=1) [u](#mot)\n",
            "guidance/b.md": "---\ntitle: B\n---\n",
        ])
        // A query alone names no page; `#` with nothing after it names no heading; a query after a
        // file is dropped, as before.
        #expect(
            diagnostics.errors.map(\.description) == [
                "guidance/a.md:5:1: error: the link ?x=1 names no page, only a query; write the file it goes to, "
                    + "e.g. ke-hoach.md",
                "guidance/a.md:5:11: error: the link # ends in # with no heading after it; write the heading's anchor "
                    + "(e.g. #buoc-2) or remove the link",
                "guidance/a.md:5:18: error: the link b.md# ends in # with no heading after it; write the heading's "
                    + "anchor (e.g. #buoc-2) or remove the #",
            ])
    }

    @Test func duplicateNumbersAreErrors() throws {
        let diagnostics = try build([
            "guidance/a.md": "---\ntitle: A\nnumber: 03-HD/TU\n---\n",
            "guidance/b.md": "---\ntitle: B\nnumber: 03-hd/tu\n---\n",
        ])
        #expect(
            diagnostics.errors.map(\.description) == [
                "guidance/b.md:3:9: error: the number 03-hd/tu is already used by guidance/a.md; each document number belongs to one page"
            ])
    }

    @Test func draftsAreNotPublished() throws {
        let folder = try TempFolder([
            "site.yaml": minimalSiteYAML,
            "guidance/a.md": "---\ntitle: Công khai\n---\n",
            "guidance/nhap.md": "---\ntitle: Nháp bí mật\ndraft: true\nnumber: 9-HD/X\n---\n",
        ])
        defer { folder.remove() }
        let report = Build(contentPath: folder.path, themePath: PackagePaths.theme, outputPath: "").render()
        #expect(!report.diagnostics.hasErrors)
        #expect(report.files.contains { $0.path == "van-ban/a/index.html" })
        #expect(!report.files.contains { $0.path.contains("nhap") })
        #expect(!report.files.contains { SiteChecks.text($0).contains("Nháp bí mật") })
    }
}
