import ChiboModel
import Foundation
import Testing

@testable import ChiboTemplate

@Suite struct ErrorTests {
    @Test func unknownNamesAreReportedAtTheirTags() {
        let main = "<p>\n  {{titel}} {{item.nam}}\n{{#items}}{{leaf.lable}}{{/items}}"
        #expect(
            errors(["main": main], for: Page.self) == [
                "main.mustache:2:3: the template names `titel`, which the page `main` does not have",
                "main.mustache:2:13: the template names `item.nam`, which the page `main` does not have",
                "main.mustache:3:11: the template names `leaf.lable`, which the page `main` does not have",
            ])
    }

    @Test func columnsCountUnicodeScalars() {
        #expect(
            errors(["main": "Tiếng Việt {{x}}"], for: Page.self) == [
                "main.mustache:1:12: the template names `x`, which the page `main` does not have"
            ])
    }

    @Test func missingUIStrings() {
        let globals = ["t": ["hello": "Xin chào"]]
        #expect(
            errors(["main": "{{t.hello}}\n {{t.bye}}"], for: Page.self, globals: globals) == [
                "main.mustache:2:2: the theme has no UI string `bye`; add `bye: ...` to i18n/vi.yaml"
            ])
    }

    @Test func missingPartialsAndParents() {
        #expect(
            errors(["main": "a {{>nav}}\n{{<layout}}{{/layout}}"], for: Page.self) == [
                "main.mustache:1:3: the template names the partial `nav`, but there is no templates/nav.mustache",
                "main.mustache:2:1: the template names the partial `layout`, but there is no templates/layout.mustache",
            ])
    }

    @Test func syntaxErrors() {
        #expect(
            errors(["main": "{{#on}}\nx\n{{/of}}"], for: Page.self) == [
                "main.mustache:3:4: template syntax error: this closing tag does not match the open section"
            ])
        #expect(
            errors(["main": "ab {{#on}}"], for: Page.self) == [
                "main.mustache:1:11: template syntax error: a section is not closed before the end of the template"
            ])
    }

    @Test func unsupportedFeatures() {
        let main =
            "{{=<% %>=}}\n<%={{ }}=%>\n{{>*name}} {{upper(title)}} {{#items}}{{index()}}{{/items}}\n{{% FOO: bar }}"
        let found = errors(["main": main], for: Page.self)
        #expect(found.count == 6)
        #expect(
            found[0].hasPrefix("main.mustache:1:1: this tag sets other delimiters; chibo's templates do not support"))
        #expect(found[1].hasPrefix("main.mustache:2:1: this tag sets other delimiters"))
        #expect(found[2].hasPrefix("main.mustache:3:1: `{{>*name}}` is a dynamic partial; chibo's templates do not"))
        #expect(found[3].hasPrefix("main.mustache:3:12: `upper(title)` applies a transform; chibo's templates do not"))
        #expect(found[4].hasPrefix("main.mustache:3:39: `index()` is swift-mustache's position in a list; chibo's"))
        #expect(found[5].hasPrefix("main.mustache:4:1: the pragma `FOO` is unknown; chibo's templates support only"))
    }

    @Test func kindErrors() {
        let main = """
            {{#title}}x{{/title}}
            {{items}} {{on}} {{item}}
            {{items.name}} {{title.x}}
            {{^title}}{{/title}} {{maybe}}
            """
        #expect(
            errors(["main": main], for: Page.self) == [
                "main.mustache:1:1: `title` is text; a section `{{#title}}` needs a flag, an optional value, a model "
                    + "or a list",
                "main.mustache:2:1: `items` is a list; show its items with `{{#items}}...{{/items}}`",
                "main.mustache:2:11: `on` is a flag (true or false); test it with `{{#on}}` or `{{^on}}`",
                "main.mustache:2:18: `item` is a model without text of its own; name one of its fields",
                "main.mustache:3:1: `items.name` goes through `items`, which is a list; open it with a section and "
                    + "name the field inside",
                "main.mustache:3:16: `title.x` goes through `title`, which is text, which has no fields",
                "main.mustache:4:1: `title` is text; a section `{{^title}}` needs a flag, an optional value, a model "
                    + "or a list",
                "main.mustache:4:22: `maybe` is an optional model without text of its own; name one of its fields",
            ])
    }

    @Test func onePerTagThoughThePartialIsUsedOften() {
        let sources = ["main": "{{#items}}{{>row}}{{/items}}{{>row}}", "row": "{{nope}}\n"]
        #expect(
            errors(sources, for: Page.self) == [
                "row.mustache:1:1: the template names `nope`, which the page `main` does not have"
            ])
    }

    @Test func allErrorsOfACompileInOneRun() {
        let sources = ["main": "{{a}}{{>p}}{{b}}", "p": "{{c}}"]
        #expect(errors(sources, for: Page.self).count == 3)
    }

    @Test func partialCyclesAreErrors() {
        let sources = ["main": "{{>a}}", "a": "x{{#items}}{{>b}}{{/items}}", "b": "\n  {{>a}}"]
        #expect(
            errors(sources, for: Page.self) == [
                "b.mustache:2:3: the partial `a` includes itself (a → b → a); chibo's templates compile partials in "
                    + "place and do not support recursive partials"
            ])
    }

    @Test func theThemeParses() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../site-theme/templates").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".mustache")
        }
        var sources: [String: String] = [:]
        for name in names {
            sources[String(name.dropLast(".mustache".count))] = try String(
                contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        #expect(sources.count > 10)
        var diagnostics = Diagnostics()
        let library = TemplateLibrary.parse(sources, file: { $0 }, diagnostics: &diagnostics)
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items)")
        #expect(library?.hasTemplate("base") == true)
    }
}
