import ChiboModel
import ChiboSite
import ChiboSupport
import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// `chibo serve`: the site built into a temporary folder (never into `public/`) and served on a
/// loopback port, rebuilt when an input changes: as `chibo build` rebuilds, only the pages whose
/// inputs changed are rendered again. A build with errors leaves the folder as it was, so the last
/// good site stays, and every page shows the errors over it. Nothing of this reaches `build` or
/// `publish` output: the script and its stylesheet are added to pages as they are served.
public final class Preview: Sendable {
    /// One diagnostic as the overlay shows it: where, what, and the source line.
    struct Problem: Sendable {
        var diagnostic: Diagnostic
        /// The line of the file the diagnostic points at, when it is a text file.
        var source: String?
    }

    struct State: Sendable {
        var basePath = "/"
        /// Counts builds; a page reloads when it changes and the build is good.
        var version = 0
        var problems: [Problem] = []
        var fingerprint = ""
    }

    let contentPath: String
    let themePath: String?
    /// The folder the site is built into, in the system's temporary folder; removed by `stop()`.
    public let output: String
    let state = Mutex(State())
    /// The pages open in a browser, each told the state when a build ends (a WebSocket each).
    let listeners = Mutex<(next: Int, all: [Int: AsyncStream<WSMessage>.Continuation])>((0, [:]))

    public init(contentPath: String, themePath: String?) {
        self.contentPath = contentPath
        self.themePath = themePath
        output = NSTemporaryDirectory() + "chibo-serve-\(ProcessInfo.processInfo.processIdentifier)/site"
    }

    /// Removes the temporary folder.
    public func stop() {
        try? FileManager.default.removeItem(atPath: (output as NSString).deletingLastPathComponent)
    }

    /// Builds again when the inputs changed since the last build; the line to print, or nil.
    public func refresh(today: Day) -> String? {
        var build = Build(contentPath: contentPath, themePath: themePath, outputPath: output, buildDate: today)
        build.precompress = false
        let fingerprint = build.inputFingerprint()
        guard state.withLock({ $0.fingerprint }) != fingerprint else { return nil }
        let started = Date()
        let outcome: Build.Outcome
        do {
            try FileManager.default.createDirectory(
                atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            outcome = try build.run()
        } catch {
            state.withLock { $0.fingerprint = fingerprint }
            return "\(Self.clock(Date())) the build could not be written: \(error)"
        }
        let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
        let errors = outcome.diagnostics.errors
        let problems = outcome.diagnostics.sorted.map { Problem(diagnostic: $0, source: sourceLine(of: $0)) }
        let basePath = build.readBasePath()
        state.withLock { state in
            state.fingerprint = fingerprint
            state.version += 1
            state.problems = problems
            if errors.isEmpty { state.basePath = basePath }
        }
        let message = WSMessage.text(stateJSON())
        for listener in listeners.withLock({ Array($0.all.values) }) { listener.yield(message) }
        let time = Self.clock(Date())
        if errors.isEmpty {
            let rendered = outcome.pages - outcome.kept
            return "\(time) built in \(milliseconds) ms: \(rendered) of \(outcome.pages) pages rendered"
                + (problems.isEmpty ? "" : ", \(problems.count) warning\(problems.count == 1 ? "" : "s")")
        }
        return "\(time) \(errors.count) error\(errors.count == 1 ? "" : "s") in \(milliseconds) ms; "
            + "the last good site is served, each page lists the errors"
    }

    static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }

    /// The text of the line a diagnostic names, for a text file of the content or the theme.
    func sourceLine(of diagnostic: Diagnostic) -> String? {
        let location = diagnostic.location
        guard location.sheet == nil else { return nil }
        let candidates = [contentPath + "/" + location.file, location.file]
        for path in candidates {
            guard let data = FileManager.default.contents(atPath: path), data.count < 50_000_000,
                let text = String(data: data, encoding: .utf8)
            else { continue }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard location.line >= 1, location.line <= lines.count else { return nil }
            return String(lines[location.line - 1]).replacingOccurrences(of: "\r", with: "")
        }
        return nil
    }

    // MARK: - Serving

    /// The response to a request for `path` (no query).
    func respond(_ path: String) -> HTTPResponse {
        switch path {
        case "/_chibo/preview.js":
            return Self.response(.ok, type: "text/javascript; charset=utf-8", Array(PreviewAssets.script.utf8))
        case "/_chibo/preview.css":
            return Self.response(.ok, type: "text/css; charset=utf-8", Array(PreviewAssets.stylesheet.utf8))
        case "/_chibo/state.json":
            return Self.response(.ok, type: "application/json", Array(stateJSON().utf8), cache: false)
        default:
            break
        }
        let basePath = state.withLock { $0.basePath }
        guard path.hasPrefix(basePath) else {
            if path == "/" { return HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: basePath])) }
            return notFound()
        }
        var relative = String(path.dropFirst(basePath.count)).removingPercentEncoding ?? ""
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        let parts = relative.split(separator: "/")
        guard !parts.contains(".."), !parts.contains(where: { $0.hasPrefix(".") }) else { return notFound() }
        guard let bytes = file(relative) else {
            if file(relative + "/index.html") != nil {
                return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: path + "/"]))
            }
            return notFound()
        }
        let type = Self.mediaType(relative)
        return Self.response(.ok, type: type, type.hasPrefix("text/html") ? Self.inject(bytes) : bytes, cache: false)
    }

    /// A file of the built site: a plain file under the output folder, nothing outside it.
    func file(_ relative: String) -> [UInt8]? {
        let path = output + "/" + relative
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return [UInt8](data)
    }

    func notFound() -> HTTPResponse {
        Self.response(.notFound, type: "text/html; charset=utf-8", Self.inject(file("404.html") ?? Array("404".utf8)))
    }

    static func response(_ status: HTTPStatusCode, type: String, _ body: [UInt8], cache: Bool = true) -> HTTPResponse {
        var headers: HTTPHeaders = [
            .contentType: type,
            HTTPHeader("Content-Security-Policy"): NginxConfig.contentSecurityPolicy,
            HTTPHeader("X-Content-Type-Options"): "nosniff",
        ]
        if !cache { headers[HTTPHeader("Cache-Control")] = "no-store" }
        return HTTPResponse(statusCode: status, headers: headers, body: Data(body))
    }

    /// The page with the preview's stylesheet and script before `</head>`.
    static func inject(_ page: [UInt8]) -> [UInt8] {
        let tag = Array(
            "<link rel=\"stylesheet\" href=\"/_chibo/preview.css\"><script src=\"/_chibo/preview.js\" defer></script>"
                .utf8)
        let end = Array("</head>".utf8)
        guard
            let index = (0...(max(0, page.count - end.count))).first(where: {
                page[$0..<($0 + end.count)].elementsEqual(end)
            })
        else { return page + tag }
        return Array(page[..<index]) + tag + Array(page[index...])
    }

    static func mediaType(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.split(separator: ".").last.map { String($0).lowercased() } ?? ""
        let type = NginxConfig.types.first { $0.extensions.contains(ext) }?.mediaType ?? "application/octet-stream"
        return type.hasPrefix("text/") || type.hasSuffix("json") || type.hasSuffix("javascript")
            || type.hasSuffix("xml") ? type + "; charset=utf-8" : type
    }

    /// `{"version": N, "problems": [{"file", "line", "column", "severity", "message", "sheet", "source"}]}`.
    func stateJSON() -> String {
        let (version, problems) = state.withLock { ($0.version, $0.problems) }
        let items: [[String: Any]] = problems.map { problem in
            let location = problem.diagnostic.location
            var item: [String: Any] = [
                "file": location.file, "line": location.line, "column": location.column,
                "severity": problem.diagnostic.severity.rawValue, "message": problem.diagnostic.message,
            ]
            if let sheet = location.sheet { item["cell"] = "\(sheet) \(location.cellName)" }
            if let source = problem.source { item["source"] = source }
            return item
        }
        let object: [String: Any] = ["version": version, "problems": items]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{\"version\": \(version), \"problems\": []}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The address cannot be listened on: a usage error (exit status 2).
    public struct CannotListen: Error, CustomStringConvertible {
        public var address: String
        public var port: UInt16
        public var reason: String
        public var inUse: Bool

        public var description: String {
            inUse
                ? "\(address):\(port) is in use (\(reason)); give another port with --port"
                : "cannot listen on \(address):\(port) (\(reason))"
        }
    }

    /// Serves on `address`:`port` until the task is cancelled, rebuilding every quarter second when an
    /// input changed; `log` gets the URL and a line per build.
    public func run(
        address: String, port: UInt16, today: @escaping @Sendable () -> Day, log: @escaping @Sendable (String) -> Void
    )
        async throws
    {
        if let line = refresh(today: today()) { log(line) }
        let server = HTTPServer(address: try .inet(ip4: address, port: port), logger: .disabled)
        await server.appendRoute(
            "GET /_chibo/events",
            to: WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: Events(preview: self))))
        // The raw path: `request.path` drops a trailing slash, which names a folder's page here.
        await server.appendRoute("GET *") { [self] request in respond(request.target.path(percentEncoded: true)) }
        // inotify tells of a change at once; the fingerprint says whether a rebuild is due (an editor's
        // swap files change nothing the build reads), and is taken each second besides, for what no
        // event tells (a new day, a change inotify missed). Without inotify the inputs are polled.
        let roots = [contentPath, Build(contentPath: contentPath, themePath: themePath).resolvedThemePath]
        let watcher = Thread { [self] in
            let descriptor = Syscalls.watchFolders(roots)
            while true {
                if let descriptor {
                    if Syscalls.waitForEvents(descriptor, milliseconds: 1000) {
                        // Let a burst of writes (a save, a copy of many files) end before building.
                        while Syscalls.waitForEvents(descriptor, milliseconds: 30) {}
                        Syscalls.addWatches(descriptor, roots)
                    }
                } else {
                    Thread.sleep(forTimeInterval: 0.25)
                }
                if let line = refresh(today: today()) { log(line) }
            }
        }
        watcher.start()
        let base = state.withLock { $0.basePath }
        Task {
            try await server.waitUntilListening()
            log("serving http://\(address):\(port)\(base) (Ctrl-C stops)")
        }
        do {
            try await server.run()
        } catch let error as SocketError {
            if case .failed(_, let code, let message) = error {
                throw CannotListen(address: address, port: port, reason: message, inUse: Syscalls.isAddressInUse(code))
            }
            throw CannotListen(address: address, port: port, reason: error.localizedDescription, inUse: false)
        }
    }
}

/// The WebSocket of one open page: the state now, then after every build.
struct Events: WSMessageHandler {
    let preview: Preview

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        let id = preview.listeners.withLock { listeners in
            listeners.next += 1
            listeners.all[listeners.next] = continuation
            return listeners.next
        }
        continuation.yield(.text(preview.stateJSON()))
        let preview = self.preview
        continuation.onTermination = { _ in _ = preview.listeners.withLock { $0.all.removeValue(forKey: id) } }
        Task {
            for await _ in client {}
            continuation.finish()
        }
        return stream
    }
}
