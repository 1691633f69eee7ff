import ChiboModel

/// The values a compiled template reads at render time: the innermost section's value and, by
/// pointer, the frames around it (alive for the whole call, never copied per row).
struct Scope<Value, Parent> {
    let pointer: UnsafePointer<Value>
    let parent: UnsafePointer<Parent>

    var value: Value { pointer.pointee }
}

/// Compiled output for a stack of type `S`.
typealias Emit<S> = @Sendable (S, inout [UInt8]) -> Void

/// One step of a compiled token list: constant bytes or code.
enum Op<S> {
    case bytes([UInt8])
    case code(Emit<S>)
}

/// A frame of the compile-time stack: how to reach its value from the runtime stack, and its fields.
protocol StackFrame<Stack>: Sendable {
    associatedtype Stack
    func lookup(_ name: String) -> FieldRef<Stack>?
    func pushed<E>(under: E.Type) -> any StackFrame<Scope<E, Stack>>
}

/// A field found in a frame, not yet resolved along the rest of a dotted name.
struct FieldRef<S> {
    var resolve: (ArraySlice<String>) -> Resolution<S>
}

struct TypedFrame<Stack, Value: TemplateModel>: StackFrame {
    let get: @Sendable (Stack) -> Value

    func lookup(_ name: String) -> FieldRef<Stack>? {
        guard let field = Value.templateFields.field(named: name) else { return nil }
        let get = self.get
        return FieldRef { rest in
            if rest.isEmpty, let direct = directRead(field, get) { return direct }
            return resolvePath(field, { Optional(get($0)) }, rest: rest)
        }
    }

    func pushed<E>(under: E.Type) -> any StackFrame<Scope<E, Stack>> {
        let get = self.get
        return TypedFrame<Scope<E, Stack>, Value>(get: { get($0.parent.pointee) })
    }
}

/// The innermost frame: its fields read in place from the scope, without copying the value first.
struct TopFrame<Value: TemplateModel, Parent>: StackFrame {
    typealias Stack = Scope<Value, Parent>

    func lookup(_ name: String) -> FieldRef<Stack>? {
        guard let field = Value.templateFields.field(named: name) else { return nil }
        return FieldRef { rest in
            if rest.isEmpty {
                switch field.kind {
                case .text(let read): return .text { read($0.pointer.pointee) }
                case .flag(let read): return .flag { read($0.pointer.pointee) }
                default: break
                }
            } else {
                switch field.kind {
                case .model(let nested), .optional(let nested): return inPlace(nested, rest: rest)
                default: break
                }
            }
            return resolvePath(field, { Optional($0.pointer.pointee) }, rest: rest)
        }
    }

    /// `part.field...`: the part read from the value in place.
    func inPlace<N: NestedTemplateField>(_ nested: N, rest: ArraySlice<String>) -> Resolution<Stack>
    where N.Model == Value {
        guard let next = rest.first, let field = N.Element.templateFields.field(named: next) else { return .unknown }
        return resolvePath(field, { nested.value(in: $0.pointer.pointee) }, rest: rest.dropFirst())
    }

    func pushed<E>(under: E.Type) -> any StackFrame<Scope<E, Stack>> {
        TypedFrame<Scope<E, Stack>, Value>(get: { $0.parent.pointee.pointer.pointee })
    }
}

/// A text or flag field read straight from its frame's value.
func directRead<S, V>(_ field: TemplateField<V>, _ get: @escaping @Sendable (S) -> V) -> Resolution<S>? {
    switch field.kind {
    case .text(let read): .text { read(get($0)) }
    case .flag(let read): .flag { read(get($0)) }
    default: nil
    }
}

/// What a name comes to: typed reads of the runtime stack, or a problem with the name.
enum Resolution<S> {
    case text(@Sendable (S) -> String?)
    case flag(@Sendable (S) -> Bool?)
    case nested(any NestedAccess<S>)
    case constant(String)
    /// The named part of the name is missing (an unknown field), or is the wrong kind.
    case unknown
    /// A value on the way is the wrong kind: what it is, and how many names follow it.
    case wrongKind(DiagnosticMessage.TemplateValueKind, remaining: Int)
}

enum NestedKind { case model, optional, list }

/// A model, optional or list read from the stack, with its element type for the section's body.
protocol NestedAccess<Stack> {
    associatedtype Stack
    associatedtype Element: TemplateModel
    var kind: NestedKind { get }
    /// The element of a model or optional; nil when absent (also through an absent optional before it).
    var one: @Sendable (Stack) -> Element? { get }
    /// The elements of a list; nil when a value before it in a dotted name is absent.
    var many: @Sendable (Stack) -> [Element]? { get }
}

struct Access<Stack, Element: TemplateModel>: NestedAccess {
    var kind: NestedKind
    var one: @Sendable (Stack) -> Element?
    var many: @Sendable (Stack) -> [Element]?
}

func resolvePath<S, V>(_ field: TemplateField<V>, _ get: @escaping @Sendable (S) -> V?, rest: ArraySlice<String>)
    -> Resolution<S>
{
    switch field.kind {
    case .text(let read):
        guard rest.isEmpty else { return .wrongKind(.text, remaining: rest.count) }
        return .text { get($0).map(read) }
    case .flag(let read):
        guard rest.isEmpty else {
            return .wrongKind(.flag, remaining: rest.count)
        }
        return .flag { get($0).map(read) }
    case .model(let nested):
        return step(nested, get, kind: .model, rest: rest)
    case .optional(let nested):
        return step(nested, get, kind: .optional, rest: rest)
    case .list(let nested):
        guard rest.isEmpty else {
            return .wrongKind(.list, remaining: rest.count)
        }
        return step(nested, get, kind: .list, rest: rest)
    }
}

func step<S, N: NestedTemplateField>(
    _ nested: N, _ get: @escaping @Sendable (S) -> N.Model?, kind: NestedKind, rest: ArraySlice<String>
) -> Resolution<S> {
    let one: @Sendable (S) -> N.Element? = { get($0).flatMap { nested.value(in: $0) } }
    guard let next = rest.first else {
        return .nested(
            Access<S, N.Element>(kind: kind, one: one, many: { get($0).map { nested.values(in: $0) } }))
    }
    guard let field = N.Element.templateFields.field(named: next) else { return .unknown }
    return resolvePath(field, one, rest: rest.dropFirst())
}

/// The compile-time state at a point of a template: the stack of model types, the content type, the
/// partial indentation, the block overrides in force, and the partials and blocks being expanded.
struct CompileContext<S> {
    var frames: [any StackFrame<S>]
    /// The top of the stack is an empty list, pushed by an inverted section: `{{.}}` cannot name it.
    var opaqueTop = false
    var topIsRoot = true
    var escaping = Escaping.characterHTML
    var indentation = ""
    var overrides: [String: [Node]] = [:]
    var partials: [String] = []
    var blocks: [String] = []
    /// How many sections, blocks and partials are open around this point, across templates.
    var depth = 0
    /// The tag that included the partial being compiled, if any.
    var includedAt: TagSite?

    func pushed<E: TemplateModel>(_: E.Type) -> CompileContext<Scope<E, S>> {
        var frames: [any StackFrame<Scope<E, S>>] = [TopFrame<E, S>()]
        for frame in self.frames { frames.append(frame.pushed(under: E.self)) }
        return CompileContext<Scope<E, S>>(
            frames: frames, opaqueTop: false, topIsRoot: false, escaping: escaping, indentation: indentation,
            overrides: overrides, partials: partials, blocks: blocks, depth: depth, includedAt: includedAt)
    }
}

/// Compiles templates of a library against a model type; collects every problem.
final class Compiler {
    let library: TemplateLibrary
    let top: String
    let globals: [String: [String: String]]
    var diagnostics = Diagnostics()
    var reported: Set<TagSite> = []
    /// How many nodes have been compiled for this page so far, partials counted each time they are
    /// included (they are compiled in place).
    var compiledNodes = 0

    init(library: TemplateLibrary, top: String, globals: [String: [String: String]]) {
        self.library = library
        self.top = top
        self.globals = globals
    }

    /// An error, once at a tag.
    func error(_ site: TagSite, _ message: DiagnosticMessage) {
        guard reported.insert(site).inserted else { return }
        diagnostics.error(library.location(site), message)
    }

    // MARK: names

    /// The dotted components of a name as swift-mustache splits it; empty for `.`.
    func components(_ name: String) -> [String] {
        name == "." ? [] : name.split(separator: ".").map(String.init)
    }

    func resolve<S>(_ name: String, _ context: CompileContext<S>, site: TagSite) -> Resolution<S>? {
        let parts = components(name)
        let leadingDot = name.first == "." && name != "."
        if parts.isEmpty || leadingDot {
            if context.opaqueTop {
                error(site, .invertedDot(name))
                return nil
            }
        }
        let candidates: [any StackFrame<S>] =
            leadingDot || parts.isEmpty ? Array(context.frames.prefix(1)) : context.frames
        let first = parts.first ?? "."
        for frame in candidates {
            if let ref = frame.lookup(first) {
                return checked(ref.resolve(parts.dropFirst()), name: name, site: site)
            }
        }
        if !parts.isEmpty, !leadingDot || context.topIsRoot, let table = globals[first] {
            guard parts.count > 1 else {
                error(site, .stringTableAsText(name, table: first))
                return nil
            }
            guard parts.count == 2 else {
                error(site, .throughTableString(name, string: "\(parts[0]).\(parts[1])"))
                return nil
            }
            guard let value = table[parts[1]] else {
                if first == "t" {
                    error(site, .missingUIString(parts[1]))
                } else {
                    error(site, .unknownTemplateName(name, page: top))
                }
                return nil
            }
            return .constant(value)
        }
        if parts.isEmpty {
            error(site, .dotIsModel(name))
            return nil
        }
        error(site, .unknownTemplateName(name, page: top))
        return nil
    }

    func checked<S>(_ resolution: Resolution<S>, name: String, site: TagSite) -> Resolution<S>? {
        switch resolution {
        case .unknown:
            error(site, .unknownTemplateName(name, page: top))
            return nil
        case .wrongKind(let what, let remaining):
            let parts = components(name)
            let through = parts.prefix(max(parts.count - remaining, 1)).joined(separator: ".")
            error(site, .goesThrough(name, through, which: what))
            return nil
        default:
            return resolution
        }
    }

    // MARK: token lists

    func compile<S>(_ nodes: [Node], _ context: CompileContext<S>) -> Emit<S> {
        var context = context
        var ops: [Op<S>] = []
        for node in nodes {
            compiledNodes += 1
            if compiledNodes > TemplateLibrary.maxCompiledNodes {
                if compiledNodes == TemplateLibrary.maxCompiledNodes + 1,
                    let site = context.includedAt ?? Self.firstSite(nodes)
                {
                    error(site, .templateTooLarge(page: top, limit: TemplateLibrary.maxCompiledNodes))
                }
                break
            }
            if let site = Self.nestingSite(node), context.depth >= TemplateLibrary.maxDepth {
                error(site, .templateTooDeepToCompile(levels: TemplateLibrary.maxDepth))
                continue
            }
            switch node {
            case .text(let text):
                ops.append(.bytes(Array(text.utf8)))
            case .contentType(let escaping):
                context.escaping = escaping
            case .unsupported, .blockDefinition:
                break
            case .variable(let name, let escaped, let site):
                if let op = variable(name, escaped: escaped, context, site: site) { ops.append(op) }
            case .section(let name, let inverted, let body, let site):
                var inner = context
                inner.depth += 1
                if let op = section(name, inverted: inverted, body: body, inner, site: site) { ops.append(op) }
            case .blockExpansion(let name, let body, let indentation, let site):
                var inner = context
                inner.depth += 1
                inner.indentation += indentation
                if let override = context.overrides[name] {
                    guard !context.blocks.contains(name) else {
                        error(site, .blockInItsOverride(name))
                        continue
                    }
                    inner.blocks.append(name)
                    ops.append(.code(compile(override, inner)))
                } else {
                    ops.append(.code(compile(body, inner)))
                }
            case .partial(let name, let indentation, let overrides, let site):
                guard let partial = library.nodes[name] else {
                    error(site, .missingPartial(name))
                    continue
                }
                guard !context.partials.contains(name) else {
                    error(site, .recursivePartial(name, chain: Array(context.partials.drop { $0 != name }) + [name]))
                    continue
                }
                var inner = context
                inner.depth += 1
                inner.includedAt = site
                inner.partials.append(name)
                inner.escaping = .characterHTML
                if let indentation { inner.indentation += indentation }
                if let overrides { inner.overrides.merge(overrides) { existing, _ in existing } }
                ops.append(.code(compile(partial, inner)))
            }
        }
        return Self.level(ops, indentation: context.indentation)
    }

    /// The first tag among `nodes`, to report a problem of the list at.
    static func firstSite(_ nodes: [Node]) -> TagSite? {
        for node in nodes {
            switch node {
            case .variable(_, _, let site), .section(_, _, _, let site), .blockDefinition(_, _, let site),
                .blockExpansion(_, _, _, let site), .partial(_, _, _, let site):
                return site
            case .text, .contentType, .unsupported: continue
            }
        }
        return nil
    }

    /// The tag of a node that nests a template's nodes in another level of compiling (and rendering).
    static func nestingSite(_ node: Node) -> TagSite? {
        switch node {
        case .section(_, _, _, let site), .blockExpansion(_, _, _, let site), .partial(_, _, _, let site): site
        case .text, .variable, .blockDefinition, .contentType, .unsupported: nil
        }
    }

    /// One template render of swift-mustache: its tokens in order, and, in an indented partial, the
    /// indentation before each token that has output and follows a line end of this render's output.
    static func level<S>(_ ops: [Op<S>], indentation: String) -> Emit<S> {
        if indentation.isEmpty {
            var merged: [Op<S>] = []
            for op in ops {
                if case .bytes(let next) = op, case .bytes(let previous) = merged.last {
                    merged[merged.count - 1] = .bytes(previous + next)
                } else {
                    merged.append(op)
                }
            }
            var emits: [Emit<S>] = []
            for op in merged {
                switch op {
                case .bytes(let bytes):
                    if !bytes.isEmpty { emits.append { _, out in out.append(contentsOf: bytes) } }
                case .code(let emit):
                    emits.append(emit)
                }
            }
            let all = emits
            switch all.count {
            case 0: return { _, _ in }
            case 1: return all[0]
            default: return { s, out in for emit in all { emit(s, &out) } }
            }
        }
        let indent = Array(indentation.utf8)
        return { s, out in
            let start = out.count
            for op in ops {
                // swift-mustache: `string.last == "\n"`, a lone line feed (not "\r\n") ends this output.
                let count = out.count
                let atLineStart =
                    count > start && out[count - 1] == 0x0A && !(count - 1 > start && out[count - 2] == 0x0D)
                switch op {
                case .bytes(let bytes):
                    if atLineStart, !bytes.isEmpty { out.append(contentsOf: indent) }
                    out.append(contentsOf: bytes)
                case .code(let emit):
                    emit(s, &out)
                    if atLineStart, out.count > count { out.insert(contentsOf: indent, at: count) }
                }
            }
        }
    }

    // MARK: tags

    func variable<S>(_ name: String, escaped: Bool, _ context: CompileContext<S>, site: TagSite) -> Op<S>? {
        guard let resolution = resolve(name, context, site: site) else { return nil }
        let escaping = escaped ? context.escaping : .none
        switch resolution {
        case .constant(let value):
            var bytes: [UInt8] = []
            appendEscaped(value, escaping, to: &bytes)
            return .bytes(bytes)
        case .text(let read):
            return .code { s, out in if let text = read(s) { appendEscaped(text, escaping, to: &out) } }
        case .flag:
            error(site, .flagAsText(name))
        case .nested(let access):
            return nestedText(access, name: name, escaping: escaping, site: site)
        case .unknown, .wrongKind:
            break
        }
        return nil
    }

    func nestedText<A: NestedAccess>(_ access: A, name: String, escaping: Escaping, site: TagSite) -> Op<A.Stack>? {
        guard access.kind != .list else {
            error(site, .listAsText(name))
            return nil
        }
        guard let dot = A.Element.templateFields.field(named: "."), case .text(let read) = dot.kind else {
            error(site, .modelAsText(name, optional: access.kind != .model))
            return nil
        }
        let one = access.one
        return .code { s, out in if let value = one(s) { appendEscaped(read(value), escaping, to: &out) } }
    }

    func section<S>(_ name: String, inverted: Bool, body: [Node], _ context: CompileContext<S>, site: TagSite)
        -> Op<S>?
    {
        guard let resolution = resolve(name, context, site: site) else { return nil }
        switch resolution {
        case .constant, .text:
            error(site, .textAsSection(name, inverted: inverted))
            return nil
        case .flag(let read):
            let emit = compile(body, context)
            if inverted {
                return .code { s, out in if read(s) != true { emit(s, &out) } }
            }
            return .code { s, out in if read(s) == true { emit(s, &out) } }
        case .nested(let access):
            return nestedSection(access, inverted: inverted, body: body, context)
        case .unknown, .wrongKind:
            return nil
        }
    }

    func nestedSection<A: NestedAccess>(
        _ access: A, inverted: Bool, body: [Node], _ context: CompileContext<A.Stack>
    ) -> Op<A.Stack> {
        typealias S = A.Stack
        if inverted {
            var inner = context
            if access.kind == .list {
                inner.opaqueTop = true
                inner.topIsRoot = false
                let many = access.many
                let emit = compile(body, inner)
                return .code { s, out in if many(s)?.isEmpty ?? true { emit(s, &out) } }
            }
            let one = access.one
            let emit = compile(body, inner)
            return .code { s, out in if one(s) == nil { emit(s, &out) } }
        }
        let emit = compile(body, context.pushed(A.Element.self))
        if access.kind == .list {
            let many = access.many
            return .code { s, out in
                guard let items = many(s), !items.isEmpty else { return }
                withUnsafePointer(to: s) { parent in
                    items.withUnsafeBufferPointer { buffer in
                        guard let base = buffer.baseAddress else { return }
                        for index in 0..<buffer.count { emit(Scope(pointer: base + index, parent: parent), &out) }
                    }
                }
            }
        }
        let one = access.one
        return .code { s, out in
            guard let value = one(s) else { return }
            withUnsafePointer(to: s) { parent in
                withUnsafePointer(to: value) { pointer in emit(Scope(pointer: pointer, parent: parent), &out) }
            }
        }
    }
}
