import ChiboModel
import ChiboSupport
import Foundation

/// Every guidance file a relative link may name, with the heading anchors of each.
struct GuidanceLinkTable: Sendable {
    struct Target: Sendable {
        var anchors: Set<String>
        var isDocument: Bool
    }

    var targets: [String: Target] = [:]
    var drafts: Set<String> = []
    /// Files and folders whose own errors are reported already.
    var unreadable: Set<String> = []

    /// Whether `target` is, or lies in, a file or folder whose errors are reported already.
    func isUnreadable(_ target: String) -> Bool {
        var path = Substring(target.hasSuffix("/") ? String(target.dropLast()) : target)
        while !path.isEmpty {
            if unreadable.contains(String(path)) { return true }
            guard let slash = path.lastIndex(of: "/") else { break }
            path = path[..<slash]
        }
        return false
    }

    func resolver(for source: String) -> GuidanceLinkResolver {
        GuidanceLinkResolver(table: self, source: source)
    }
}

/// Where a Markdown link goes.
enum LinkResolution: Sendable, Hashable {
    /// Leave the destination as written (a URL with a scheme, or a same-page anchor that exists).
    case unchanged
    /// A guidance file; rendering writes its URL.
    case target(LinkTarget)
    /// The link names no file or no anchor: a build error with this message.
    case broken(DiagnosticMessage)
}

/// Resolves the links of one page: relative paths to source files name those files; a path or
/// anchor that does not exist is broken.
struct GuidanceLinkResolver: Sendable {
    let table: GuidanceLinkTable
    let source: String

    func resolve(_ destination: String, headings: [Heading]) -> LinkResolution {
        let trimmed = destination.trimmingSpaces
        if trimmed.isEmpty { return .broken(.brokenLink("empty")) }
        if Self.hasScheme(trimmed) || trimmed.hasPrefix("/") || trimmed.hasPrefix("//") { return .unchanged }
        let (path, fragment) = Self.split(trimmed)
        // A query means nothing to a static page: `?x=1` alone names no page at all.
        if path.isEmpty && trimmed.hasPrefix("?") {
            return .broken(.brokenLink("query", link: trimmed))
        }
        if fragment?.isEmpty == true {
            return .broken(.brokenLink("hash", link: trimmed, removeLink: path.isEmpty))
        }
        if path.isEmpty {
            guard let fragment, headings.contains(where: { $0.id == fragment }) else {
                return .broken(.brokenLink("heading", link: fragment ?? ""))
            }
            return .unchanged
        }
        let decoded = path.removingPercentEncoding ?? path
        guard let target = Self.normalize(decoded, relativeTo: source) else {
            return .broken(.brokenLink("outside", link: destination))
        }
        let candidates = [target, target.hasSuffix("/") ? target + "_index.md" : target + "/_index.md"]
        if table.isUnreadable(target) { return .unchanged }
        if table.drafts.contains(target) {
            return .broken(.brokenLink("draft", link: target))
        }
        guard let key = candidates.first(where: { table.targets[$0] != nil }), let found = table.targets[key] else {
            return .broken(.brokenLink("missing", link: target))
        }
        if let fragment {
            guard found.anchors.contains(fragment) else {
                return .broken(.brokenLink("otherHeading", link: fragment, page: target))
            }
        }
        return .target(LinkTarget(source: key, fragment: fragment, isDocument: found.isDocument))
    }

    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            && scheme.first?.isLetter == true
    }

    static func split(_ url: String) -> (String, String?) {
        var rest = Substring(url)
        if let query = rest.firstIndex(of: "?"), !rest[..<query].contains("#") {
            let after = rest[query...]
            rest = rest[..<query] + (after.firstIndex(of: "#").map { after[$0...] } ?? "")
        }
        guard let hash = rest.firstIndex(of: "#") else { return (String(rest), nil) }
        return (String(rest[..<hash]), String(rest[rest.index(after: hash)...]))
    }

    /// `../quy-trinh/a.md` from `guidance/hoc-tap/b.md` → `guidance/quy-trinh/a.md`; nil outside `guidance/`.
    static func normalize(_ path: String, relativeTo source: String) -> String? {
        var parts = source.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part).nfc)
            }
        }
        guard parts.first == "guidance" else { return nil }
        return parts.joined(separator: "/") + (path.hasSuffix("/") ? "/" : "")
    }
}
