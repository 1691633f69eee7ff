// The template parser: a port of swift-mustache 2.x's (Parser.swift, Template+Parser.swift, Apache-2.0,
// the Hummingbird authors), step for step and on the same `Character`s, so that the text around tags
// (standalone lines, indentation, the inheritance indent) comes out exactly as that library makes it.
// It differs only in what it keeps: where each tag starts, and chibo's unsupported features as
// diagnostics rather than tokens.

import ChiboModel

/// Where a tag starts: a template and the UTF-8 offset of its `{{`.
struct TagSite: Sendable, Hashable {
    var template: String
    var offset: Int
}

/// How a variable's text is escaped: swift-mustache's default (HTML, per `Character`), the theme's
/// `{{% CONTENT_TYPE: HTML }}` (byte-wise, the same five characters) or `TEXT` (not at all).
enum Escaping: Sendable, Hashable {
    case characterHTML
    case byteHTML
    case none
}

/// A parsed template, as swift-mustache's tokens.
indirect enum Node: Sendable {
    case text(String)
    case variable(name: String, escaped: Bool, site: TagSite)
    case section(name: String, inverted: Bool, body: [Node], site: TagSite)
    case blockDefinition(name: String, body: [Node], site: TagSite)
    case blockExpansion(name: String, body: [Node], indentation: String, site: TagSite)
    case partial(name: String, indentation: String?, overrides: [String: [Node]]?, site: TagSite)
    case contentType(Escaping)
    /// A tag chibo does not support; its diagnostic is already made.
    case unsupported
}

struct ParseFailure: Error {
    var message: DiagnosticMessage
    var offset: Int
}

enum SyntaxError: Error {
    case overflow
    case sectionCloseNameIncorrect
    case unfinishedName
    case expectedSectionEnd
    case invalidSetDelimiter
    case transformAppliedToInheritanceSection
    case illegalTokenInsideInheritSection
    case invalidConfigVariableSyntax
    /// Sections, blocks and parents nested past `TemplateParser.maxDepth`.
    case tooDeep

    var message: DiagnosticMessage {
        switch self {
        case .overflow: .templateSyntax("endsInTag")
        case .sectionCloseNameIncorrect: .templateSyntax("closeName")
        case .unfinishedName: .templateSyntax("unfinishedName")
        case .expectedSectionEnd: .templateSyntax("sectionEnd")
        case .invalidSetDelimiter: .templateSyntax("setDelimiter")
        case .transformAppliedToInheritanceSection: .templateSyntax("blockTransform")
        case .illegalTokenInsideInheritSection: .templateSyntax("parentBody")
        case .invalidConfigVariableSyntax: .templateSyntax("pragma")
        case .tooDeep: .templateTooDeepToParse(levels: TemplateParser.maxDepth)
        }
    }
}

/// A cursor over a template's `Character`s, as swift-mustache's `Parser`.
struct Reader {
    let buffer: String
    var position: String.Index

    init(_ buffer: String) {
        self.buffer = buffer
        self.position = buffer.startIndex
    }

    var offset: Int { buffer.utf8.distance(from: buffer.startIndex, to: position) }

    func reachedEnd() -> Bool { position == buffer.endIndex }

    func current() -> Character { reachedEnd() ? "\0" : buffer[position] }

    mutating func advance() { position = buffer.index(after: position) }

    mutating func retreat() { position = buffer.index(before: position) }

    mutating func character() throws(SyntaxError) -> Character {
        guard !reachedEnd() else { throw .overflow }
        let c = buffer[position]
        advance()
        return c
    }

    mutating func read(_ char: Character) throws(SyntaxError) -> Bool {
        let c = try character()
        guard c == char else {
            retreat()
            return false
        }
        return true
    }

    mutating func read(string: String) throws(SyntaxError) -> Bool {
        let initial = position
        guard !string.isEmpty else { return true }
        guard let end = buffer.index(position, offsetBy: string.count, limitedBy: buffer.endIndex) else {
            throw .overflow
        }
        position = end
        guard buffer[initial..<end] == string else {
            position = initial
            return false
        }
        return true
    }

    mutating func read(until set: Set<Character>, throwOnOverflow: Bool = true) throws(SyntaxError) -> Substring {
        try read(until: { set.contains($0) }, throwOnOverflow: throwOnOverflow)
    }

    mutating func read(until test: (Character) -> Bool, throwOnOverflow: Bool = true) throws(SyntaxError)
        -> Substring
    {
        let start = position
        while !reachedEnd() {
            if test(buffer[position]) { return buffer[start..<position] }
            advance()
        }
        if throwOnOverflow {
            position = start
            throw .overflow
        }
        return buffer[start..<position]
    }

    mutating func read(untilString: String, skipToEnd: Bool) throws(SyntaxError) -> Substring {
        guard !untilString.isEmpty else { return "" }
        let start = position
        var found = position
        var untilIndex = untilString.startIndex
        while !reachedEnd() {
            if buffer[position] == untilString[untilIndex] {
                if untilIndex == untilString.startIndex { found = position }
                untilIndex = untilString.index(after: untilIndex)
                if untilIndex == untilString.endIndex {
                    advance()
                    if !skipToEnd { position = found }
                    return buffer[start..<found]
                }
            } else {
                untilIndex = untilString.startIndex
            }
            advance()
        }
        position = start
        throw .overflow
    }

    @discardableResult mutating func read(while test: (Character) -> Bool) -> Substring {
        let start = position
        while !reachedEnd(), test(buffer[position]) { advance() }
        return buffer[start..<position]
    }

    @discardableResult mutating func read(while set: Set<Character>) -> Substring {
        read(while: { set.contains($0) })
    }
}

struct ParserState {
    var sectionName: String?
    var sectionTransforms: [String] = []
    var newLine = true
    var isPartialDefinition = false
    var isPartialDefinitionTopLevel = false
    var startDelimiter = "{{"
    var endDelimiter = "}}"
    var partialDefinitionIndent: Substring?

    func withSectionName(_ name: String, newLine: Bool, transforms: [String] = []) -> ParserState {
        var value = self
        value.sectionName = name
        value.sectionTransforms = transforms
        value.isPartialDefinitionTopLevel = false
        if !newLine { value.newLine = false }
        return value
    }

    func withInheritancePartial(_ name: String) -> ParserState {
        var value = self
        value.sectionName = name
        value.sectionTransforms = []
        value.newLine = true
        value.isPartialDefinition = true
        value.isPartialDefinitionTopLevel = true
        return value
    }

    func withDelimiters(start: String, end: String) -> ParserState {
        var value = self
        value.startDelimiter = start
        value.endDelimiter = end
        value.isPartialDefinitionTopLevel = false
        return value
    }
}

/// An unsupported feature found while parsing: where, and what to say.
struct Unsupported {
    var offset: Int
    var message: DiagnosticMessage
}

struct TemplateParser {
    let template: String
    var unsupported: [Unsupported] = []
    /// How many sections, blocks and parents are open where the parser stands.
    var depth = 0

    /// How deep sections (`{{#a}}`, `{{^a}}`), blocks (`{{$a}}`) and parents (`{{<a}}`) may nest in
    /// one template: a theme nests a few, and each level is a frame of the parser's (and the
    /// compiler's, and the renderer's) recursion, so 20,000 of them would overflow the stack.
    static let maxDepth = 100

    static let sectionNameCharsWithoutBrackets = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    static let sectionNameChars = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    static let partialNameChars = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
    static let sequenceNames: Set<String> = ["first", "last", "index", "even", "odd"]

    /// Parses a whole template: its nodes, or the syntax error and where the parser stood.
    static func parse(_ text: String, name: String) -> (nodes: [Node]?, failure: ParseFailure?, [Unsupported]) {
        var parser = TemplateParser(template: name)
        var reader = Reader(text)
        do {
            let nodes = try parser.parse(&reader, state: ParserState())
            return (nodes, nil, parser.unsupported)
        } catch {
            return (
                nil, ParseFailure(message: error.message, offset: reader.offset), parser.unsupported
            )
        }
    }

    func site(_ reader: Reader, tagStart: String.Index) -> TagSite {
        TagSite(template: template, offset: reader.buffer.utf8.distance(from: reader.buffer.startIndex, to: tagStart))
    }

    /// The body of a section, block or parent whose tag starts at `tagStart`: an error there when it
    /// would nest past `maxDepth`.
    mutating func parse(_ parser: inout Reader, nestedAt tagStart: String.Index, state: ParserState)
        throws(SyntaxError) -> [Node]
    {
        guard depth < Self.maxDepth else {
            parser.position = tagStart
            throw .tooDeep
        }
        depth += 1
        defer { depth -= 1 }
        return try parse(&parser, state: state)
    }

    mutating func parse(_ parser: inout Reader, state initial: ParserState) throws(SyntaxError) -> [Node] {
        var tokens: [Node] = []
        var state = initial
        var whiteSpaceBefore: Substring = ""
        while !parser.reachedEnd() {
            if state.newLine {
                let whiteSpace = parser.read(while: Set(" \t"))
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = whiteSpace.dropFirst(indent.count)
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilDelimiterOrNewline(&parser, state: state)
            if parser.current().isNewline {
                tokens.append(.text(String(whiteSpaceBefore) + text + String(parser.current())))
                state.newLine = true
                parser.advance()
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(String(whiteSpaceBefore) + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if parser.reachedEnd() { break }
            let tagStart = parser.buffer.index(
                parser.position, offsetBy: -state.startDelimiter.count, limitedBy: parser.buffer.startIndex)
            let tagIndex = tagStart ?? parser.buffer.startIndex
            let site = site(parser, tagStart: tagIndex)
            var setNewLine = false
            switch parser.current() {
            case "#", "^":
                let inverted = parser.current() == "^"
                parser.advance()
                let (name, transforms) = try parseName(&parser, state: state)
                if isStandalone(&parser, state: state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
                let body = try parse(
                    &parser, nestedAt: tagIndex,
                    state: state.withSectionName(name, newLine: setNewLine, transforms: transforms))
                if noteTransforms(name, transforms, site) {
                    tokens.append(.unsupported)
                } else {
                    tokens.append(.section(name: name, inverted: inverted, body: body, site: site))
                }

            case "/":
                parser.advance()
                let position = parser.position
                let (name, transforms) = try parseName(&parser, state: state)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    parser.position = position
                    throw .sectionCloseNameIncorrect
                }
                if isStandalone(&parser, state: state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
                return tokens

            case "!":
                parser.advance()
                _ = try parser.read(untilString: state.endDelimiter, skipToEnd: true)
                setNewLine = isStandalone(&parser, state: state)

            case "{", "&":
                let triple = parser.current() == "{"
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
                parser.advance()
                let (name, transforms) = try parseName(&parser, state: state)
                if triple {
                    guard try parser.read("}") else { throw .unfinishedName }
                }
                if noteTransforms(name, transforms, site) {
                    tokens.append(.unsupported)
                } else {
                    tokens.append(.variable(name: name, escaped: false, site: site))
                }

            case ">":
                parser.advance()
                parser.read(while: \.isWhitespace)
                var dynamic = false
                if parser.current() == "*" {
                    parser.advance()
                    dynamic = true
                }
                let name = try parsePartialName(&parser, state: state)
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(String(whiteSpaceBefore)))
                }
                let standalone = isStandalone(&parser, state: state)
                if standalone { setNewLine = true }
                if dynamic {
                    unsupported.append(Unsupported(offset: site.offset, message: .dynamicPartial(name, parent: false)))
                    tokens.append(.unsupported)
                } else {
                    tokens.append(
                        .partial(
                            name: name, indentation: standalone ? String(whiteSpaceBefore) : nil, overrides: nil,
                            site: site))
                }
                whiteSpaceBefore = ""

            case "<":
                parser.advance()
                parser.read(while: \.isWhitespace)
                let sectionName = try parsePartialName(&parser, state: state)
                let dynamic = sectionName.first == "*"
                let name = dynamic ? String(sectionName.dropFirst()) : sectionName
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(String(whiteSpaceBefore)))
                }
                if isStandalone(&parser, state: state) { setNewLine = true }
                let body = try parse(&parser, nestedAt: tagIndex, state: state.withInheritancePartial(sectionName))
                var overrides: [String: [Node]] = [:]
                for token in body {
                    switch token {
                    case .blockDefinition(let name, let body, _): overrides[name] = body
                    case .text, .unsupported: break
                    default: throw .illegalTokenInsideInheritSection
                    }
                }
                if dynamic {
                    unsupported.append(Unsupported(offset: site.offset, message: .dynamicPartial(name, parent: true)))
                    tokens.append(.unsupported)
                } else {
                    tokens.append(
                        .partial(name: name, indentation: String(whiteSpaceBefore), overrides: overrides, site: site))
                }
                whiteSpaceBefore = ""

            case "$":
                parser.advance()
                let (name, transforms) = try parseName(&parser, state: state)
                guard transforms.isEmpty else { throw .transformAppliedToInheritanceSection }
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(&parser, state: state) { setNewLine = true }
                    let body = try parse(
                        &parser, nestedAt: tagIndex, state: state.withSectionName(name, newLine: setNewLine))
                    tokens.append(.blockDefinition(name: name, body: body, site: site))
                } else {
                    if !whiteSpaceBefore.isEmpty {
                        tokens.append(.text(String(whiteSpaceBefore)))
                    }
                    if isStandalone(&parser, state: state) { setNewLine = true }
                    let body = try parse(
                        &parser, nestedAt: tagIndex, state: state.withSectionName(name, newLine: setNewLine))
                    tokens.append(
                        .blockExpansion(name: name, body: body, indentation: String(whiteSpaceBefore), site: site))
                    whiteSpaceBefore = ""
                }

            case "=":
                parser.advance()
                state = try parseSetDelimiter(&parser, state: state)
                unsupported.append(Unsupported(offset: site.offset, message: .setDelimiters))
                setNewLine = isStandalone(&parser, state: state)

            case "%":
                parser.advance()
                if let token = try readConfigVariable(&parser, state: state, site: site) {
                    tokens.append(token)
                }
                setNewLine = isStandalone(&parser, state: state)

            default:
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
                let (name, transforms) = try parseName(&parser, state: state)
                if noteTransforms(name, transforms, site) {
                    tokens.append(.unsupported)
                } else {
                    tokens.append(.variable(name: name, escaped: true, site: site))
                }
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw .expectedSectionEnd }
        return tokens
    }

    /// Records a tag with transforms (`{{f(x)}}`, `{{index()}}`) as unsupported; true if it had any.
    mutating func noteTransforms(_ name: String, _ transforms: [String], _ site: TagSite) -> Bool {
        guard !transforms.isEmpty else { return false }
        let call = transforms.reduce(name) { "\($1)(\($0))" }
        let sequence = name.isEmpty && transforms.count == 1 && Self.sequenceNames.contains(transforms[0])
        unsupported.append(Unsupported(offset: site.offset, message: .transform(call, sequence: sequence)))
        return true
    }

    func readUntilDelimiterOrNewline(_ parser: inout Reader, state: ParserState) throws(SyntaxError) -> String {
        var untilSet: Set<Character> = ["\n", "\r\n"]
        guard let first = state.startDelimiter.first else { return "" }
        var total = ""
        untilSet.insert(first)
        while !parser.reachedEnd() {
            let text = try parser.read(until: untilSet, throwOnOverflow: false)
            total += text
            if parser.current().isNewline {
                break
            } else if parser.current() == first {
                if try parser.read(string: state.startDelimiter) { break }
                total += String(first)
                parser.advance()
            }
        }
        return total
    }

    func parseName(_ parser: inout Reader, state: ParserState) throws(SyntaxError) -> (String, [String]) {
        parser.read(while: \.isWhitespace)
        let text = String(parser.read(while: Self.sectionNameChars))
        parser.read(while: \.isWhitespace)
        guard try parser.read(string: state.endDelimiter) else { throw .unfinishedName }
        var nameParser = Reader(text)
        let string = nameParser.read(while: Self.sectionNameCharsWithoutBrackets)
        if nameParser.reachedEnd() { return (text, []) }
        guard nameParser.current() == "(" else { throw .unfinishedName }
        nameParser.advance()
        var transforms: [Substring] = [string]
        while true {
            let name = nameParser.read(while: Self.sectionNameCharsWithoutBrackets)
            switch nameParser.current() {
            case ")":
                nameParser.advance()
                var closing = 0
                while !nameParser.reachedEnd(), nameParser.current() == ")" {
                    nameParser.advance()
                    closing += 1
                }
                guard closing + 1 == transforms.count, nameParser.reachedEnd() else { throw .unfinishedName }
                return (String(name), transforms.map(String.init))
            case "(":
                nameParser.advance()
                transforms.append(name)
            default:
                throw .unfinishedName
            }
        }
    }

    func parsePartialName(_ parser: inout Reader, state: ParserState) throws(SyntaxError) -> String {
        parser.read(while: \.isWhitespace)
        let text = String(parser.read(while: Self.partialNameChars))
        parser.read(while: \.isWhitespace)
        guard try parser.read(string: state.endDelimiter) else { throw .unfinishedName }
        return text
    }

    func parseSetDelimiter(_ parser: inout Reader, state: ParserState) throws(SyntaxError) -> ParserState {
        let start: Substring
        let end: Substring
        do {
            parser.read(while: \.isWhitespace)
            start = try parser.read(until: \.isWhitespace)
            parser.read(while: \.isWhitespace)
            end = try parser.read(until: { $0 == "=" || $0.isWhitespace })
            parser.read(while: \.isWhitespace)
        } catch {
            throw .invalidSetDelimiter
        }
        guard try parser.read("=") else { throw .invalidSetDelimiter }
        guard try parser.read(string: state.endDelimiter) else { throw .invalidSetDelimiter }
        guard !start.isEmpty, !end.isEmpty else { throw .invalidSetDelimiter }
        return state.withDelimiters(start: String(start), end: String(end))
    }

    mutating func readConfigVariable(_ parser: inout Reader, state: ParserState, site: TagSite) throws(SyntaxError)
        -> Node?
    {
        let variable: Substring
        let value: Substring
        do {
            parser.read(while: \.isWhitespace)
            variable = parser.read(while: Self.sectionNameCharsWithoutBrackets)
            parser.read(while: \.isWhitespace)
            guard try parser.read(":") else { throw SyntaxError.invalidConfigVariableSyntax }
            parser.read(while: \.isWhitespace)
            value = parser.read(while: Self.sectionNameCharsWithoutBrackets)
            parser.read(while: \.isWhitespace)
            guard try parser.read(string: state.endDelimiter) else { throw SyntaxError.invalidConfigVariableSyntax }
        } catch {
            throw .invalidConfigVariableSyntax
        }
        guard !variable.isEmpty, !value.isEmpty else { throw .invalidConfigVariableSyntax }
        switch (variable, value) {
        case ("CONTENT_TYPE", "HTML"): return .contentType(.byteHTML)
        case ("CONTENT_TYPE", "TEXT"): return .contentType(.none)
        case ("CONTENT_TYPE", _):
            unsupported.append(Unsupported(offset: site.offset, message: .unknownContentType(String(value))))
            return .unsupported
        default:
            unsupported.append(Unsupported(offset: site.offset, message: .unknownPragma(String(variable))))
            return .unsupported
        }
    }

    func hasLineFinished(_ parser: inout Reader) -> Bool {
        if parser.reachedEnd() { return true }
        var lookahead = parser
        lookahead.read(while: Set(" \t"))
        if lookahead.current().isNewline {
            lookahead.advance()
            parser.position = lookahead.position
            return true
        }
        return false
    }

    func isStandalone(_ parser: inout Reader, state: ParserState) -> Bool {
        state.newLine && hasLineFinished(&parser)
    }
}
