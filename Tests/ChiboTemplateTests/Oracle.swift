import ChiboModel
import ChiboTemplateOracle
import Foundation
import Mustache
import Testing

@testable import ChiboTemplate

/// The theme's content type for swift-mustache: byte-wise HTML escaping, as chibo registers it.
struct ByteHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { escapeHTML(text) }
}

/// swift-mustache's registry of content types is global; register the byte-wise type once.
let registerContentType: Void = MustacheContentTypes.register(ByteHTMLContentType(), named: "HTML")

enum Oracle {
    /// What swift-mustache renders for `name` with the model and globals, nil if it cannot parse.
    static func render<M: TemplateModel>(
        _ sources: [String: String], _ name: String, _ model: M, globals: [String: [String: String]]
    ) -> String? {
        _ = registerContentType
        var library = MustacheLibrary()
        for (key, text) in sources {
            guard (try? library.register(text, named: key)) != nil else { return nil }
        }
        var root: [String: Any] = [:]
        for (key, table) in globals { root[key] = table }
        if let values = model.oracleValue as? [String: Any] {
            root.merge(values) { _, model in model }
        }
        return library.render(root, withTemplate: name)
    }
}

func file(_ name: String) -> String { "theme/templates/\(name).mustache" }

/// Compiles with chibo's engine; the rendered text or the diagnostics.
func compiled<M: TemplateModel>(
    _ sources: [String: String], _ name: String, _ model: M, globals: [String: [String: String]] = [:]
) -> Result<String, Diagnostics> {
    var diagnostics = Diagnostics()
    guard let library = TemplateLibrary.parse(sources, file: file, diagnostics: &diagnostics),
        let template = library.compile(name, for: M.self, globals: globals, diagnostics: &diagnostics)
    else { return .failure(diagnostics) }
    return .success(String(decoding: template.render(model), as: UTF8.self))
}

/// Renders with both engines, checks they agree byte for byte, and returns chibo's output.
func both<M: TemplateModel>(
    _ sources: [String: String], _ model: M, name: String = "main", globals: [String: [String: String]] = [:],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> String? {
    let ours: String
    switch compiled(sources, name, model, globals: globals) {
    case .success(let text): ours = text
    case .failure(let diagnostics):
        Issue.record("chibo: \(diagnostics.items.map(\.description))", sourceLocation: sourceLocation)
        return nil
    }
    let theirs = Oracle.render(sources, name, model, globals: globals)
    #expect(
        Array(ours.utf8) == Array((theirs ?? "<no output>").utf8), "templates: \(sources)",
        sourceLocation: sourceLocation)
    return ours
}

/// A diagnostic of parsing and compiling: its place, `FILE:LINE:COLUMN` with the file name only, and
/// its message as the catalogue has it (code, variant and fields), which tests compare: the wording
/// itself is the catalogue's test.
struct Found: Equatable, CustomStringConvertible {
    var place: String
    var message: DiagnosticMessage

    init(_ place: String, _ message: DiagnosticMessage) {
        self.place = place
        self.message = message
    }

    var description: String { "\(place): \(message.text(in: .en))" }
}

/// The diagnostics of parsing and compiling, in order.
func errors<M: TemplateModel>(
    _ sources: [String: String], _ name: String = "main", for model: M.Type,
    globals: [String: [String: String]] = [:]
) -> [Found] {
    var diagnostics = Diagnostics()
    if let library = TemplateLibrary.parse(sources, file: file, diagnostics: &diagnostics) {
        _ = library.compile(name, for: M.self, globals: globals, diagnostics: &diagnostics)
    }
    return diagnostics.sorted.map { diagnostic in
        Found(
            "\(diagnostic.location.file.replacingOccurrences(of: "theme/templates/", with: "")):"
                + "\(diagnostic.location.line):\(diagnostic.location.column)", diagnostic.catalogued)
    }
}
