import ChiboModel
import ChiboTemplate
import Foundation
import Mustache
import Synchronization
import Yams

/// The site theme: Mustache templates, UI strings and static assets, loaded once and shared by
/// every page rendered in parallel.
public struct Theme: Sendable {
    /// The theme folder as given, used in diagnostics.
    public let path: String
    public let library: MustacheLibrary
    /// Template sources by name, to place errors at a line and column.
    let sources: [String: String]
    /// UI strings from `i18n/<language>.yaml`, all text shown by the templates.
    public let strings: [String: String]
    /// Files of `static/`, by path relative to it.
    public let assets: [String: [UInt8]]
    /// Keys `string(_:)` did not find, shared by every copy of the theme.
    private let missing = SharedSet()

    /// Loads `templates/**/*.mustache`, `i18n/vi.yaml` and `static/**`; every problem is a diagnostic,
    /// including partials that name no template.
    public static func load(from path: String, language: String = "vi") -> (Theme?, Diagnostics) {
        // `{{% CONTENT_TYPE: HTML }}` at the top of a template selects this faster escaper.
        MustacheContentTypes.register(FastHTMLContentType(), named: "HTML")
        var diagnostics = Diagnostics()
        let root = URL(fileURLWithPath: path, isDirectory: true)
        let templatesDir = root.appendingPathComponent("templates")
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        let display = path.hasSuffix("/") ? String(path.dropLast()) : path
        let strings = loadStrings(
            root.appendingPathComponent("i18n/\(language).yaml"), display: "\(display)/i18n/\(language).yaml",
            diagnostics: &diagnostics)
        for file in files(under: templatesDir) where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let location = "\(display)/templates/\(file)"
            guard let data = FileManager.default.contents(atPath: templatesDir.appendingPathComponent(file).path),
                let text = String(data: data, encoding: .utf8)
            else {
                diagnostics.error(SourceLocation(file: location), "cannot read the template as UTF-8")
                continue
            }
            do {
                // A syntax error is reported from the text as written, so that it points into the file.
                let inlined = inlineStrings(text, strings)
                let template = try? MustacheTemplate(string: inlined)
                library.register(try template ?? MustacheTemplate(string: text), named: name)
                sources[name] = text
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error(
                    SourceLocation(file: location, line: error.context.lineNumber, column: error.context.columnNumber),
                    "template syntax error: \(error.error)")
            } catch {
                diagnostics.error(SourceLocation(file: location), "template syntax error: \(error)")
            }
        }
        if sources.isEmpty {
            diagnostics.error(SourceLocation(file: "\(display)/templates"), "the theme has no .mustache templates")
        }
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            for tag in TemplateTags.scan(text) where tag.kind == .partial || tag.kind == .parent {
                if sources[tag.name] == nil {
                    diagnostics.error(
                        SourceLocation(
                            file: "\(display)/templates/\(name).mustache", line: tag.line, column: tag.column),
                        "the template names the partial `\(tag.name)`, but there is no templates/\(tag.name).mustache")
                }
            }
        }
        var assets: [String: [UInt8]] = [:]
        let staticDir = root.appendingPathComponent("static")
        for file in files(under: staticDir) {
            if let data = FileManager.default.contents(atPath: staticDir.appendingPathComponent(file).path) {
                assets[file] = [UInt8](data)
            }
        }
        let theme = Theme(path: display, library: library, sources: sources, strings: strings, assets: assets)
        return (diagnostics.hasErrors ? nil : theme, diagnostics)
    }

    /// The template with each `{{t.key}}` and `{{{t.key}}}` replaced by the UI string itself (escaped
    /// for the first): the strings are the same on every page, so they need no lookup there. Only
    /// HTML templates are changed; a tag whose key is missing stays, to be reported when it renders.
    static func inlineStrings(_ text: String, _ strings: [String: String]) -> String {
        let pragma = "{{% CONTENT_TYPE: HTML }}"
        guard text.hasPrefix(pragma), !text.contains("{{=") else { return text }
        let escaper = FastHTMLContentType()
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let triple = rest[open.upperBound...].hasPrefix("{")
            let closing = triple ? "}}}" : "}}"
            let innerStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[innerStart...].range(of: closing) else {
                rest = rest[open.lowerBound...]
                break
            }
            var inner = rest[innerStart..<close.lowerBound].trimmingSpaces
            var raw = triple
            if inner.hasPrefix("&") {
                raw = true
                inner = String(inner.dropFirst()).trimmingSpaces
            }
            let key = inner.hasPrefix("t.") ? String(inner.dropFirst(2)) : ""
            if !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
                let value = strings[key], !value.contains("{{"), !value.contains("}}")
            {
                out += raw ? value : escaper.escapeText(value)
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    static func loadStrings(_ url: URL, display: String, diagnostics: inout Diagnostics) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
        else {
            diagnostics.error(SourceLocation(file: display), "the theme needs its UI strings in this file")
            return [:]
        }
        var strings: [String: String] = [:]
        do {
            guard let node = try Yams.compose(yaml: text), case .mapping(let mapping) = node else {
                diagnostics.error(SourceLocation(file: display), "UI strings must be a mapping of `key: text`")
                return [:]
            }
            for (key, value) in mapping {
                guard let name = key.string, case .scalar(let scalar) = value else {
                    let mark = value.mark
                    diagnostics.error(
                        SourceLocation(file: display, line: mark?.line ?? 1, column: mark?.column ?? 1),
                        "each UI string is one line of text")
                    continue
                }
                strings[name] = scalar.string.nfc
            }
        } catch {
            diagnostics.error(SourceLocation(file: display), "invalid YAML in UI strings: \(error)")
        }
        return strings
    }

    static func files(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var result: [String] = []
        while let next = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = directory.appendingPathComponent(next).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                !next.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            {
                result.append(next)
            }
        }
        return result.sorted()
    }

    public func hasTemplate(_ name: String) -> Bool { library.getTemplate(named: name) != nil }

    /// A UI string. A missing key is remembered, and reported when the site is rendered: the page
    /// would otherwise show the key itself.
    public func string(_ key: String) -> String {
        if let value = strings[key] { return value }
        missing.withLock { _ = $0.insert(key) }
        return key
    }

    /// The UI strings asked for and not found, in key order.
    var missingStrings: [String] { missing.withLock { $0.sorted() } }

    /// Renders `context` with the named template. Names the template looks up that exist neither in
    /// the context nor among the UI strings (`t.key`) come back as diagnostics, since Mustache
    /// itself would render them as empty text.
    public func render(_ template: String, context: [String: Any]) -> Result<String, Diagnostics> {
        var diagnostics = Diagnostics()
        let file = "\(path)/templates/\(template).mustache"
        guard library.getTemplate(named: template) != nil else {
            diagnostics.error(SourceLocation(file: file), "the theme has no template `\(template)`")
            return .failure(diagnostics)
        }
        let strings = StrictContext(strings)
        var values = context
        values["t"] = strings
        let root = StrictContext(values)
        let html = library.render(root, withTemplate: template) ?? ""
        for name in (root.misses.union(strings.misses.map { "t." + $0 })).sorted() {
            let (templateName, tag) = locate(name)
            let location =
                tag.map {
                    SourceLocation(file: "\(path)/templates/\(templateName).mustache", line: $0.line, column: $0.column)
                } ?? SourceLocation(file: file)
            diagnostics.error(location, "the template names `\(name)`, which the page `\(template)` does not have")
        }
        return diagnostics.hasErrors ? .failure(diagnostics) : .success(html)
    }

    private func locate(_ name: String) -> (String, TemplateTags.Tag?) {
        for (templateName, text) in sources.sorted(by: { $0.key < $1.key }) {
            if let tag = TemplateTags.scan(text).first(where: {
                $0.kind != .partial && $0.kind != .parent && ($0.name == name || $0.name.hasPrefix(name + "."))
            }) {
                return (templateName, tag)
            }
        }
        return ("", nil)
    }
}

/// A template context that records the names looked up in it and not found.
final class StrictContext: MustacheParent {
    let values: [String: Any]
    private(set) var misses: Set<String> = []

    init(_ values: [String: Any]) {
        self.values = values
    }

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        misses.insert(name)
        return nil
    }
}

/// The tags of a Mustache template, with positions, for checks the library does not make.
enum TemplateTags {
    enum Kind { case variable, section, inverted, close, partial, parent, block, comment, other }

    struct Tag {
        var kind: Kind
        var name: String
        var line: Int
        var column: Int
    }

    static func scan(_ text: String) -> [Tag] {
        var tags: [Tag] = []
        var line = 1
        var column = 1
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
                let startLine = line
                let startColumn = column
                var end = index + 2
                while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
                var inner = String(String.UnicodeScalarView(scalars[(index + 2)..<min(end, scalars.count)]))
                if inner.hasPrefix("{") { inner.removeFirst() }
                let sigil = inner.first
                var kind = Kind.variable
                switch sigil {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "!": kind = .comment
                case "&": kind = .variable
                case "=", "%": kind = .other
                default: break
                }
                if kind != .variable || sigil == "&" { inner.removeFirst() }
                tags.append(Tag(kind: kind, name: inner.trimmingSpaces, line: startLine, column: startColumn))
                for scalar in scalars[index..<min(end + 2, scalars.count)] {
                    if scalar == "\n" {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                }
                index = end + 2
                if index < scalars.count, scalars[index] == "}", kind == .variable { index += 1 }
                continue
            }
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return tags
    }
}

/// HTML escaping for templates (`&`, `<`, `>`, `"` and `'`), the same set as the library's own, but
/// returning most text untouched after one pass over its bytes.
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        out.append(Substring(text)) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
            }
        }
        return out
    }
}

extension Theme {
    /// Compiles a template for the model type it shows; `globals` are the names every page has
    /// (`t` for the UI strings, `assets`).
    func compile<M: TemplateModel>(_ name: String, for type: M.Type, globals: [String: [String: String]] = [:])
        -> Result<ThemeTemplate<M>, Diagnostics>
    {
        var all = globals
        all["t"] = strings
        return .success(ThemeTemplate(library: library, name: name, globals: all))
    }
}

/// A template bound to its model type.
struct ThemeTemplate<M: TemplateModel>: @unchecked Sendable {
    let library: MustacheLibrary
    let name: String
    let globals: [String: [String: String]]

    func render(_ model: M) -> [UInt8] {
        var root: [String: Any] = globals
        for (key, value) in model.oracleValue as? [String: Any] ?? [:] { root[key] = value }
        return Array((library.render(root, withTemplate: name) ?? "").utf8)
    }
}

/// A set that threads add to, shared by reference.
final class SharedSet: Sendable {
    private let items = Mutex<Set<String>>([])

    func withLock<T>(_ body: (inout Set<String>) -> T) -> T { items.withLock { body(&$0) } }
}
