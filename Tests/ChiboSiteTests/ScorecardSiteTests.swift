import ChiboModel
import ChiboRender
import ChiboSite
import ChiboTestSupport
import Foundation
import Testing

/// The scorecard fixture: an Excel-style units file and meetings, checked through the output contract.
@Suite struct ScorecardSiteTests {
    static let built = Build(
        contentPath: PackagePaths.fixtures + "/scorecard-site", themePath: PackagePaths.theme, outputPath: "",
        buildDate: Day(year: 2024, month: 4, day: 10) ?? Day.distantPast
    ).render()
    var report: Build.Outcome { Self.built }

    var files: [String: OutputFile] { Dictionary(uniqueKeysWithValues: report.files.map { ($0.path, $0) }) }

    func page(_ path: String) throws -> String {
        SiteChecks.text(try #require(files[path], "\(path) exists"))
    }

    /// The record of December 2023, outside the period, is no warning: it is in the report of 2023.
    @Test func buildsAndReportsRecordsOutsideThePeriodInTheirYear() throws {
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.items)")
        #expect(report.diagnostics.items.map(\.description) == [])
        let year = try page("bao-cao/2023/index.html")
        #expect(year.contains("từ 01/12/2023 đến 31/12/2023"))
        #expect(try page("bao-cao/index.html").contains(">Năm 2023</a>"))
        let links = SiteChecks.links(report.files, basePath: "/")
        #expect(links.broken == [])
        #expect(links.checked > 200, "only \(links.checked) links checked")
    }

    @Test func scorecardsJSONFollowsTheContract() throws {
        let data = Data(try #require(files["data/scorecards.json"]).bytes)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["generated"] as? String == "2024-04-10")
        #expect((root["period"] as? [String: String]) == ["from": "2024-01-01", "to": "2024-03-31"])
        let units = try #require(root["units"] as? [[String: Any]])
        #expect(
            units.map { $0["id"] as? String } == [
                "db-so-y-te", "cb-van-phong", "cb-nghiep-vu", "cb-so-tai-chinh", "cb-dien-luc",
            ])
        let branchKeys: Set<String> = [
            "id", "name", "kind", "sector", "parent", "members", "url", "meetings", "findings", "summary",
        ]
        for unit in units {
            let keys = Set(unit.keys)
            if unit["kind"] as? String == "committee" {
                #expect(branchKeys.subtracting(["meetings"]).isSubset(of: keys))
                #expect(unit["meetings"] == nil)
            } else {
                #expect(branchKeys.isSubset(of: keys))
            }
        }
        let office = units[1]
        #expect(office["sector"] as? String == "public-service")
        #expect(office["parent"] as? String == "db-so-y-te")
        #expect(office["url"] as? String == "/don-vi/cb-van-phong/")
        let meetings = try #require(office["meetings"] as? [[String: Any]])
        #expect(meetings.map { $0["date"] as? String } == ["2024-01-10", "2024-02-07", "2024-03-06", "2024-03-20"])
        let february = meetings[1]
        #expect(february["kind"] as? String == "regular")
        #expect(february["total"] as? Int == 94)
        #expect(february["max"] as? Int == 100)
        #expect(february["rating"] as? String == "Khá")
        #expect(february["self_rating"] as? String == "Tốt")
        #expect(february["speaking_rate"] as? Double == 0.2222)
        #expect(february["findings"] as? [String] == ["overrated", "low-speaking-rate"])
        let summary = try #require(office["summary"] as? [String: Any])
        #expect(summary["meetings"] as? Int == 4)
        #expect(summary["average_total"] as? Double == 95.5)
        #expect((summary["ratings"] as? [String: Int]) == ["Tốt": 3, "Khá": 1, "Trung bình": 0, "Kém": 0])
        let small = units[2]
        #expect(small["findings"] as? [String] == ["missing-regular-meeting", "missing-thematic-meeting"])
        let committee = units[0]
        #expect((committee["summary"] as? [String: Any])?["meetings"] as? Int == 6)
    }

    @Test func findingsCSVOpensInExcel() throws {
        let bytes = try #require(files["data/findings.csv"]).bytes
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 12)
        #expect(lines[0].hasPrefix("Mã đơn vị,Tên đơn vị,"))
        #expect(
            lines.contains(
                "cb-van-phong,Chi bộ Văn phòng Sở,Đảng bộ Sở Y tế,07/02/2024,Sinh hoạt thường kỳ,overrated,Tự xếp loại cao hơn,"
                    + "\"Tự xếp loại Tốt nhưng tiêu chí 1 (13/15), 4 (18/20) chưa đạt điểm tối đa; xếp loại đúng: Khá\""
            ))
        #expect(!text.contains("\n\n"))
    }

    @Test func scorecardPageShowsEverything() throws {
        let html = try page("don-vi/cb-van-phong/index.html")
        #expect(html.contains("<svg class=\"chart\""))
        #expect(html.contains("role=\"img\" aria-labelledby=\"chart-title chart-desc\""))
        #expect(html.contains("<title id=\"chart-title\">"))
        #expect(html.contains("<details class=\"chart-data\">"))
        #expect(html.contains("Tự xếp loại Tốt nhưng tiêu chí 1 (13/15), 4 (18/20) chưa đạt điểm tối đa"))
        #expect(html.contains("<a href=\"/van-ban/quy-dinh/\">Xem <span class=\"nowrap\">14-QĐ/TU</span></a>"))
        #expect(html.contains("<a href=\"/van-ban/hoc-tap/\">Xem <span class=\"nowrap\">08-HD/ĐUK</span></a>"))
        #expect(html.contains("Cải cách hành chính; số hóa hồ sơ"))
        #expect(html.contains("<td class=\"num crit not-full\" data-label=\"TC1\">13</td>"))
        #expect(html.contains("id=\"sh-2024-02-07-regular\""))
        let committee = try page("don-vi/db-so-y-te/index.html")
        #expect(committee.contains("<a href=\"/don-vi/cb-van-phong/\">Chi bộ Văn phòng Sở</a>"))
        #expect(committee.contains("<dd>3/4 <span class=\"muted\">(75%)</span></dd>") || committee.contains("4/6"))
        let index = try page("don-vi/index.html")
        for id in ["so-don-vi", "theo-xep-loai", "danh-ba", "lv-public-service"] {
            #expect(index.contains("id=\"\(id)\""))
        }
        // The directory lists committees and grassroots branches; a subordinate branch is on its committee's page.
        #expect(index.contains("<a href=\"/don-vi/db-so-y-te/\">"))
        #expect(!index.contains("<a href=\"/don-vi/cb-van-phong/\">"))
        #expect(index.contains("<a href=\"/don-vi/xep-loai/kha/\">"))
    }

    @Test func reportFiguresLinkToTheirBranches() throws {
        let html = try page("bao-cao/index.html")
        let lists = SiteChecks.attributes("href", in: html).filter {
            $0.hasPrefix("/bao-cao/danh-sach/") || $0.hasPrefix("/bao-cao/phat-hien/")
        }
        #expect(Set(lists).count >= 20)
        // Every figure's list is a page of the site.
        for url in lists { #expect(files[String(url.dropFirst()) + "index.html"] != nil, "\(url)") }
        let overrated = try page("bao-cao/phat-hien/overrated/index.html")
        #expect(overrated.contains("tiêu chí 1 (13/15), 4 (18/20) chưa đạt điểm tối đa"))
        #expect(overrated.contains("<a href=\"/don-vi/cb-van-phong/#sh-2024-02-07-regular\">07/02/2024</a>"))
        #expect(html.contains("tiêu chí 1 (13/15), 4 (18/20) chưa đạt điểm tối đa"))
        #expect(files["bao-cao/2024-q1/index.html"] != nil)
        let sitemap = try page("sitemap.xml")
        #expect(sitemap.contains("<loc>/bao-cao/2024-q1/</loc>"))
        #expect(sitemap.contains("<loc>/don-vi/cb-dien-luc/</loc>"))
    }

    @Test func guidanceReferencesMustExist() throws {
        let folder = try TempFolder([
            "site.yaml": minimalSiteYAML + "finding_guidance: {overrated: 99-HD/X, la-code: 1-HD/X}\n"
        ])
        defer { folder.remove() }
        let report = Build(contentPath: folder.path, themePath: PackagePaths.theme, outputPath: "").render()
        let errors = report.diagnostics.errors.map(\.description)
        #expect(errors.contains { $0.hasPrefix("site.yaml:3:40: error: unknown finding code `la-code`") })
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "site.yaml:3:31: error: `finding_guidance.overrated` names 99-HD/X, but no guidance document has that number"
                )
            })
    }
}
