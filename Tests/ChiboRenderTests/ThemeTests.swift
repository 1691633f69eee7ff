import ChiboModel
import ChiboTestSupport
import Testing

@testable import ChiboRender

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
        let result = theme.render("page", context: ["title": "A", "items": [["name": "x"]]])
        guard case .failure(let diagnostics) = result else {
            Issue.record("expected errors")
            return
        }
        let messages = diagnostics.errors.map(\.description)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("page.mustache:2:24: error: the template names `nmae`") })
        #expect(messages.contains { $0.contains("page.mustache:3:13: error: the template names `t.bye`") })
    }

    @Test func rendersEscapedAndInheritedTemplates() throws {
        let (loaded, diagnostics, folder) = try theme([
            "base": "<title>{{page_title}}</title>{{$content}}{{/content}}",
            "page": "{{<base}}{{$content}}<p>{{text}}</p>{{{html}}}<i>{{t.hello}}</i>{{/content}}{{/base}}",
        ])
        defer { folder.remove() }
        #expect(!diagnostics.hasErrors)
        let theme = try #require(loaded)
        let html = try theme.render(
            "page", context: ["page_title": "T", "text": "<script>&\"", "html": "<b>đậm</b>"]
        ).get()
        #expect(html == "<title>T</title><p>&lt;script&gt;&amp;&quot;</p><b>đậm</b><i>Xin chào</i>")
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
