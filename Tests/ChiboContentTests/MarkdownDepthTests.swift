import ChiboContent
import ChiboModel
import Testing

/// Markdown nested past `Markdown.maxDepth` is cut where the limit is passed and reported there, so
/// that no walk of the tree can overflow the stack (issue 27: 50,000 `>` crashed the build).
@Suite struct MarkdownDepthTests {
    func depth(_ node: MarkdownNode) -> Int {
        var deepest = 0
        var stack = [(node, 1)]
        while let (next, level) = stack.popLast() {
            deepest = max(deepest, level)
            stack += next.children.map { ($0, level + 1) }
        }
        return deepest
    }

    @Test(arguments: [
        (String(repeating: "> ", count: 50_000) + "x", 1, 199),
        (String(repeating: "***a ", count: 10_000) + "b" + String(repeating: "***", count: 10_000), 1, 246),
        (String(repeating: "![a ", count: 20_000) + "b" + String(repeating: "](/x)", count: 20_000), 1, 393),
        ((0..<1_000).map { String(repeating: "  ", count: $0) + "- a\n" }.joined(), 50, 99),
    ])
    func deepNestingIsCutAndReportedWhereItPassesTheLimit(text: String, line: Int, column: Int) {
        let parsed = Markdown.parse(text)
        #expect(parsed.tooDeep?.line == line)
        #expect(parsed.tooDeep?.column == column)
        #expect(depth(parsed.tree) <= Markdown.maxDepth + 1)
    }

    @Test func nestingUpToTheLimitIsKept() {
        // The document, 98 block quotes and the paragraph: 100 containers, and the text inside.
        let parsed = Markdown.parse(String(repeating: "> ", count: 98) + "x")
        #expect(parsed.tooDeep == nil)
        #expect(depth(parsed.tree) == 101)
        #expect(Markdown.parse(String(repeating: "> ", count: 99) + "x").tooDeep?.column == 199)
    }
}
