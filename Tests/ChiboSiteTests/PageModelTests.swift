import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboRender
@testable import ChiboSite

/// Page models are values of their own: what a page shows, already formatted, checked here without
/// any template.
@Suite struct PageModelTests {
    static func renderer() throws -> SiteRenderer {
        let day = try #require(Day(year: 2024, month: 4, day: 10))
        let build = Build(
            contentPath: PackagePaths.root + "/Tests/Fixtures/scorecard-site", themePath: PackagePaths.theme,
            outputPath: "", buildDate: day)
        var diagnostics = Diagnostics()
        let prepared = build.prepare(diagnostics: &diagnostics)
        return try #require(prepared, "\(diagnostics.items)")
    }

    static func reports() throws -> BlocReports { try renderer().reports }

    static func pages() throws -> (ScorecardPages, LayoutContext) {
        let renderer = try renderer()
        let samples = SchedulePages(
            schedule: renderer.schedule, evaluation: renderer.evaluation, urls: renderer.urls, theme: renderer.theme,
            today: renderer.buildDate, baseURL: nil)
        let scorecards = ScorecardPages(
            units: UnitFigures(
                evaluation: renderer.evaluation, reports: renderer.reports, settings: renderer.content.settings,
                urls: renderer.urls,
                theme: renderer.theme, documents: [:])
        ) { samples.sessions(of: $0) }
        let layout = LayoutContext(
            settings: renderer.content.settings, theme: renderer.theme, urls: renderer.urls, hasData: true,
            hasReport: true, hasSchedule: !samples.isEmpty)
        return (scorecards, layout)
    }

    @Test func aScorecardHoldsItsMeetingsFormattedTheVietnameseWay() throws {
        let (scorecards, layout) = try Self.pages()
        let card = try #require(scorecards.evaluation[unit: "cb-van-phong"])
        let page = scorecards.scorecard(card, layout: layout)
        #expect(page.layout.pageTitle == "Chi bộ Văn phòng Sở")
        #expect(page.committee == UnitLink(name: "Đảng bộ Sở Y tế", url: "/don-vi/db-so-y-te/"))
        #expect(page.layout.breadcrumb.map(\.title).last == "Đảng bộ Sở Y tế")
        let regular = try #require(page.tables.first { !$0.isThematic })
        let first = try #require(regular.rows.first)
        #expect(first.date == "10/01/2024")
        #expect(first.dateISO == "2024-01-10")
        #expect(first.anchor == "sh-2024-01-10-regular")
        #expect(first.total == "98")
        #expect(first.speakingRate == "40%")
        #expect(first.attendance == "10/10")
        #expect(first.topic == nil)
        #expect(first.scores.map(\.points) == ["15", "15", "28", "20", "20"])
        // A decimal share has a comma, as Vietnamese readers write it.
        #expect(page.figures.speakingTarget == "30%")
        #expect(page.figures.speakingRate.contains(","))
        #expect(page.hasMeetings)
    }

    /// A branch with records in two years shows both, the later beside the earlier (issue 31, part 5).
    @Test func aScorecardShowsEachYearBesideTheYearBefore() throws {
        let (scorecards, layout) = try Self.pages()
        let card = try #require(scorecards.evaluation[unit: "cb-dien-luc"])
        let page = scorecards.scorecard(card, layout: layout)
        #expect(page.history.map(\.year) == ["2023", "2024"])
        #expect(page.history.map(\.url) == ["/bao-cao/2023/", "/bao-cao/2024/"])
        // The first year has nothing to be compared with, and the fixture's 2023 is a month long
        // (December) against three months of 2024: no change is shown, never a zero.
        #expect(page.history.allSatisfy { $0.averageChange == nil && $0.speakingChange == nil })
        #expect(page.history.allSatisfy { $0.attendanceChange == nil && $0.findingsChange == nil })
        #expect(page.history[0].meetings == "1")
        let years = scorecards.units.reports.history(of: "cb-dien-luc")
        #expect(years.map(\.range.monthCount) == [1, 3])
    }

    @Test func theReportLinksEachFigureToItsList() throws {
        let (scorecards, layout) = try Self.pages()
        let pages = ReportPages(units: scorecards.units, reports: try Self.reports())
        let period = try #require(pages.reports.period)
        let (report, lists) = pages.reportPage(period, layout: layout)
        let listed = Dictionary(uniqueKeysWithValues: lists.map { (scorecards.urls.page($0.folder), $0.count) })
        let figures =
            report.ratingRows.map(\.branches) + report.unitCounts.map(\.figure) + report.speakingBuckets.map(\.branches)
            + [report.belowTarget.all, report.overrated.all, report.committees.all]
        for figure in figures {
            // Each figure links to a list page of exactly as many rows as it says.
            #expect(listed[figure.href].map(String.init) == figure.count, "\(figure.href)")
            #expect(figure.hasUnits == (figure.count != "0"))
        }
        // A finding code's figure counts its findings, and its page lists every one of them.
        #expect(report.findingRows.count == FindingCode.allCases.count)
        #expect(report.findingRows.contains { $0.count != "0" }, "no finding counted: the loop below checks nothing")
        for row in report.findingRows {
            #expect(listed[row.branches.href].map(String.init) == row.count, "\(row.code)")
        }
        #expect(
            report.overrated.rows.count
                == min(RowList.previewRows, lists.first { $0.folder.last == "overrated" }?.count ?? -1))
        #expect(!report.isQuarter)
        #expect(report.quarters.allSatisfy { !$0.current })
    }

    @Test func aLongListIsSplitIntoLinkedPages() throws {
        let (scorecards, _) = try Self.pages()
        let pages = Paging.split(Array(0..<401))
        #expect(pages.map(\.count) == [200, 200, 1])
        #expect(Paging.split([Int]()).map(\.count) == [0])
        let paging = Paging(base: ["bao-cao", "phat-hien", "overrated"], items: 2_401)
        #expect(paging.count == 13)
        #expect(paging.slugs(0) == ["bao-cao", "phat-hien", "overrated"])
        #expect(paging.slugs(4) == ["bao-cao", "phat-hien", "overrated", "trang-5"])
        let middle = paging.pager(6, urls: scorecards.urls, theme: scorecards.theme)
        #expect(middle.isPaged)
        #expect(middle.label == "Trang 7/13")
        #expect(middle.previous == "/bao-cao/phat-hien/overrated/trang-6/")
        #expect(middle.next == "/bao-cao/phat-hien/overrated/trang-8/")
        #expect(middle.links.map(\.number) == ["1", "…", "5", "6", "7", "8", "9", "…", "13"])
        #expect(middle.links.filter(\.current).map(\.number) == ["7"])
        let first = paging.pager(0, urls: scorecards.urls, theme: scorecards.theme)
        #expect(first.previous == nil)
        #expect(first.links.first?.url == "/bao-cao/phat-hien/overrated/")
        #expect(!Paging(base: ["don-vi"], items: 200).pager(0, urls: scorecards.urls, theme: scorecards.theme).isPaged)
    }

    @Test func equalModelsHashAlikeAndAChangeShows() throws {
        let (scorecards, layout) = try Self.pages()
        let card = try #require(scorecards.evaluation[unit: "cb-van-phong"])
        let page = scorecards.scorecard(card, layout: layout)
        #expect(page.templateDigest == scorecards.scorecard(card, layout: layout).templateDigest)
        var changed = page
        changed.tables[0].rows[0].total = "97"
        #expect(changed.templateDigest != page.templateDigest)
        #expect(changed != page)
    }
}
