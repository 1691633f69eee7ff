import ChiboModel
import ChiboTemplate
import ChiboTemplateOracle
import ChiboTestSupport
import Foundation
import Mustache
import Testing

@testable import ChiboRender
@testable import ChiboSite

/// HTML escaping as chibo's templates do it, registered for the `HTML` pragma in swift-mustache.
struct ReferenceHTML: MustacheContentType {
    func escapeText(_ text: String) -> String { escapeHTML(text) }
}

/// Every page of the bundled site and of the fixture sites, rendered by chibo's compiled templates
/// and by swift-mustache from the same model: the bytes must be the same.
@Suite struct TemplateOracleTests {
    static let sites = ["content", "Tests/Fixtures/scorecard-site", "Tests/Fixtures/small-site"]

    @Test(arguments: sites) func everyPageRendersAsSwiftMustacheRendersIt(site: String) throws {
        let build = Build(
            contentPath: PackagePaths.root + "/" + site, themePath: PackagePaths.theme, outputPath: "")
        var diagnostics = Diagnostics()
        let prepared = build.prepare(diagnostics: &diagnostics)
        let renderer = try #require(prepared, "\(diagnostics.items)")
        try Self.compare(renderer, site: site)
    }

    /// The bundled site with restricted folders: the layout's and the home and search pages' fields
    /// that only restrictions set.
    @Test(arguments: [[SiteFolder.units, .report, .data], [.guidance, .schedule, .data]])
    func theRestrictedSiteRendersAsSwiftMustacheRendersIt(folders: [SiteFolder]) throws {
        let renderer = try RestrictedSiteTests.renderer(folders)
        try Self.compare(renderer, site: "content")
    }

    static func compare(_ renderer: SiteRenderer, site: String) throws {
        let plan = renderer.plan()
        #expect(!plan.diagnostics.hasErrors, "\(plan.diagnostics.items)")
        MustacheContentTypes.register(ReferenceHTML(), named: "HTML")
        var library = MustacheLibrary()
        for (name, text) in renderer.theme.sources {
            library.register(try MustacheTemplate(string: text), named: name)
        }
        var compared = 0
        for job in plan.everyPage where job.isPage {
            guard case .success(.made(let bytes, _)) = job.render(0, nil) else {
                Issue.record("\(site): \(job.path) did not render")
                continue
            }
            let (template, model) = job.reference()
            var root: [String: Any] = ["t": renderer.theme.strings, "assets": plan.assets.urlsByKey]
            let page = try #require(model, "\(job.path) has no model")
            for (key, value) in try #require(page.oracleValue as? [String: Any]) { root[key] = value }
            let expected = library.render(root, withTemplate: template) ?? "(no template \(template))"
            if String(decoding: bytes, as: UTF8.self) != expected {
                Issue.record("\(site): \(job.path) differs from swift-mustache's rendering of its model")
            }
            compared += 1
        }
        for item in plan.documentItems() {
            let bytes = try plan.templates.documentItem.render(item).get()
            var root: [String: Any] = ["t": renderer.theme.strings, "assets": plan.assets.urlsByKey]
            for (key, value) in try #require(item.oracleValue as? [String: Any]) { root[key] = value }
            if String(decoding: bytes, as: UTF8.self) != library.render(root, withTemplate: "doc-item") {
                Issue.record("\(site): the list entry of \(item.url) differs from swift-mustache's")
            }
            compared += 1
        }
        // The review letters' paragraphs: each `letter-*` template with each report's figures.
        var paragraphs = 0
        if let letters = plan.letters, let period = renderer.reports.period {
            for report in [period] + renderer.reports.quarters {
                let figures = letters.figures(report)
                var root: [String: Any] = ["t": renderer.theme.strings, "assets": plan.assets.urlsByKey]
                for (key, value) in try #require(figures.oracleValue as? [String: Any]) { root[key] = value }
                for (name, template) in zip(LetterPages.paragraphTemplates, plan.templates.letterParagraphs) {
                    let bytes = try template.render(figures).get()
                    if String(decoding: bytes, as: UTF8.self) != library.render(root, withTemplate: name) {
                        Issue.record("\(site): \(name) of \(report.range) differs from swift-mustache's")
                    }
                    paragraphs += 1
                }
            }
        }
        let reports = renderer.reports.period == nil ? 0 : 1 + renderer.reports.quarters.count
        #expect(paragraphs == reports * LetterPages.paragraphTemplates.count)
        #expect(site == "Tests/Fixtures/small-site" || paragraphs > 0)
        #expect(compared == plan.everyPage.filter(\.isPage).count + plan.documentItems().count)
        #expect(compared > 5)
    }
}
