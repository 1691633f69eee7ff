import ChiboModel
import ChiboSupport
import Yams

/// A YAML document parsed with positions, and typed access to its values that reports
/// every problem as a diagnostic at the value's line and column.
struct YAMLSource {
    let file: String
    /// Added to YAML line numbers, for front matter that starts below line 1.
    let lineOffset: Int

    /// Parses `source` (CRLF and CR line ends read as LF); a syntax error, a control character or an
    /// alias becomes a diagnostic and the result is nil. Aliases are refused before the document is
    /// composed, so that a "billion laughs" file costs no more than its size.
    func parse(_ source: String, diagnostics: inout Diagnostics) -> Node? {
        let text = SourceText.normalizingLineEnds(source)
        if controlCharacters(in: text, diagnostics: &diagnostics) { return nil }
        do {
            if text.utf8.contains(UInt8(ascii: "*")), let alias = try Self.firstAlias(in: text) {
                diagnostics.error(
                    location(line: alias.line, column: alias.column), .yamlAlias(alias.name))
                return nil
            }
            let root = try Yams.compose(yaml: text, .default, .default, Self.encoding)
            // A quote left open that a later quote closes may still parse, as one long value.
            if let open = YAMLText(text).quoteLeftOpen() {
                diagnostics.error(
                    location(line: open.line, column: open.column),
                    Self.quoteLeftOpenMessage(open.quote, endLine: open.endLine + lineOffset))
                return nil
            }
            return root
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping(let duplicates, let context) = error, let key = duplicates.first,
                let place = Self.secondOccurrence(of: key, in: text, from: context.mark.line)
            {
                diagnostics.error(
                    location(line: place.line, column: place.column), .duplicateKey(key))
                return nil
            }
            let (line, column, message) = Self.describe(error, text: YAMLText(text), lineOffset: lineOffset)
            diagnostics.error(location(line: line, column: column), message)
        } catch {
            diagnostics.error(location(line: 1, column: 1), Self.invalid("\(error)"))
        }
        return nil
    }

    /// The encoding Yams hands the text to libyaml in. Given, not left to Yams's `.default`, which reads
    /// the whole process environment (for `YAMS_DEFAULT_ENCODING`) at every parse: 350,000 instructions
    /// a call, as much as parsing a guidance page's front matter (callgrind, 2,000-page corpus). Swift
    /// strings are UTF-8, which is what `.default` chooses when that variable is unset.
    static var encoding: Parser.Encoding { .utf8 }

    /// Where a mapping repeats `key`: the second line, from `line` on, that starts with `key:`.
    static func secondOccurrence(of key: String, in text: String, from line: Int) -> (line: Int, column: Int)? {
        var seen = 0
        for (index, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where index + 1 >= line {
            let indent = content.prefix { $0 == " " || $0 == "-" }
            let rest = content.dropFirst(indent.count)
            let unquoted = rest.hasPrefix("\"" + key + "\"") || rest.hasPrefix("'" + key + "'")
            guard rest.hasPrefix(key + ":") || rest.hasPrefix(key + " :") || unquoted else { continue }
            seen += 1
            if seen == 2 { return (index + 1, indent.count + 1) }
        }
        return nil
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: column)
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return location(line: 1, column: 1) }
        return location(line: mark.line, column: mark.column)
    }

    /// The pairs of a mapping, or an error naming what was expected: `what`, a key or a file's name,
    /// is written the same in both languages.
    func mapping(_ node: Node?, _ what: String, diagnostics: inout Diagnostics) -> [(
        key: String, keyNode: Node, value: Node
    )]? {
        mapping(node, (what, what), diagnostics: &diagnostics)
    }

    /// The pairs of a mapping, or an error naming what was expected, `what` in both languages.
    func mapping(_ node: Node?, _ what: (en: String, vi: String), diagnostics: inout Diagnostics) -> [(
        key: String, keyNode: Node, value: Node
    )]? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            diagnostics.error(location(node), .wrongShape("mapping", what: what))
            return nil
        }
        var pairs: [(key: String, keyNode: Node, value: Node)] = []
        var seen: Set<String> = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            if !seen.insert(name).inserted {
                diagnostics.error(location(key), .duplicateKey(name, short: true))
                continue
            }
            pairs.append((name, key, value))
        }
        return pairs
    }

    func string(_ node: Node, key: String, diagnostics: inout Diagnostics) -> String? {
        guard case .scalar(let scalar) = node else {
            diagnostics.error(location(node), .wrongShape("text", field: key))
            return nil
        }
        if scalar.style == .plain, node.null != nil { return nil }
        // A raw control character is refused before parsing; an escaped one ("\e", "\x00", "\uFFFF") is
        // refused here.
        if let control = scalar.string.firstRefusedCharacter {
            diagnostics.error(location(node), .controlInKey(key, control.scalar))
            return nil
        }
        return scalar.string
    }

    /// A count (see `Counts`): a plain scalar of decimal digits, no sign, no leading zero.
    func count(_ node: Node, key: String, diagnostics: inout Diagnostics) -> Int? {
        guard case .scalar(let scalar) = node else {
            diagnostics.error(location(node), .notAWholeNumber(key: key))
            return nil
        }
        let text = scalar.string.trimmingSpaces
        do {
            return try Counts.parse(text, leadingZeros: false)
        } catch {
            Counts.report(error, field: key, text: text, at: location(node), &diagnostics)
            return nil
        }
    }

    func double(_ node: Node, key: String, diagnostics: inout Diagnostics) -> Double? {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.trimmingSpaces) else {
            diagnostics.error(location(node), .notANumber(key: key))
            return nil
        }
        return value
    }

    func bool(_ node: Node, key: String, diagnostics: inout Diagnostics) -> Bool? {
        guard case .scalar(let scalar) = node, let value = BooleanWords.parse(scalar.string) else {
            diagnostics.error(location(node), .notTrueOrFalse(key: key))
            return nil
        }
        return value
    }

    func day(_ node: Node, key: String, diagnostics: inout Diagnostics) -> Day? {
        guard case .scalar(let scalar) = node, let value = Day(parsing: scalar.string) else {
            diagnostics.error(location(node), .notADate(key: key))
            return nil
        }
        return value
    }

    func strings(_ node: Node, key: String, diagnostics: inout Diagnostics) -> [String]? {
        switch node {
        case .sequence(let sequence):
            var values: [String] = []
            for item in sequence {
                if let value = string(item, key: key, diagnostics: &diagnostics) { values.append(value) }
            }
            return values
        case .scalar(let scalar) where !scalar.string.trimmingSpaces.isEmpty:
            return scalar.string.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        default:
            diagnostics.error(location(node), .wrongShape("words", field: key))
            return nil
        }
    }
}

/// The yes/no words a clerk may write: `yes/no`, `true/false`, `1/0`, `x`/empty, `có/không`.
public enum BooleanWords {
    public static func parse(_ text: String) -> Bool? {
        switch text {
        case "có", "x", "X", "1", "yes", "true", "Có": return true
        case "", "không", "0", "no", "false", "Không": return false
        default: break
        }
        switch Folding.fold(text.trimmingSpaces) {
        case "yes", "true", "1", "x", "co", "on", "y": return true
        case "no", "false", "0", "", "khong", "off", "n": return false
        default: return nil
        }
    }
}
