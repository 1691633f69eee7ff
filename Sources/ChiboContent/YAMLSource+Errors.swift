import ChiboModel
import ChiboSupport
import Yams

/// The text of a YAML document as libyaml counts it: lines from 1, columns in Unicode scalars from 1.
struct YAMLText {
    let text: String
    private let lineStarts: [String.UnicodeScalarView.Index]

    init(_ text: String) {
        self.text = text
        var starts = [text.unicodeScalars.startIndex]
        var index = text.unicodeScalars.startIndex
        while index < text.unicodeScalars.endIndex {
            let scalar = text.unicodeScalars[index]
            index = text.unicodeScalars.index(after: index)
            if scalar == "\n" { starts.append(index) }
        }
        lineStarts = starts
    }

    /// The scalars from `line`:`column` to the end of that line; empty past the end.
    func rest(line: Int, column: Int) -> Substring.UnicodeScalarView {
        let scalars = text.unicodeScalars
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return Substring.UnicodeScalarView() }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? scalars.index(before: lineStarts[line]) : scalars.endIndex
        guard let from = scalars.index(start, offsetBy: column - 1, limitedBy: end) else {
            return Substring.UnicodeScalarView()
        }
        return scalars[from..<end]
    }

    func scalar(line: Int, column: Int) -> Unicode.Scalar? { rest(line: line, column: column).first }

    /// The innermost `[` or `{` still open at the end of the text, for an error libyaml reports at the
    /// end.
    func unclosedBracket() -> (line: Int, column: Int, bracket: Character)? { scan().openBrackets.last }

    /// A quote left open: a quoted value that opens on one line and runs on until a quote of a later
    /// line (in a comment, in another value) ends it. With `line`, the one that explains an error
    /// libyaml reports there: it closes on that line or the one before, or it swallowed lines that
    /// read as YAML of their own (a comment, a `key:`, a `- ` item). Without, one that swallowed such
    /// lines in a document that parsed. The last one, if any.
    func quoteLeftOpen(before line: Int? = nil) -> (line: Int, column: Int, endLine: Int, quote: Unicode.Scalar)? {
        scan().quotes.last { quote in
            guard quote.line < quote.endLine else { return false }
            if let line {
                guard quote.endLine <= line else { return false }
                if quote.endLine >= line - 1 { return true }
            }
            return (quote.line + 1...quote.endLine).contains { looksLikeYAML(line: $0) }
        }
    }

    /// Whether a line reads as a line of YAML rather than text: after its indentation, a comment, a
    /// list item or a `key:`.
    private func looksLikeYAML(line: Int) -> Bool {
        let content = rest(line: line, column: 1).drop { $0 == " " || $0 == "\t" }
        guard let first = content.first else { return false }
        if first == "#" || (first == "-" && content.dropFirst().first == " ") { return true }
        guard let colon = content.firstIndex(of: ":") else { return false }
        let key = content[..<colon]
        let after = content[content.index(after: colon)...].first
        return (after == nil || after == " ") && !key.isEmpty
            && key.allSatisfy {
                $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-"
            }
    }

    /// What a walk over the text finds: the brackets still open at its end, and every quoted value
    /// with where it opens and the line where it closes (the last line when it never does). A bracket
    /// opens a flow collection, and a quote a quoted value, only where a value starts (after `: `,
    /// `- ` or at a line's start) or inside a flow collection; comments are skipped.
    private func scan() -> (
        openBrackets: [(line: Int, column: Int, bracket: Character)],
        quotes: [(line: Int, column: Int, endLine: Int, quote: Unicode.Scalar)]
    ) {
        var open: [(line: Int, column: Int, bracket: Character)] = []
        var quotes: [(line: Int, column: Int, endLine: Int, quote: Unicode.Scalar)] = []
        var quote: Unicode.Scalar?
        var line = 1
        var column = 0
        var previous: Unicode.Scalar = "\n"
        var valueStart = true
        var comment = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            column += 1
            defer { previous = scalar }
            if scalar == "\n" {
                line += 1
                column = 0
                comment = false
                valueStart = true
                continue
            }
            if comment { continue }
            if let open = quote {
                if open == "\"" && scalar == "\\" && index < scalars.count && scalars[index] != "\n" {
                    index += 1
                    column += 1
                } else if scalar == open {
                    if open == "'" && index < scalars.count && scalars[index] == "'" {
                        index += 1
                        column += 1
                    } else {
                        quote = nil
                        quotes[quotes.count - 1].endLine = line
                    }
                }
                continue
            }
            switch scalar {
            case " ", "\t":
                continue
            case "#" where previous == " " || previous == "\t" || previous == "\n":
                comment = true
            case "\"", "'":
                if valueStart || !open.isEmpty {
                    quote = scalar
                    quotes.append((line, column, line, scalar))
                }
            case "[", "{":
                if valueStart || !open.isEmpty {
                    open.append((line, column, Character(scalar)))
                    valueStart = true
                    continue
                }
            case "]", "}":
                if !open.isEmpty { open.removeLast() }
            case ",":
                valueStart = !open.isEmpty
                continue
            case ":", "-", "?":
                valueStart = index < scalars.count && (scalars[index] == " " || scalars[index] == "\n")
                continue
            default:
                break
            }
            valueStart = false
        }
        if quote != nil { quotes[quotes.count - 1].endLine = line }
        return (open, quotes)
    }
}

extension YAMLSource {
    /// The characters libyaml refuses (it allows tab, line ends, printable characters and U+0085), and
    /// the ones it reads as line ends where chibo counts none (U+0085, U+2028, U+2029): an error at each
    /// line that holds one, so that its line and column are right and the character is named.
    func controlCharacters(in text: String, diagnostics: inout Diagnostics) -> Bool {
        var line = 1
        var column = 0
        var reportedLine = 0
        var found = 0
        for scalar in text.unicodeScalars {
            column += 1
            if scalar == "\n" {
                line += 1
                column = 0
                continue
            }
            guard Self.isRefused(scalar) else { continue }
            found += 1
            guard line != reportedLine else { continue }
            reportedLine = line
            diagnostics.error(location(line: line, column: column), .refusedInYAML(scalar))
        }
        return found > 0
    }

    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isRefusedInText || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    static func quoteLeftOpenMessage(_ quote: Unicode.Scalar, endLine: Int) -> DiagnosticMessage {
        .yamlSyntax("quoteLeftOpen", [.count: .number(endLine), .value: .plain(String(quote))])
    }

    /// What an alias's `*` becomes in the probe: a private-use character, one character wide like `*`
    /// (libyaml counts columns in characters), that a plain scalar may start with.
    static let aliasMarker: Unicode.Scalar = "\u{E000}"

    /// The first alias (`*name`) of `text`, found without expanding any: the probe is `text` composed
    /// with every `*` turned into `aliasMarker`, so that each alias became a plain scalar where the text
    /// has `*` (a plain scalar cannot start with `*`, so no other scalar is taken for one). A syntax
    /// error of the probe is thrown: it is the text's own, at the same place.
    static func firstAlias(in text: String) throws -> (line: Int, column: Int, name: String)? {
        var probe = String.UnicodeScalarView()
        probe.append(contentsOf: text.unicodeScalars.lazy.map { $0 == "*" ? aliasMarker : $0 })
        let lines = YAMLText(text)
        do {
            guard let root = try Yams.compose(yaml: String(probe), .default, .default, YAMLSource.encoding) else {
                return nil
            }
            return firstAlias(in: root, text: lines)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context)
            where duplicates.contains(where: { $0.unicodeScalars.contains(aliasMarker) })
        {
            // The same alias twice as a key of one mapping.
            let name = aliasName(at: context.mark, text: lines) ?? ""
            return (context.mark.line, context.mark.column, name)
        }
    }

    /// The name of the alias whose `*` is at `mark`, or nil when no `*` is there.
    static func aliasName(at mark: Mark, text: YAMLText) -> String? {
        let rest = text.rest(line: mark.line, column: mark.column)
        guard rest.first == "*" else { return nil }
        let name = rest.dropFirst().prefix {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_"
        }
        return String(String.UnicodeScalarView(name))
    }

    static func firstAlias(in probe: Node, text: YAMLText) -> (line: Int, column: Int, name: String)? {
        switch probe {
        case .scalar(let scalar):
            guard scalar.style == .plain, scalar.string.unicodeScalars.first == aliasMarker, let mark = scalar.mark,
                let name = aliasName(at: mark, text: text)
            else { return nil }
            return (mark.line, mark.column, name)
        case .sequence(let sequence):
            for item in sequence {
                if let found = firstAlias(in: item, text: text) { return found }
            }
            return nil
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let found = firstAlias(in: key, text: text) ?? firstAlias(in: value, text: text) { return found }
            }
            return nil
        case .alias:
            return nil
        }
    }

    /// Where a libyaml error is and what to do about it, in the clerk's words: an unclosed quote or
    /// bracket at the place it opens, no library function names.
    static func describe(_ error: YamlError, text: YAMLText, lineOffset: Int) -> (
        line: Int, column: Int, message: DiagnosticMessage
    ) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return describe(context: context, problem: problem, mark: mark, text: text, lineOffset: lineOffset)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { Diagnostic.quoted($0, with: "`") }.joined(separator: ", ")
            return (context.mark.line, context.mark.column, .yamlSyntax("keysTwice", [.field: .plain(keys)]))
        case .reader(let problem, _, _, _):
            return (1, 1, invalid("\(problem)"))
        default:
            return (1, 1, invalid("\(error)"))
        }
    }

    /// `invalid YAML: ...` with libyaml's own words, for an error chibo has no words of its own for.
    static func invalid(_ problem: String, _ detail: (en: String, vi: String)? = nil) -> DiagnosticMessage {
        .yamlSyntax(
            "other", [.detail: .phrase(en: problem + (detail?.en ?? ""), vi: problem + (detail?.vi ?? ""))])
    }

    private static func describe(
        context: YamlError.Context?, problem: String, mark: Mark, text: YAMLText, lineOffset: Int
    ) -> (line: Int, column: Int, message: DiagnosticMessage) {
        let at = DiagnosticMessage.yamlPlace(line: mark.line + lineOffset, column: mark.column)
        let found = text.scalar(line: mark.line, column: mark.column)
        if context?.text != "while scanning a quoted scalar", let open = text.quoteLeftOpen(before: mark.line) {
            return (open.line, open.column, quoteLeftOpenMessage(open.quote, endLine: open.endLine + lineOffset))
        }
        switch (context?.text, problem) {
        case ("while scanning a quoted scalar", _):
            if let context, let quote = text.scalar(line: context.mark.line, column: context.mark.column) {
                let end: FieldValue =
                    problem.contains("document indicator")
                    ? .phrase(en: "a `---` line", vi: "một dòng `---`")
                    : .phrase(en: "the end of the YAML", vi: "cuối văn bản YAML")
                return (
                    context.mark.line, context.mark.column,
                    .yamlSyntax(
                        "quoteNeverClosed",
                        [.value: .plain(String(quote)), .other: end, .count: .number(mark.line + lineOffset)])
                )
            }
        case ("while parsing a flow sequence", let problem),
            ("while parsing a flow mapping", let problem)
        where problem.hasPrefix("did not find expected ',' or"):
            if let context {
                let (open, close) = context.text.hasSuffix("sequence") ? ("[", "]") : ("{", "}")
                return (
                    context.mark.line, context.mark.column,
                    .yamlSyntax("flowUnclosed", [.value: .code(open), .other: .code(close), .detail: at])
                )
            }
        case (_, "did not find expected node content"):
            if let open = text.unclosedBracket() {
                let close = open.bracket == "[" ? "]" : "}"
                return (
                    open.line, open.column,
                    .yamlSyntax(
                        "bracketUnclosed", [.value: .code(String(open.bracket)), .other: .code(close), .detail: at])
                )
            }
            return (mark.line, mark.column, .yamlSyntax("valueExpected"))
        case (_, let problem) where problem.hasPrefix("Maximum nesting level reached"):
            return (mark.line, mark.column, .yamlSyntax("tooDeep", [.count: .number(1000)]))
        case (_, "mapping values are not allowed in this context"):
            return (mark.line, mark.column, .yamlSyntax("colon"))
        case ("while scanning for the next token", _), (_, "found a tab character that violates indentation"),
            (_, "found a tab character where an indentation space is expected"):
            if found == "\t" {
                return (mark.line, mark.column, .yamlSyntax("tab"))
            }
            if let found {
                return (mark.line, mark.column, .yamlSyntax("cannotStart", [.value: .code(String(found))]))
            }
        case ("while scanning an alias", _), ("while scanning an anchor", _):
            let alias = context?.text.hasSuffix("alias") == true
            let place = context?.mark ?? mark
            return (
                place.line, place.column,
                .yamlSyntax(
                    "anchor",
                    [
                        .value: .code(alias ? "*" : "&"),
                        .detail: alias ? .phrase(en: "alias", vi: "bí danh") : .phrase(en: "anchor", vi: "neo"),
                    ])
            )
        case ("while parsing a quoted scalar", "found unknown escape character"):
            return (mark.line, mark.column, .yamlSyntax("escape"))
        case ("while parsing a block mapping", "did not find expected key") where found == "]" || found == "}":
            let bracket = found.map { String(Character($0)) } ?? ""
            return (
                mark.line, mark.column,
                .yamlSyntax("closesNothing", [.value: .code(bracket), .other: .code(bracket == "]" ? "[" : "{")])
            )
        case ("while parsing a block mapping", "did not find expected key"):
            var start: FieldValue = .phrase(en: "", vi: "")
            if let context {
                let line = context.mark.line + lineOffset
                start = .phrase(
                    en: " (the mapping starts at line \(line), column \(context.mark.column))",
                    vi: " (nhóm này bắt đầu ở dòng \(FieldValue.number(line).text(in: .vi)), cột "
                        + "\(FieldValue.number(context.mark.column).text(in: .vi)))")
            }
            return (mark.line, mark.column, .yamlSyntax("expectedKey", [.detail: start]))
        case ("while parsing a block collection", "did not find expected '-' indicator"):
            return (mark.line, mark.column, .yamlSyntax("expectedItem"))
        case ("while scanning a simple key", "could not find expected ':'"):
            let place = context?.mark ?? mark
            return (place.line, place.column, .yamlSyntax("noColon"))
        case ("expected a single document in the stream", _):
            return (mark.line, mark.column, .yamlSyntax("secondDocument"))
        default:
            break
        }
        let detail = context.map { context in
            let line = context.mark.line + lineOffset
            return (
                en: " (\(context.text), from line \(line), column \(context.mark.column))",
                vi: " (\(context.text), từ dòng \(FieldValue.number(line).text(in: .vi)), cột "
                    + "\(FieldValue.number(context.mark.column).text(in: .vi)))"
            )
        }
        return (mark.line, mark.column, invalid(problem, detail))
    }
}
