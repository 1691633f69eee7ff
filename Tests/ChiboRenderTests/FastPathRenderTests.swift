import ChiboModel
import ChiboTemplate
import Testing

@testable import ChiboRender

@Suite struct FastPathRenderTests {
    @Test func uiStringsAreConstantTextEscapedOrRaw() throws {
        let (loaded, diagnostics) = makeTheme(
            ["page": "{{% CONTENT_TYPE: HTML }}\n<i>{{t.hello}}</i>{{#items}}<b>{{{t.hello}}}</b>{{/items}}"],
            strings: ["hello": "Xin chào & tạm biệt"])
        #expect(!diagnostics.hasErrors)
        let theme = try #require(loaded)
        var problems = Diagnostics()
        let template = try #require(theme.compile("page", for: TestPage.self, diagnostics: &problems))
        let html = String(decoding: template.render(TestPage(items: [.init(name: "x")])), as: UTF8.self)
        #expect(html == "<i>Xin chào &amp; tạm biệt</i><b>Xin chào & tạm biệt</b>")
    }

    @Test func objectWriterWritesWhatTheJSONValueWould() {
        let items: [JSON] = [.object([("a", .int(1)), ("b", .array([.string("x\"y"), .null]))]), .string("đ")]
        let written = SizedBytes.make { sized in
            var writer = JSON.ObjectWriter(sized)
            writer.member("generated", .string("2024-06-30"))
            writer.member("period", .object([("from", .null)]))
            writer.array("units", items) { $0 }
            writer.array("none", [JSON]()) { $0 }
            return writer.finish()
        }
        let whole: JSON = .object([
            ("generated", .string("2024-06-30")), ("period", .object([("from", .null)])), ("units", .array(items)),
            ("none", .array([])),
        ])
        #expect(String(decoding: written, as: UTF8.self) == whole.text)
        let empty = SizedBytes.make { sized in
            var writer = JSON.ObjectWriter(sized)
            return writer.finish()
        }
        #expect(String(decoding: empty, as: UTF8.self) == JSON.object([]).text)
        // Past a megabyte the text moves into bytes: still the same file, counted first to its size.
        let many = (0..<40_000).map { JSON.object([("id", .int($0)), ("name", .string("Chi bộ số \($0)"))]) }
        var counted = JSON.ObjectWriter(.counting)
        counted.array("units", many) { $0 }
        let count = counted.finish().count
        let large = SizedBytes.make { sized in
            var writer = JSON.ObjectWriter(sized)
            writer.array("units", many) { $0 }
            return writer.finish()
        }
        #expect(large.count == count && count > 1 << 20)
        #expect(String(decoding: large, as: UTF8.self) == JSON.object([("units", .array(many))]).text)
    }

    @Test func searchWordsAreLowerCaseRunsOfLettersAndDigits() {
        #expect(
            SearchIndex.words("Đảng ủy KHỐI: 14-QĐ/TU, năm 2024; Straße İ")
                == ["đảng", "ủy", "khối", "14", "qđ", "tu", "năm", "2024", "straße", "i̇"])
    }

    @Test func escapingByBytesKeepsEverythingElse() {
        #expect(HTML.escape("a<b>&\"c\" đ 😀") == "a&lt;b&gt;&amp;&quot;c&quot; đ 😀")
        #expect(HTML.escape("") == "")
        #expect(HTML.escape(Substring("x&y").dropFirst()) == "&amp;y")
        // One spelling of each entity, in text, in URLs and in template values alike.
        #expect(HTML.escape("it's") == "it's")
        #expect(HTML.escapeURL("/a'b&c") == "/a&#39;b&amp;c")
        #expect(escapeHTML("it's <b>") == "it&#39;s &lt;b&gt;")
    }

    @Test func documentNumbersAreFoundByScalars() {
        let text = "Theo 03-HD/TU và 14-QĐ/TU, xem mục 2-3 và 750-CV/ĐUK."
        let found = DocumentNumbers.mentions(in: text).map { String(text[$0.range]) }
        #expect(found == ["03-HD/TU", "14-QĐ/TU", "750-CV/ĐUK"])
    }
}
