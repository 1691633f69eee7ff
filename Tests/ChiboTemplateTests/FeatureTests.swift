import ChiboModel
import Testing

@testable import ChiboTemplate

let page = Page(
    title: "Báo cáo <2026>", note: "ghi chú", on: true,
    item: Item(name: "Chi bộ A", note: nil, on: false, leaf: Leaf(label: "lá"), tags: ["x"]),
    maybe: nil,
    items: [
        Item(name: "một", note: "n1", on: true, leaf: Leaf(label: "L1", tags: ["a", "b"]), leaves: [Leaf(label: "p")]),
        Item(name: "hai", note: nil, on: false, leaf: Leaf(label: "L2"), spare: Leaf(label: "S2", note: "sn")),
    ],
    tags: ["đỏ", "xanh"],
    leaf: Leaf(label: "root leaf", note: nil, flag: true, tags: []))

@Suite struct FeatureTests {
    @Test func standaloneLines() {
        let main =
            "a\n{{#on}}\nyes\n{{/on}}\n{{^on}}\nno\n{{/on}}\n  {{! note }}\nb\n{{#items}}\n- {{name}}\n{{/items}}\nc"
        #expect(both(["main": main], page) == "a\nyes\nb\n- một\n- hai\nc")
    }

    @Test func standaloneTagsWithTrailingSpacesAndCRLF() {
        let main = "x\r\n  {{#on}}  \r\n  y\r\n  {{/on}}\r\nz {{#on}}\nw{{/on}}"
        #expect(both(["main": main], page) == "x\r\n  y\r\nz \nw")
    }

    @Test func partialIndentation() {
        let sources = [
            "main": "<ul>\n  {{>rows}}\n</ul>\n",
            "rows": "{{#items}}\n<li>{{name}}\n{{#tags}}\n  {{.}}\n{{/tags}}\n</li>\n{{/items}}\n",
        ]
        // swift-mustache indents a token only after a line end of the same render: each list item (and
        // each section body) is a render of its own, so its first line is not indented.
        let out = both(sources, Page(items: [Item(name: "a", tags: ["t1", "t2"]), Item(name: "b")]))
        #expect(out == "<ul>\n  <li>a\n    t1\n  t2\n  </li>\n<li>b\n  </li>\n</ul>\n")
    }

    @Test func nestedPartialIndentation() {
        let sources = [
            "main": "  {{>outer}}\nend",
            "outer": "o1\n  {{>inner}}\no2\n",
            "inner": "i1\ni2 {{title}}\n",
        ]
        #expect(both(sources, Page(title: "T")) == "  o1\n    i1\n    i2 T\n  o2\nend")
    }

    @Test func inheritanceWithDefaultsAndOverrides() {
        let sources = [
            "base": "{{% CONTENT_TYPE: HTML }}\n<title>{{$title}}default{{/title}}</title>\n<main>\n{{$content}}\n"
                + "none\n{{/content}}\n</main>\n{{$scripts}}{{/scripts}}\n",
            "main": "{{% CONTENT_TYPE: HTML }}\n{{<base}}\n{{$content}}\n  <h1>{{title}}</h1>\n  <p>x</p>\n"
                + "{{/content}}\n{{/base}}\n",
        ]
        #expect(
            both(sources, Page(title: "A & B"))
                == "<title>default</title>\n<main>\n<h1>A &amp; B</h1>\n<p>x</p>\n</main>\n\n")
    }

    @Test func parentOfAParent() {
        let sources = [
            "root": "[{{$a}}ra{{/a}}|{{$b}}rb{{/b}}|{{$c}}rc{{/c}}]",
            "middle": "{{<root}}{{$a}}ma{{/a}}{{$b}}mb{{/b}}{{/root}}",
            "main": "{{<middle}}{{$b}}top {{title}}{{/b}}{{/middle}}",
        ]
        #expect(both(sources, Page(title: "t")) == "[ma|top t|rc]")
    }

    @Test func blocksInsidePartialsOfTheParent() {
        let sources = [
            "base": "<{{>head}}>{{$body}}{{/body}}",
            "head": "{{$head}}h{{/head}}",
            "main": "{{<base}}{{$head}}H{{/head}}{{$body}}{{#items}}{{name}};{{/items}}{{/body}}{{/base}}",
        ]
        #expect(both(sources, page) == "<H>một;hai;")
    }

    @Test func nestedSectionsLookIntoParentFrames() {
        let main =
            "{{#items}}{{#leaves}}{{label}}/{{name}}/{{title}};{{/leaves}}{{#spare}}[{{label}} {{name}}]{{/spare}}"
            + "{{/items}}"
        #expect(both(["main": main], page) == "p/một/Báo cáo &lt;2026&gt;;[S2 hai]")
    }

    @Test func dottedNames() {
        let main =
            "{{item.name}}|{{item.leaf.label}}|{{maybe.name}}|{{#item.leaf}}{{label}}{{/item.leaf}}|"
            + "{{^maybe.on}}off{{/maybe.on}}|{{#items}}{{leaf.label}},{{/items}}|{{t.hello}}|{{{assets.css}}}"
        let globals = ["t": ["hello": "Xin chào & tạm biệt"], "assets": ["css": "/a.css?v=1&x"]]
        #expect(
            both(["main": main], page, globals: globals)
                == "Chi bộ A|lá||lá|off|L1,L2,|Xin chào &amp; tạm biệt|/a.css?v=1&x")
    }

    @Test func optionalsPresentAndAbsent() {
        let main =
            "{{note}}|{{#note}}<{{.}}>{{/note}}{{^note}}none{{/note}}|{{#maybe}}{{name}}{{/maybe}}"
            + "{{^maybe}}no item{{/maybe}}|{{item.note}}"
        #expect(both(["main": main], page) == "ghi chú|<ghi chú>|no item|")
        #expect(both(["main": main], Page(note: "", maybe: Item(name: "m"))) == "|<>|m|")
    }

    @Test func listsOfStrings() {
        let main =
            "{{#tags}}[{{.}}]{{/tags}}{{^tags}}empty{{/tags}}|{{#leaf.tags}}{{.}}{{/leaf.tags}}{{^leaf.tags}}-{{/leaf.tags}}"
        #expect(both(["main": main], page) == "[đỏ][xanh]|-")
    }

    @Test func escaping() {
        let accent = "\u{301}"
        let special = "& < > \" ' \"\(accent) '\(accent)x"
        let model = Page(title: special)
        let plain = both(["main": "{{title}}|{{{title}}}|{{& title}}"], model)
        let expectedPlain = "&amp; &lt; &gt; &quot; &#39; \"\(accent) '\(accent)x|\(special)|\(special)"
        #expect(plain == expectedPlain)
        let html = both(["main": "{{% CONTENT_TYPE: HTML }}{{title}}"], model)
        let expectedHTML = "&amp; &lt; &gt; &quot; &#39; &quot;\(accent) &#39;\(accent)x"
        #expect(html == expectedHTML)
        let text = both(["main": "{{% CONTENT_TYPE: TEXT }}{{title}}"], model)
        #expect(text == special)
        #expect(both(["main": "{{title}}"], Page(title: "a<b'c\"d&e")) == "a&lt;b&#39;c&quot;d&amp;e")
    }

    @Test func partialsResetTheContentType() {
        let accent = "\u{301}"
        let sources = ["main": "{{% CONTENT_TYPE: TEXT }}{{title}}{{>p}}{{title}}", "p": "{{title}}"]
        let out = both(sources, Page(title: "\"\(accent)<"))
        let expected = "\"\(accent)<\"\(accent)&lt;\"\(accent)<"
        #expect(out == expected)
    }

    @Test func vietnameseText() {
        let model = Page(title: "Đảng bộ Khối Cơ quan — Nghị quyết số 12", tags: ["Tiếng Việt có dấu", "ưu tiên"])
        #expect(
            both(["main": "<h1>{{title}}</h1>{{#tags}}<i>{{.}}</i>{{/tags}}"], model)
                == "<h1>Đảng bộ Khối Cơ quan — Nghị quyết số 12</h1><i>Tiếng Việt có dấu</i><i>ưu tiên</i>")
    }

    @Test func theSameBufferTakesSeveralPages() throws {
        var diagnostics = Diagnostics()
        let library = try #require(
            TemplateLibrary.parse(["main": "{{title}};"], file: { $0 }, diagnostics: &diagnostics))
        let template = try #require(library.compile("main", for: Page.self, globals: [:], diagnostics: &diagnostics))
        var buffer: [UInt8] = []
        template.render(Page(title: "a"), into: &buffer)
        template.render(Page(title: "b"), into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "a;b;")
    }
}
