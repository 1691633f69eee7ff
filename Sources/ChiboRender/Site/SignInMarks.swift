import ChiboModel

/// Marks, on a public page, every link into a restricted folder: a lock and the words "sign-in
/// needed" (hidden from sight, read aloud) go inside the link, before `</a>`. It works on the
/// rendered page, so that it reaches every link whatever wrote it: a template of the theme, a
/// committee's own template, or a guidance document's Markdown.
struct SignInMarks: Sendable {
    /// `href="/base/don-vi`, `href="/base/schedule.ics`, ...: what a marked link's attribute starts with.
    private let prefixes: [[UInt8]]
    /// The bytes each prefix may be followed by: the URL goes on into the folder, or ends there.
    private let folderEnds: Set<UInt8> = Set("/\"#?".utf8)
    private let fileEnds: Set<UInt8> = Set(".\"#?".utf8)
    private let folderCount: Int
    /// The HTML put before `</a>`.
    let mark: [UInt8]

    init(restriction: Restriction, basePath: String, text: String) {
        let folders = restriction.folders.map { "href=\"" + basePath + $0.rawValue }
        let files = restriction.folders.flatMap(\.companions).map { "href=\"" + basePath + $0 }
        prefixes = (folders + files).map { Array($0.utf8) }
        folderCount = folders.count
        mark = Array(
            ("<span class=\"signin-needed\"><span class=\"visually-hidden\"> (" + HTML.escape(text)
                + ")</span></span>").utf8)
    }

    /// The page with its links into restricted folders marked; the bytes as they are when it has none.
    func apply(_ page: [UInt8]) -> [UInt8] {
        let attribute = Array("href=\"".utf8)
        let close = Array("</a>".utf8)
        var result: [UInt8] = []
        var copied = 0
        var index = 0
        while let found = Self.find(attribute, in: page, from: index) {
            index = found + attribute.count
            guard isAnchorAttribute(page, at: found), leadsInside(page, at: found),
                let end = Self.find(close, in: page, from: index)
            else { continue }
            // A link whose `</a>` comes after another link's start is not closed: leave it.
            if let next = Self.find(Array("<a ".utf8), in: page, from: index), next < end { continue }
            if result.isEmpty { result.reserveCapacity(page.count + 1024) }
            result.append(contentsOf: page[copied..<end])
            result.append(contentsOf: mark)
            copied = end
            index = end
        }
        guard copied > 0 else { return page }
        result.append(contentsOf: page[copied...])
        return result
    }

    /// Whether the attribute at `offset` belongs to an `<a>` start tag.
    private func isAnchorAttribute(_ page: [UInt8], at offset: Int) -> Bool {
        var start = offset - 1
        while start >= 0, page[start] != UInt8(ascii: "<"), page[start] != UInt8(ascii: ">") { start -= 1 }
        guard start >= 0, page[start] == UInt8(ascii: "<"), start + 2 < offset else { return false }
        return (page[start + 1] == UInt8(ascii: "a") || page[start + 1] == UInt8(ascii: "A"))
            && [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t")].contains(page[start + 2])
    }

    /// Whether the `href` at `offset` names a restricted folder or one of its files.
    private func leadsInside(_ page: [UInt8], at offset: Int) -> Bool {
        for (number, prefix) in prefixes.enumerated() where offset + prefix.count < page.count {
            guard page[offset..<(offset + prefix.count)].elementsEqual(prefix) else { continue }
            let next = page[offset + prefix.count]
            if (number < folderCount ? folderEnds : fileEnds).contains(next) { return true }
        }
        return false
    }

    /// The first offset at or after `start` where `needle` is in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}
