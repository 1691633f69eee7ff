import ChiboModel
import ChiboSupport

/// What a search result is, for its label and its rank: for an equal match a guidance document
/// comes before the records (units and their meetings, finding lists, sample meetings). The raw
/// value is the letter `search/numbers.json` gives each document in `types`.
enum SearchCategory: String, Sendable, CaseIterable {
    case guidance = "v"
    case unit = "u"
    case finding = "f"
    case sample = "l"
}

/// One thing the search finds: a guidance document, a unit or a sample meeting.
struct SearchDocument: Sendable {
    struct Section: Sendable {
        /// The heading's id on the page; empty for the text before the first heading.
        var anchor: String
        var heading: String
        var text: String
        /// Whether the section is one meeting of a unit's records: a result that links there is
        /// labelled a meeting, not the unit.
        var isMeeting = false
    }

    var title: String
    var url: String
    /// Where it belongs: the guidance section, the committee, the schedule.
    var group: String
    /// What it is: a document kind, "Chi bộ", "Sinh hoạt mẫu".
    var kind: String
    var number: String?
    var sections: [Section]
    var category: SearchCategory = .guidance
}

/// The search index, split so that a query downloads only what it needs:
/// `search/numbers.json` (document numbers), `search/terms/<xx>.json` (the postings of the terms
/// whose folded form starts with `xx`) and `search/docs/<n>.json` (titles, links and section texts
/// for snippets, 64 documents a file). Terms are kept as written (lower case, NFC) so that a query
/// typed with diacritics can rank exact matches above folded ones; the script folds them.
struct SearchIndex: Sendable {
    /// The public index's folder.
    static let publicFolder = SiteOutput.searchIndexFolder

    /// The folder of the index of restricted pages, under the first restricted folder (`_` is in no
    /// unit id, slug or folder of the site's own, so it takes no page's place).
    static func restrictedFolder(_ restriction: Restriction) -> String {
        (restriction.folders.first ?? .data).rawValue + "/" + SiteOutput.restrictedSearchIndexFolder
    }

    /// A hash of the indexed documents, the same in every run: the index's files depend on nothing else.
    func digest(salt: UInt64) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(salt)
        hasher.combine(UInt64(documents.count))
        for document in documents {
            for text in [document.title, document.url, document.group, document.kind, document.number ?? "\u{0}"] {
                hasher.combine(text)
            }
            hasher.combine(document.category.rawValue)
            hasher.combine(UInt64(document.sections.count))
            for section in document.sections {
                hasher.combine(section.anchor)
                hasher.combine(section.heading)
                hasher.combine(section.text)
                hasher.combine(UInt64(section.isMeeting ? 1 : 0))
            }
        }
        return hasher.value
    }
    /// The search page's folder.
    static let page = SiteOutput.searchFolder
    static let chunk = 8
    /// Weights: a word in the title counts most, then headings, then the text.
    static let titleWeight = 12
    static let headingWeight = 5
    static let snippetLength = 700

    let documents: [SearchDocument]
    /// Where the index's files go.
    var folder = Self.publicFolder

    /// Words: runs of letters and digits, lower case, NFC.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// Calls `body` with the UTF-8 of each word of `text` (a run of letters, digits and combining
    /// marks), lower case. The bytes are only valid during the call.
    static func forEachWord(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            var word: [UInt8] = []
            word.reserveCapacity(64)
            func flush() {
                guard !word.isEmpty else { return }
                word.withUnsafeBufferPointer(body)
                word.removeAll(keepingCapacity: true)
            }
            var index = 0
            let count = utf8.count
            while index < count {
                let lead = utf8[index]
                if lead < 0x80 {
                    switch lead {
                    case 0x61...0x7A, 0x30...0x39: word.append(lead)
                    case 0x41...0x5A: word.append(lead + 32)
                    default: flush()
                    }
                    index += 1
                    continue
                }
                // A String holds valid UTF-8: the lead byte gives the length.
                let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                var value = UInt32(lead) & (lead < 0xE0 ? 0x1F : lead < 0xF0 ? 0x0F : 0x07)
                for offset in 1..<length where index + offset < count {
                    value = value << 6 | UInt32(utf8[index + offset] & 0x3F)
                }
                if let scalar = Unicode.Scalar(value), Folding.isWordScalar(scalar) {
                    if Folding.isUppercaseScalar(scalar) {
                        Folding.appendLowercased(scalar, to: &word)
                    } else {
                        word.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<min(count, index + length)]))
                    }
                } else {
                    flush()
                }
                index += length
            }
            flush()
        }
    }

    /// Words numbered in the order first seen, compared by their bytes.
    struct WordTable {
        private var bytes: [UInt8] = []
        private var starts: [Int] = [0]
        private var hashes: [Int] = []
        private var slots = [Int32](repeating: -1, count: 256)

        var count: Int { hashes.count }

        mutating func intern(_ word: UnsafeBufferPointer<UInt8>) -> Int {
            let key = Int(truncatingIfNeeded: FNV1a.hash(word))
            let mask = slots.count - 1
            var slot = key & mask
            while slots[slot] >= 0 {
                let id = Int(slots[slot])
                if hashes[id] == key, matches(id, word) { return id }
                slot = (slot + 1) & mask
            }
            let id = hashes.count
            hashes.append(key)
            bytes.append(contentsOf: word)
            starts.append(bytes.count)
            slots[slot] = Int32(id)
            if hashes.count * 2 > slots.count { grow() }
            return id
        }

        private func matches(_ id: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
            let start = starts[id]
            guard starts[id + 1] - start == word.count else { return false }
            for offset in 0..<word.count where bytes[start + offset] != word[offset] { return false }
            return true
        }

        private mutating func grow() {
            slots = [Int32](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for id in 0..<hashes.count {
                var slot = hashes[id] & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(id)
            }
        }

        func string(_ id: Int) -> String { String(decoding: bytes[starts[id]..<starts[id + 1]], as: UTF8.self) }
    }

    /// Where a term occurs in a document: the section (-1 for the title) and the weight there.
    struct SectionWeight: Sendable {
        var section: Int32
        var weight: Int32
    }

    /// One occurrence of a term in the whole index: the document, the section and the weight.
    struct Posting: Sendable {
        var document: Int32
        var section: Int32
        var weight: Int32
    }

    /// A term (by its number in the document's table) in a section: the key weights are summed by.
    struct TermInSection: Hashable, Comparable {
        var term: Int32
        var section: Int32

        static func < (a: TermInSection, b: TermInSection) -> Bool { (a.term, a.section) < (b.term, b.section) }
    }

    /// The terms of one document and, for each, where it occurs, in section order.
    struct DocumentTerms: Sendable {
        var terms: [String] = []
        var postings: [[SectionWeight]] = []
    }

    static func terms(of document: SearchDocument) -> DocumentTerms {
        var table = WordTable()
        var weights: [TermInSection: Int32] = [:]
        func add(_ word: UnsafeBufferPointer<UInt8>, section: Int, weight: Int32) {
            weights[TermInSection(term: Int32(table.intern(word)), section: Int32(section)), default: 0] += weight
        }
        // Title words count for the document but point at no section (-1): the link goes to the top
        // unless a section matches too.
        forEachWord(document.title) { add($0, section: -1, weight: Int32(titleWeight)) }
        for (index, section) in document.sections.enumerated() {
            forEachWord(section.heading) { add($0, section: index, weight: Int32(headingWeight)) }
            forEachWord(section.text) { add($0, section: index, weight: 1) }
        }
        var result = DocumentTerms(
            terms: (0..<table.count).map(table.string), postings: Array(repeating: [], count: table.count))
        for key in weights.keys.sorted() {
            result.postings[Int(key.term)].append(
                SectionWeight(section: key.section, weight: min(weights[key] ?? 0, 99)))
        }
        return result
    }

    /// The shard of a term at a depth: the first `depth` characters of its folded form (`_` for
    /// anything but a-z and 0-9, and for each character a shorter term lacks).
    static func shard(_ term: String, depth: Int = 2) -> String {
        let folded = Folding.fold(term)
        let prefix = folded.unicodeScalars.prefix(depth).map { scalar -> String in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? String(scalar) : "_"
        }.joined()
        return prefix + String(repeating: "_", count: depth - prefix.count)
    }

    /// A shard larger than this (uncompressed) is split by one more character of its terms, so that
    /// a query downloads a small part of even a nation's index.
    static let shardLimit = 48 * 1024
    /// A term found in more places than this keeps only this many, its best, and is partial.
    static let partialPostings = 2_000
    /// Shards are split at most down to this many characters.
    static let maxShardDepth = 5

    /// The terms (by number, in byte order) of each shard, the large ones split by deeper prefixes
    /// until each is under `shardLimit` or `maxShardDepth` deep: `ch` becomes `cha`, `che`, ...
    static func shards(_ terms: [String], sizes: [Int]) -> [(name: String, terms: [Int])] {
        var result: [(name: String, terms: [Int])] = []
        func place(_ group: [Int], depth: Int) {
            var byName: [String: [Int]] = [:]
            var order: [String] = []
            for term in group {
                let name = shard(terms[term], depth: depth)
                if byName[name] == nil { order.append(name) }
                byName[name, default: []].append(term)
            }
            for name in order.sorted() {
                let members = byName[name] ?? []
                let size = members.reduce(0) { $0 + sizes[$1] }
                // A term shorter than the next depth would only be padded: its shard cannot shrink.
                if size > shardLimit, depth < maxShardDepth, members.count > 1,
                    Set(members.map { shard(terms[$0], depth: depth + 1) }).count > 1
                {
                    place(members, depth: depth + 1)
                } else {
                    result.append((name, members))
                }
            }
        }
        place(terms.indices.sorted { terms[$0].utf8.lexicographicallyPrecedes(terms[$1].utf8) }, depth: 2)
        return result
    }

    func files() -> [OutputFile] {
        // Each term's postings in document then section order. Documents are read on every core,
        // then merged in order.
        var table = WordTable()
        var postings: [[Posting]] = []
        for (id, document) in Parallel.map(documents, Self.terms).enumerated() {
            for (local, word) in document.terms.enumerated() {
                var word = word
                let term = word.withUTF8 { table.intern($0) }
                if term == postings.count { postings.append([]) }
                for place in document.postings[local] {
                    postings[term].append(Posting(document: Int32(id), section: place.section, weight: place.weight))
                }
            }
        }
        let terms = (0..<table.count).map(table.string)
        // A word in very many places ("chi", "bộ" in every unit's name at a nation's size) would make
        // one download of hundreds of kilobytes: it keeps only its `partialPostings` best places (by
        // weight: titles and headings first), is listed as partial, and a query does not require it.
        var partial: [Int] = []
        for term in terms.indices where postings[term].count > Self.partialPostings {
            partial.append(term)
            let best = postings[term].indices.sorted {
                (postings[term][$0].weight, -$0) > (postings[term][$1].weight, -$1)
            }.prefix(Self.partialPostings).sorted()
            postings[term] = best.map { postings[term][$0] }
        }
        // About 12 bytes a posting: enough to decide where to split.
        let layout = Self.shards(terms, sizes: terms.indices.map { terms[$0].utf8.count + 4 + postings[$0].count * 12 })
        // Shards are written straight to bytes: `{"term":[[doc,section,weight],...],...}`.
        var shards: [String: [UInt8]] = [:]
        for (name, members) in layout {
            for term in members {
                var shard = shards.removeValue(forKey: name) ?? []
                shard.append(shard.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
                shard.append(contentsOf: JSON.string(terms[term]).compact.utf8)
                shard.append(contentsOf: Array(":[".utf8))
                for (index, posting) in postings[term].enumerated() {
                    if index > 0 { shard.append(UInt8(ascii: ",")) }
                    shard.append(UInt8(ascii: "["))
                    Self.appendDecimal(Int(posting.document), to: &shard)
                    shard.append(UInt8(ascii: ","))
                    Self.appendDecimal(Int(posting.section), to: &shard)
                    shard.append(UInt8(ascii: ","))
                    Self.appendDecimal(Int(posting.weight), to: &shard)
                    shard.append(UInt8(ascii: "]"))
                }
                shard.append(UInt8(ascii: "]"))
                shards[name] = shard
            }
        }
        var files: [OutputFile] = []
        for (name, bytes) in shards.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: "\(folder)/terms/\(name).json", bytes: bytes + [UInt8(ascii: "}")]))
        }
        var numbers: [(String, JSON)] = []
        for (id, document) in documents.enumerated() {
            if let number = document.number {
                numbers.append((Folding.documentNumberKey(number).lowercased(), .int(id)))
            }
        }
        files.append(
            OutputFile(
                path: "\(folder)/numbers.json",
                text: JSON.object([
                    ("numbers", .object(numbers)), ("chunk", .int(Self.chunk)), ("count", .int(documents.count)),
                    ("types", .string(String(documents.map { Character($0.category.rawValue) }))),
                    ("shards", .array(shards.keys.sorted().map(JSON.string))),
                    ("partial", .array(partial.map { terms[$0] }.sorted().map(JSON.string))),
                ]).compact))
        let chunks = Array(stride(from: 0, to: documents.count, by: Self.chunk))
        files += Parallel.map(chunks) { start in
            let slice = documents[start..<min(documents.count, start + Self.chunk)]
            let items: [JSON] = slice.map { document in
                .object([
                    ("t", .string(document.title)), ("u", .string(document.url)), ("g", .string(document.group)),
                    ("k", .string(document.kind)), ("n", .optional(document.number)),
                    (
                        "s",
                        .array(
                            document.sections.map { section in
                                .array(
                                    [
                                        .string(section.anchor), .string(section.heading),
                                        .string(Self.cut(section.text, Self.snippetLength)),
                                    ] + (section.isMeeting ? [.int(1)] : []))
                            })
                    ),
                ])
            }
            return OutputFile(path: "\(folder)/docs/\(start / Self.chunk).json", text: JSON.array(items).compact)
        }
        return files
    }

    /// The text up to `limit` characters, cut at the last space before it when it is longer, so that
    /// a snippet never ends in the middle of a word.
    static func cut(_ text: String, _ limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
            end < scalars.endIndex
        else { return text }
        let space = scalars[..<end].lastIndex { $0.properties.isWhitespace } ?? end
        return String(scalars[..<space])
    }

    /// Appends the decimal digits of a number.
    static func appendDecimal(_ number: Int, to bytes: inout [UInt8]) {
        if number < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendDecimal(-number, to: &bytes)
            return
        }
        if number >= 10 { appendDecimal(number / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(number % 10))
    }
}

extension SearchDocument {
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
        let scalars = section.text.unicodeScalars
        guard scalars.count > limit + limit / 2 else { return [section] }
        var pieces: [SearchDocument.Section] = []
        var start = scalars.startIndex
        while start < scalars.endIndex {
            var end = scalars.index(start, offsetBy: limit, limitedBy: scalars.endIndex) ?? scalars.endIndex
            if end < scalars.endIndex, let space = scalars[start..<end].lastIndex(of: " ") { end = space }
            pieces.append(
                SearchDocument.Section(
                    anchor: section.anchor, heading: section.heading, text: String(scalars[start..<end])))
            start = end
            while start < scalars.endIndex, scalars[start] == " " { scalars.formIndex(after: &start) }
        }
        return pieces
    }

    private static func blockText(_ node: MarkdownNode) -> String {
        switch node.kind {
        case .table(let rows):
            // The cells as the page's table shows them, not the CSV source with its quotes.
            return rows.map { $0.joined(separator: ", ") }.joined(separator: " · ")
        case .codeBlock:
            return node.literal
        case .htmlBlock, .thematicBreak:
            // Raw HTML is not shown on the page (nor its source), so the search shows none of it.
            return ""
        case .paragraph, .heading:
            return node.plainText
        default:
            return node.children.map(blockText).filter { !$0.isEmpty }.joined(separator: " ")
        }
    }
}
