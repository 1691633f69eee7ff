import ChiboModel
import ChiboSite
import ChiboSupport
import Foundation
import Synchronization

/// The preview's builds, in one child process (`chibo preview-build`, a command not listed in the
/// help) that lives from one build to the next: it keeps each page's inputs hash and a hash of each
/// file it sent, builds as `chibo build` does (without the compressed copies) when the preview asks,
/// renders only the pages whose inputs changed, and sends the preview only the files whose bytes
/// changed and the paths that are gone, over a pipe, then its report. Nothing is written to the disk
/// but the files too large to hold in memory (`storedSize`). Content that crashes or hangs a reader
/// ends the child; the preview, still running, says so, and the next build starts a new child, which
/// builds the whole site.
public enum PreviewBuild {
    /// What the child reports at the end of a build.
    struct Report: Codable, Sendable {
        var pages = 0
        var kept = 0
        var basePath = "/"
        var diagnostics: [Diagnostic] = []
        /// The files could not be sent or stored: the system's reason.
        var failure: String?
        /// The first build of this child: the changes are the whole site.
        var full = false
    }

    /// A file of the site as the preview holds it.
    enum File: Sendable, Equatable {
        /// Its bytes, in the preview's memory.
        case memory([UInt8])
        /// A file larger than `storedSize` that is not a page: its copy in the private folder
        /// (named by its bytes' hash, so that a copy is never changed once written), and its size.
        case stored(path: String, size: Int)

        var size: Int {
            switch self {
            case .memory(let bytes): bytes.count
            case .stored(_, let size): size
            }
        }
    }

    /// One change to the site that a build sends.
    enum Change: Sendable, Equatable {
        case file(String, File)
        case removed(String)
    }

    enum Outcome: Sendable {
        case finished(Report, [Change])
        /// The child ended without a report: killed by a signal, or stopped at its time limit.
        case stopped(en: String, vi: String)
    }

    /// Files above this size that are not pages are stored in the private folder, not held in memory:
    /// the data files of a large site, a long PDF.
    static let storedSize = 1 << 20

    /// The folder of the private folder where stored files go.
    static let storeName = "files"

    // MARK: - The pipe

    /// One frame on the pipe: a kind byte, the path's length (4 bytes) and the path, the body's
    /// length (8 bytes) and the body; little-endian.
    enum Kind: UInt8 {
        /// A file's bytes.
        case file = 0x46  // F
        /// A stored file: the body is `SIZE NAME`, the name in the store.
        case stored = 0x53  // S
        /// A path that is gone.
        case removed = 0x44  // D
        /// The report (JSON), which ends a build.
        case report = 0x52  // R
    }

    /// The longest path a frame may carry, and the largest body.
    static let pathLimit = 64 * 1024
    static let bodyLimit = 1 << 32

    static func frame(_ kind: Kind, path: String = "", body: [UInt8] = []) -> [UInt8] {
        var bytes: [UInt8] = [kind.rawValue]
        bytes.reserveCapacity(13 + path.utf8.count + body.count)
        let name = Array(path.utf8)
        withUnsafeBytes(of: UInt32(name.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += name
        withUnsafeBytes(of: UInt64(body.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += body
        return bytes
    }

    /// Reads frames from a pipe, a buffer at a time.
    struct FrameReader {
        let read: (Int) -> [UInt8]?
        var buffer: [UInt8] = []
        var start = 0

        init(read: @escaping (Int) -> [UInt8]?) { self.read = read }

        /// Reads what the pipe holds as it comes (`FileHandle.read(upToCount:)` waits for the whole count).
        init(_ handle: FileHandle) {
            let descriptor = handle.fileDescriptor
            self.init { Syscalls.readSome(descriptor, atMost: $0) }
        }

        /// Whether `count` bytes are in the buffer, reading as needed; false at the end of the pipe.
        mutating func fill(_ count: Int) -> Bool {
            while buffer.count - start < count {
                if start > 0 {
                    buffer.removeSubrange(..<start)
                    start = 0
                }
                guard let more = read(1 << 20) else { return false }
                buffer += more
            }
            return true
        }

        mutating func take(_ count: Int) -> ArraySlice<UInt8> {
            defer { start += count }
            return buffer[start..<(start + count)]
        }

        mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard fill(MemoryLayout<T>.size) else { return nil }
            var value: T = 0
            for (index, byte) in take(MemoryLayout<T>.size).enumerated() { value |= T(byte) << (8 * index) }
            return value
        }

        /// The next frame; nil at the end of the pipe or at a frame that breaks a bound.
        mutating func next() -> (kind: Kind, path: String, body: [UInt8])? {
            guard fill(1), let kind = Kind(rawValue: take(1).first ?? 0), let length = integer(UInt32.self),
                Int(length) <= PreviewBuild.pathLimit, fill(Int(length))
            else { return nil }
            let path = String(decoding: take(Int(length)), as: UTF8.self)
            guard let size = integer(UInt64.self), size <= UInt64(PreviewBuild.bodyLimit), fill(Int(size)) else {
                return nil
            }
            return (kind, path, Array(take(Int(size))))
        }
    }

    // MARK: - The child's side

    /// What the child keeps between builds: each page's inputs hash, and each file's bytes' hash as
    /// the preview holds it.
    struct Memory: Sendable {
        var inputs: [String: UInt64] = [:]
        var hashes: [String: UInt64] = [:]
        var built = false
        /// The content outside the guidance as read, and what is computed from it alone.
        var cache = Build.MemoryCache()
    }

    /// The child's side: builds each time a line `build YYYY-MM-DD` comes on its standard input and
    /// sends the changes and the report on its standard output; ends at the end of its input. The exit
    /// status is 0 when the input ended.
    public static func serveInChild(content: String, theme: String?, folder: String, parent: Int32) -> Int32 {
        // Nothing outlives the preview, nothing is made that another user could read, and nothing is
        // made outside the preview's private folder: the folder must be there, a folder (not a link)
        // of this user's, mode 0700. When the preview has ended and removed it, the child stops here.
        Syscalls.makeFilesPrivate()
        guard Syscalls.dieWithParent(parent) else { return 1 }
        var memory = Memory()
        let output = Mutex(FileHandle.standardOutput)
        while let line = readLine(strippingNewline: true) {
            guard line.hasPrefix("build "), let date = Day(parsing: line.dropFirst(6)), isPrivateFolder(folder)
            else { return 1 }
            let frames = build(content: content, theme: theme, folder: folder, date: date, memory: &memory) { bytes in
                output.withLock { try? $0.write(contentsOf: Data(bytes)) }
            }
            output.withLock { try? $0.write(contentsOf: Data(frames)) }
        }
        return 0
    }

    static func isPrivateFolder(_ folder: String) -> Bool {
        guard (try? Syscalls.kind(folder)) == .folder, let owner = try? Syscalls.ownership(folder) else { return false }
        return owner.user == Syscalls.userID && owner.mode & 0o077 == 0
    }

    /// One build against `memory`: the changed files go to `send` as frames while the pages render;
    /// returns the last frames (the paths that are gone, the report). `memory` takes the build only
    /// when it has no error and everything was sent.
    static func build(
        content: String, theme: String?, folder: String, date: Day, memory: inout Memory,
        send: @Sendable ([UInt8]) -> Void
    ) -> [UInt8] {
        var build = Build(contentPath: content, themePath: theme, outputPath: folder + "/site", buildDate: date)
        build.precompress = false
        let previous = memory.hashes
        let store = folder + "/" + storeName
        let made = Mutex((hashes: [String: UInt64](), failure: String?.none))
        let outcome = build.renderInMemory(previous: memory.inputs, cache: &memory.cache) { file in
            var hasher = StableHasher()
            hasher.combine(file.bytes)
            let hash = hasher.value
            made.withLock { $0.hashes[file.path] = hash }
            guard previous[file.path] != hash else { return }
            guard file.bytes.count > storedSize, !file.path.hasSuffix(".html") else {
                return send(frame(.file, path: file.path, body: file.bytes))
            }
            do {
                let name = try storeFile(file.bytes, hash: hash, in: store)
                send(frame(.stored, path: file.path, body: Array("\(file.bytes.count) \(name)".utf8)))
            } catch {
                made.withLock { if $0.failure == nil { $0.failure = "\(error)" } }
            }
        }
        var report = Report()
        report.diagnostics = outcome.diagnostics.sorted
        report.pages = outcome.pages
        report.kept = outcome.kept
        report.full = !memory.built
        report.basePath = build.readBasePath()
        let (hashes, failure) = made.withLock { ($0.hashes, $0.failure) }
        report.failure = failure
        var frames: [UInt8] = []
        if !outcome.diagnostics.hasErrors, failure == nil {
            var next = Memory(inputs: outcome.inputs, built: true, cache: memory.cache)
            for path in outcome.paths { next.hashes[path] = hashes[path] ?? previous[path] }
            for path in previous.keys.sorted() where next.hashes[path] == nil {
                frames += frame(.removed, path: path)
            }
            memory = next
        }
        let json = (try? JSONEncoder().encode(report)).map { [UInt8]($0) } ?? Array("{}".utf8)
        return frames + frame(.report, body: json)
    }

    /// Writes `bytes` into the store under a name made of their hash and size, unless a file of that
    /// name is there: written under a temporary name and renamed, so that a copy is whole or absent.
    static func storeFile(_ bytes: [UInt8], hash: UInt64, in store: String) throws(SystemError) -> String {
        let name = hash.hex16 + "-" + String(bytes.count)
        let path = store + "/" + name
        if Syscalls.regularFileSize(path) == bytes.count { return name }
        try Syscalls.makeFolder(store, existingIsFine: true)
        let temporary = store + "/." + name + ".new"
        try Syscalls.writeFile(temporary, bytes)
        try Syscalls.rename(temporary, to: path)
        return name
    }

    // MARK: - The preview's side

    /// The child process, from the build that started it to the one it failed.
    struct Child: Sendable {
        let process: Process
        let requests: FileHandle
        let frames: FileHandle
        /// Where the child stores the files it does not send (`storedSize`).
        let store: String

        var pid: Int32 { process.processIdentifier }
    }

    /// Starts the child process.
    static func start(content: String, theme: String?, folder: String) -> Result<Child, Stopped> {
        guard let executable = Syscalls.executablePath() else {
            return .failure(Stopped(en: "chibo's own program is not found", vi: "không tìm thấy chương trình chibo"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            ["preview-build", "--content", content, "--folder", folder, "--parent", String(Syscalls.processID)]
            + (theme.map { ["--theme", $0] } ?? [])
        var environment = ProcessInfo.processInfo.environment
        // A crash ends the child at once, without Swift's backtrace on the preview's terminal.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let requests = Pipe()
        let frames = Pipe()
        process.standardInput = requests
        process.standardOutput = frames
        // The stages' times (CHIBO_TIMINGS=1) on the preview's terminal; nothing else.
        process.standardError = environment["CHIBO_TIMINGS"] == "1" ? FileHandle.standardError : FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(
                Stopped(
                    en: "chibo could not start a build: \(error.localizedDescription)",
                    vi: "chibo không bắt đầu dựng trang được: \(error.localizedDescription)"))
        }
        return .success(
            Child(
                process: process, requests: requests.fileHandleForWriting, frames: frames.fileHandleForReading,
                store: folder + "/" + storeName))
    }

    /// Why a build stopped, in both languages.
    struct Stopped: Error {
        var en: String
        var vi: String
    }

    /// The preview's side: asks `child` to build for `date` and waits for its report at most
    /// `seconds`; the changes it sent are returned with the report, for the preview to apply at once.
    /// When the child ends or is stopped, it is ended for good: the caller starts another.
    static func build(_ child: Child, date: Day, seconds: Double) -> Outcome {
        let received = Mutex((changes: [Change](), report: Report?.none))
        let done = DispatchSemaphore(value: 0)
        let frames = child.frames
        let store = child.store
        let reader = Thread {
            var reader = FrameReader(frames)
            while let (kind, path, body) = reader.next() {
                switch kind {
                case .file:
                    received.withLock { $0.changes.append(.file(path, .memory(body))) }
                case .stored:
                    let text = String(decoding: body, as: UTF8.self)
                    guard let space = text.firstIndex(of: " "), let size = Int(text[..<space]) else { continue }
                    let name = String(text[text.index(after: space)...])
                    guard !name.contains("/"), !name.hasPrefix(".") else { continue }
                    received.withLock {
                        $0.changes.append(.file(path, .stored(path: store + "/" + name, size: size)))
                    }
                case .removed:
                    received.withLock { $0.changes.append(.removed(path)) }
                case .report:
                    let report = try? JSONDecoder().decode(Report.self, from: Data(body))
                    received.withLock { $0.report = report ?? Report(failure: "the report could not be read") }
                    done.signal()
                    return
                }
            }
            done.signal()
        }
        do {
            try child.requests.write(contentsOf: Data("build \(date.description)\n".utf8))
        } catch {
            return ended(child)
        }
        reader.start()
        if done.wait(timeout: .now() + seconds) == .timedOut {
            Syscalls.kill(child.process.processIdentifier)
            child.process.waitUntilExit()
            done.wait()
            return .stopped(
                en: "it took more than \(Int(seconds)) seconds",
                vi: "quá \(FieldValue.number(Int(seconds)).text(in: .vi)) giây")
        }
        let (changes, report) = received.withLock { ($0.changes, $0.report) }
        guard let report else { return ended(child) }
        return .finished(report, changes)
    }

    /// The child ended (or its pipe broke) without a report: how, once it has ended.
    static func ended(_ child: Child) -> Outcome {
        Syscalls.kill(child.process.processIdentifier)
        child.process.waitUntilExit()
        if child.process.terminationReason == .uncaughtSignal {
            return .stopped(
                en: "chibo's reader crashed: signal \(child.process.terminationStatus)",
                vi: "bộ đọc của chibo bị lỗi đột ngột: tín hiệu \(child.process.terminationStatus)")
        }
        return .stopped(
            en: "the build ended with status \(child.process.terminationStatus) and no report",
            vi: "lần dựng kết thúc với mã \(child.process.terminationStatus) mà không có báo cáo")
    }
}
