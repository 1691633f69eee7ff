import ChiboModel
import ChiboTestSupport
import Foundation
import Synchronization
import Testing

@testable import ChiboRender
@testable import ChiboSite

/// The catalogue of outputs (`SiteOutput`) against what a build publishes: every file is of one
/// entry, and what reads the catalogue (the sitemap, the restriction check, the nginx block, the
/// sign-in marks, page reuse) agrees with it.
@Suite struct OutputCatalogueTests {
    /// The folders the restricted variant of the bundled site restricts: every one, so that each
    /// reader of `restricted:` meets every entry.
    static let everyFolder = SiteFolder.allCases

    /// The bundled site's files, public and with every folder restricted.
    static func sites() throws -> [(folders: [SiteFolder], files: [OutputFile])] {
        let plain = try LetterTests.renderer("content")
        let restricted = try RestrictedSiteTests.renderer(everyFolder)
        return try [([], plain), (everyFolder, restricted)].map { folders, renderer in
            let (files, diagnostics) = renderer.render()
            try #require(!diagnostics.hasErrors, "\(diagnostics.items)")
            return (folders, files)
        }
    }

    /// The entries a path is of.
    static func entries(_ path: String) -> [SiteOutput] { SiteOutput.allCases.filter { $0.matches(path) } }

    @Test func everyPublishedFileIsOfExactlyOneEntry() throws {
        var seen: Set<SiteOutput> = []
        var checked = 0
        for (_, files) in try Self.sites() {
            for file in files {
                let found = Self.entries(file.path)
                #expect(found.count == 1, "\(file.path) is of \(found)")
                seen.formUnion(found)
                checked += 1
            }
        }
        #expect(checked > 1000)
        // What the bundled site has not: attachments, and the files of a build written beside the pages.
        let absent: Set<SiteOutput> = [.guidanceFile, .pageManifest, .buildRecord]
        #expect(Set(SiteOutput.allCases).subtracting(seen) == absent)
        #expect(Self.entries("van-ban/quy-trinh/mau.pdf") == [.guidanceFile])
        #expect(Self.entries(PageReuse.manifest) == [.pageManifest])
        #expect(Self.entries(InputFingerprint.file) == [.buildRecord])
    }

    @Test func aCompressedCopyOrAnUnknownPathIsOfNoEntry() {
        for path in [
            "index.html.gz", "don-vi", "data/other.json", "don-vi/a/b/index.html", "tim-kiem/x/index.html", "",
        ] {
            #expect(Self.entries(path).isEmpty, "\(path)")
        }
    }

    @Test func everyPageJobGoesWhereItsEntrySays() throws {
        let plan = try RestrictedSiteTests.renderer(Self.everyFolder).plan()
        #expect(plan.everyPage.count > 250)
        for job in plan.everyPage {
            #expect(Self.entries(job.path) == [job.output], "\(job.path) is made as \(job.output)")
            #expect([.pageModel, .ownInputs].contains(job.output.reuse))
        }
        #expect(!plan.dataFiles.isEmpty)
        for file in plan.dataFiles {
            #expect(Self.entries(file.path) == [file.output])
            #expect(file.output.reuse == .contentData)
            #expect(file.make().path == file.path)
        }
    }

    @Test func theSitemapListsThePublicPagesOfTheEntriesItTakes() throws {
        for (folders, files) in try Self.sites() {
            let restriction = Restriction(folders: folders, realm: "x")
            let expected = files.filter { file in
                Self.entries(file.path).first?.inSitemap == true && !restriction.covers(file.path)
            }.map { "/" + ($0.path.hasSuffix("index.html") ? String($0.path.dropLast("index.html".count)) : $0.path) }
            let sitemap = try #require(files.first { $0.path == SiteOutput.sitemap.path() })
            let listed = SiteChecks.sitemapPaths(SiteChecks.text(sitemap))
            #expect(listed.sorted() == expected.sorted())
            #expect(listed.count > (folders.isEmpty ? 250 : 1))
        }
    }

    /// A build that can keep files lists in its manifest the inputs of exactly the files whose entry
    /// is kept by its inputs.
    @Test func theManifestListsTheFilesTheCatalogueKeepsByTheirInputs() throws {
        let renderer = try RestrictedSiteTests.renderer(Self.everyFolder)
        let files = Mutex<[String: [UInt8]]>([:])
        let diagnostics = renderer.render(reuse: PageReuse(salt: 1, dataInputs: 2) { _, _ in false }) { file in
            files.withLock { $0[file.path] = file.bytes }
        }
        #expect(!diagnostics.hasErrors)
        let made = files.withLock { $0 }
        let manifest = PageReuse.parseManifest(String(decoding: try #require(made[PageReuse.manifest]), as: UTF8.self))
        let kept = made.keys.filter { Self.entries($0).first.map { $0.reuse != .never } ?? false }
        #expect(kept.count > 300)
        #expect(Set(manifest.keys) == Set(kept))
    }

    /// Whether the catalogue says a file of `path` is for signed-in readers only under `folders`.
    static func isRestricted(_ path: String, _ folders: [SiteFolder]) -> Bool {
        switch entries(path).first?.access {
        case .restrictedWith(let folder): folders.contains(folder)
        case .alwaysRestricted: true
        case .alwaysPublic, .neverServed, nil: false
        }
    }

    @Test(arguments: [[SiteFolder.units, .report, .data], [.guidance, .schedule, .data], SiteFolder.allCases])
    func theRestrictionCheckTheNginxMapAndTheSignInMarksAgreeWithTheCatalogue(folders: [SiteFolder]) throws {
        let files = try RestrictedSiteTests.files(folders).keys.sorted()
        let restriction = Restriction(folders: folders, realm: "Ban Thường vụ")
        let config = try NginxConfig(root: "/srv/site").restricting(restriction, passwordFile: "/etc/chibo.htpasswd")
        // The map's regular expressions, as nginx reads them (`~*`: ignoring case).
        let patterns = try config.realmMap.split(separator: "\n").compactMap { line -> NSRegularExpression? in
            guard let start = line.range(of: "\"~*"), let end = line[start.upperBound...].firstIndex(of: "\"") else {
                return nil
            }
            return try NSRegularExpression(pattern: String(line[start.upperBound..<end]), options: .caseInsensitive)
        }
        #expect(patterns.count == 1 + folders.flatMap(\.companions).count)
        let marks = SignInMarks(restriction: restriction, basePath: "/", text: "cần đăng nhập")
        var restricted = 0
        for path in files {
            let expected = Self.isRestricted(path, folders)
            restricted += expected ? 1 : 0
            #expect(restriction.covers(path) == expected, "\(path)")
            let uri = "/" + path
            let mapped = patterns.contains {
                $0.firstMatch(in: uri, range: NSRange(uri.startIndex..., in: uri)) != nil
            }
            #expect(mapped == expected, "nginx: \(path)")
            let url = "/" + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
            let link = Array("<a href=\"\(url)\">x</a>".utf8)
            #expect((marks.apply(link) != link) == expected, "sign-in mark: \(path)")
        }
        #expect(restricted > 10 && restricted < files.count)
    }

    @Test func theCompanionsOfAFolderAreTheEntriesRestrictedWithItOutsideIt() {
        #expect(SiteFolder.schedule.companions == [SiteOutput.calendar.path()])
        for folder in SiteFolder.allCases where folder != .schedule { #expect(folder.companions.isEmpty) }
    }

    @Test func aFixedPathIsItsPatternAndAFilledOneMatchesIt() {
        #expect(SiteOutput.findingsTable.path() == "data/findings.csv")
        #expect(SiteOutput.recordWorkbook.path(["rubric": "thuong-ky"]) == "data/mau-bien-ban-thuong-ky.xlsx")
        #expect(SiteOutput.letterDocument.path() == "bao-cao/du-thao-cong-van.docx")
        #expect(SiteOutput.letterDocument.path(["quarter": "2024-q1"]) == "bao-cao/2024-q1/du-thao-cong-van.docx")
        for output in SiteOutput.allCases where !output.pattern.contains("{") {
            #expect(Self.entries(output.path()) == [output])
        }
    }
}
