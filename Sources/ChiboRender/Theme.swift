import ChiboModel
import ChiboSupport
import ChiboTemplate
import Foundation
import Synchronization
import Yams

/// The site theme: Mustache templates, UI strings and static assets, loaded once and shared by
/// every page rendered in parallel.
public struct Theme: Sendable {
    /// The theme folder as given, used in diagnostics.
    public let path: String
    /// The templates, parsed; each page kind compiles its own for its model.
    let library: TemplateLibrary
    /// Template sources by name, for the tests' reference renderer and the pages' input hashes.
    let sources: [String: String]
    /// UI strings from `i18n/<language>.yaml`, all text shown by the templates.
    public let strings: [String: String]
    /// Files of `static/`, by path relative to it.
    public let assets: [String: [UInt8]]
    /// Keys `string(_:)` did not find, shared by every copy of the theme.
    private let missing = SharedSet()

    /// Loads `templates/**/*.mustache`, `i18n/vi.yaml` and `static/**`; every problem is a diagnostic,
    /// including syntax errors, features chibo's templates do not support and partials that name no
    /// template.
    public static func load(from path: String, language: String = "vi") -> (Theme?, Diagnostics) {
        var diagnostics = Diagnostics()
        let root = URL(fileURLWithPath: path, isDirectory: true)
        let templatesDir = root.appendingPathComponent("templates")
        var sources: [String: String] = [:]
        let display = path.hasSuffix("/") ? String(path.dropLast()) : path
        let strings = loadStrings(
            root.appendingPathComponent("i18n/\(language).yaml"), display: "\(display)/i18n/\(language).yaml",
            diagnostics: &diagnostics)
        for file in files(under: templatesDir) where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: templatesDir.appendingPathComponent(file).path),
                let text = String(data: data, encoding: .utf8)
            else {
                diagnostics.error(
                    SourceLocation(file: "\(display)/templates/\(file)"), "cannot read the template as UTF-8")
                continue
            }
            sources[name] = text
        }
        if sources.isEmpty {
            diagnostics.error(SourceLocation(file: "\(display)/templates"), "the theme has no .mustache templates")
        }
        let (library, problems) = TemplateLibrary.parse(sources) { "\(display)/templates/\($0).mustache" }
        diagnostics.append(contentsOf: problems)
        var assets: [String: [UInt8]] = [:]
        let staticDir = root.appendingPathComponent("static")
        for file in files(under: staticDir) {
            if let data = FileManager.default.contents(atPath: staticDir.appendingPathComponent(file).path) {
                assets[file] = [UInt8](data)
            }
        }
        guard let library, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Theme(path: display, library: library, sources: sources, strings: strings, assets: assets), diagnostics)
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

    public func hasTemplate(_ name: String) -> Bool { library.hasTemplate(name) }

    /// A UI string. A missing key is remembered, and reported when the site is rendered: the page
    /// would otherwise show the key itself.
    public func string(_ key: String) -> String {
        if let value = strings[key] { return value }
        missing.withLock { _ = $0.insert(key) }
        return key
    }

    /// The UI strings asked for and not found, in key order.
    var missingStrings: [String] { missing.withLock { $0.sorted() } }

    /// Compiles a template for the model type it shows; `globals` are the names every page has
    /// besides `t`, the UI strings (`assets`). A name the model does not have, a UI string the theme
    /// does not have, are errors at the tag.
    func compile<M: TemplateModel>(_ name: String, for type: M.Type, globals: [String: [String: String]] = [:])
        -> Result<CompiledTemplate<M>, Diagnostics>
    {
        library.compile(name, for: type, globals: globals.merging(["t": strings]) { $1 })
    }
}

/// A set that threads add to, shared by reference.
final class SharedSet: Sendable {
    private let items = Mutex<Set<String>>([])

    func withLock<T>(_ body: (inout Set<String>) -> T) -> T { items.withLock { body(&$0) } }
}
