import ChiboModel

/// One thing the search finds: a guidance document, a unit or a sample meeting.
struct SearchDocument: Sendable {
    struct Section: Sendable {
        /// The heading's id on the page; empty for the text before the first heading.
        var anchor: String
        var heading: String
        var text: String
    }

    var title: String
    var url: String
    /// Where it belongs: the guidance section, the committee, the schedule.
    var group: String
    /// What it is: a document kind, "Chi bộ", "Sinh hoạt mẫu".
    var kind: String
    var number: String?
    var sections: [Section]
}

/// The search index, split so that a query downloads only what it needs:
/// `search/numbers.json` (document numbers), `search/terms/<xx>.json` (the postings of the terms
/// whose folded form starts with `xx`) and `search/docs/<n>.json` (titles, links and section texts
/// for snippets, 64 documents a file). Terms are kept as written (lower case, NFC) so that a query
/// typed with diacritics can rank exact matches above folded ones; the script folds them.
struct SearchIndex: Sendable {
    static let folder = "search"
    /// The search page's folder.
    static let page = "tim-kiem"
    static let chunk = 64
    /// Weights: a word in the title counts most, then headings, then the text.
    static let titleWeight = 12
    static let headingWeight = 5
    static let snippetLength = 700

    let documents: [SearchDocument]

    /// Words: runs of letters and digits, lower case, NFC.
    static func words(_ text: String) -> [String] {
        let lower = text.lowercased()
        let scalars = lower.unicodeScalars
        var words: [String] = []
        var start: String.UnicodeScalarView.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let isWord =
                scalar.isASCII
                ? (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar))
                : (scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark
                    || scalar.properties.numericType != nil)
            if isWord {
                if start == nil { start = index }
            } else if let begin = start {
                words.append(String(scalars[begin..<index]))
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let begin = start { words.append(String(scalars[begin..<scalars.endIndex])) }
        return words
    }

    /// The shard of a term: the first two characters of its folded form (`_` for anything else).
    static func shard(_ term: String) -> String {
        let folded = Folding.fold(term)
        let prefix = folded.unicodeScalars.prefix(2).map { scalar -> String in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? String(scalar) : "_"
        }.joined()
        return prefix.count == 1 ? prefix + "_" : prefix
    }

    func files() -> [OutputFile] {
        // term -> doc -> section -> weight
        var postings: [String: [Int: [Int: Int]]] = [:]
        for (id, document) in documents.enumerated() {
            // Title words count for the document but point at no section (-1): the link goes to the top
            // unless a section matches too.
            for word in Self.words(document.title) {
                postings[word, default: [:]][id, default: [:]][-1, default: 0] += Self.titleWeight
            }
            for (index, section) in document.sections.enumerated() {
                for word in Self.words(section.heading) {
                    postings[word, default: [:]][id, default: [:]][index, default: 0] += Self.headingWeight
                }
                for word in Self.words(section.text) {
                    postings[word, default: [:]][id, default: [:]][index, default: 0] += 1
                }
            }
        }
        // Shards are written straight to text: `{"term":[[doc,section,weight],...],...}`.
        var shards: [String: String] = [:]
        for term in postings.keys.sorted() {
            guard let byDocument = postings[term] else { continue }
            var list = ""
            for document in byDocument.keys.sorted() {
                guard let sections = byDocument[document] else { continue }
                for section in sections.keys.sorted() {
                    if !list.isEmpty { list += "," }
                    list += "[\(document),\(section),\(min(sections[section] ?? 0, 99))]"
                }
            }
            let name = Self.shard(term)
            var shard = shards[name] ?? ""
            shard += (shard.isEmpty ? "{" : ",") + JSON.string(term).compact + ":[" + list + "]"
            shards[name] = shard
        }
        var files: [OutputFile] = []
        for (name, text) in shards.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: "\(Self.folder)/terms/\(name).json", text: text + "}"))
        }
        var numbers: [(String, JSON)] = []
        for (id, document) in documents.enumerated() {
            if let number = document.number {
                numbers.append((Folding.documentNumberKey(number).lowercased(), .int(id)))
            }
        }
        files.append(
            OutputFile(
                path: "\(Self.folder)/numbers.json",
                text: JSON.object([
                    ("numbers", .object(numbers)), ("chunk", .int(Self.chunk)), ("count", .int(documents.count)),
                    ("shards", .array(shards.keys.sorted().map(JSON.string))),
                ]).compact))
        for start in stride(from: 0, to: documents.count, by: Self.chunk) {
            let slice = documents[start..<min(documents.count, start + Self.chunk)]
            let items: [JSON] = slice.map { document in
                .object([
                    ("t", .string(document.title)), ("u", .string(document.url)), ("g", .string(document.group)),
                    ("k", .string(document.kind)), ("n", .optional(document.number)),
                    (
                        "s",
                        .array(
                            document.sections.map { section in
                                .array([
                                    .string(section.anchor), .string(section.heading),
                                    .string(String(section.text.prefix(Self.snippetLength))),
                                ])
                            })
                    ),
                ])
            }
            files.append(
                OutputFile(path: "\(Self.folder)/docs/\(start / Self.chunk).json", text: JSON.array(items).compact))
        }
        return files
    }
}

extension Markdown {
    /// The text of a document split at its headings, for search: what comes before the first heading,
    /// then each heading with the text under it.
    static func sections(of document: MarkdownNode, headings: [Heading]) -> [SearchDocument.Section] {
        var sections = [SearchDocument.Section(anchor: "", heading: "", text: "")]
        var index = 0
        for block in document.children {
            if case .heading = block.kind {
                let heading = index < headings.count ? headings[index] : nil
                index += 1
                sections.append(SearchDocument.Section(anchor: heading?.id ?? "", heading: block.plainText, text: ""))
                continue
            }
            let text = blockText(block)
            guard !text.isEmpty else { continue }
            let last = sections.count - 1
            sections[last].text += sections[last].text.isEmpty ? text : " " + text
        }
        return sections.filter { !$0.heading.isEmpty || !$0.text.isEmpty }.flatMap(split)
    }

    /// A long section in pieces of about 600 characters, cut at spaces, each with the section's anchor
    /// and heading: a match deep in a section then has its own snippet.
    static func split(_ section: SearchDocument.Section) -> [SearchDocument.Section] {
        let limit = 600
        guard section.text.count > limit + limit / 2 else { return [section] }
        var pieces: [SearchDocument.Section] = []
        var rest = Substring(section.text)
        while !rest.isEmpty {
            var end = rest.index(rest.startIndex, offsetBy: limit, limitedBy: rest.endIndex) ?? rest.endIndex
            if end < rest.endIndex, let space = rest[..<end].lastIndex(of: " ") { end = space }
            pieces.append(
                SearchDocument.Section(anchor: section.anchor, heading: section.heading, text: String(rest[..<end])))
            rest = rest[end...].drop { $0 == " " }
        }
        return pieces
    }

    private static func blockText(_ node: MarkdownNode) -> String {
        switch node.kind {
        case .codeBlock(let info) where info.lowercased().hasPrefix("csv"):
            return node.literal.replacingOccurrences(of: "\n", with: " · ").replacingOccurrences(of: ",", with: ", ")
        case .codeBlock, .htmlBlock, .thematicBreak:
            return node.literal
        case .paragraph, .heading:
            return node.plainText
        default:
            return node.children.map(blockText).filter { !$0.isEmpty }.joined(separator: " ")
        }
    }
}
