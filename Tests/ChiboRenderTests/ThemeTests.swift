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

@Suite struct ThemeTests {
    func theme(_ templates: [String: String], strings: String = "hello: Xin chào\n") throws -> (
        Theme?, Diagnostics, TempFolder
    ) {
        var files: [String: String] = ["i18n/vi.yaml": strings]
        for (name, text) in templates { files["templates/\(name).mustache"] = text }
        let folder = try TempFolder(files)
        let (theme, diagnostics) = Theme.load(from: folder.path)
        return (theme, diagnostics, folder)
    }

    @Test func missingPartialIsAnErrorAtTheTag() throws {
        let (theme, diagnostics, folder) = try theme(["page": "<p>\n  {{> footer}}</p>"])
        defer { folder.remove() }
        #expect(theme == nil)
        let error = try #require(diagnostics.errors.first)
        #expect(error.location.file.hasSuffix("templates/page.mustache"))
        #expect(error.location.line == 2)
        #expect(error.location.column == 3)
        #expect(error.message.contains("`footer`"))
    }

    @Test func missingVariableIsAnErrorNotEmptyText() throws {
        let (loaded, _, folder) = try theme([
            "page": "<h1>{{title}}</h1>\n{{#items}}<li>{{name}} {{nmae}}</li>{{/items}}\n{{t.hello}} {{t.bye}}"
        ])
        defer { folder.remove() }
        let theme = try #require(loaded)
        guard case .failure(let diagnostics) = theme.compile("page", for: TestPage.self) else {
            Issue.record("expected errors")
            return
        }
        let messages = diagnostics.errors.map(\.description)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("page.mustache:2:24: error: the template names `nmae`") })
        #expect(messages.contains { $0.contains("page.mustache:3:13: error: the theme has no UI string `bye`") })
    }

    @Test func rendersEscapedAndInheritedTemplates() throws {
        let (loaded, diagnostics, folder) = try theme([
            "base": "<title>{{page_title}}</title>{{$content}}{{/content}}",
            "page": "{{<base}}{{$content}}<p>{{text}}</p>{{{html}}}<i>{{t.hello}}</i>{{/content}}{{/base}}",
        ])
        defer { folder.remove() }
        #expect(!diagnostics.hasErrors)
        let theme = try #require(loaded)
        let template = try theme.compile("page", for: TestPage.self).get()
        let html = template.render(TestPage(title: "T", text: "<script>&\"", html: "<b>đậm</b>"))
        #expect(
            String(decoding: html, as: UTF8.self)
                == "<title>T</title><p>&lt;script&gt;&amp;&quot;</p><b>đậm</b><i>Xin chào</i>")
    }

    @Test func templateSyntaxErrorsHaveAPosition() throws {
        let (theme, diagnostics, folder) = try theme(["page": "a\n{{#open}}b"])
        defer { folder.remove() }
        #expect(theme == nil)
        #expect(diagnostics.errors.first?.message.contains("template syntax error") == true)
    }

    @Test func bundledThemeLoadsCleanly() {
        let (theme, diagnostics) = Theme.load(from: PackagePaths.theme)
        #expect(theme != nil)
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items)")
        #expect(theme?.assets["site.css"] != nil)
    }
}
