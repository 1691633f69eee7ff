import ChiboModel
import ChiboRender
import ChiboSite
import ChiboTestSupport
import Foundation
import Testing

@Suite struct BundledSiteTests {
    let report = Build(contentPath: PackagePaths.content, themePath: PackagePaths.theme, outputPath: "").render()

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
        #expect(SiteChecks.brokenLinks(report.files, basePath: "/") == [])
    }

    @Test func documentsTheLetterCitesHavePagesAndBacklinks() throws {
        let pages = Dictionary(uniqueKeysWithValues: report.files.map { ($0.path, SiteChecks.text($0)) })
        let letter = try #require(pages.first { $0.value.contains("<dd>750-CV/ĐUK</dd>") }?.value)
        for number in ["03-HD/TU", "14-QĐ/TU", "08-HD/ĐUK", "114-KH/ĐUK"] {
            #expect(letter.contains(">\(number)</a>"), "the letter links \(number)")
            let page = try #require(
                pages.first { $0.value.contains("<dd>\(number)</dd>") }?.value, "\(number) has a page")
            #expect(page.contains("Văn bản dẫn chiếu đến văn bản này"))
        }
        let digests = pages.values.filter { $0.contains("class=\"notice\" role=\"note\"") }
        #expect(digests.count >= 4)
    }

    @Test func noOutsideRequests() {
        for file in report.files where file.path.hasSuffix(".html") || file.path.hasSuffix(".css") {
            let text = SiteChecks.text(file)
            #expect(!text.contains("src=\"http"), "\(file.path)")
            #expect(!text.contains("<link rel=\"stylesheet\" href=\"http"), "\(file.path)")
            #expect(!text.contains("@import"), "\(file.path)")
            #expect(!text.contains("url(http"), "\(file.path)")
        }
    }

    @Test func twoBuildsAreByteIdentical() {
        let again = Build(contentPath: PackagePaths.content, themePath: PackagePaths.theme, outputPath: "").render()
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
