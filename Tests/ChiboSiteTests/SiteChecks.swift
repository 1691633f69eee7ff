import ChiboRender
import Foundation

/// Reading built pages the way a crawler would: links, ids, sitemap entries.
enum SiteChecks {
    static func text(_ file: OutputFile) -> String { String(decoding: file.bytes, as: UTF8.self) }

    /// The values of the attribute `name` on every tag of `html`, as a browser reads them: double or
    /// single quotes or none, any case, entities decoded. Comments and the text of scripts and styles
    /// are skipped.
    static func attributes(_ name: String, in html: String) -> [String] {
        tags(html).flatMap { $0.attributes.filter { $0.name == name }.map(\.value) }
    }

    /// The tags of `html` with their attributes, in order (a small tokenizer after the HTML standard's
    /// tag and attribute states, enough for what chibo writes and any other well-formed page).
    static func tags(_ html: String) -> [(name: String, attributes: [(name: String, value: String)])] {
        let bytes = Array(html.utf8)
        var result: [(name: String, attributes: [(name: String, value: String)])] = []
        var index = 0
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
        }
        func skip(to marker: String) {
            let needle = Array(marker.utf8)
            while index < bytes.count, !bytes[index...].starts(with: needle) { index += 1 }
            index = min(bytes.count, index + needle.count)
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if bytes[index...].starts(with: Array("<!--".utf8)) {
                skip(to: "-->")
                continue
            }
            index += 1
            guard index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"),
                (bytes[index] | 0x20) <= UInt8(ascii: "z")
            else { continue }
            let start = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"),
                bytes[index] != UInt8(ascii: "/")
            {
                index += 1
            }
            let tag = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
            var attributes: [(name: String, value: String)] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                if isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") {
                    index += 1
                    continue
                }
                let nameStart = index
                while index < bytes.count, !isSpace(bytes[index]),
                    ![UInt8(ascii: "="), UInt8(ascii: ">")].contains(bytes[index])
                {
                    index += 1
                }
                let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                var value = ""
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                        let quote = bytes[index]
                        let valueStart = index + 1
                        index = valueStart
                        while index < bytes.count, bytes[index] != quote { index += 1 }
                        value = String(decoding: bytes[valueStart..<min(index, bytes.count)], as: UTF8.self)
                        index += 1
                    } else {
                        let valueStart = index
                        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") {
                            index += 1
                        }
                        value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                    }
                }
                attributes.append((name, decodeEntities(value)))
            }
            index += 1
            result.append((tag, attributes))
            if tag == "script" || tag == "style" { skip(to: "</\(tag)") }
        }
        return result
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every URL a page makes the browser follow or load: `href`, `src`, `action` and each candidate
    /// of `srcset`.
    static func urls(_ html: String) -> [String] {
        tags(html).flatMap { tag in
            tag.attributes.flatMap { attribute -> [String] in
                switch attribute.name {
                case "href", "src", "action": [attribute.value]
                case "srcset":
                    attribute.value.split(separator: ",").compactMap {
                        $0.split(whereSeparator: \.isWhitespace).first.map(String.init)
                    }
                default: []
                }
            }
        }
    }

    static func sitemapPaths(_ xml: String) -> [String] {
        xml.components(separatedBy: "<loc>").dropFirst().compactMap { $0.components(separatedBy: "</loc>").first }
    }

    /// Every internal link and asset of every page, checked: the links that do not lead to a file or
    /// an id (`page -> link`), and how many were checked (a check of no link proves nothing).
    static func links(_ files: [OutputFile], basePath: String) -> (broken: [String], checked: Int) {
        var byPath: [String: String] = [:]
        for file in files { byPath[file.path] = file.path.hasSuffix(".html") ? text(file) : "" }
        func target(_ urlPath: String) -> String? {
            guard urlPath.hasPrefix(basePath) else { return nil }
            let relative = String(urlPath.dropFirst(basePath.count)).removingPercentEncoding ?? ""
            let candidate = relative.isEmpty || relative.hasSuffix("/") ? relative + "index.html" : relative
            return byPath[candidate] != nil ? candidate : nil
        }
        var broken: [String] = []
        var checked = 0
        var ids: [String: Set<String>] = [:]
        for file in files where file.path.hasSuffix(".html") {
            for link in urls(text(file)) {
                if link.hasPrefix("http:") || link.hasPrefix("https:") || link.hasPrefix("mailto:")
                    || link.hasPrefix("data:")
                {
                    continue
                }
                checked += 1
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let path =
                    parts[0].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(
                        String.init) ?? ""
                let pagePath = path.isEmpty ? file.path : target(path)
                guard let pagePath else {
                    broken.append("\(file.path) -> \(link)")
                    continue
                }
                guard parts.count == 2, let page = byPath[pagePath] else { continue }
                if ids[pagePath] == nil { ids[pagePath] = Set(attributes("id", in: page)) }
                if ids[pagePath]?.contains(parts[1].removingPercentEncoding ?? parts[1]) != true {
                    broken.append("\(file.path) -> \(link) (no such id)")
                }
            }
        }
        return (broken, checked)
    }
}
