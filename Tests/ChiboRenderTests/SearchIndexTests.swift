import ChiboModel
import Foundation
import Testing

@testable import ChiboRender

@Suite struct SearchIndexTests {
    func document(_ title: String, _ text: String) -> SearchDocument {
        SearchDocument(
            title: title, url: "/x/", group: "g", kind: "k", number: nil,
            sections: [SearchDocument.Section(anchor: "", heading: "", text: text)])
    }

    func shards(_ files: [OutputFile]) throws -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for file in files where file.path.hasPrefix("search/terms/") {
            let name = String(file.path.dropFirst("search/terms/".count).dropLast(".json".count))
            result[name] = try #require(JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])
        }
        return result
    }

    /// A shard past the limit is split by one more character, and again, so that every term is in
    /// the one shard whose name begins its folded form, and no name begins another's.
    @Test func largeShardsAreSplitByLongerPrefixes() throws {
        let words = (0..<3_000).map { "chữ\($0 % 7)x\($0)" } + ["ch", "chi", "cha", "ba"]
        let documents = stride(from: 0, to: words.count, by: 10).map { start in
            document("Văn bản \(start)", words[start..<min(start + 10, words.count)].joined(separator: " "))
        }
        let files = SearchIndex(documents: documents).files()
        let shards = try shards(files)
        #expect(shards.count > 3)
        #expect(shards.keys.contains { $0.count > 2 })
        let names = Array(shards.keys)
        for name in names {
            #expect(!names.contains { $0 != name && $0.hasPrefix(name) }, "\(name) is a prefix of another shard")
        }
        for word in words {
            let holding = shards.filter { $0.value[word] != nil }.map(\.key)
            #expect(holding.count == 1, "\(word) in \(holding)")
            if let name = holding.first {
                #expect(name == SearchIndex.shard(word, depth: name.count), "\(word) in \(name)")
            }
        }
        // "ch" is shorter than the split: it stays in the shard padded with `_`.
        #expect(shards["ch_"]?["ch"] != nil)
        let numbers = try #require(files.first { $0.path == "search/numbers.json" })
        let meta = try #require(JSONSerialization.jsonObject(with: Data(numbers.bytes)) as? [String: Any])
        #expect(Set(meta["shards"] as? [String] ?? []) == Set(names))
        #expect(meta["chunk"] as? Int == SearchIndex.chunk)
    }

    /// A word in more places than `partialPostings` keeps only that many, its best (by weight),
    /// and is listed as partial: a query does not require it.
    @Test func aWordInVeryManyPlacesKeepsItsBestPlaces() throws {
        let titled = (0..<SearchIndex.partialPostings).map { document("Chi bộ số \($0)", "đơn vị \($0)") }
        let documents = titled + [document("Khác", "chi tiết đơn vị")]
        let files = SearchIndex(documents: documents).files()
        let numbers = try #require(files.first { $0.path == "search/numbers.json" })
        let meta = try #require(JSONSerialization.jsonObject(with: Data(numbers.bytes)) as? [String: Any])
        #expect(meta["partial"] as? [String] == ["chi", "vị", "đơn"])
        let shards = try shards(files)
        let chi = try #require(shards.values.compactMap { $0["chi"] as? [[Int]] }.first)
        #expect(chi.count == SearchIndex.partialPostings)
        // The one place in a text (weight 1) is the one left out: every title's stays.
        #expect(!chi.contains { $0[0] == SearchIndex.partialPostings })
        #expect(chi.map { $0[0] } == Array(0..<SearchIndex.partialPostings))
        // A word in exactly that many places keeps them all, and is not partial.
        let bo = try #require(shards.values.compactMap { $0["bộ"] as? [[Int]] }.first)
        #expect(bo.count == SearchIndex.partialPostings)
    }

    /// What each document is goes to `numbers.json` (one letter a document, for the rank and the
    /// label), and a unit's meeting sections say so in the documents' file.
    @Test func categoriesAndMeetingSectionsAreIndexed() throws {
        var unit = document("Chi bộ A", "x")
        unit.category = .unit
        unit.sections.append(SearchDocument.Section(anchor: "sh-1", heading: "Chủ đề", text: "", isMeeting: true))
        var sample = document("Sinh hoạt mẫu", "y")
        sample.category = .sample
        let files = SearchIndex(documents: [document("Văn bản", "z"), unit, sample]).files()
        let numbers = try #require(files.first { $0.path == "search/numbers.json" })
        let meta = try #require(JSONSerialization.jsonObject(with: Data(numbers.bytes)) as? [String: Any])
        #expect(meta["types"] as? String == "vul")
        let docs = try #require(files.first { $0.path == "search/docs/0.json" })
        let items = try #require(JSONSerialization.jsonObject(with: Data(docs.bytes)) as? [[String: Any]])
        let sections = try #require(items[1]["s"] as? [[Any]])
        #expect(sections.map(\.count) == [3, 4])
        #expect(sections[1][3] as? Int == 1)
    }

    @Test func snippetsAreCutAtASpace() {
        #expect(SearchIndex.cut("một hai ba bốn", 9) == "một hai")
        #expect(SearchIndex.cut("một hai", 20) == "một hai")
        #expect(SearchIndex.cut("mộthaiba", 4) == "mộthaiba".prefix(4).description)
    }

    /// What the page does not show (raw HTML, the CSV source of a table) is not in the search text.
    @Test func searchTextHoldsWhatThePageShows() {
        var html = MarkdownNode(kind: .htmlBlock)
        html.literal = "<div class=\"x\">ẩn</div>"
        var table = MarkdownNode(kind: .table(rows: [["Tên", "Số"], ["Chi bộ \"A\", B", "3"]]))
        table.literal = "Tên,Số\n\"Chi bộ \"\"A\"\", B\",3"
        var paragraph = MarkdownNode(kind: .paragraph)
        var text = MarkdownNode(kind: .text)
        text.literal = "Đoạn văn."
        paragraph.children = [text]
        var root = MarkdownNode(kind: .document)
        root.children = [html, table, paragraph]
        let sections = SearchDocument.sections(of: root, headings: [])
        #expect(sections.map(\.text) == ["Tên, Số · Chi bộ \"A\", B, 3 Đoạn văn."])
    }
}
