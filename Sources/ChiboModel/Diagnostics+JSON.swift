import ChiboSupport

/// `chibo check --format json`: the diagnostics as one JSON document, for scripts and tools (see
/// docs/check-json.md). The keys of each diagnostic come in a fixed order, and the diagnostics in
/// the order `chibo check` prints them (`Diagnostics.sorted`), so that the same content gives the
/// same bytes.
extension Diagnostics {
    /// ```
    /// {
    ///   "diagnostics": [
    ///     {"code": "value.not-a-date", "severity": "error", "file": "meetings/2024.xlsx", "line": 14,
    ///      "column": 3, "sheet": "Quý 1", "cell": "C14", "message": "..."},
    ///     ...
    ///   ],
    ///   "errors": 1,
    ///   "warnings": 0
    /// }
    /// ```
    /// Each diagnostic on one line; `sheet` and `cell` are null outside a workbook. `message` is the
    /// message in `language` as the text output prints it (without the cell's place, which `sheet` and
    /// `cell` give); `messages` holds it in each language, keyed by language code (`vi`, `en`).
    public func json(language: Language = .en) -> String {
        let items = sorted
        var out = "{\n  \"diagnostics\": ["
        for (index, diagnostic) in items.enumerated() {
            out += index == 0 ? "\n    " : ",\n    "
            let messages = Language.allCases.map { (language: $0.rawValue, text: diagnostic.text(in: $0)) }
            out += diagnostic.jsonObject(message: diagnostic.text(in: language), messages: messages)
        }
        out += items.isEmpty ? "],\n" : "\n  ],\n"
        let errors = items.filter { $0.severity == .error }.count
        out += "  \"errors\": \(errors),\n  \"warnings\": \(items.count - errors)\n}\n"
        return out
    }
}

extension Diagnostic {
    /// The diagnostic as one JSON object on one line, its keys in the documented order.
    func jsonObject(message: String, messages: [(language: String, text: String)]) -> String {
        var fields: [(String, String)] = [
            ("code", JSONText.quoted(code.rawValue)),
            ("severity", JSONText.quoted(severity.rawValue)),
            ("file", JSONText.quoted(location.file)),
            ("line", String(location.line)),
            ("column", String(location.column)),
            ("sheet", location.sheet.map(JSONText.quoted) ?? "null"),
            ("cell", location.sheet == nil ? "null" : JSONText.quoted(location.cellName)),
            ("message", JSONText.quoted(message)),
        ]
        if !messages.isEmpty {
            let pairs = messages.map { "\(JSONText.quoted($0.language)): \(JSONText.quoted($0.text))" }
            fields.append(("messages", "{" + pairs.joined(separator: ", ") + "}"))
        }
        return "{" + fields.map { "\(JSONText.quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

/// A JSON string (RFC 8259): `"`, `\` and the control characters escaped, everything else as it is
/// (UTF-8).
enum JSONText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\u" + scalar.value.zeroPadded(4, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
