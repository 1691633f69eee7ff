import CCmark
import ChiboModel

/// The two uses of libcmark: parsing into `MarkdownNode` values and rendering straight to HTML.
/// Every libcmark pointer lives inside one of these functions and is freed before it returns.
public enum Markdown {
    /// How deep containers may nest, the document counting as the first: block quotes, lists and
    /// their items, and inside a paragraph or heading emphasis, strong text, links and images. Real
    /// documents nest a few levels (a quote in a list item in a list, a link in bold); the limit
    /// keeps every walk of the tree (its copy here, link checking, rendering, search) from
    /// overflowing the stack on a hostile page such as 50,000 `>` in a row.
    public static let maxDepth = 100

    /// A document as Swift values, and where a container first nested past `maxDepth` (its line, and
    /// its column in bytes): it and what it holds are left out of the tree.
    public struct Parsed: Sendable {
        public var tree: MarkdownNode
        public var tooDeep: (line: Int, column: Int)?
    }

    /// Parses CommonMark with smart punctuation (curly quotes, dashes, ellipses) and source positions.
    public static func parse(_ text: String, smart: Bool = true) -> Parsed {
        let empty = Parsed(tree: MarkdownNode(kind: .document))
        var options = CMARK_OPT_SOURCEPOS
        if smart { options |= CMARK_OPT_SMART }
        guard let parser = cmark_parser_new(options) else { return empty }
        defer { cmark_parser_free(parser) }
        var utf8 = Array(text.utf8)
        utf8.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parser_feed(parser, $0, buffer.count)
                }
            }
        }
        guard let root = cmark_parser_finish(parser) else { return empty }
        defer { cmark_node_free(root) }
        guard let iterator = cmark_iter_new(root) else { return empty }
        defer { cmark_iter_free(iterator) }
        return tree(iterator)
    }

    /// libcmark's tree as Swift values, walked with its iterator (no recursion), containers past
    /// `maxDepth` skipped whole.
    private static func tree(_ iterator: OpaquePointer) -> Parsed {
        var stack: [MarkdownNode] = []
        var result = Parsed(tree: MarkdownNode(kind: .document))
        var skipped: OpaquePointer?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let isLeaf = cmark_node_first_child(node) == nil && !isContainer(cmark_node_get_type(node))
            if event == CMARK_EVENT_ENTER {
                if !isLeaf && stack.count >= maxDepth {
                    if result.tooDeep == nil {
                        result.tooDeep = (Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node)))
                    }
                    skipped = node
                    cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
                    continue
                }
                let value = copy(node)
                if isLeaf {
                    if stack.isEmpty { result.tree = value } else { stack[stack.count - 1].children.append(value) }
                } else {
                    stack.append(value)
                }
            } else if event == CMARK_EVENT_EXIT {
                if node == skipped {
                    skipped = nil
                    continue
                }
                guard let finished = stack.popLast() else { continue }
                if stack.isEmpty { result.tree = finished } else { stack[stack.count - 1].children.append(finished) }
            }
        }
        return result
    }

    /// libcmark's own HTML for `text` (raw HTML omitted, smart punctuation); the reference the
    /// Swift renderer is tested against.
    package static func referenceHTML(_ text: String, smart: Bool = true) -> String {
        var options = CMARK_OPT_DEFAULT
        if smart { options |= CMARK_OPT_SMART }
        let utf8 = Array(text.utf8)
        let rendered = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_markdown_to_html($0, buffer.count, options)
                }
            } ?? nil
        }
        guard let rendered else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    private static func isContainer(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_PARAGRAPH,
            CMARK_NODE_HEADING, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE,
            CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
            return true
        default:
            return false
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func copy(_ node: OpaquePointer) -> MarkdownNode {
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        let kind: MarkdownNode.Kind
        var literal = ""
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: kind = .document
        case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
        case CMARK_NODE_LIST:
            kind = .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM: kind = .item
        case CMARK_NODE_CODE_BLOCK:
            kind = .codeBlock(info: string(cmark_node_get_fence_info(node)))
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_HTML_BLOCK:
            kind = .htmlBlock
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_PARAGRAPH: kind = .paragraph
        case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
        case CMARK_NODE_TEXT:
            kind = .text
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_SOFTBREAK: kind = .softBreak
        case CMARK_NODE_LINEBREAK: kind = .lineBreak
        case CMARK_NODE_CODE:
            kind = .code
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_HTML_INLINE:
            kind = .htmlInline
            literal = string(cmark_node_get_literal(node))
        case CMARK_NODE_EMPH: kind = .emphasis
        case CMARK_NODE_STRONG: kind = .strong
        case CMARK_NODE_LINK:
            kind = .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            kind = .image(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default: kind = .other
        }
        return MarkdownNode(kind: kind, literal: literal, line: line, column: column)
    }
}
