import ChiboModel

/// The theme's Mustache templates, parsed once; `compile` binds one of them to a model type.
public struct TemplateLibrary: Sendable {
    /// How deep sections, blocks and partials may nest in a compiled page, counted through every
    /// template it includes (the parser's limit, `TemplateParser.maxDepth`, is per template): each
    /// level is a frame of the compiler's recursion and of the page's rendering.
    public static let maxDepth = 100

    /// How many nodes (texts and tags) a page may come to with its partials compiled in place, each
    /// time it is included: the bundled theme's largest page (the report) comes to 868. Without a limit a
    /// partial included a thousand times by a partial included a thousand times costs a million.
    public static let maxCompiledNodes = 20_000

    let sources: [String: String]
    let nodes: [String: [Node]]
    let file: @Sendable (String) -> String

    /// sources: template name (file name without .mustache, may contain "/") → text.
    /// file: the path to print in diagnostics for a template name.
    /// Syntax errors, features chibo does not support and partials or parents naming no template are
    /// all reported, each at its line and column; the library is nil if there is any.
    public static func parse(
        _ sources: [String: String], file: @escaping @Sendable (String) -> String, diagnostics: inout Diagnostics
    ) -> TemplateLibrary? {
        let checkpoint = diagnostics.checkpoint
        var nodes: [String: [Node]] = [:]
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            let (parsed, failure, unsupported) = TemplateParser.parse(text, name: name)
            for item in unsupported {
                diagnostics.error(location(text, offset: item.offset, file: file(name)), item.message)
            }
            if let failure {
                diagnostics.error(location(text, offset: failure.offset, file: file(name)), failure.message)
            }
            if let parsed { nodes[name] = parsed }
        }
        for (name, parsed) in nodes.sorted(by: { $0.key < $1.key }) {
            var missing: [(String, TagSite)] = []
            Self.partials(in: parsed) { partial, site in
                if sources[partial] == nil { missing.append((partial, site)) }
            }
            for (partial, site) in missing {
                diagnostics.error(
                    location(sources[name] ?? "", offset: site.offset, file: file(name)), .missingPartial(partial))
            }
        }
        if diagnostics.hasErrors(since: checkpoint) { return nil }
        return TemplateLibrary(sources: sources, nodes: nodes, file: file)
    }

    static func partials(in nodes: [Node], _ visit: (String, TagSite) -> Void) {
        for node in nodes {
            switch node {
            case .section(_, _, let body, _), .blockDefinition(_, let body, _), .blockExpansion(_, let body, _, _):
                partials(in: body, visit)
            case .partial(let name, _, let overrides, let site):
                visit(name, site)
                for (_, body) in (overrides ?? [:]).sorted(by: { $0.key < $1.key }) { partials(in: body, visit) }
            case .text, .variable, .contentType, .unsupported:
                break
            }
        }
    }

    public func hasTemplate(_ name: String) -> Bool { nodes[name] != nil }

    /// Compiles `name` for model type M: every name resolved now. Globals are the root-most context:
    /// e.g. ["t": uiStrings, "assets": assetURLs]; `{{t.key}}` becomes constant bytes.
    /// A name the model does not have, a UI string the globals lack, a missing partial: each is a
    /// diagnostic at its tag, and the result is nil.
    public func compile<M: TemplateModel>(
        _ name: String, for model: M.Type, globals: [String: [String: String]], diagnostics: inout Diagnostics
    ) -> CompiledTemplate<M>? {
        guard let template = nodes[name] else {
            diagnostics.error(SourceLocation(file: file(name)), .missingTemplate(name))
            return nil
        }
        let compiler = Compiler(library: self, top: name, globals: globals)
        let context = CompileContext<M>(frames: [TypedFrame<M, M>(get: { $0 })], partials: [name])
        let emit = compiler.compile(template, context)
        diagnostics.append(contentsOf: compiler.diagnostics)
        if compiler.diagnostics.hasErrors { return nil }
        let size = Self.constantSize(template, library: self, depth: 0)
        return CompiledTemplate(emit: emit, capacity: max(4096, size * 2))
    }

    /// The bytes of text a template has, with its partials: a first guess at its output's size.
    static func constantSize(_ nodes: [Node], library: TemplateLibrary, depth: Int) -> Int {
        guard depth < 8 else { return 0 }
        var size = 0
        for node in nodes {
            switch node {
            case .text(let text): size += text.utf8.count
            case .section(_, _, let body, _), .blockExpansion(_, let body, _, _), .blockDefinition(_, let body, _):
                size += constantSize(body, library: library, depth: depth)
            case .partial(let name, _, let overrides, _):
                size += constantSize(library.nodes[name] ?? [], library: library, depth: depth + 1)
                for body in (overrides ?? [:]).values { size += constantSize(body, library: library, depth: depth) }
            case .variable: size += 16
            case .contentType, .unsupported: break
            }
        }
        return size
    }

    func location(_ site: TagSite) -> SourceLocation {
        Self.location(sources[site.template] ?? "", offset: site.offset, file: file(site.template))
    }

    /// Line and column (in Unicode scalars, both from 1) of a UTF-8 offset.
    static func location(_ text: String, offset: Int, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        let utf8 = text.utf8
        let end = utf8.index(utf8.startIndex, offsetBy: min(offset, utf8.count))
        for scalar in text.unicodeScalars[..<end] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

/// A template bound to a model type: renders without looking anything up.
public struct CompiledTemplate<M: TemplateModel>: Sendable {
    let emit: Emit<M>
    let capacity: Int

    public func render(_ model: M) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(capacity)
        emit(model, &buffer)
        return buffer
    }

    public func render(_ model: M, into buffer: inout [UInt8]) {
        emit(model, &buffer)
    }
}
