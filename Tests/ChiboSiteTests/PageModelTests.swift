import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboRender
@testable import ChiboSite

/// Page models are values of their own: what a page shows, already formatted, checked here without
/// any template.
@Suite struct PageModelTests {
    static func pages() throws -> (ScorecardPages, LayoutContext) {
        let day = try #require(Day(year: 2024, month: 4, day: 10))
        let build = Build(
            contentPath: PackagePaths.root + "/Tests/Fixtures/scorecard-site", themePath: PackagePaths.theme,
            outputPath: "", buildDate: day)
        var diagnostics = Diagnostics()
        let prepared = build.prepare(diagnostics: &diagnostics)
        let renderer = try #require(prepared, "\(diagnostics.items)")
        let samples = SchedulePages(
            schedule: renderer.schedule, evaluation: renderer.evaluation, urls: renderer.urls, theme: renderer.theme,
            today: renderer.buildDate, baseURL: nil)
        let scorecards = ScorecardPages(
            evaluation: renderer.evaluation, reports: renderer.reports, settings: renderer.content.settings,
            urls: renderer.urls,
            theme: renderer.theme, documents: [:], samples: samples)
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

    @Test func theReportLinksEachFigureToItsList() throws {
        let (scorecards, layout) = try Self.pages()
        let report = scorecards.reportPage(try #require(scorecards.reports.period), layout: layout)
        let listed = Set(report.lists.map { "#" + $0.id })
        for figure in report.ratingRows.map(\.branches) + report.findingRows.map(\.branches) + [report.belowTarget] {
            #expect(listed.contains(figure.href), "\(figure.href)")
            #expect(figure.hasUnits == (figure.count != "0"))
        }
        #expect(!report.isQuarter)
        #expect(report.quarters.allSatisfy { !$0.current })
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
