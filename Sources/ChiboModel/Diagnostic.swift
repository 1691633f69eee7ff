/// A place in a content file: the file path relative to the content folder, a 1-based line and a 1-based column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in the content or the theme, printed `FILE:LINE:COLUMN: error: MESSAGE`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    /// The kind of problem, for tests and tools; not printed, so that the output stays
    /// `FILE:LINE:COLUMN: error|warning: MESSAGE`.
    public var code: DiagnosticCode
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ code: DiagnosticCode, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// A growing list of diagnostics, collected over a whole run so that every error is reported at once.
public struct Diagnostics: Error, Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// A place in the list, to ask later whether a step found errors of its own:
    /// `let mark = diagnostics.checkpoint` before it, `diagnostics.hasErrors(since: mark)` after.
    public struct Checkpoint: Sendable {
        fileprivate let count: Int
    }

    public var checkpoint: Checkpoint { Checkpoint(count: items.count) }

    /// Whether an error was added after `mark`.
    public func hasErrors(since mark: Checkpoint) -> Bool {
        items[min(mark.count, items.count)...].contains { $0.severity == .error }
    }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }

    public mutating func error(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String) {
        items.append(Diagnostic(.error, code, location, message))
    }

    public mutating func warning(_ code: DiagnosticCode, _ location: SourceLocation, _ message: String) {
        items.append(Diagnostic(.warning, code, location, message))
    }

    /// The codes of the errors, in order: what a test of a kind of problem compares.
    public var errorCodes: [DiagnosticCode] { errors.map(\.code) }

    public mutating func append(contentsOf other: Diagnostics) {
        items.append(contentsOf: other.items)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        items.append(contentsOf: other)
    }

    /// The diagnostics in file, line and column order; the order of a run's output.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            a.element.location == b.element.location ? a.offset < b.offset : a.element.location < b.element.location
        }.map(\.element)
    }
}
