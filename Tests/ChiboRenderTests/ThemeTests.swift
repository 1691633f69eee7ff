import ChiboContent
import ChiboModel
import ChiboTemplate
import ChiboTestSupport
import Testing

@testable import ChiboRender

/// A page model for the tests: a title, items with names, raw HTML.
struct TestPage: TemplateModel {
    struct Item: TemplateModel {
        var name: String
        static let templateFields = TemplateFields<Self>(["name": .text(\.name)])
    }
    var title = ""
    var text = ""
    var html = ""
    var items: [Item] = []
    static let templateFields = TemplateFields<Self>([
        "page_title": .text(\.title), "title": .text(\.title), "text": .text(\.text), "html": .text(\.html),
        "items": .list(\.items),
    ])
}

/// A theme made from templates and UI strings, as `ThemeLoader` would read them from a folder.
func makeTheme(_ templates: [String: String], strings: [String: String] = ["hello": "Xin chào"]) -> (
    Theme?, Diagnostics
) {
    var diagnostics = Diagnostics()
    let theme = Theme(ThemeFiles(path: "theme", templates: templates, strings: strings), diagnostics: &diagnostics)
    return (theme, diagnostics)
}

@Suite struct ThemeTests {
    @Test func missingPartialIsAnErrorAtTheTag() throws {
        let (theme, diagnostics) = makeTheme(["page": "<p>\n  {{> footer}}</p>"])
        #expect(theme == nil)
        let error = try #require(diagnostics.errors.first)
        #expect(error.location.file.hasSuffix("templates/page.mustache"))
        #expect(error.location.line == 2)
        #expect(error.location.column == 3)
        #expect(error.catalogued == .missingPartial("footer"))
    }

    @Test func missingVariableIsAnErrorNotEmptyText() throws {
        let (loaded, _) = makeTheme([
            "page": "<h1>{{title}}</h1>\n{{#items}}<li>{{name}} {{nmae}}</li>{{/items}}\n{{t.hello}} {{t.bye}}"
        ])
        let theme = try #require(loaded)
        var diagnostics = Diagnostics()
        #expect(theme.compile("page", for: TestPage.self, diagnostics: &diagnostics) == nil)
        let found = diagnostics.errors.map { ($0.location.line, $0.location.column, $0.catalogued) }
        #expect(found.map(\.0) == [2, 3] && found.map(\.1) == [24, 13])
        #expect(found.map(\.2) == [.unknownTemplateName("nmae", page: "page"), .missingUIString("bye")])
        #expect(diagnostics.errors.allSatisfy { $0.location.file.hasSuffix("page.mustache") })
    }

    @Test func rendersEscapedAndInheritedTemplates() throws {
        let (loaded, diagnostics) = makeTheme([
            "base": "<title>{{page_title}}</title>{{$content}}{{/content}}",
            "page": "{{<base}}{{$content}}<p>{{text}}</p>{{{html}}}<i>{{t.hello}}</i>{{/content}}{{/base}}",
        ])
        #expect(!diagnostics.hasErrors)
        let theme = try #require(loaded)
        var problems = Diagnostics()
        let template = try #require(theme.compile("page", for: TestPage.self, diagnostics: &problems))
        let html = template.render(TestPage(title: "T", text: "<script>&\"", html: "<b>đậm</b>"))
        #expect(
            String(decoding: html, as: UTF8.self)
                == "<title>T</title><p>&lt;script&gt;&amp;&quot;</p><b>đậm</b><i>Xin chào</i>")
    }

    @Test func templateSyntaxErrorsHaveAPosition() throws {
        let (theme, diagnostics) = makeTheme(["page": "a\n{{#open}}b"])
        #expect(theme == nil)
        #expect(diagnostics.errorCodes == [.templateSyntax])
    }

    @Test func bundledThemeLoadsCleanly() throws {
        var diagnostics = Diagnostics()
        let files = try #require(ThemeLoader.load(from: PackagePaths.theme, diagnostics: &diagnostics))
        let theme = Theme(files, diagnostics: &diagnostics)
        #expect(theme != nil)
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items)")
        #expect(theme?.assets["site.css"] != nil)
    }
}
