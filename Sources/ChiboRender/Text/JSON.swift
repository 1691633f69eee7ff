import ChiboModel
import ChiboSupport

/// A JSON value with keys kept in the order they were given, written the same way every time.
enum JSON {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }
    static func optional(_ value: Int?) -> JSON { value.map(JSON.int) ?? .null }
    static func optional(_ value: Double?) -> JSON { value.map(JSON.double) ?? .null }

    /// On one line with no spaces, for files only scripts read.
    var compact: String {
        var out = ""
        writeCompact(into: &out)
        return out
    }

    private func writeCompact(into out: inout String) {
        switch self {
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.writeCompact(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                value.writeCompact(into: &out)
            }
            out += "}"
        default:
            write(into: &out, indent: "")
        }
    }

    /// An object written a member at a time, for files too large to hold as one `JSON` value (or as
    /// text and bytes at once): the bytes of `JSON.object(...).text`.
    struct ObjectWriter {
        private var bytes: SizedBytes
        private var out = "{\n"
        private var first = true

        /// A writer into `bytes`: one that counts, or one that fills an array of the counted size.
        init(_ bytes: SizedBytes) { self.bytes = bytes }

        /// Adds `"key": value`.
        mutating func member(_ key: String, _ value: JSON) {
            begin(key)
            value.write(into: &out, indent: "  ")
            flushIfLarge()
        }

        /// Adds `"key": [ ... ]` whose items are produced one by one.
        mutating func array<S: Sequence>(_ key: String, _ items: S, _ item: (S.Element) -> JSON) {
            begin(key)
            var empty = true
            for element in items {
                out += empty ? "[\n    " : ",\n    "
                empty = false
                item(element).write(into: &out, indent: "    ")
                flushIfLarge()
            }
            out += empty ? "[]" : "\n  ]"
        }

        private mutating func begin(_ key: String) {
            if !first { out += ",\n" }
            first = false
            out += "  "
            JSON.quote(key, into: &out)
            out += ": "
        }

        /// Moves the text written so far into the bytes once it passes a megabyte.
        private mutating func flushIfLarge() {
            guard out.utf8.count > 1 << 20 else { return }
            bytes.append(out)
            out = ""
        }

        /// The finished file, with the newline `text` ends with.
        mutating func finish() -> SizedBytes {
            if first {
                out = "{}\n"
            } else {
                out += "\n}\n"
            }
            bytes.append(out)
            out = ""
            return bytes
        }
    }

    /// Pretty-printed with two spaces, a newline at the end.
    var text: String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    /// Appends the value pretty-printed as `text` does, its inner lines indented under `indent`.
    func write(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
                out += String(Int(value))
            } else if value.isFinite {
                out += String(value)
            } else {
                out += "null"
            }
        case .string(let value): Self.quote(value, into: &out)
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            if items.allSatisfy(\.isScalar) {
                out += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { out += ", " }
                    item.write(into: &out, indent: indent)
                }
                out += "]"
                return
            }
            let inner = indent + "  "
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else {
                out += "{}"
                return
            }
            let inner = indent + "  "
            out += "{\n"
            for (index, (key, value)) in pairs.enumerated() {
                out += inner
                Self.quote(key, into: &out)
                out += ": "
                value.write(into: &out, indent: inner)
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    static func quote(_ text: String, into out: inout String) {
        out += "\""
        out.append(Substring(text)) { byte in
            switch byte {
            case UInt8(ascii: "\""): return "\\\""
            case UInt8(ascii: "\\"): return "\\\\"
            case UInt8(ascii: "\n"): return "\\n"
            case UInt8(ascii: "\r"): return "\\r"
            case UInt8(ascii: "\t"): return "\\t"
            case 0..<0x20:
                return "\\u" + byte.zeroPadded(4, radix: 16)
            default: return nil
            }
        }
        out += "\""
    }
}

/// A file's bytes written in pieces into one array of exactly its size: the file is written twice,
/// first only counted (`counting`), then into an array reserved at that count (`filling`). A file
/// of hundreds of megabytes (the nation's `data/scorecards.json`) grown by doubling would be held
/// up to three times over as its array grows.
struct SizedBytes {
    private(set) var count = 0
    private(set) var bytes: [UInt8] = []
    private let counts: Bool

    static var counting: SizedBytes { SizedBytes(counts: true) }

    static func filling(_ count: Int) -> SizedBytes {
        var sized = SizedBytes(counts: false)
        sized.bytes.reserveCapacity(count)
        return sized
    }

    private init(counts: Bool) { self.counts = counts }

    mutating func append(_ text: String) {
        count += text.utf8.count
        if !counts { bytes.append(contentsOf: text.utf8) }
    }

    mutating func append(_ raw: [UInt8]) {
        count += raw.count
        if !counts { bytes.append(contentsOf: raw) }
    }

    /// The bytes `write` writes, written once to count them and once into an array of that size.
    static func make(_ write: (SizedBytes) -> SizedBytes) -> [UInt8] {
        let counted = write(.counting).count
        let filled = write(.filling(counted))
        precondition(filled.count == counted, "a file written twice differs")
        return filled.bytes
    }
}
