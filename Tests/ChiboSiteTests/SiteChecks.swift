import ChiboRender
import Foundation

/// Reading built pages the way a crawler would: links, ids, sitemap entries.
enum SiteChecks {
    static func text(_ file: OutputFile) -> String { String(decoding: file.bytes, as: UTF8.self) }

    static func attributes(_ name: String, in html: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: " \(name)=\"([^\"]*)\"")
        let range = NSRange(html.startIndex..., in: html)
        return (pattern?.matches(in: html, range: range) ?? []).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]).replacingOccurrences(of: "&amp;", with: "&") }
        }
    }

    static func sitemapPaths(_ xml: String) -> [String] {
        xml.components(separatedBy: "<loc>").dropFirst().compactMap { $0.components(separatedBy: "</loc>").first }
    }

    /// Every internal link and asset of every page that does not lead to a file or an id: `page -> link`.
    static func brokenLinks(_ files: [OutputFile], basePath: String) -> [String] {
        var byPath: [String: String] = [:]
        for file in files { byPath[file.path] = file.path.hasSuffix(".html") ? text(file) : "" }
        func target(_ urlPath: String) -> String? {
            guard urlPath.hasPrefix(basePath) else { return nil }
            let relative = String(urlPath.dropFirst(basePath.count)).removingPercentEncoding ?? ""
            let candidate = relative.isEmpty || relative.hasSuffix("/") ? relative + "index.html" : relative
            return byPath[candidate] != nil ? candidate : nil
        }
        var broken: [String] = []
        for file in files where file.path.hasSuffix(".html") {
            let html = text(file)
            for link in attributes("href", in: html) + attributes("src", in: html) {
                if link.hasPrefix("http:") || link.hasPrefix("https:") || link.hasPrefix("mailto:") { continue }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let pagePath = parts[0].isEmpty ? file.path : target(parts[0])
                guard let pagePath else {
                    broken.append("\(file.path) -> \(link)")
                    continue
                }
                if parts.count == 2, let page = byPath[pagePath], !page.contains("id=\"\(parts[1])\"") {
                    broken.append("\(file.path) -> \(link) (no such id)")
                }
            }
        }
        return broken
    }
}
