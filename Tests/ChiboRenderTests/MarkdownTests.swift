import ChiboModel
import Testing

@testable import ChiboContent
@testable import ChiboRender

@Suite struct MarkdownTests {
    /// Documents without the site's extensions render exactly as libcmark's own HTML renderer,
    /// apart from the heading ids.
    @Test(arguments: [
        "Đoạn *nhấn* và **đậm**, `mã`, \"ngoặc kép\" -- gạch --- dài...\n",
        "# Một\n\n## Hai\n\n### Ba\n\ntext  \nngắt dòng\nmềm\n",
        "- a\n- b\n\n  tiếp\n- c\n\n1. x\n2. y\n\n3) z\n\n5. năm\n6. sáu\n",
        "> trích\n> dẫn\n>\n> - danh sách\n\n---\n\n```swift\nlet a = 1 < 2 && 3 > 2\n```\n\n    thụt lề\n",
        "[liên kết](https://example.org/a?b=1&c=2 \"tiêu đề\") ![ảnh *đẹp*](a%20b.png) <https://vi.wikipedia.org/wiki/Đảng>\n",
        "Dấu & < > \" ' trong văn bản; [x](<a b.md>) [y](/đường/dẫn \"t\")\n",
        "* * *\n\n- [ ] việc\n\n\\*không nhấn\\* &amp; &copy; &#123;\n",
    ])
    func matchesLibcmark(markdown: String) {
        let tree = Markdown.parse(markdown).tree
        let ours = MarkdownHTML.render(tree, options: MarkdownRenderOptions()).html
        let withoutIDs = ours.replacing(#/ id="[a-z0-9-]+"/#, with: "")
        #expect(withoutIDs == Markdown.referenceHTML(markdown))
    }

    @Test func parseKeepsSourcePositions() throws {
        let tree = Markdown.parse("đoạn\n\n## Tiêu đề\n\nxem [đây](a.md)\n").tree
        #expect(tree.children.count == 3)
        let heading = tree.children[1]
        #expect(heading.kind == .heading(level: 2))
        #expect(heading.line == 3)
        let link = try #require(tree.children[2].children.first { if case .link = $0.kind { true } else { false } })
        #expect(link.line == 5)
        #expect(link.column == 5)
        #expect(link.kind == .link(destination: "a.md", title: "", target: nil))
    }

    @Test func smartPunctuation() {
        let html = Markdown.referenceHTML("\"Kiên quyết\" -- 'kiên trì'...")
        #expect(html.contains("“Kiên quyết” – ‘kiên trì’…"))
        let tree = Markdown.parse("\"Kiên quyết\"").tree
        #expect(tree.plainText == "“Kiên quyết”")
    }

    @Test func headingIdsAreFoldedAndUnique() {
        let tree = Markdown.parse("## Đảng ủy\n\n## Đảng ủy\n\n### Đảng ủy\n\n## dang-uy-2\n\n## !!!\n").tree
        let ids = tree.headings().map(\.id)
        #expect(ids == ["dang-uy", "dang-uy-2", "dang-uy-3", "dang-uy-2-2", "muc"])
        #expect(Set(ids).count == ids.count)
    }

    @Test func headingShiftMovesLevels() {
        let tree = Markdown.parse("# A\n\n## B\n").tree
        let html = MarkdownHTML.render(tree, options: MarkdownRenderOptions(headingShift: 1)).html
        #expect(html == "<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>\n")
    }

    @Test func csvBlocksBecomeAccessibleTables() {
        let source = "```csv\nMức,Điểm\nTốt,\"Từ 90, trở lên\"\nKém\n```\n"
        let html = MarkdownHTML.render(GuidanceMarkdown.parse(source).0, options: MarkdownRenderOptions()).html
        #expect(html.contains("<th scope=\"col\">Mức</th><th scope=\"col\">Điểm</th>"))
        // Each cell names its column, which a phone shows beside it.
        #expect(html.contains("<tr><td data-label=\"Mức\">Tốt</td><td data-label=\"Điểm\">Từ 90, trở lên</td></tr>"))
        #expect(html.contains("<tr><td data-label=\"Mức\">Kém</td><td data-label=\"Điểm\"></td></tr>"))
        #expect(!html.contains("<pre>"))
    }

    @Test func brokenCSVIsAProblemAtItsLine() {
        let source = "đoạn\n\n```csv\na,b\n\"mở\n```\n"
        let (tree, problems) = GuidanceMarkdown.parse(source)
        #expect(problems.map(\.line) == [5])
        let rendered = MarkdownHTML.render(tree, options: MarkdownRenderOptions())
        #expect(rendered.html.contains("<pre><code class=\"language-csv\">"))
    }

    @Test func rawHTMLIsStrippedUnlessAllowed() {
        let source =
            "<script>alert(1)</script>\n\nđoạn <b onclick=\"x\">đậm</b> [x](javascript:alert(1)) ![y](data:image/png;base64,AA)\n"
        let safe = MarkdownHTML.render(Markdown.parse(source).tree, options: MarkdownRenderOptions()).html
        #expect(!safe.contains("<script"))
        #expect(!safe.contains("<b"))
        #expect(!safe.contains("javascript:"))
        #expect(safe.contains("<a href=\"\">x</a>"))
        #expect(safe.contains("src=\"data:image/png;base64,AA\""))
        let unsafe = MarkdownHTML.render(
            Markdown.parse(source).tree, options: MarkdownRenderOptions(unsafeHTML: true)
        ).html
        #expect(unsafe.contains("<script>alert(1)</script>"))
        #expect(unsafe.contains("<b onclick=\"x\">"))
    }
}

@Suite struct CrossReferenceTests {
    let targets: [String: CrossReferenceTarget] = {
        var map: [String: CrossReferenceTarget] = [:]
        for (number, url, source) in [
            ("08-HD/ĐUK", "/van-ban/hoc-tap/08/", "guidance/hoc-tap/08.md"),
            ("14-QĐ/TU", "/van-ban/14/", "guidance/14.md"),
            ("114-KH/ĐUK", "/van-ban/114/", "guidance/114.md"),
        ] {
            map[Folding.documentNumberKey(number)] = CrossReferenceTarget(
                number: number, url: url, title: "Văn bản \(number)", source: source)
        }
        return map
    }()

    func render(_ source: String, self path: String? = nil) -> RenderedMarkdown {
        MarkdownHTML.render(
            Markdown.parse(source).tree,
            options: MarkdownRenderOptions(crossReferences: targets, source: path))
    }

    @Test func mentionsBecomeLinks() {
        let rendered = render(
            "Theo Hướng dẫn số 08-HD/ĐUK, Quy định 14-QĐ/TU. Kế hoạch 114-KH/ĐUK; 14-QĐ/TW thì không.\n")
        #expect(
            rendered.html.contains(
                "Hướng dẫn số <a class=\"xref\" href=\"/van-ban/hoc-tap/08/\" title=\"Văn bản 08-HD/ĐUK\">08-HD/ĐUK</a>,"
            ))
        #expect(rendered.html.contains("Quy định <a class=\"xref\" href=\"/van-ban/14/\""))
        #expect(rendered.html.contains(">114-KH/ĐUK</a>;"))
        // A number that names no document is not linked, but kept on one line all the same.
        #expect(rendered.html.contains(" <span class=\"nowrap\">14-QĐ/TW</span> thì"))
        #expect(rendered.cited == ["guidance/hoc-tap/08.md", "guidance/14.md", "guidance/114.md"])
    }

    @Test func notInsideCodeLinksOrHeadings() {
        let rendered = render(
            "## Về 08-HD/ĐUK\n\n`08-HD/ĐUK` [xem 14-QĐ/TU](https://x.invalid) ```114-KH/ĐUK```\n\n```\n08-HD/ĐUK\n```\n"
        )
        #expect(!rendered.html.contains("xref"))
        #expect(rendered.cited.isEmpty)
    }

    @Test func notToItself() {
        let rendered = render("Văn bản 14-QĐ/TU này.\n", self: "guidance/14.md")
        #expect(!rendered.html.contains("xref"))
    }

    @Test func numberWordsAreFound() {
        let text = "số 03-HD/TU, (12-HD/BTCTW) và 750-CV/ĐUK. Không: HD/TU, 2024-01-01, 03-HD"
        let words = DocumentNumbers.mentions(in: text).map { String(text[$0.range]) }
        #expect(words == ["03-HD/TU", "12-HD/BTCTW", "750-CV/ĐUK"])
    }
}
