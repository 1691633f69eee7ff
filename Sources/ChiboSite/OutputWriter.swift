import CChiboSystem
import ChiboModel
import ChiboRender
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Publishes a built site into a folder all at once. The files are written into a new folder beside
/// it, which then takes the old one's place with an atomic exchange; on any failure or interruption
/// the old folder stays as it was. Files whose bytes did not change are hard-linked from the old
/// folder (with their `.gz` and `.br`), so their modification times stay and nothing is compressed twice.
public enum OutputWriter {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What a write did, for the command's summary.
    public struct Summary: Sendable {
        public var written = 0
        public var reused = 0
        public var compressed = 0
    }

    /// Replaces the folder at `path` with exactly `files` (plus precompressed copies).
    @discardableResult
    public static func publish(_ files: [OutputFile], to path: String, precompress: Bool = true) throws -> Summary {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let lock = try Lock(parent.appendingPathComponent(".\(target.lastPathComponent).lock").path, what: target.path)
        defer { lock.release() }
        removeStale(in: parent, prefix: ".\(target.lastPathComponent).new-")
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(getpid())")
        do {
            let summary = try write(files, into: staging, previous: target, precompress: precompress)
            try Timings.measure("write: swap") { try swap(staging, into: target) }
            return summary
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    /// Removes the staging folders that killed builds left beside the output folder at `path`.
    public static func removeStale(besides path: String) {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        removeStale(in: target.deletingLastPathComponent(), prefix: ".\(target.lastPathComponent).new-")
    }

    /// Staging folders left by a build that was killed; their process is gone.
    static func removeStale(in folder: URL, prefix: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }) ?? 0
            if pid > 0, pid != getpid(), kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Writes `files` into the new folder `folder`; unchanged files are hard-linked from `previous`.
    /// Folders are made first; then every core writes files, each with its `.gz` and `.br`.
    static func write(_ files: [OutputFile], into folder: URL, previous: URL?, precompress: Bool = true) throws
        -> Summary
    {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = folder.path
        var made: Set<String> = [""]
        func makeFolder(_ relative: String) throws {
            guard !made.contains(relative) else { return }
            let parent = relative.lastIndex(of: "/").map { String(relative[..<$0]) } ?? ""
            try makeFolder(parent)
            guard mkdir(root + "/" + relative, 0o755) == 0 || errno == EEXIST else {
                throw Failure(description: "cannot create the folder \(root)/\(relative)")
            }
            made.insert(relative)
        }
        try Timings.measure("write: folders") {
            for file in files {
                guard isSafe(file.path) else {
                    throw Failure(description: "refusing to write \(file.path): it leads outside the output folder")
                }
                try makeFolder(file.path.lastIndex(of: "/").map { String(file.path[..<$0]) } ?? "")
            }
        }
        let counts = Mutex(Summary())
        let failures = FailureBox()
        Timings.measure("write: files") {
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                let file = files[index]
                let compressible = precompress && file.bytes.count >= 1024 && Compression.isCompressible(file.path)
                if let previous, reuse(file, from: previous, into: folder, compressed: compressible) {
                    counts.withLock { $0.reused += 1 }
                    return
                }
                let path = root + "/" + file.path
                guard writeFile(path, file.bytes) else {
                    failures.record("cannot write \(path)")
                    return
                }
                if compressible {
                    for (suffix, bytes) in [
                        (".gz", Compression.gzip(file.bytes)), (".br", Compression.brotli(file.bytes)),
                    ] {
                        guard let bytes, writeFile(path + suffix, bytes) else {
                            failures.record("cannot write \(path)\(suffix)")
                            continue
                        }
                        copyTimes(from: path, to: path + suffix)
                    }
                }
                counts.withLock {
                    $0.written += 1
                    if compressible { $0.compressed += 1 }
                }
            }
        }
        if let message = failures.first { throw Failure(description: message) }
        return counts.withLock { $0 }
    }

    /// Creates (or truncates) a file and writes all of `bytes` into it.
    static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
    }

    /// Links the old copy (and its compressed copies) when its bytes are the same.
    static func reuse(_ file: OutputFile, from previous: URL, into folder: URL, compressed: Bool) -> Bool {
        let old = previous.appendingPathComponent(file.path).path
        let new = folder.appendingPathComponent(file.path).path
        var info = stat()
        guard stat(old, &info) == 0, Int(info.st_size) == file.bytes.count,
            let data = FileManager.default.contents(atPath: old), data.elementsEqual(file.bytes)
        else { return false }
        if compressed {
            for suffix in [".gz", ".br"] where access(old + suffix, F_OK) != 0 { return false }
        }
        guard link(old, new) == 0 else { return false }
        if compressed {
            for suffix in [".gz", ".br"] where link(old + suffix, new + suffix) != 0 {
                unlink(new)
                unlink(new + ".gz")
                return false
            }
        }
        return true
    }

    static func copyTimes(from source: String, to target: String) {
        var info = stat()
        guard stat(source, &info) == 0 else { return }
        var times = [info.st_atim, info.st_mtim]
        _ = utimensat(AT_FDCWD, target, &times, 0)
    }

    /// A relative path with no `..`, no empty or `.` segment and no leading `/`.
    static func isSafe(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.isEmpty
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
                $0 != ".." && $0 != "." && !$0.isEmpty
            }
    }

    static func swap(_ staging: URL, into target: URL) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: target.path, isDirectory: &isDirectory) else {
            try manager.moveItem(at: staging, to: target)
            return
        }
        guard isDirectory.boolValue else {
            throw Failure(description: "\(target.path) exists and is not a folder")
        }
        if chibo_exchange_paths(staging.path, target.path) == 0 {
            try? manager.removeItem(at: staging)
            return
        }
        // Without renameat2: move the old folder aside, then the new one in.
        let old = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).old-\(getpid())")
        try? manager.removeItem(at: old)
        try manager.moveItem(at: target, to: old)
        do {
            try manager.moveItem(at: staging, to: target)
        } catch {
            try? manager.moveItem(at: old, to: target)
            throw error
        }
        try? manager.removeItem(at: old)
    }
}

/// The first failure of parallel work.
final class FailureBox: Sendable {
    private let message = Mutex<String?>(nil)

    func record(_ text: String) {
        message.withLock { if $0 == nil { $0 = text } }
    }

    var first: String? { message.withLock { $0 } }
}

/// An exclusive lock on a file (flock), so that two builds never write to one place at once.
struct Lock {
    let descriptor: Int32

    init(_ path: String, what: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputWriter.Failure(description: "cannot create the lock file \(path)") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw OutputWriter.Failure(
                description: "another chibo is writing to \(what) right now; wait for it to finish and run again")
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
