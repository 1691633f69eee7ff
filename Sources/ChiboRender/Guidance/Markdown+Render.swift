import ChiboModel
import ChiboSupport

/// A document that mentions of its number link to.
public struct CrossReferenceTarget: Sendable, Hashable {
    public var number: String
    public var url: String
    public var title: String
    public var source: String
    /// What the review letter cites of the document: "Hướng dẫn số ..., ngày ... của ...".
    public var kind: DocumentKind?
    public var date: Day?
    public var issuer: String?

    public init(
        number: String, url: String, title: String, source: String, kind: DocumentKind? = nil, date: Day? = nil,
        issuer: String? = nil
    ) {
        self.number = number
        self.url = url
        self.title = title
        self.source = source
        self.kind = kind
        self.date = date
        self.issuer = issuer
    }
}

/// What the Markdown renderer does beyond CommonMark.
public struct MarkdownRenderOptions: Sendable {
    /// Keep raw HTML blocks and inlines and every URL scheme; when false they are dropped.
    public var unsafeHTML: Bool
    /// Known document numbers by `Folding.documentNumberKey`.
    public var crossReferences: [String: CrossReferenceTarget]
    /// The page's own source path: mentions of its own number are not linked.
    public var source: String?
    /// The URL of each guidance file a link may name (`LinkTarget.source`); a link whose target is
    /// not here keeps its destination as written.
    public var linkURLs: [String: String]
    /// Shift of heading levels so that `#` in a document body becomes `<h2>` under the page's `<h1>`.
    public var headingShift: Int

    public init(
        unsafeHTML: Bool = false, crossReferences: [String: CrossReferenceTarget] = [:], source: String? = nil,
        linkURLs: [String: String] = [:], headingShift: Int = 0
    ) {
        self.unsafeHTML = unsafeHTML
        self.crossReferences = crossReferences
        self.source = source
        self.linkURLs = linkURLs
        self.headingShift = headingShift
    }
}

/// A page body rendered to HTML, with what the site needs to know about it.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [Heading]
    /// Sources of the documents this page cites, by number or by link.
    public var cited: Set<String>
}

/// Markdown to HTML: CommonMark as libcmark writes it, plus heading ids, `csv` tables, document
/// numbers as links and links to guidance files as their pages' URLs.
public enum MarkdownHTML {
    /// The HTML of a document read and checked by the content loader (its tables read, its links
    /// resolved); rendering finds no problems of its own.
    public static func render(_ document: MarkdownNode, options: MarkdownRenderOptions) -> RenderedMarkdown {
        var renderer = HTMLRenderer(options: options, headings: document.headings(shift: options.headingShift))
        renderer.render(document)
        return RenderedMarkdown(html: renderer.out, headings: renderer.headings, cited: renderer.cited)
    }
}

private struct HTMLRenderer {
    let options: MarkdownRenderOptions
    let headings: [Heading]
    var headingIndex = 0
    var out = ""
    var cited: Set<String> = []
    var tightStack: [Bool] = []
    var inLink = 0
    var inHeading = 0

    init(options: MarkdownRenderOptions, headings: [Heading]) {
        self.options = options
        self.headings = headings
    }

    mutating func cr() {
        if let last = out.utf8.last, last != UInt8(ascii: "\n") { out += "\n" }
    }

    /// Recursive, one frame per level: a tree from `Markdown.parse` is at most `Markdown.maxDepth` + 1
    /// deep, so the recursion is bounded where the content is read.
    mutating func renderChildren(_ node: MarkdownNode) {
        for child in node.children { render(child) }
    }

    mutating func render(_ node: MarkdownNode) {
        switch node.kind {
        case .document, .other:
            renderChildren(node)
        case .blockQuote:
            cr()
            out += "<blockquote>\n"
            renderChildren(node)
            cr()
            out += "</blockquote>\n"
        case .list(let ordered, let start, let tight):
            cr()
            if ordered {
                out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            } else {
                out += "<ul>\n"
            }
            tightStack.append(tight)
            renderChildren(node)
            tightStack.removeLast()
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .item:
            cr()
            out += "<li>"
            renderChildren(node)
            out += "</li>\n"
        case .codeBlock(let info):
            renderCodeBlock(info: info, literal: node.literal)
        case .table(let rows):
            renderTable(rows)
        case .htmlBlock:
            if options.unsafeHTML {
                cr()
                out += node.literal
                cr()
            }
        case .paragraph:
            let tight = tightStack.last ?? false
            if tight {
                renderChildren(node)
            } else {
                cr()
                out += "<p>"
                renderChildren(node)
                out += "</p>\n"
            }
        case .heading:
            let heading = headingIndex < headings.count ? headings[headingIndex] : nil
            headingIndex += 1
            let level = heading?.level ?? 2
            cr()
            out += "<h\(level)"
            if let heading { out += " id=\"\(heading.id)\"" }
            out += ">"
            inHeading += 1
            renderChildren(node)
            inHeading -= 1
            out += "</h\(level)>\n"
        case .thematicBreak:
            cr()
            out += "<hr />\n"
        case .text:
            renderText(node.literal)
        case .softBreak:
            out += "\n"
        case .lineBreak:
            out += "<br />\n"
        case .code:
            out += "<code>" + HTML.escape(node.literal) + "</code>"
        case .htmlInline:
            if options.unsafeHTML { out += node.literal }
        case .emphasis:
            out += "<em>"
            renderChildren(node)
            out += "</em>"
        case .strong:
            out += "<strong>"
            renderChildren(node)
            out += "</strong>"
        case .link(let destination, let title, let target):
            out += "<a href=\"" + HTML.escapeURL(resolve(destination, target)) + "\""
            if !title.isEmpty { out += " title=\"" + HTML.escape(title) + "\"" }
            out += ">"
            inLink += 1
            renderChildren(node)
            inLink -= 1
            out += "</a>"
        case .image(let destination, let title, let target):
            out += "<img src=\"" + HTML.escapeURL(resolve(destination, target, image: true)) + "\" alt=\""
            out += HTML.escape(node.plainText) + "\""
            if !title.isEmpty { out += " title=\"" + HTML.escape(title) + "\"" }
            out += " />"
        }
    }

    /// The URL a link goes to: its guidance file's page, or the destination as written.
    mutating func resolve(_ destination: String, _ target: LinkTarget?, image: Bool = false) -> String {
        if !options.unsafeHTML && Self.isDangerous(destination, image: image) { return "" }
        guard let target, let url = options.linkURLs[target.source] else { return destination }
        if target.isDocument { cited.insert(target.source) }
        return url + (target.fragment.map { "#" + $0 } ?? "")
    }

    /// The schemes libcmark drops in safe mode: `javascript:`, `vbscript:`, `file:`, and `data:`
    /// except images.
    static func isDangerous(_ url: String, image: Bool) -> Bool {
        let lower = url.trimmingSpaces.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("vbscript:") || lower.hasPrefix("file:") { return true }
        if lower.hasPrefix("data:") {
            let allowed = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return !(image && allowed.contains { lower.hasPrefix($0) })
        }
        return false
    }

    mutating func renderCodeBlock(info: String, literal: String) {
        let language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        cr()
        out += "<pre><code"
        if !language.isEmpty { out += " class=\"language-" + HTML.escape(language) + "\"" }
        out += ">" + HTML.escape(literal) + "</code></pre>\n"
    }

    /// A `csv` block's rows: the first the header, each row as wide as the widest.
    mutating func renderTable(_ rows: [[String]]) {
        let width = rows.map(\.count).max() ?? 0
        cr()
        out += "<div class=\"table-wrap\" tabindex=\"0\"><table>\n<thead>\n<tr>"
        let header = rows[0]
        for index in 0..<width {
            out += "<th scope=\"col\">" + HTML.escape(index < header.count ? header[index] : "") + "</th>"
        }
        out += "</tr>\n</thead>\n<tbody>\n"
        for row in rows.dropFirst() {
            out += "<tr>"
            // Each cell names its column (`data-label`), which a phone shows beside it.
            for index in 0..<width {
                let label = index < header.count ? header[index] : ""
                out += label.isEmpty ? "<td>" : "<td data-label=\"" + HTML.escape(label) + "\">"
                out += HTML.escape(index < row.count ? row[index] : "") + "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
    }

    /// Text with every known document number turned into a link, outside links and headings, and
    /// every number kept on one line (a link to one is `a.xref`, which the theme does not wrap).
    mutating func renderText(_ text: String) {
        let mentions = DocumentNumbers.mentions(in: text)
        guard !mentions.isEmpty else {
            HTML.appendEscaped(text, to: &out)
            return
        }
        var rest = Substring(text)
        for match in mentions {
            HTML.appendEscaped(rest[rest.startIndex..<match.range.lowerBound], to: &out)
            if inLink == 0, inHeading == 0, let target = options.crossReferences[match.key],
                target.source != options.source
            {
                out += "<a class=\"xref\" href=\"" + HTML.escapeURL(target.url) + "\" title=\""
                HTML.appendEscaped(target.title, to: &out)
                out += "\">"
                HTML.appendEscaped(text[match.range], to: &out)
                out += "</a>"
                cited.insert(target.source)
            } else {
                out += "<span class=\"nowrap\">"
                HTML.appendEscaped(text[match.range], to: &out)
                out += "</span>"
            }
            rest = text[match.range.upperBound...]
        }
        HTML.appendEscaped(rest, to: &out)
    }
}

/// Finding document numbers ("số hiệu") such as `03-HD/TU`, `14-QĐ/TU`, `114-KH/ĐUK` in text.
public enum DocumentNumbers {
    public struct Mention: Sendable, Hashable {
        public var range: Range<String.Index>
        /// `Folding.documentNumberKey` of the mention.
        public var key: String
    }

    /// Every word that looks like a document number: starts with a digit and holds `-` and `/`.
    public static func mentions(in text: String) -> [Mention] {
        // Most text holds no digit followed somewhere by '/': nothing to look at.
        guard text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), text.utf8.contains(0x2F) else { return [] }
        var result: [Mention] = []
        let scalars = text.unicodeScalars
        func isPart(_ scalar: Unicode.Scalar) -> Bool { scalar == "-" || scalar == "/" || Folding.isWordScalar(scalar) }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            guard isPart(scalars[index]) else {
                scalars.formIndex(after: &index)
                continue
            }
            var end = index
            var hasDash = false
            var hasSlash = false
            while end < scalars.endIndex, isPart(scalars[end]) { scalars.formIndex(after: &end) }
            var last = end
            while last > index {
                let previous = scalars.index(before: last)
                guard scalars[previous] == "-" || scalars[previous] == "/" else { break }
                last = previous
            }
            var cursor = index
            while cursor < last {
                if scalars[cursor] == "-" { hasDash = true } else if scalars[cursor] == "/" { hasSlash = true }
                scalars.formIndex(after: &cursor)
            }
            if hasDash, hasSlash, scalars[index].properties.numericType != nil {
                let word = text[index..<last]
                result.append(Mention(range: index..<last, key: Folding.documentNumberKey(word)))
            }
            index = end
        }
        return result
    }
}
