import ChiboModel
import ChiboSite
import ChiboSupport
import Foundation
import Synchronization

/// `chibo serve`: the site built in memory and served on one address, rebuilt when an input
/// changes. The builds run in one child process (`PreviewBuild`) that lives from one build to the
/// next: it keeps what the last build made and renders only the pages whose inputs changed, and sends
/// only the files whose bytes changed; the preview holds the site (`State.files`) and puts the new
/// one in its place in one step when a build ends without error, so that a reader never sees half a
/// build. Each build has a time limit, so that content which crashed or hung a reader ends the child,
/// not the preview; the next build starts a new child. A build with errors leaves the site as it was,
/// so the last good site stays, and every page shows the errors over it. Nothing of this reaches
/// `build` or `publish` output: the script and its stylesheet are added to pages as they are served.
///
/// The preview trusts no request: it answers only requests that name it as the host it listens as
/// (a page of another site, its name rebound to this address, gets nothing), serves its own scripts'
/// data (the state, the event stream) to its own pages only, and serves nothing but the files of the
/// built site, with the headers nginx gives them.
public final class Preview: Sendable {
    /// One diagnostic as the overlay shows it: where, what, and the source line.
    struct Problem: Sendable {
        var diagnostic: Diagnostic
        /// The line of the file the diagnostic points at, when it is a text file of the content or
        /// the theme, shortened around the column when it is long.
        var source: String?
        /// Where in `source` the column falls, counted in characters from 0.
        var caret = 0
    }

    struct State: Sendable {
        var basePath = "/"
        /// Counts builds; a page reloads when it changes and the build is good.
        var version = 0
        /// The first `problemLimit` problems, errors first, and how many more there are.
        var problems: [Problem] = []
        var more = 0
        var fingerprint = ""
        /// How long the last build of the whole site took, in seconds: the time limit follows it.
        var lastDuration = 0.0
        /// The site as served: each file's path in the output and its bytes (or its stored copy).
        var files: [String: PreviewBuild.File] = [:]
    }

    let contentPath: String
    let themePath: String?
    /// The time limit of one build in seconds; nil for ten times the last build's time, at least 60
    /// seconds and at most 30 minutes.
    let buildTimeLimit: Double?
    /// The language of the log lines and of the messages the pages list.
    public let language: Language
    /// The private folder (mode 0700, an unpredictable name) that holds the files of the site too
    /// large to hold in memory (`PreviewBuild.storedSize`); removed by `stop()` (on SIGINT, SIGTERM
    /// and SIGHUP) and, after `removeOnCrash()`, on a crash.
    public let folder: String
    /// The content and theme folders, every link resolved: the only places a source line is read from.
    let readable: [String]
    let state = Mutex(State())
    /// The child process that builds, 0 for none: `stop()` ends it before removing the folder.
    let child = Mutex<Int32>(0)
    /// The child process itself, between builds; used by `refresh` alone.
    let builder = Mutex<PreviewBuild.Child?>(nil)
    /// Wakes the event streams of open pages when a build ends.
    let changed = NSCondition()

    /// The name of the folders the preview makes in the temporary folder, before six random characters.
    static let folderPrefix = "chibo-serve-"

    /// Makes the private folder in the system's temporary folder, after removing the folders that
    /// previews of this user killed without a chance to clean up (`kill -9`) left behind.
    public init(
        contentPath: String, themePath: String?, buildTimeLimit: Double? = nil, language: Language = .en
    ) throws {
        self.language = language
        self.contentPath = contentPath
        self.themePath = themePath
        self.buildTimeLimit = buildTimeLimit
        let temporary = Self.temporaryFolder
        Self.removeLeftovers(in: temporary)
        folder = try Syscalls.makePrivateFolder(in: temporary, prefix: Self.folderPrefix)
        try Syscalls.writeFile(folder + "/pid", Array("\(Syscalls.processID)\n".utf8))
        let theme = Build(contentPath: contentPath, themePath: themePath).resolvedThemePath
        readable = [contentPath, theme].compactMap { try? Syscalls.realPath($0) }
    }

    static var temporaryFolder: String {
        let path = NSTemporaryDirectory()
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// Removes this user's preview folders whose process (named in their `pid` file) no longer runs.
    static func removeLeftovers(in temporary: String) {
        for name in (try? Syscalls.entries(temporary)) ?? [] where name.hasPrefix(folderPrefix) {
            let path = temporary + "/" + name
            guard (try? Syscalls.kind(path)) == .folder, (try? Syscalls.ownership(path))?.user == Syscalls.userID,
                let text = try? Syscalls.readFile(path + "/pid"),
                let pid = Int32(String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                !Syscalls.isRunning(pid)
            else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Has a crash of this process (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT) remove the
    /// private folder before the signal ends it: the process's handlers of those signals, which the
    /// command sets and a test or a fuzzer keeps its own of.
    public func removeOnCrash() {
        Syscalls.removeOnCrash(folder)
    }

    /// Ends the child process, if any (it would write on into the folder), then removes the private
    /// folder.
    public func stop() {
        let pid = child.withLock { $0 }
        if pid > 0 {
            Syscalls.kill(pid)
            Syscalls.waitUntilEnded(pid, seconds: 5)
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    // MARK: - Building

    /// Builds again when the inputs changed since the last build; the line to print, or nil.
    public func refresh(today: Day) -> String? {
        var build = Build(contentPath: contentPath, themePath: themePath, buildDate: today)
        build.precompress = false
        let fingerprint = build.inputFingerprint()
        let (previous, lastDuration) = state.withLock { ($0.fingerprint, $0.lastDuration) }
        guard previous != fingerprint else { return nil }
        let started = Date()
        let limit = buildTimeLimit ?? min(1800, max(60, 10 * lastDuration))
        let outcome = runBuild(date: today, seconds: limit)
        let elapsed = Date().timeIntervalSince(started)
        let milliseconds = Int(elapsed * 1000)
        let problems: [Problem]
        let report: PreviewBuild.Report?
        switch outcome {
        case .finished(let finished, _):
            report = finished
            problems = self.problems(for: finished.diagnostics)
        case .stopped(let english, let vietnamese):
            // Nothing says which file the reader choked on; the one changed last is the likely one.
            let file = newestInput() ?? "site.yaml"
            report = nil
            problems = [
                Problem(
                    diagnostic: Diagnostic(
                        .error, SourceLocation(file: file), .buildStopped(reason: (english, vietnamese))))
            ]
        }
        let all = report?.diagnostics ?? problems.map(\.diagnostic)
        let errors = all.filter { $0.severity == .error }.count
        var stored: Set<String>?
        state.withLock { state in
            state.fingerprint = fingerprint
            state.version += 1
            state.problems = problems
            state.more = all.count - problems.count
            if case .finished(let report, let changes) = outcome, errors == 0, report.failure == nil {
                let before = Self.storedPaths(state.files)
                state.files = Self.applying(changes, to: report.full ? [:] : state.files)
                stored = before.union(Self.storedPaths(state.files))
                state.basePath = report.basePath
                if report.full { state.lastDuration = elapsed }
            }
        }
        if let stored { removeStoredFiles(except: stored) }
        changed.lock()
        changed.broadcast()
        changed.unlock()
        let time = Self.clock(Date())
        let vi = language == .vi
        let number = { (value: Int) in FieldValue.number(value).text(in: self.language) }
        if let failure = report?.failure {
            return vi
                ? "\(time) không ghi được bản dựng: \(failure)" : "\(time) the build could not be written: \(failure)"
        }
        if errors == 0, let report {
            let rendered = report.pages - report.kept
            let warnings = all.count
            if vi {
                return
                    "\(time) đã dựng trong \(number(milliseconds)) ms: \(number(rendered)) trên \(number(report.pages)) "
                    + "trang được dựng lại" + (all.isEmpty ? "" : ", \(number(warnings)) cảnh báo")
            }
            return "\(time) built in \(milliseconds) ms: \(rendered) of \(report.pages) pages rendered"
                + (all.isEmpty ? "" : ", \(warnings) \(language.word(for: .warning, count: warnings))")
        }
        if report == nil, let first = problems.first {
            return "\(time) \(first.diagnostic.line(language: language).singleLine)"
        }
        if vi {
            return
                "\(time) \(number(errors)) lỗi sau \(number(milliseconds)) ms; bản dựng tốt gần nhất vẫn được hiển thị, "
                + "trang nào cũng liệt kê các lỗi"
        }
        return "\(time) \(errors) \(language.word(for: .error, count: errors)) in \(milliseconds) ms; "
            + "the last good site is served, each page lists the errors"
    }

    /// Asks the child process for a build, starting one when there is none; a child that ended or
    /// was stopped is let go, and the next build starts another.
    func runBuild(date: Day, seconds: Double) -> PreviewBuild.Outcome {
        let running = builder.withLock { $0 }
        let current: PreviewBuild.Child
        if let running {
            current = running
        } else {
            switch PreviewBuild.start(content: contentPath, theme: themePath, folder: folder) {
            case .success(let started): current = started
            case .failure(let stopped): return .stopped(en: stopped.en, vi: stopped.vi)
            }
            builder.withLock { $0 = current }
            child.withLock { $0 = current.pid }
            Syscalls.setCrashChild(current.pid)
        }
        let outcome = PreviewBuild.build(current, date: date, seconds: seconds)
        if case .stopped = outcome {
            builder.withLock { $0 = nil }
            child.withLock { $0 = 0 }
            Syscalls.setCrashChild(0)
        }
        return outcome
    }

    /// `files` with `changes` made: files added or replaced, paths removed.
    static func applying(_ changes: [PreviewBuild.Change], to files: [String: PreviewBuild.File])
        -> [String: PreviewBuild.File]
    {
        var files = files
        for change in changes {
            switch change {
            case .file(let path, let file): files[path] = file
            case .removed(let path): files[path] = nil
            }
        }
        return files
    }

    /// The stored copies `files` serves.
    static func storedPaths(_ files: [String: PreviewBuild.File]) -> Set<String> {
        var paths: Set<String> = []
        for case .stored(let path, _) in files.values { paths.insert(path) }
        return paths
    }

    /// Removes the stored copies that neither the site nor the one before it serves (a reader may be
    /// sending one of the site before).
    func removeStoredFiles(except kept: Set<String>) {
        let store = folder + "/" + PreviewBuild.storeName
        for name in (try? Syscalls.entries(store)) ?? [] where !kept.contains(store + "/" + name) {
            try? Syscalls.remove(store + "/" + name)
        }
    }

    static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }

    /// The content or theme file changed last, relative to the content folder when it is in it.
    func newestInput() -> String? {
        var newest: (path: String, time: (Int, Int))?
        for root in readable {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            var seen = 0
            while let name = walker.nextObject() as? String, seen < 200_000 {
                seen += 1
                guard let status = Syscalls.status(root + "/" + name), (try? Syscalls.kind(root + "/" + name)) == .file
                else { continue }
                if newest == nil || status.modified > newest?.time ?? (0, 0) {
                    newest = (root == readable.first ? name : root + "/" + name, status.modified)
                }
            }
        }
        return newest?.path
    }

    /// The most problems the pages list (the first, errors before warnings); `chibo check` prints them all.
    static let problemLimit = 200

    /// The overlay's problems for `diagnostics`: at most `problemLimit`, errors first, each with its
    /// source line when the line is in a text file of the content or the theme. Each file is read
    /// once, whatever the number of its problems.
    func problems(for diagnostics: [Diagnostic]) -> [Problem] {
        let shown = Array(
            (diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity != .error })
                .prefix(Self.problemLimit))
        var wanted: [String: Set<Int>] = [:]
        for diagnostic in shown where diagnostic.location.sheet == nil {
            wanted[diagnostic.location.file, default: []].insert(diagnostic.location.line)
        }
        var found: [String: [Int: String]] = [:]
        for (file, lines) in wanted { found[file] = sourceLines(file: file, lines: lines) }
        return shown.map { diagnostic in
            var problem = Problem(diagnostic: diagnostic)
            let location = diagnostic.location
            if location.sheet == nil, let line = found[location.file]?[location.line] {
                (problem.source, problem.caret) = Self.shortened(line, column: location.column)
            }
            return problem
        }
    }

    /// The most of a source line the overlay shows, in characters.
    static let sourceWidth = 240

    /// The line around `column` (1-based), at most `sourceWidth` characters with `…` where it was cut,
    /// control and format characters shown as `�`; and the caret's place in it.
    static func shortened(_ line: String, column: Int) -> (String, Int) {
        var characters = line.unicodeScalars.map { scalar -> Character in
            let shown =
                scalar.properties.generalCategory == .control && scalar != "\t"
                || scalar.properties.generalCategory == .format
            return shown ? "\u{FFFD}" : Character(scalar)
        }
        var caret = max(0, column - 1)
        if characters.count > sourceWidth {
            let start = max(0, min(caret - sourceWidth / 2, characters.count - sourceWidth))
            let end = min(characters.count, start + sourceWidth)
            characters =
                (start > 0 ? ["…"] : []) + Array(characters[start..<end]) + (end < characters.count ? ["…"] : [])
            caret = caret - start + (start > 0 ? 1 : 0)
        }
        return (String(characters), caret)
    }

    /// The text of line `line` of `file`: see `sourceLines`.
    func sourceLine(file: String, line: Int) -> String? {
        sourceLines(file: file, lines: [line])[line]
    }

    /// The text of the lines `lines` of `file` (relative to the content folder, or a theme file's
    /// path), in one reading of the file, and only when the file, every link followed, is a regular
    /// file inside the content or the theme folder: a link that leads out of them is an error of the
    /// build, and its target is never read.
    func sourceLines(file: String, lines wanted: Set<Int>) -> [Int: String] {
        for candidate in [contentPath + "/" + file, file] {
            guard let resolved = try? Syscalls.realPath(candidate),
                readable.contains(where: { resolved.utf8.starts(with: ($0 == "/" ? "/" : $0 + "/").utf8) }),
                let bytes = try? Syscalls.readRegularFile(resolved, limit: 64 * 1024 * 1024)
            else { continue }
            // Lines end at LF, a CR before it dropped (a String would keep CR LF as one character).
            var result: [Int: String] = [:]
            var number = 1
            var start = bytes.startIndex
            let last = wanted.max() ?? 0
            while number <= last, start <= bytes.endIndex {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
                if wanted.contains(number) {
                    var text = bytes[start..<end]
                    if text.last == UInt8(ascii: "\r") { text = text.dropLast() }
                    if number == 1, text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
                    result[number] = String(validating: text, as: UTF8.self)
                }
                guard end < bytes.endIndex else { break }
                start = end + 1
                number += 1
            }
            return result
        }
        return [:]
    }

    // MARK: - Serving

    /// The host names a request may give: the address and port listened on; `localhost` with the port
    /// when the address is 127.0.0.1 or ::1; each `--host` name with the port; and each of these
    /// without the port too when it is 80. Listening on 0.0.0.0 (or `::`), every literal address of
    /// that family with the port: never a name but the `--host` ones, since a site whose name was
    /// rebound to this machine would send its own.
    struct HostNames: Sendable {
        var address: ListenAddress
        var port: UInt16
        var names: [PreviewHostName] = []

        init(address: ListenAddress, port: UInt16, names: [PreviewHostName] = []) {
            self.address = address
            self.port = port
            self.names = names
        }

        /// For tests: `address` as `--listen` takes it (127.0.0.1 when it is none).
        init(address: String, port: UInt16, names: [String] = []) {
            self.init(
                address: ListenAddress(parsing: address) ?? .loopback, port: port,
                names: names.compactMap(PreviewHostName.init(parsing:)))
        }

        func accepts(_ field: String) -> Bool {
            let field = field.lowercased()
            let host: Substring
            if field.hasPrefix("["), let close = field.firstIndex(of: "]") {
                host = field[...close]
                guard Self.portMatches(field[field.index(after: close)...], port) else { return false }
            } else if let colon = field.firstIndex(of: ":") {
                host = field[..<colon]
                guard Self.portMatches(field[colon...], port) else { return false }
            } else {
                host = field[...]
                guard port == 80 else { return false }
            }
            if names.contains(where: { $0.text == host }) { return true }
            if (address.isThisComputerOnly || address.isEveryAddress) && host == "localhost" { return true }
            guard address.isEveryAddress else { return address.isSpelt(by: host) }
            let bare = address.isIPv6 && host.hasPrefix("[") && host.hasSuffix("]") ? host.dropFirst().dropLast() : host
            guard let literal = ListenAddress(parsing: String(bare)) else { return false }
            return literal.isIPv6 == address.isIPv6 && literal.urlHost == String(host) && !literal.isEveryAddress
        }

        /// Whether `rest` is `:PORT` with exactly `port`'s digits, or nothing when the port is 80.
        static func portMatches(_ rest: Substring, _ port: UInt16) -> Bool {
            rest.isEmpty ? port == 80 : rest == ":\(port)"
        }

        /// Whether `origin` is a page of the preview's own: `http://` and a host name it accepts.
        func acceptsOrigin(_ origin: String) -> Bool {
            let lowered = origin.lowercased()
            return lowered.hasPrefix("http://") && accepts(String(lowered.dropFirst(7)))
        }

        /// The address to open, as the refusal names it.
        var shown: String {
            let host = address.isEveryAddress ? names.first?.text ?? "127.0.0.1" : address.urlHost
            return "http://\(host):\(port)"
        }
    }

    /// The response to `request` from the client address `peer`, for a preview listening as `hosts`
    /// and, beyond this computer, asking for a password of `passwords`. The host is checked first: a
    /// page of another site learns nothing, not even that a password is asked for.
    func respond(
        _ request: PreviewRequest, hosts: HostNames, peer: String = "", passwords: PreviewPasswords? = nil
    ) -> PreviewResponse {
        guard let host = request.fields["host"], hosts.accepts(host) else {
            return .text(421, "Bản xem trước của chibo chỉ mở tại \(hosts.shown) (hoặc localhost).\n")
        }
        if let passwords {
            switch passwords.decide(
                authorization: request.fields["authorization"], peer: peer, now: Syscalls.monotonicSeconds())
            {
            case .allowed:
                break
            case .challenge:
                return .text(
                    401, "Bản xem trước cần tên và mật khẩu (như trang nội bộ).\n",
                    fields: [("WWW-Authenticate", "Basic realm=\"chibo\", charset=\"UTF-8\"")])
            case .limited(let seconds):
                return .text(
                    429, "Sai mật khẩu quá nhiều lần; thử lại sau \(seconds) giây.\n",
                    fields: [("Retry-After", String(seconds))])
            }
        }
        if let origin = request.fields["origin"], !hosts.acceptsOrigin(origin) {
            return .text(403, "Bản xem trước không trả lời trang của nơi khác.\n")
        }
        // A page of another site may open a page of the preview (a link), never read its data.
        let site = request.fields["sec-fetch-site"] ?? "same-origin"
        if site != "same-origin" && site != "none"
            && (request.path.hasPrefix("/_chibo/") || request.fields["sec-fetch-mode"] != "navigate")
        {
            return .text(403, "Bản xem trước không trả lời trang của nơi khác.\n")
        }
        switch request.path {
        case "/_chibo/preview.js":
            return Self.file(.ok, type: "text/javascript; charset=utf-8", Array(PreviewAssets.script.utf8))
        case "/_chibo/preview.css":
            return Self.file(.ok, type: "text/css; charset=utf-8", Array(PreviewAssets.stylesheet.utf8))
        case "/_chibo/state.json":
            return Self.file(.ok, type: "application/json", Array(stateJSON().utf8))
        case "/_chibo/events":
            return events()
        default:
            return siteFile(request.path, query: request.query)
        }
    }

    /// A file of the built site at the decoded `path`; `query` is kept on a redirect, as nginx does.
    func siteFile(_ path: String, query: String? = nil) -> PreviewResponse {
        let (basePath, files) = state.withLock { ($0.basePath, $0.files) }
        // Compared and cut as bytes: a combining mark after a `/` makes another Character.
        guard path.utf8.starts(with: basePath.utf8) else {
            if path == "/" { return .text(302, basePath + "\n", fields: [("Location", basePath)]) }
            return notFound()
        }
        let relative = String(decoding: path.utf8.dropFirst(basePath.utf8.count), as: UTF8.self)
        let parts = relative.split(separator: "/")
        guard !parts.contains(where: { $0.utf8.first == UInt8(ascii: ".") }) else { return notFound() }
        let index = SiteOutput.pageFileName
        let served = relative.isEmpty || relative.hasSuffix("/") ? relative + index : relative
        guard let file = files[served] else {
            if !relative.isEmpty, !relative.hasSuffix("/"), files[relative + "/" + index] != nil {
                let location = Self.encodedPath(basePath + relative + "/") + (query.map { "?" + $0 } ?? "")
                return .text(301, location + "\n", fields: [("Location", location)])
            }
            return notFound()
        }
        let type = Self.mediaType(served)
        switch file {
        case .memory(let bytes):
            // A page gets the preview's script.
            return Self.file(
                .ok, type: type, type.hasPrefix("text/html") ? Self.inject(bytes) : bytes, sitePath: served)
        case .stored(let stored, let size):
            // Sent from the disk as it is, a piece at a time, never read whole into memory.
            var response = Self.file(.ok, type: type, [], sitePath: served)
            response.file = (stored, size)
            return response
        }
    }

    /// A page of the built site held in memory, nil when there is none.
    func file(_ relative: String) -> [UInt8]? {
        guard case .memory(let bytes) = state.withLock({ $0.files[relative] }) else { return nil }
        return bytes
    }

    func notFound() -> PreviewResponse {
        var response = Self.file(
            .notFound, type: "text/html; charset=utf-8", Self.inject(file(SiteOutput.notFound.path()) ?? []))
        if response.body.isEmpty { response = .text(404, "404\n") }
        return response
    }

    enum Status: Int {
        case ok = 200, notFound = 404
    }

    /// A response with the fields nginx gives the file at `sitePath` (a page, for the preview's own
    /// files), never cached.
    static func file(_ status: Status, type: String, _ body: [UInt8], sitePath: String = SiteOutput.pageFileName)
        -> PreviewResponse
    {
        PreviewResponse(
            status: status.rawValue, fields: [("Content-Type", type)] + fields(forSitePath: sitePath), body: body)
    }

    /// The fields nginx's block gives the file at `path` (its security policy, and a download's
    /// disposition for an attachment), with `no-store` for caching: the preview changes under the page.
    static func fields(forSitePath path: String) -> [(name: String, value: String)] {
        NginxConfig.securityFields(forPath: path) + [("Cache-Control", "no-store")]
    }

    /// `path` with every byte but the unreserved ones and `/` percent-encoded: a Location field that
    /// holds nothing a client could read as another host or another field.
    static func encodedPath(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// The page with the preview's stylesheet and script before `</head>`.
    static func inject(_ page: [UInt8]) -> [UInt8] {
        let tag = Array(
            "<link rel=\"stylesheet\" href=\"/_chibo/preview.css\"><script src=\"/_chibo/preview.js\" defer></script>"
                .utf8)
        let end = Array("</head>".utf8)
        guard page.count >= end.count,
            let index = (0...(page.count - end.count)).first(where: { page[$0..<($0 + end.count)].elementsEqual(end) })
        else { return page + tag }
        return Array(page[..<index]) + tag + Array(page[index...])
    }

    /// The media type of the file served at `path`, from its own name.
    static func mediaType(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.contains(".") ? name.split(separator: ".").last.map { String($0).lowercased() } ?? "" : ""
        let type = NginxConfig.types.first { $0.extensions.contains(ext) }?.mediaType ?? "application/octet-stream"
        return type.hasPrefix("text/") || type.hasSuffix("json") || type.hasSuffix("javascript")
            || type.hasSuffix("xml") ? type + "; charset=utf-8" : type
    }

    /// `{"version": N, "problems": [{"file", "line", "column", "severity", "message", "cell", "source",
    /// "caret"}], "more": M}`: `more` counts the problems past `problemLimit`.
    func stateJSON() -> String {
        let (version, problems, more) = state.withLock { ($0.version, $0.problems, $0.more) }
        let items: [[String: Any]] = problems.map { problem in
            let location = problem.diagnostic.location
            var item: [String: Any] = [
                "file": location.file, "line": location.line, "column": location.column,
                "severity": problem.diagnostic.severity.rawValue,
                "message": problem.diagnostic.text(in: language),
            ]
            if let sheet = location.sheet { item["cell"] = "\(sheet) \(location.cellName)" }
            // The cell's place in the language's words, which the overlay shows after the location.
            if let place = location.cellPlace(in: language) { item["place"] = place }
            if let source = problem.source {
                item["source"] = source
                item["caret"] = problem.caret
            }
            return item
        }
        let object: [String: Any] = ["version": version, "problems": items, "more": more]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{\"version\": \(version), \"problems\": []}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The event stream of one open page (`text/event-stream`): the state now, then after every build,
    /// and a comment every 15 seconds so that a page gone away is noticed. The page sends nothing.
    func events() -> PreviewResponse {
        var response = Self.file(.ok, type: "text/event-stream; charset=utf-8", [])
        response.stream = { [self] connection in
            var seen = -1
            var quiet = Date()
            // While the preview cannot be reached, the page tries again each second.
            guard connection.send(Array("retry: 1000\n\n".utf8)) else { return }
            while true {
                let version = state.withLock { $0.version }
                if version != seen {
                    seen = version
                    quiet = Date()
                    guard connection.send(Array("data: \(stateJSON())\n\n".utf8)) else { return }
                } else if Date().timeIntervalSince(quiet) > 15 {
                    quiet = Date()
                    guard connection.send(Array(": chibo\n\n".utf8)) else { return }
                }
                if connection.hasGone(waiting: 0) { return }
                changed.lock()
                if state.withLock({ $0.version }) == seen { _ = changed.wait(until: Date().addingTimeInterval(1)) }
                changed.unlock()
            }
        }
        return response
    }

    /// The address cannot be listened on: a usage error (exit status 2).
    public struct CannotListen: UsageRefusal {
        public var address: String
        public var port: UInt16
        public var reason: String
        public var inUse: Bool

        public var description: String {
            inUse
                ? "\(address):\(port) is in use (\(reason)); give another port with --port"
                : "cannot listen on \(address):\(port) (\(reason))"
        }

        public var vietnamese: String {
            inUse
                ? "\(address):\(port) đang được dùng (\(reason)); hãy chọn cổng khác bằng --port"
                : "không lắng nghe được trên \(address):\(port) (\(reason))"
        }
    }

    /// Builds, then serves on `address`:`port` until the process ends, rebuilding when an input
    /// changed; `log` gets the URL and a line per build. Throws `CannotListen` when the address cannot
    /// be listened on.
    public func run(
        address: ListenAddress, port: UInt16, hostNames: [PreviewHostName] = [], passwords: PreviewPasswords? = nil,
        today: @escaping @Sendable () -> Day, log: @escaping @Sendable (String) -> Void
    ) throws(CannotListen) {
        let listening: Int32
        do {
            listening = try Syscalls.listen(address: address.text, port: port)
        } catch {
            throw CannotListen(
                address: address.urlHost, port: port, reason: error.reason, inUse: error.isAddressInUse)
        }
        if let line = refresh(today: today()) { log(line) }
        let hosts = HostNames(address: address, port: port, names: hostNames)
        let server = PreviewServer(listening: listening) { [self] request, peer in
            respond(request, hosts: hosts, peer: peer, passwords: passwords)
        }
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
        let url = "http://\(address.urlHost):\(port)\(Self.encodedPath(base))"
        log(language == .vi ? "đang phục vụ \(url) (Ctrl-C để dừng)" : "serving \(url) (Ctrl-C stops)")
        server.run()
    }
}

extension String {
    /// Left-padded with zeros to `width`.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }

    /// On one line: line ends shown as spaces.
    fileprivate var singleLine: String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
