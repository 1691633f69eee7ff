/// One HTTP/1.1 request head as the preview reads it (RFC 9112), parsed in one pass over bytes it has
/// bounded first: a request line, header fields, no body. Everything a browser sends to a page it
/// opened is accepted; anything else is refused with the status that says why, never guessed at.
struct PreviewRequest: Sendable, Equatable {
    /// The most a request head may hold, request line and header fields: far above what a browser
    /// sends (Chromium's largest heads are a few KB of cookies), far below what costs the preview
    /// anything to read.
    static let headLimit = 16 * 1024
    /// The most header fields a head may hold.
    static let fieldLimit = 100

    enum Method: String, Sendable {
        case get = "GET", head = "HEAD"
    }

    var method: Method
    /// The path, percent-decoded once, with runs of `/` made one (as nginx's `merge_slashes`): it starts
    /// with exactly one `/` and holds no control character. The query is dropped.
    var path: String
    /// The query as sent, when it holds only printable ASCII (kept on a redirect); nil otherwise.
    var query: String?
    /// Whether the client asked to close the connection after this response (HTTP/1.0 without
    /// keep-alive, or `Connection: close`).
    var closes: Bool
    /// Header fields by lowercased name; a name given twice keeps the first (the ones that matter here,
    /// Host above all, are refused when given twice).
    var fields: [String: String]

    /// Why a head is refused: the status to answer with, and a word for the log.
    struct Refusal: Error, Sendable, Equatable {
        var status: Int
        var reason: String
    }

    /// Where the head ends: the index just past its blank line (`\r\n\r\n`, or `\n\n` as RFC 9112
    /// allows a bare LF), looking from `start`, nil when it has not ended within `bytes`. Linear: each
    /// byte is looked at once.
    static func headEnd(_ bytes: [UInt8], from start: Int = 0) -> Int? {
        var index = start
        var newlines = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                newlines += 1
                if newlines == 2 { return index + 1 }
            case UInt8(ascii: "\r"):
                break
            default:
                newlines = 0
            }
            index += 1
        }
        return nil
    }

    /// Parses a whole head, ending with its blank line.
    static func parse(_ head: ArraySlice<UInt8>) throws(Refusal) -> PreviewRequest {
        guard head.count <= headLimit else { throw Refusal(status: 431, reason: "the request head is too large") }
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        for index in head.indices where head[index] == UInt8(ascii: "\n") {
            var end = index
            if end > start, head[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lines.append(head[start..<end])
            start = index + 1
        }
        guard let requestLine = lines.first, lines.count >= 2, lines.last?.isEmpty == true else {
            throw Refusal(status: 400, reason: "the request head does not end")
        }
        let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw Refusal(status: 400, reason: "the request line is not METHOD TARGET VERSION")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            throw Refusal(status: 505, reason: "the HTTP version is not 1.0 or 1.1")
        }
        let fields = try Self.fields(lines.dropFirst().dropLast())
        guard let method = Method(rawValue: String(decoding: parts[0], as: UTF8.self)) else {
            throw Refusal(status: 405, reason: "the preview answers GET and HEAD only")
        }
        // The preview reads no body: one announced is refused, so that none is taken for a next request.
        if fields["transfer-encoding"] != nil || (fields["content-length"].map { $0 != "0" } ?? false) {
            throw Refusal(status: 413, reason: "a request to the preview has no body")
        }
        let connection = fields["connection"]?.lowercased() ?? ""
        let closes = version == "HTTP/1.0" ? !connection.contains("keep-alive") : connection.contains("close")
        return PreviewRequest(
            method: method, path: try Self.path(parts[1]), query: Self.query(parts[1]), closes: closes, fields: fields)
    }

    /// The header fields of `lines`: `name: value`, the name a token, the value without control
    /// characters but tab; a line folded onto the next (obsolete) or a second Host is refused.
    static func fields(_ lines: ArraySlice<ArraySlice<UInt8>>) throws(Refusal) -> [String: String] {
        guard lines.count <= fieldLimit else { throw Refusal(status: 431, reason: "the request has too many fields") }
        var fields: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                line[line.startIndex..<colon].allSatisfy(isTokenByte)
            else { throw Refusal(status: 400, reason: "a header field is not NAME: VALUE") }
            let value = line[(colon + 1)...]
            guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
                throw Refusal(status: 400, reason: "a header field holds a control character")
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            let text = String(decoding: value, as: UTF8.self).trimmingSpaces
            if fields[name] != nil {
                // Two of these would make two readings of the request possible (RFC 9112 §3.2, §6.3).
                guard !["host", "content-length", "transfer-encoding"].contains(name) else {
                    throw Refusal(status: 400, reason: "the request gives \(name) twice")
                }
                continue
            }
            fields[name] = text
        }
        return fields
    }

    /// The bytes of a token (RFC 9110 §5.6.2): a header field's name.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// The request target's path (origin form: `/path?query`), percent-decoded once. A `%` not
    /// followed by two hex digits, bytes that are not UTF-8 once decoded, a control character (an
    /// encoded NUL above all: a name cut there would be another file) or `\` are refused.
    static func path(_ target: ArraySlice<UInt8>) throws(Refusal) -> String {
        guard target.first == UInt8(ascii: "/") else {
            throw Refusal(status: 400, reason: "the request target is not a path")
        }
        let raw = target.prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            var byte = raw[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < raw.endIndex, let high = hexValue(raw[index + 1]), let low = hexValue(raw[index + 2])
                else { throw Refusal(status: 400, reason: "the path has a % without two hex digits") }
                byte = high << 4 | low
                index += 2
            }
            guard byte >= 0x20, byte != 0x7F, byte != UInt8(ascii: "\\") else {
                throw Refusal(status: 400, reason: "the path holds a control character or a backslash")
            }
            // Runs of `/` are one: `//host/...` never leaves the preview as a redirect.
            if byte != UInt8(ascii: "/") || decoded.last != UInt8(ascii: "/") { decoded.append(byte) }
            index += 1
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw Refusal(status: 400, reason: "the path is not UTF-8")
        }
        // C1 controls, format characters (zero-width, bidi) and line separators: no name of the site
        // holds one, and each could show a name as another.
        let hidden: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]
        guard !text.unicodeScalars.contains(where: { hidden.contains($0.properties.generalCategory) }) else {
            throw Refusal(status: 400, reason: "the path holds a control or format character")
        }
        return text
    }

    /// The query of a request target (after `?`, before `#`), when it holds only printable ASCII.
    static func query(_ target: ArraySlice<UInt8>) -> String? {
        guard let mark = target.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        let query = target[(mark + 1)...].prefix { $0 != UInt8(ascii: "#") }
        guard !query.isEmpty, query.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        return String(decoding: query, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    /// Without spaces and tabs at either end.
    fileprivate var trimmingSpaces: String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
            let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
