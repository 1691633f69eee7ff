import ChiboModel

/// swift-argument-parser's own words (its help's headings, its errors for options that do not parse)
/// in the run's language (issue 32). The library writes them in English and has no hook to word them
/// otherwise; rather than fork it, chibo takes what it prints at the boundary, in `Chibo.main`, and
/// rewords it here: each of the library's sentences is read back into a `ParserProblem`, whose
/// values (an option, an argument) are typed, and written in Vietnamese. In English the library's
/// words stay as they are. A sentence this file does not know (one of chibo's own `ValidationError`s,
/// already in the run's language) passes through unchanged.
enum CommandLineText {
    /// The help (`chibo --help`, `chibo help build`) in `language`.
    static func help(_ text: String, in language: Language) -> String {
        guard language == .vi else { return text }
        var out = text
        for (english, vietnamese) in helpWords { out = out.replacingOccurrences(of: english, with: vietnamese) }
        return out
    }

    /// The library's headings and phrases of a help, in the order they are replaced.
    static let helpWords: [(String, String)] = [
        ("OVERVIEW: ", "TỔNG QUAN: "),
        ("USAGE: ", "CÁCH DÙNG: "),
        ("ARGUMENTS:\n", "THAM SỐ:\n"),
        ("OPTIONS:\n", "TÙY CHỌN:\n"),
        ("SUBCOMMANDS:\n", "CÁC LỆNH:\n"),
        ("Show help information.", "Hiện phần trợ giúp này."),
        ("(default as flag:", "(mặc định khi là cờ:"),
        ("(default:", "(mặc định:"),
        ("; default:", "; mặc định:"),
        ("(values:", "(giá trị:"),
        // A word longer by one letter: one space of the column's padding less.
        (" (default) ", " (mặc định)"),
        ("for detailed help.", "để xem trợ giúp của từng lệnh."),
        ("  See '", "  Xem '"),
        ("<subcommand>", "<lệnh>"),
        ("<options>", "<tùy-chọn>"),
    ]

    /// A usage error as `chibo` prints it: `error: MESSAGE`, then the library's help line for the
    /// option, the usage and where to read more, each in `language`. `message` is the library's
    /// message for the error, `full` its whole text (`Error: MESSAGE`, `Help:`, `Usage:`, `See`).
    static func usageError(message: String, full: String, in language: Language) -> String {
        let prefix = "Error: " + message
        let rest = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : ""
        let words = language == .vi ? ParserProblem(message)?.vietnamese ?? message : message
        var lines = ["error: " + words]
        for line in rest.split(separator: "\n", omittingEmptySubsequences: true) {
            lines.append(language == .vi ? vietnameseLine(String(line)) : String(line))
        }
        return lines.joined(separator: "\n")
    }

    /// A line after the library's error message: its `Help:`, `Usage:` and `See ... for more
    /// information.` in Vietnamese.
    static func vietnameseLine(_ line: String) -> String {
        if line.hasPrefix("Help:  ") { return "Trợ giúp:  " + line.dropFirst("Help:  ".count) }
        if line.hasPrefix("Usage: ") { return "Cách dùng: " + help(String(line.dropFirst("Usage: ".count)), in: .vi) }
        if let command = between(line, "  See '", "' for more information.") {
            return "  Xem '\(command)' để biết thêm."
        }
        return help(line, in: .vi)
    }

    /// The text between `prefix` and `suffix` when `text` is exactly the three, else nil.
    static func between(_ text: String, _ prefix: String, _ suffix: String) -> String? {
        guard text.hasPrefix(prefix), text.hasSuffix(suffix), text.count >= prefix.count + suffix.count else {
            return nil
        }
        return String(text.dropFirst(prefix.count).dropLast(suffix.count))
    }
}

/// A command line swift-argument-parser refused, read back from its English message: the option or
/// argument concerned, typed, so that it can be said in Vietnamese.
enum ParserProblem: Equatable {
    /// `--bogus`, and the option it resembles, if any.
    case unknownOption(String, suggestion: String?)
    /// An option given without its value (`--port`, as the usage writes it: `--port <cổng>`).
    case missingValue(String)
    /// A required argument left out (`<file>`).
    case missingArgument(String)
    /// None of several required arguments given.
    case missingOneOf(String)
    /// A value the option does not take; `option` as the usage writes it (nil when the library names
    /// none); `values` the values it takes, `reason` chibo's own reason.
    case invalidValue(String, option: String?, values: [String], reason: String?)
    /// Arguments the command does not take.
    case unexpectedArguments([String])
    /// A flag given a value (`--no-search=1`).
    case unexpectedValue(option: String, value: String)
    /// An option that is not one at all (`-ä`).
    case invalidOption(String)
    /// A command that needs a subcommand.
    case missingSubcommand
    /// An option given twice where once is allowed.
    case givenTwice(String, String)

    /// Reads the library's message (see swift-argument-parser's `ErrorMessageGenerator`); nil for any
    /// other.
    init?(_ message: String) {
        let between = CommandLineText.between
        if let text = between(message, "Unknown option '", "'?"), let range = text.range(of: "'. Did you mean '") {
            self = .unknownOption(String(text[..<range.lowerBound]), suggestion: String(text[range.upperBound...]))
        } else if let name = between(message, "Unknown option '", "'") {
            self = .unknownOption(name, suggestion: nil)
        } else if let name = between(message, "Missing value for '", "'") {
            self = .missingValue(name)
        } else if let name = between(message, "Missing expected argument '", "'") {
            self = .missingArgument(name)
        } else if message.hasPrefix("Missing one of: ") {
            self = .missingOneOf(String(message.dropFirst("Missing one of: ".count)))
        } else if message.hasPrefix("The value '") {
            guard let problem = Self.invalidValue(message) else { return nil }
            self = problem
        } else if let name = between(message, "Unexpected argument '", "'") {
            self = .unexpectedArguments([name])
        } else if let range = message.range(of: " unexpected arguments: '"), message.hasSuffix("'"),
            Int(message[..<range.lowerBound]) != nil
        {
            let list = message[range.upperBound...].dropLast()
            self = .unexpectedArguments(list.components(separatedBy: "', '"))
        } else if let text = between(message, "The option '", "' was specified."),
            let range = text.range(of: "' does not take any value, but '")
        {
            self = .unexpectedValue(option: String(text[..<range.lowerBound]), value: String(text[range.upperBound...]))
        } else if message.hasPrefix("Invalid option: ") {
            self = .invalidOption(String(message.dropFirst("Invalid option: ".count)))
        } else if message == "Missing required subcommand." {
            self = .missingSubcommand
        } else if let text = between(message, "Value to be set with ", ""),
            let range = text.range(of: " had already been set with ")
        {
            self = .givenTwice(String(text[..<range.lowerBound]), String(text[range.upperBound...]))
        } else {
            return nil
        }
    }

    /// `The value 'x' is invalid for '--port <port>'`, with `: REASON` or `. Please provide one of ...`
    /// after it.
    static func invalidValue(_ message: String) -> ParserProblem? {
        let start = message.dropFirst("The value '".count)
        guard let end = start.range(of: "' is invalid") else { return nil }
        let value = String(start[..<end.lowerBound])
        var rest = start[end.upperBound...]
        var option: String?
        if rest.hasPrefix(" for '"), let close = rest.dropFirst(6).firstIndex(of: "'") {
            option = String(rest.dropFirst(6)[..<close])
            rest = rest[rest.index(after: close)...]
        } else if rest.hasPrefix(".") {
            rest = rest.dropFirst()
        }
        var values: [String] = []
        var reason: String?
        if rest.hasPrefix(": ") {
            reason = String(rest.dropFirst(2))
        } else if rest.hasPrefix(". Please provide one of ") || rest.hasPrefix(" Please provide one of ") {
            let list = rest.drop { $0 != "P" }.dropFirst("Please provide one of ".count)
            if list.hasPrefix("the following:") {
                values = list.split(separator: "\n").dropFirst().map { String($0.drop { $0 == " " || $0 == "-" }) }
            } else {
                // 'a' and 'b', or 'a', 'b' or 'c': every other piece between quotes.
                values = list.split(separator: "'", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            }
        } else if !rest.isEmpty {
            return nil
        }
        return .invalidValue(value, option: option, values: values, reason: reason)
    }

    /// The problem in Vietnamese.
    var vietnamese: String {
        switch self {
        case .unknownOption(let name, let suggestion?):
            "không có tùy chọn '\(name)'; có phải là '\(suggestion)' không?"
        case .unknownOption(let name, nil): "không có tùy chọn '\(name)'"
        case .missingValue(let name): "thiếu giá trị sau '\(name)'"
        case .missingArgument(let name): "thiếu tham số '\(name)'"
        case .missingOneOf(let names): "thiếu một trong các tham số: \(names)"
        case .invalidValue(let value, let option, let values, let reason):
            (option.map { "giá trị '\(value)' không dùng được cho '\($0)'" } ?? "giá trị '\(value)' không dùng được")
                + (reason.map { ": \($0)" } ?? "")
                + (values.isEmpty
                    ? "" : "; hãy dùng một trong các giá trị " + values.map { "'\($0)'" }.joined(separator: ", "))
        case .unexpectedArguments(let names):
            names.count == 1
                ? "thừa tham số '\(names[0])'"
                : "thừa \(names.count) tham số: " + names.map { "'\($0)'" }.joined(separator: ", ")
        case .unexpectedValue(let option, let value): "tùy chọn '\(option)' không nhận giá trị, nhưng lại có '\(value)'"
        case .invalidOption(let text): "tùy chọn không hợp lệ: \(text)"
        case .missingSubcommand: "thiếu lệnh"
        case .givenTwice(let second, let first): "giá trị đặt bằng \(second) đã được đặt bằng \(first)"
        }
    }
}
