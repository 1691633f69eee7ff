import ChiboSupport

/// A CommonMark document as plain Swift values, copied out of libcmark's tree: at most 101 levels deep
/// (`Markdown.maxDepth` containers and a leaf), which bounds every recursive walk of it.
public struct MarkdownNode: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        case codeBlock(info: String)
        case htmlBlock
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text
        case softBreak
        case lineBreak
        case code
        case htmlInline
        case emphasis
        case strong
        /// `target` is the guidance file a relative destination names, set when the content is checked.
        case link(destination: String, title: String, target: LinkTarget? = nil)
        case image(destination: String, title: String, target: LinkTarget? = nil)
        /// A `csv` code block, read into its rows of cells when the content is checked.
        case table(rows: [[String]])
        case other
    }

    public var kind: Kind
    /// The text of text, code, code block and HTML nodes.
    public var literal: String
    public var children: [MarkdownNode]
    /// 1-based line of the node's start, relative to the parsed text.
    public var line: Int
    /// 1-based column of the node's start, in bytes of UTF-8 as libcmark counts.
    public var column: Int

    public init(kind: Kind, literal: String = "", children: [MarkdownNode] = [], line: Int = 1, column: Int = 1) {
        self.kind = kind
        self.literal = literal
        self.children = children
        self.line = line
        self.column = column
    }

    /// The text of the node and its descendants without markup (for headings, alt text).
    public var plainText: String {
        switch kind {
        case .text, .code: return literal
        case .softBreak, .lineBreak: return " "
        default: return children.map(\.plainText).joined()
        }
    }
}

/// A heading of a rendered page, with the anchor id it gets.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var id: String
    public var line: Int

    public init(level: Int, text: String, id: String, line: Int) {
        self.level = level
        self.text = text
        self.id = id
        self.line = line
    }
}

/// The guidance file a link names: its source path (a document, a section's `_index.md`, a static
/// file) and the heading anchor after `#`.
public struct LinkTarget: Sendable, Hashable {
    /// The key of the target in the site's table of guidance files: a source path such as
    /// `guidance/quy-trinh/a.md`, or `guidance/quy-trinh/_index.md` for a folder.
    public var source: String
    public var fragment: String?
    /// Whether the target is a guidance document (a link to it is a citation, shown as a backlink).
    public var isDocument: Bool

    public init(source: String, fragment: String?, isDocument: Bool) {
        self.source = source
        self.fragment = fragment
        self.isDocument = isDocument
    }
}

extension MarkdownNode {
    /// The headings of a document with unique ASCII ids ("Đảng ủy" → `dang-uy`, then `dang-uy-2`).
    public func headings(shift: Int = 0) -> [Heading] {
        var used: [String: Int] = [:]
        var result: [Heading] = []
        func visit(_ node: MarkdownNode) {
            if case .heading(let level) = node.kind {
                let text = node.plainText.trimmingSpaces
                var base = Folding.slug(text)
                if base.isEmpty { base = "muc" }
                var id = base
                if let count = used[base] {
                    var next = count + 1
                    id = "\(base)-\(next)"
                    while used[id] != nil {
                        next += 1
                        id = "\(base)-\(next)"
                    }
                    used[base] = next
                }
                used[id] = used[id] ?? 1
                result.append(Heading(level: min(6, level + shift), text: text, id: id, line: node.line))
                return
            }
            node.children.forEach(visit)
        }
        visit(self)
        return result
    }

    /// How far headings move down so that the body's top level is `<h2>` under the page's `<h1>`.
    public var headingShift: Int {
        var smallest = 6
        func visit(_ node: MarkdownNode) {
            if case .heading(let level) = node.kind { smallest = min(smallest, level) }
            node.children.forEach(visit)
        }
        visit(self)
        return max(0, 2 - smallest)
    }
}
