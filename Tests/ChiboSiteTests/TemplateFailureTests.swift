import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboRender
@testable import ChiboSite

/// A template that fails is reported once, not by each page that needs it.
@Suite struct TemplateFailureTests {
    /// The bundled site with a copy of the theme whose `scorecard` names what its model lacks and
    /// which has no `list` template.
    @Test func aBrokenOrMissingTemplateIsReportedOnceAndItsPagesCarryNothing() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let theme = folder.path + "/theme"
        try FileManager.default.copyItem(atPath: PackagePaths.theme, toPath: theme)
        let scorecard = theme + "/templates/scorecard.mustache"
        let text = try String(contentsOfFile: scorecard, encoding: .utf8)
        try (text + "{{no_such_name}}\n").write(toFile: scorecard, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: theme + "/templates/list.mustache")
        let build = Build(
            contentPath: PackagePaths.root + "/content", themePath: theme, outputPath: "",
            buildDate: Day(year: 2024, month: 12, day: 20) ?? Day.distantPast)
        let report = build.render()
        let messages = report.diagnostics.errors.map(\.message)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.filter { $0.contains("no_such_name") }.count == 1)
        #expect(messages.filter { $0.contains("no template `list`") }.count == 1)
        // The pages of either template fail without a copy of its problems.
        var diagnostics = Diagnostics()
        let plan = try #require(build.prepare(diagnostics: &diagnostics)).plan()
        let failed = plan.everyPage.filter { ["scorecard", "list"].contains($0.template?.name) }
        #expect(failed.count > 100)
        for job in failed {
            guard case .failure(let problems) = job.render(0, nil) else {
                Issue.record("\(job.path) rendered with a failed template")
                continue
            }
            #expect(problems.items.isEmpty, "\(job.path)")
        }
    }
}
