import ChiboModel
import ChiboRender
import ChiboSite
import ChiboTestSupport
import Foundation
import Testing

/// Golden files of the fixture sites under `Snapshots/<fixture>/`. Re-record them after an
/// intended change with `RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`, then review the diff.
@Suite struct SnapshotTests {
    static let buildDate = Day(year: 2024, month: 4, day: 10) ?? Day.distantPast
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// Asset names carry a content hash; a theme stylesheet change alone should not touch every golden file.
    static func normalise(_ text: String) -> String {
        text.replacing(#/\.[0-9a-f]{10}\.(css|js)/#) { match in ".HASH.\(match.output.1)" }
    }

    @Test(arguments: ["small-site", "scorecard-site"])
    func fixtureMatchesGoldenFiles(fixture: String) throws {
        let snapshots = PackagePaths.root + "/Tests/ChiboSiteTests/Snapshots/" + fixture
        let report = Build(
            contentPath: PackagePaths.fixtures + "/" + fixture, themePath: PackagePaths.theme, outputPath: "",
            buildDate: Self.buildDate
        ).render()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.items)")
        // Workbooks and Word documents are zip archives, not text: what they hold is checked through
        // openpyxl and python-docx (Tests/python/test_workbooks.py, test_letter.py); the letter's text
        // is the golden file of its page.
        let pages = report.files.filter {
            !$0.path.hasPrefix("assets/") && !$0.path.hasSuffix(".xlsx") && !$0.path.hasSuffix(".docx")
        }
        // No pages and no golden files would agree: the fixture must make its site.
        #expect(pages.count > 20, "\(fixture) made \(pages.count) pages")
        let manager = FileManager.default
        if Self.recording {
            if manager.fileExists(atPath: snapshots) { try manager.removeItem(atPath: snapshots) }
            for file in pages {
                let url = URL(fileURLWithPath: snapshots + "/" + file.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(Self.normalise(SiteChecks.text(file)).utf8).write(to: url)
            }
            // What was just written cannot also be the check: recording is never a pass.
            Issue.record(
                "the golden files of \(fixture) were recorded: review the diff, then run without RECORD_SNAPSHOTS")
            return
        }
        let recorded = (manager.enumerator(atPath: snapshots)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix("/") && manager.contents(atPath: snapshots + "/" + $0) != nil }
            .filter { path in
                var isDirectory: ObjCBool = false
                _ = manager.fileExists(atPath: snapshots + "/" + path, isDirectory: &isDirectory)
                return !isDirectory.boolValue
            }
        #expect(Set(recorded) == Set(pages.map(\.path)), "run with RECORD_SNAPSHOTS=1 to re-record")
        for file in pages {
            let golden = manager.contents(atPath: snapshots + "/" + file.path).map {
                String(decoding: $0, as: UTF8.self)
            }
            #expect(Self.normalise(SiteChecks.text(file)) == golden, "\(file.path) differs from its golden file")
        }
    }

    @Test func smallSiteHonoursBasePathAndFeatures() throws {
        let report = Build(
            contentPath: PackagePaths.fixtures + "/small-site", themePath: PackagePaths.theme, outputPath: ""
        ).render()
        let files = Dictionary(uniqueKeysWithValues: report.files.map { ($0.path, SiteChecks.text($0)) })
        let links = SiteChecks.links(report.files, basePath: "/so-tay/")
        #expect(links.broken == [])
        #expect(links.checked > 50, "only \(links.checked) links checked")
        let sitemap = try #require(files["sitemap.xml"])
        #expect(sitemap.contains("<loc>https://noi-bo.example/so-tay/van-ban/quy-trinh/thuong-ky/</loc>"))
        let page = try #require(files["van-ban/quy-trinh/thuong-ky/index.html"])
        #expect(page.contains("<h2 id=\"buoc-1-chuan-bi\">Bước 1: Chuẩn bị</h2>"))
        #expect(page.contains("href=\"/so-tay/van-ban/quy-trinh/cham-diem/#muc-xep-loai\""))
        #expect(page.contains("href=\"/so-tay/van-ban/quy-trinh/mau-bien-ban.txt\""))
        #expect(page.contains("“Đồng chí” chủ trì – khai mạc…"))
        #expect(page.contains("class=\"toc\""))
        #expect(files["van-ban/quy-trinh/mau-bien-ban.txt"] == "Mẫu biên bản sinh hoạt chi bộ\n")
        let scoring = try #require(files["van-ban/quy-trinh/cham-diem/index.html"])
        #expect(!scoring.contains("<script"))
        #expect(scoring.contains("<th scope=\"col\">Xếp loại</th>"))
        // Cited by the process page and the overview, by number and by link.
        let citedBy = try #require(scoring.components(separatedBy: "id=\"cited-by\"").last)
        #expect(citedBy.contains("Hướng dẫn sinh hoạt thường kỳ"))
        #expect(citedBy.contains("Tổng quan tài liệu học tập"))
        // A page with one heading has no table of contents.
        #expect(!(try #require(files["van-ban/hoc-tap/tong-quan/index.html"])).contains("class=\"toc\""))
    }
}
