import ChiboModel
import ChiboTestSupport
import Testing

@testable import ChiboRender
@testable import ChiboSite

/// A year's evaluation is held only while it is needed: its reports are taken from it and it is let
/// go, then it is made again for its pages and let go after them, so that at the nation's size no
/// more than the period's evaluation and one year's are held at once.
@Suite struct YearBatchTests {
    @Test func aYearsEvaluationIsHeldOnlyWhileItsPagesRender() throws {
        let renderer = try LetterTests.renderer("content")
        let reports = renderer.reports
        let (earlier, current) = (reports.years[0], reports.years[1])
        #expect(earlier.year == 2023 && current.year == 2024)
        let quarters2023 = reports.yearQuarters.filter { $0.quarter?.year == 2023 }
        #expect(quarters2023.count == 4)
        // Once the reports are computed, 2023's evaluation (its quarters' too) is let go; the
        // period's (2024) is the site's own, held for the whole build and never made again.
        #expect(!earlier.holdsEvaluation)
        #expect(quarters2023.allSatisfy { !$0.holdsEvaluation })
        #expect(earlier.evaluationsMade == 1)
        #expect(current.holdsEvaluation)
        #expect(try #require(reports.period).holdsEvaluation)

        let (files, diagnostics) = renderer.render()
        #expect(!diagnostics.hasErrors, "\(diagnostics.items)")
        let paths = Set(files.map(\.path))
        for path in [
            "bao-cao/2023/index.html", "bao-cao/2023-q4/index.html", "bao-cao/2023/du-thao-cong-van/index.html",
            "bao-cao/2023/xep-hang/index.html", "bao-cao/2023/du-thao-cong-van.docx",
        ] {
            #expect(paths.contains(path), "\(path)")
        }
        // Its pages made it once more, all of them from the one evaluation, and let it go.
        #expect(earlier.evaluationsMade == 2)
        #expect(!earlier.holdsEvaluation)
        #expect(current.evaluationsMade == 0)
        // The sitemap lists the batches' pages as it lists the others.
        let sitemap = try #require(files.first { $0.path == "sitemap.xml" })
        #expect(String(decoding: sitemap.bytes, as: UTF8.self).contains("/bao-cao/2023-q4/"))
    }

    /// The reports are kept light, their figures without the units behind them, and made complete
    /// again for their pages with the same lists as a report computed afresh.
    @Test func aLightReportKeepsItsFiguresAndCompletesToTheSameLists() throws {
        let renderer = try LetterTests.renderer("content")
        let reports = renderer.reports
        let all = [try #require(reports.period)] + reports.years + reports.yearQuarters
        #expect(all.count == 11)
        for light in all {
            #expect(!light.isComplete)
            #expect(light.branchesByRating.isEmpty && light.skippedPoliticalStudy.isEmpty)
            let full = light.complete()
            #expect(full.isComplete)
            let fresh = BlocReport(full.evaluation, quarter: light.quarter, year: light.year)
            // The figures the next period compares with are the light report's own.
            #expect(light.summary == fresh.summary)
            #expect(light.byKind.map(\.summary) == fresh.byKind.map(\.summary))
            #expect(light.byKind.map(\.overratedBranches) == fresh.byKind.map(\.overratedBranches))
            #expect(light.branchesByFinding[.overrated] == fresh.branchesByFinding[.overrated])
            // The lists come back as computed.
            #expect(!fresh.branchesByRating.isEmpty)
            #expect(full.branchesByRating == fresh.branchesByRating)
            #expect(full.branchesByFinding == fresh.branchesByFinding)
            #expect(full.skippedPoliticalStudy == fresh.skippedPoliticalStudy)
            #expect(full.speakingBuckets == fresh.speakingBuckets)
            #expect(full.thematicByQuarter == fresh.thematicByQuarter)
            #expect(full.committeeAttendance == fresh.committeeAttendance)
            #expect(full.byKind == fresh.byKind)
            #expect(full.unitCounts == fresh.unitCounts)
        }
    }
}
