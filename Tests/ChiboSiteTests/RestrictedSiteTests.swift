import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboRender
@testable import ChiboSite

/// The bundled site with `restricted:` folders: what the public part shows, indexes and lists.
@Suite struct RestrictedSiteTests {
    /// The bundled site's renderer with `folders` restricted.
    static func renderer(_ folders: [SiteFolder]) throws -> SiteRenderer {
        let plain = try LetterTests.renderer("content")
        var content = plain.content
        content.settings.restricted = Restriction(folders: folders, realm: "Ban Thường vụ")
        return SiteRenderer(
            content: content, theme: plain.theme, evaluation: plain.evaluation, reports: plain.reports,
            schedule: plain.schedule, buildDate: plain.buildDate)
    }

    static func files(_ folders: [SiteFolder]) throws -> [String: String] {
        let (files, diagnostics) = try renderer(folders).render()
        #expect(!diagnostics.hasErrors, "\(diagnostics.items)")
        var result: [String: String] = [:]
        for file in files { result[file.path] = SiteChecks.text(file) }
        return result
    }

    static func isRestricted(_ path: String, _ folders: [SiteFolder]) -> Bool {
        Restriction(folders: folders, realm: "x").covers(path)
    }

    /// The `href`s of the links of a page that are marked as needing a sign-in, and of those that are not.
    static func links(_ html: String) -> (marked: [String], unmarked: [String]) {
        var marked: [String] = []
        var unmarked: [String] = []
        for piece in html.components(separatedBy: "<a ").dropFirst() {
            guard let start = piece.range(of: "href=\""), let end = piece[start.upperBound...].firstIndex(of: "\"")
            else {
                continue
            }
            let href = String(piece[start.upperBound..<end])
            let inside = piece.components(separatedBy: "</a>").first ?? ""
            if inside.contains("<span class=\"signin-needed\">") { marked.append(href) } else { unmarked.append(href) }
        }
        return (marked, unmarked)
    }

    @Test func theUnitsReportsAndDataAreInNoPublicFileAndEveryLinkToThemSaysSo() throws {
        let folders: [SiteFolder] = [.units, .report, .data]
        let files = try Self.files(folders)
        let sitemap = SiteChecks.sitemapPaths(try #require(files["sitemap.xml"]))
        #expect(sitemap.contains("/van-ban/") && sitemap.contains("/lich-sinh-hoat-mau/") && sitemap.contains("/"))
        #expect(sitemap.filter { Self.isRestricted(String($0.dropFirst()), folders) } == [])

        // The public index holds no restricted page; the restricted one holds them all, under don-vi/.
        let publicDocs = files.filter { $0.key.hasPrefix("search/docs/") }.values.joined()
        let restrictedDocs = files.filter { $0.key.hasPrefix("don-vi/_search/docs/") }.values.joined()
        #expect(!publicDocs.isEmpty && !restrictedDocs.isEmpty)
        for folder in folders {
            #expect(!publicDocs.contains("\"u\":\"/\(folder.rawValue)/"), "\(folder)")
        }
        #expect(restrictedDocs.contains("\"u\":\"/don-vi/"))
        #expect(
            !restrictedDocs.contains("\"u\":\"/van-ban/") && !restrictedDocs.contains("\"u\":\"/lich-sinh-hoat-mau/"))
        #expect(files["don-vi/_search/numbers.json"] != nil)
        let search = try #require(files["tim-kiem/index.html"])
        #expect(search.contains("data-restricted-index=\"/don-vi/_search/\""))

        // Every link of a public page into a restricted folder is marked, and no other link is.
        var marked = 0
        for (path, html) in files where path.hasSuffix(".html") && !Self.isRestricted(path, folders) {
            let (inside, outside) = Self.links(html)
            marked += inside.count
            #expect(inside.allSatisfy { Self.isRestricted(String($0.dropFirst()), folders) }, "\(path)")
            #expect(outside.filter { Self.isRestricted(String($0.dropFirst()), folders) } == [], "\(path)")
            #expect(!html.contains("signed-in."), "\(path) tells the search it has signed in")
        }
        #expect(marked > 20)
        // The restricted pages are marked nowhere, and tell the search that this tab has signed in.
        let unit = try #require(files["don-vi/index.html"])
        #expect(!unit.contains("signin-needed") && unit.contains("/assets/signed-in."))
        // The home page's guidance and schedule stay: they are public.
        let home = try #require(files["index.html"])
        #expect(home.contains("id=\"home-upcoming\"") && home.contains("id=\"home-sections\""))
    }

    @Test func withTheGuidanceAndTheScheduleRestrictedTheHomePageTellsNothingOfThem() throws {
        let folders: [SiteFolder] = [.guidance, .schedule, .data]
        let files = try Self.files(folders)
        let home = try #require(files["index.html"])
        #expect(!home.contains("id=\"home-upcoming\"") && !home.contains("id=\"home-sections\""))
        #expect(!home.contains("id=\"home-newest\""))
        let plain = try Self.files([.data])
        let plainHome = try #require(plain["index.html"])
        #expect(plainHome.contains("id=\"home-upcoming\"") && plainHome.contains("id=\"home-newest\""))
        // The button to the guidance names no count.
        #expect(plainHome.range(of: #"\(\d+\)</a>"#, options: .regularExpression) != nil)
        #expect(home.range(of: #"\(\d+\)</a>"#, options: .regularExpression) == nil)
        let search = try #require(files["tim-kiem/index.html"])
        #expect(!search.contains("search-fallback") && search.contains("data-restricted-index=\"/van-ban/_search/\""))
        #expect(files["schedule.ics"] != nil)
        let sitemap = SiteChecks.sitemapPaths(try #require(files["sitemap.xml"]))
        #expect(sitemap.allSatisfy { !$0.hasPrefix("/van-ban/") && !$0.hasPrefix("/lich-sinh-hoat-mau/") })
        #expect(sitemap.contains("/don-vi/"))
        let publicDocs = files.filter { $0.key.hasPrefix("search/docs/") }.values.joined()
        #expect(!publicDocs.contains("\"u\":\"/van-ban/") && publicDocs.contains("\"u\":\"/don-vi/"))
    }

    @Test func marksGoInsideLinksIntoRestrictedFoldersOnly() {
        let marks = SignInMarks(
            restriction: Restriction(folders: [.units, .schedule], realm: "x"), basePath: "/so-tay/",
            text: "cần đăng nhập")
        let page = """
            <a href="/so-tay/don-vi/">Đơn vị</a> <a href="/so-tay/don-vi-khac/">x</a>
            <a class="c" href="/so-tay/schedule.ics">Lịch</a><link href="/so-tay/don-vi/x.css">
            <a href="/so-tay/lich-sinh-hoat-mau">L</a> <a href="/so-tay/van-ban/">V</a> <abbr href="/so-tay/don-vi/">A</abbr>
            """
        let marked = String(decoding: marks.apply(Array(page.utf8)), as: UTF8.self)
        let mark = "<span class=\"signin-needed\"><span class=\"visually-hidden\"> (cần đăng nhập)</span></span>"
        #expect(
            marked == """
                <a href="/so-tay/don-vi/">Đơn vị\(mark)</a> <a href="/so-tay/don-vi-khac/">x</a>
                <a class="c" href="/so-tay/schedule.ics">Lịch\(mark)</a><link href="/so-tay/don-vi/x.css">
                <a href="/so-tay/lich-sinh-hoat-mau">L\(mark)</a> <a href="/so-tay/van-ban/">V</a> <abbr href="/so-tay/don-vi/">A</abbr>
                """)
        #expect(marks.apply(Array("<p>nothing</p>".utf8)) == Array("<p>nothing</p>".utf8))
    }
}
