import ChiboModel
import Foundation
import Testing

@testable import ChiboTemplate

@Suite struct ErrorTests {
    @Test func unknownNamesAreReportedAtTheirTags() {
        let main = "<p>\n  {{titel}} {{item.nam}}\n{{#items}}{{leaf.lable}}{{/items}}"
        #expect(
            errors(["main": main], for: Page.self) == [
                Found("main.mustache:2:3", .unknownTemplateName("titel", page: "main")),
                Found("main.mustache:2:13", .unknownTemplateName("item.nam", page: "main")),
                Found("main.mustache:3:11", .unknownTemplateName("leaf.lable", page: "main")),
            ])
    }

    @Test func columnsCountUnicodeScalars() {
        #expect(
            errors(["main": "Tiếng Việt {{x}}"], for: Page.self) == [
                Found("main.mustache:1:12", .unknownTemplateName("x", page: "main"))
            ])
    }

    @Test func missingUIStrings() {
        let globals = ["t": ["hello": "Xin chào"]]
        #expect(
            errors(["main": "{{t.hello}}\n {{t.bye}}"], for: Page.self, globals: globals) == [
                Found("main.mustache:2:2", .missingUIString("bye"))
            ])
    }

    @Test func missingPartialsAndParents() {
        #expect(
            errors(["main": "a {{>nav}}\n{{<layout}}{{/layout}}"], for: Page.self) == [
                Found("main.mustache:1:3", .missingPartial("nav")),
                Found("main.mustache:2:1", .missingPartial("layout")),
            ])
    }

    @Test func syntaxErrors() {
        #expect(
            errors(["main": "{{#on}}\nx\n{{/of}}"], for: Page.self) == [
                Found("main.mustache:3:4", .templateSyntax("closeName"))
            ])
        #expect(
            errors(["main": "ab {{#on}}"], for: Page.self) == [
                Found("main.mustache:1:11", .templateSyntax("sectionEnd"))
            ])
    }

    @Test func unsupportedFeatures() {
        let main =
            "{{=<% %>=}}\n<%={{ }}=%>\n{{>*name}} {{upper(title)}} {{#items}}{{index()}}{{/items}}\n{{% FOO: bar }}"
        #expect(
            errors(["main": main], for: Page.self) == [
                Found("main.mustache:1:1", .setDelimiters), Found("main.mustache:2:1", .setDelimiters),
                Found("main.mustache:3:1", .dynamicPartial("name", parent: false)),
                Found("main.mustache:3:12", .transform("upper(title)", sequence: false)),
                Found("main.mustache:3:39", .transform("index()", sequence: true)),
                Found("main.mustache:4:1", .unknownPragma("FOO")),
            ])
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
                Found("main.mustache:1:1", .textAsSection("title", inverted: false)),
                Found("main.mustache:2:1", .listAsText("items")),
                Found("main.mustache:2:11", .flagAsText("on")),
                Found("main.mustache:2:18", .modelAsText("item", optional: false)),
                Found("main.mustache:3:1", .goesThrough("items.name", "items", which: .list)),
                Found("main.mustache:3:16", .goesThrough("title.x", "title", which: .text)),
                Found("main.mustache:4:1", .textAsSection("title", inverted: true)),
                Found("main.mustache:4:22", .modelAsText("maybe", optional: true)),
            ])
    }

    @Test func onePerTagThoughThePartialIsUsedOften() {
        let sources = ["main": "{{#items}}{{>row}}{{/items}}{{>row}}", "row": "{{nope}}\n"]
        #expect(
            errors(sources, for: Page.self) == [
                Found("row.mustache:1:1", .unknownTemplateName("nope", page: "main"))
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
                Found("b.mustache:2:3", .recursivePartial("a", chain: ["a", "b", "a"]))
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
