import ChiboModel
import ChiboTemplate
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
        let plan = renderer.plan()
        #expect(!plan.diagnostics.hasErrors, "\(plan.diagnostics.items)")
        MustacheContentTypes.register(ReferenceHTML(), named: "HTML")
        var library = MustacheLibrary()
        for (name, text) in renderer.theme.sources {
            library.register(try MustacheTemplate(string: text), named: name)
        }
        var compared = 0
        for job in plan.pages {
            guard case .success(.made(let bytes, _)) = job.render(0, nil) else {
                Issue.record("\(site): \(job.path) did not render")
                continue
            }
            let (template, model) = job.reference()
            var root: [String: Any] = ["t": renderer.theme.strings, "assets": plan.assets.urlsByKey]
            for (key, value) in try #require(model as? [String: Any]) { root[key] = value }
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
        #expect(compared == plan.pages.count + plan.documentItems().count)
        #expect(compared > 5)
    }
}
