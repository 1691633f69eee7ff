import ChiboModel
import ChiboSupport

/// The guidance's Markdown, read and checked before anything is rendered: every published document and
/// every section intro parsed, `csv` blocks read into tables, relative links resolved to the files
/// they name, and document numbers checked to belong to one page each.
enum GuidanceMarkdown {
    /// A problem in a Markdown text: a line of the text and a column in bytes of UTF-8, as libcmark
    /// counts.
    struct Problem {
        var line: Int
        var column: Int
        var message: DiagnosticMessage
    }

    /// Parses every published document and section intro of `guidance` in place and returns the
    /// published documents' numbers, by `Folding.documentNumberKey`, with the source path of each.
    static func check(_ guidance: inout GuidanceLoader.Result, diagnostics: inout Diagnostics) -> [String: String] {
        let parsed = Parallel.map(guidance.documents) { document in
            document.draft ? (MarkdownNode(kind: .document), []) : parse(document.body)
        }
        for index in guidance.documents.indices { guidance.documents[index].markdown = parsed[index].0 }
        let introsParsed = guidance.sections.map { parse($0.intro) }
        for index in guidance.sections.indices { guidance.sections[index].introMarkdown = introsParsed[index].0 }

        // Links are resolved once every page is parsed: a link may name any page's heading.
        let table = linkTable(guidance)
        let documents = guidance.documents
        let resolved = Parallel.map(documents) { document in
            document.draft
                ? (document.markdown, [])
                : resolveLinks(document.markdown, table.resolver(for: document.sourcePath))
        }
        for (index, document) in documents.enumerated() {
            guidance.documents[index].markdown = resolved[index].0
            guard !document.draft else { continue }
            diagnose(
                parsed[index].1 + resolved[index].1, in: document.body, file: document.sourcePath,
                lineOffset: document.bodyLine - 1, into: &diagnostics)
        }
        for (index, section) in guidance.sections.enumerated() {
            guard let file = section.indexPath else { continue }
            let (tree, found) = resolveLinks(section.introMarkdown, table.resolver(for: file))
            guidance.sections[index].introMarkdown = tree
            diagnose(
                introsParsed[index].1 + found, in: section.intro, file: file, lineOffset: section.introLine - 1,
                into: &diagnostics)
        }
        return numbers(of: guidance.documents.filter { !$0.draft }, diagnostics: &diagnostics)
    }

    /// The Markdown of `text`, with each `csv` code block read into a table; a block that is not valid
    /// CSV stays a code block and is a problem at its line.
    static func parse(_ text: String) -> (MarkdownNode, [Problem]) {
        var problems: [Problem] = []
        let parsed = Markdown.parse(text)
        var tree = parsed.tree
        if let (line, column) = parsed.tooDeep {
            problems.append(
                Problem(
                    line: line, column: column, message: .markdownTooDeep(levels: Markdown.maxDepth)))
        }
        readTables(&tree, problems: &problems)
        return (tree, problems)
    }

    private static func readTables(_ node: inout MarkdownNode, problems: inout [Problem]) {
        if case .codeBlock(let info) = node.kind,
            info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first?.lowercased() == "csv"
        {
            do {
                let table = try CSVTable.parse(node.literal)
                if !table.rows.isEmpty {
                    node.kind = .table(rows: table.rows.map { $0.cells.map(\.text.trimmingSpaces) })
                }
            } catch {
                problems.append(
                    Problem(
                        line: node.line + error.line, column: error.column,
                        message: .badTable((error.catalogued.text(in: .en), error.catalogued.text(in: .vi)))))
            }
            return
        }
        for index in node.children.indices { readTables(&node.children[index], problems: &problems) }
    }

    /// Every file a link may name: published documents with their headings, sections (as the folder
    /// and as its `_index.md`) and static files.
    private static func linkTable(_ guidance: GuidanceLoader.Result) -> GuidanceLinkTable {
        var table = GuidanceLinkTable()
        table.drafts = Set(guidance.documents.filter(\.draft).map(\.sourcePath))
        table.unreadable = guidance.unreadable
        for document in guidance.documents where !document.draft {
            table.targets[document.sourcePath] = .init(
                anchors: Set(document.markdown.headings().map(\.id)), isDocument: true)
        }
        for section in guidance.sections {
            let target = GuidanceLinkTable.Target(
                anchors: Set(section.introMarkdown.headings().map(\.id)), isDocument: false)
            table.targets[section.linkKey] = target
            table.targets[section.sourcePath] = target
        }
        for file in guidance.staticFiles { table.targets[file.sourcePath] = .init(anchors: [], isDocument: false) }
        return table
    }

    /// The tree with each link's and image's target set; a link that names nothing is a problem.
    private static func resolveLinks(_ tree: MarkdownNode, _ resolver: GuidanceLinkResolver) -> (
        MarkdownNode, [Problem]
    ) {
        let headings = tree.headings()
        var problems: [Problem] = []
        func visit(_ node: inout MarkdownNode) {
            switch node.kind {
            case .link(let destination, let title, _), .image(let destination, let title, _):
                var target: LinkTarget?
                switch resolver.resolve(destination, headings: headings) {
                case .unchanged: break
                case .target(let found): target = found
                case .broken(let message):
                    problems.append(Problem(line: node.line, column: node.column, message: message))
                }
                if case .link = node.kind {
                    node.kind = .link(destination: destination, title: title, target: target)
                } else {
                    node.kind = .image(destination: destination, title: title, target: target)
                }
            default: break
            }
            for index in node.children.indices { visit(&node.children[index]) }
        }
        var tree = tree
        visit(&tree)
        return (tree, problems)
    }

    /// Problems as diagnostics of `file`, whose text starts at line `lineOffset + 1`; byte columns become
    /// columns in characters (Unicode scalars) of the line.
    private static func diagnose(
        _ problems: [Problem], in text: String, file: String, lineOffset: Int, into diagnostics: inout Diagnostics
    ) {
        guard !problems.isEmpty else { return }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for problem in problems {
            var column = problem.column
            if problem.line >= 1, problem.line <= lines.count {
                let bytes = Array(lines[problem.line - 1].utf8.prefix(max(0, problem.column - 1)))
                column = String(decoding: bytes, as: UTF8.self).unicodeScalars.count + 1
            }
            diagnostics.error(
                SourceLocation(file: file, line: problem.line + lineOffset, column: column), problem.message)
        }
    }

    /// The published documents by number; a number given to two pages is an error at the second.
    private static func numbers(of published: [GuidanceDocument], diagnostics: inout Diagnostics) -> [String: String] {
        var numbers: [String: String] = [:]
        for document in published.sorted(by: { $0.sourcePath < $1.sourcePath }) {
            guard let number = document.number else { continue }
            let key = Folding.documentNumberKey(number)
            if let other = numbers[key] {
                diagnostics.error(
                    document.numberLocation ?? SourceLocation(file: document.sourcePath),
                    .duplicateNumber(number, other: other))
                continue
            }
            numbers[key] = document.sourcePath
        }
        return numbers
    }
}
