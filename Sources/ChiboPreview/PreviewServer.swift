import ChiboSupport
import Foundation
import Synchronization

/// What the preview answers to one request: a status, header fields and a body; or, for the event
/// stream, the head and then `stream`, which writes events until the page goes away.
struct PreviewResponse: Sendable {
    var status: Int
    var fields: [(name: String, value: String)]
    var body: [UInt8]
    /// Called after the head is sent, on the connection's thread; the connection closes when it returns.
    var stream: (@Sendable (PreviewConnection) -> Void)?
    /// A file sent as the body from the disk (path and size), a piece at a time, instead of `body`.
    var file: (path: String, size: Int)?

    init(status: Int, fields: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.fields = fields
        self.body = body
    }

    /// A short plain text answer: a refusal, a redirect's body.
    static func text(_ status: Int, _ text: String, fields: [(name: String, value: String)] = []) -> PreviewResponse {
        PreviewResponse(
            status: status, fields: [("Content-Type", "text/plain; charset=utf-8")] + fields, body: Array(text.utf8))
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 413: "Content Too Large"
        case 421: "Misdirected Request"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Error"
        }
    }
}

/// One open connection, as the event stream sees it.
struct PreviewConnection: Sendable {
    let descriptor: Int32

    /// Sends bytes; false when the page has gone.
    func send(_ bytes: [UInt8]) -> Bool { Syscalls.send(descriptor, bytes) }

    /// Waits up to `milliseconds` and says whether the page has gone meanwhile (an event stream's page
    /// sends nothing after its request: anything it sends, or its end, ends the stream).
    func hasGone(waiting milliseconds: Int32) -> Bool {
        guard Syscalls.waitForInput(descriptor, milliseconds: milliseconds) else { return false }
        return true
    }
}

/// The preview's HTTP/1.1 server, on a listening socket: a thread for each connection, at most
/// `connectionLimit` at once; every head bounded in size (`PreviewRequest.headLimit`) and in time
/// (`headSeconds` from its first byte, `idleSeconds` between requests), read and parsed in one pass;
/// no request body is ever read. Written for chibo rather than taken from FlyingFox, whose request
/// reader has neither bound (see the README).
final class PreviewServer: Sendable {
    static let connectionLimit = 64
    static let headSeconds = 10.0
    static let idleSeconds = 30.0
    /// The requests one connection may make before it is closed (the browser opens another).
    static let requestsPerConnection = 1000

    let listening: Int32
    /// The answer to a request from a client address.
    let answer: @Sendable (PreviewRequest, String) -> PreviewResponse
    let open = Mutex(0)
    /// The connections waiting for their next request with nothing read of it: the first to give way
    /// when every place is taken (its browser opens another when it needs one).
    let idle = Mutex<Set<Int32>>([])

    init(listening: Int32, answer: @escaping @Sendable (PreviewRequest, String) -> PreviewResponse) {
        self.listening = listening
        self.answer = answer
    }

    /// Accepts connections until the listening socket is closed.
    func run() {
        while true {
            guard let connection = Syscalls.accept(listening, seconds: Int(Self.headSeconds)) else {
                Thread.sleep(forTimeInterval: 0.05)
                continue
            }
            // At the limit, an idle kept-alive connection is ended to make room; only connections
            // that are all busy (a head on its way, a file being sent, a page's event stream) refuse.
            let admitted = open.withLock { count in
                if count >= Self.connectionLimit {
                    let evicted = idle.withLock { idle -> Bool in
                        guard let oldest = idle.first else { return false }
                        idle.remove(oldest)
                        Syscalls.shutdownSocket(oldest)
                        return true
                    }
                    guard evicted else { return false }
                }
                count += 1
                return true
            }
            guard admitted else {
                _ = Syscalls.send(
                    connection, Self.head(PreviewResponse.text(503, "too many connections\n"), closes: true))
                Syscalls.closeSocket(connection)
                continue
            }
            let thread = Thread { [self] in
                serve(connection)
                idle.withLock { _ = $0.remove(connection) }
                Syscalls.closeSocket(connection)
                open.withLock { $0 -= 1 }
            }
            thread.start()
        }
    }

    /// Answers the requests of one connection, one after another, until it closes or breaks a bound.
    func serve(_ descriptor: Int32) {
        var buffer: [UInt8] = []
        let peer = Syscalls.peerAddress(descriptor)
        for _ in 0..<Self.requestsPerConnection {
            let request: PreviewRequest
            switch readHead(descriptor, &buffer) {
            case .none:
                return
            case .failure(let refusal):
                _ = Syscalls.send(
                    descriptor,
                    Self.head(PreviewResponse.text(refusal.status, refusal.reason + "\n"), closes: true)
                        + Array((refusal.reason + "\n").utf8))
                return
            case .success(let parsed):
                request = parsed
            }
            let response = answer(request, peer)
            let closes = request.closes || response.stream != nil
            var bytes = Self.head(response, closes: closes)
            if request.method == .get { bytes += response.body }
            guard Syscalls.send(descriptor, bytes) else { return }
            if let file = response.file, request.method == .get {
                // A file that changed size meanwhile (a build replaced it) ends the connection.
                guard Syscalls.sendFile(descriptor, path: file.path, count: file.size) else { return }
            }
            if let stream = response.stream {
                if request.method == .get { stream(PreviewConnection(descriptor: descriptor)) }
                return
            }
            if closes { return }
        }
    }

    /// Reads the next head into `buffer` (keeping what follows it for the next request): nil when the
    /// connection ended or stayed idle, a refusal when the head breaks a bound.
    func readHead(_ descriptor: Int32, _ buffer: inout [UInt8]) -> Result<PreviewRequest, PreviewRequest.Refusal>? {
        var deadline = Date().addingTimeInterval(buffer.isEmpty ? Self.idleSeconds : Self.headSeconds)
        var searched = 0
        while true {
            if let end = PreviewRequest.headEnd(buffer, from: searched) {
                let head = buffer[..<end]
                defer { buffer.removeSubrange(..<end) }
                do {
                    return .success(try PreviewRequest.parse(head))
                } catch {
                    return .failure(error)
                }
            }
            // The blank line may begin in what was read before: look again from the last byte that
            // is not a line end.
            searched = (buffer.lastIndex { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") } ?? -1) + 1
            guard buffer.count <= PreviewRequest.headLimit else {
                return .failure(PreviewRequest.Refusal(status: 431, reason: "the request head is too large"))
            }
            let remaining = deadline.timeIntervalSinceNow
            if buffer.isEmpty { idle.withLock { _ = $0.insert(descriptor) } }
            let ready = remaining > 0 && Syscalls.waitForInput(descriptor, milliseconds: Int32(remaining * 1000) + 1)
            if buffer.isEmpty { idle.withLock { _ = $0.remove(descriptor) } }
            guard ready else {
                return buffer.isEmpty
                    ? nil : .failure(.init(status: 408, reason: "the request head did not come in time"))
            }
            guard let bytes = Syscalls.receive(descriptor, atMost: PreviewRequest.headLimit + 1 - buffer.count),
                !bytes.isEmpty
            else { return nil }
            if buffer.isEmpty { deadline = Date().addingTimeInterval(Self.headSeconds) }
            buffer += bytes
        }
    }

    /// The status line and header fields of `response`, with its length and whether the connection
    /// stays open.
    static func head(_ response: PreviewResponse, closes: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(PreviewResponse.reasonPhrase(response.status))\r\n"
        for field in response.fields { text += "\(field.name): \(field.value)\r\n" }
        if response.stream == nil { text += "Content-Length: \(response.file?.size ?? response.body.count)\r\n" }
        if response.status == 405 { text += "Allow: GET, HEAD\r\n" }
        text += closes ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n"
        return Array(text.utf8)
    }
}
