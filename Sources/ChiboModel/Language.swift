/// The language chibo speaks to people in: Vietnamese, the clerk's, unless told otherwise (issue 32).
/// English stays for administrators and tools. The line format of a diagnostic and its `error` /
/// `warning` keyword never change with it: editors and CI parse them.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case vi, en

    /// The language `--lang` names (`vi`, `en`, or a locale such as `en_US.UTF-8`); else the first
    /// language of GNU's `LANGUAGE` list when it is one of the two (`LANGUAGE=en`, `vi:en`); else the
    /// one the locale variables name as POSIX reads them (the first set of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG`): English when that starts with `en`, Vietnamese otherwise (`C`, `C.UTF-8` and unset
    /// included).
    public static func chosen(option: String?, environment: [String: String]) -> Language {
        if let option, let language = Language(naming: option) { return language }
        if let list = environment["LANGUAGE"], let first = list.split(separator: ":").first,
            let language = Language(naming: String(first))
        {
            return language
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        return locale.map { $0.lowercased().hasPrefix("en") ? .en : .vi } ?? .vi
    }

    /// The language `text` names: `vi`, `en` or a locale name starting with either; nil for any other.
    public init?(naming text: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("en") {
            self = .en
        } else if lowered.hasPrefix("vi") {
            self = .vi
        } else {
            return nil
        }
    }

    /// The severity word of the summary line and the preview's overlay.
    public func word(for severity: Diagnostic.Severity, count: Int) -> String {
        switch (self, severity) {
        case (.vi, .error): "lỗi"
        case (.vi, .warning): "cảnh báo"
        case (.en, .error): count == 1 ? "error" : "errors"
        case (.en, .warning): count == 1 ? "warning" : "warnings"
        }
    }
}
