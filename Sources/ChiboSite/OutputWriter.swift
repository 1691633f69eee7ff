import ChiboModel
import ChiboRender
import ChiboSupport
import Foundation
import Synchronization

/// Publishes a built site into a folder all at once. The files are written into a new folder beside
/// it, which then takes the old one's place with an atomic exchange; on any failure or interruption
/// the old folder stays as it was. Files whose bytes did not change are hard-linked from the old
/// folder (with their `.gz` and `.br`), so their modification times stay and nothing is compressed twice.
public enum OutputWriter {
    /// What a write did, for the command's summary.
    public struct WriteCounts: Sendable {
        public var written = 0
        public var reused = 0
        public var compressed = 0
        /// Pages whose inputs were those of the previous build: not rendered, their files kept.
        public var kept = 0
        /// Files kept so, pages and others (data files, search index).
        public var keptFiles = 0
    }

    /// Replaces the folder at `path` with exactly `files` (plus precompressed copies).
    @discardableResult
    package static func publish(_ files: [OutputFile], to path: String, precompress: Bool = true)
        throws(PublishFailure) -> WriteCounts
    {
        let summary = try publish(to: path, precompress: precompress) { staging in
            Parallel.forEach(files) { staging.write($0) }
            return true
        }
        return summary ?? WriteCounts()
    }

    /// Replaces the folder at `path` with what `produce` writes into the staging folder it is given
    /// (from any thread). When `produce` returns false the staging folder is removed and the folder
    /// at `path` stays as it was; the result is then nil. The lock and the staging folder are made
    /// at the first write, so a build that writes nothing leaves nothing beside the output folder.
    package static func publish(
        to path: String, precompress: Bool = true, _ produce: (OutputStaging) -> Bool
    ) throws(PublishFailure) -> WriteCounts? {
        // A symbolic link is followed: its target is replaced and the link stays a link.
        let resolved: String
        do {
            resolved = try OutputTarget.resolve(path)
        } catch {
            throw .refused(error)
        }
        let target = URL(fileURLWithPath: resolved)
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).new-\(Syscalls.processID)")
        let lock = LockBox()
        defer { lock.release() }
        let writer = OutputStaging(folder: staging, previous: target, precompress: precompress) {
            () throws(PublishFailure) in
            do throws(SystemError) {
                try FileSystem.makeFolders(parent.path)
            } catch {
                throw .system(error)
            }
            try lock.take(parent.appendingPathComponent(".\(name).lock").path, what: target.path)
            removeStale(in: parent, prefix: ".\(name).new-")
        }
        do throws(PublishFailure) {
            guard produce(writer) else {
                writer.discard()
                return nil
            }
            try writer.open()
            let summary = try writer.finish()
            try Timings.measure("write: swap") {
                Result { () throws(PublishFailure) in try swap(staging, into: target) }
            }
            .get()
            return summary
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Removes the staging folders that killed builds left beside the output folder at `path`.
    public static func removeStale(besides path: String) {
        guard let resolved = try? OutputTarget.resolve(path) else { return }
        let target = URL(fileURLWithPath: resolved)
        removeStale(in: target.deletingLastPathComponent(), prefix: ".\(target.lastPathComponent).new-")
    }

    /// Staging folders left by a build that was killed; their process is gone.
    static func removeStale(in folder: URL, prefix: String) {
        let names = (try? Syscalls.entries(folder.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }) ?? 0
            if pid > 0, pid != Syscalls.processID, Syscalls.isRunning(pid) { continue }
            try? FileSystem.removeTree(folder.appendingPathComponent(name).path)
        }
    }

    /// Writes `files` into the new folder `folder`; unchanged files are hard-linked from `previous`.
    static func write(_ files: [OutputFile], into folder: URL, previous: URL?, precompress: Bool = true)
        throws(PublishFailure) -> WriteCounts
    {
        let staging = try OutputStaging(folder: folder, previous: previous, precompress: precompress)
        Parallel.forEach(files) { staging.write($0) }
        return try staging.finish()
    }

    /// Links the old copy (and its compressed copies) when its bytes are the same.
    static func reuse(_ file: OutputFile, from previous: URL, into folder: URL, compressed: Bool) -> Bool {
        let old = previous.appendingPathComponent(file.path).path
        let new = folder.appendingPathComponent(file.path).path
        guard let status = Syscalls.status(old), status.size == file.bytes.count,
            let data = FileManager.default.contents(atPath: old), data.elementsEqual(file.bytes)
        else { return false }
        if compressed {
            for suffix in [".gz", ".br"] where !Syscalls.isReachable(old + suffix) { return false }
        }
        guard Syscalls.hardLink(old, at: new) else { return false }
        if compressed {
            for suffix in [".gz", ".br"] where !Syscalls.hardLink(old + suffix, at: new + suffix) {
                try? Syscalls.remove(new)
                try? Syscalls.remove(new + ".gz")
                return false
            }
        }
        return true
    }

    /// A relative path with no `..`, no empty or `.` segment and no leading `/`.
    static func isSafe(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.isEmpty
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
                $0 != ".." && $0 != "." && !$0.isEmpty
            }
    }

    /// Puts the staging folder in the target's place: an atomic exchange (renameat2), else the old
    /// folder moved aside and the new one renamed in.
    static func swap(_ staging: URL, into target: URL) throws(PublishFailure) {
        let kind: Syscalls.Kind?
        do {
            kind = try Syscalls.kind(target.path)
        } catch {
            throw .system(error)
        }
        switch kind {
        case nil, .folder: break
        default: throw .output(.notAFolder(path: target.path))
        }
        do throws(SystemError) {
            if kind == nil {
                try Syscalls.rename(staging.path, to: target.path)
                return
            }
            if try Syscalls.exchange(staging.path, target.path) {
                FileSystem.removeTreeInParallel(staging.path)
                return
            }
            // Without renameat2: move the old folder aside, then the new one in.
            let old = target.deletingLastPathComponent().appendingPathComponent(
                ".\(target.lastPathComponent).old-\(Syscalls.processID)")
            try? FileSystem.removeTree(old.path)
            try Syscalls.rename(target.path, to: old.path)
            do {
                try Syscalls.rename(staging.path, to: target.path)
            } catch {
                try? Syscalls.rename(old.path, to: target.path)
                throw error
            }
            try? FileSystem.removeTree(old.path)
        } catch {
            throw .system(error)
        }
    }
}

/// A new output folder being filled, from any number of threads at once: each file is written with
/// its `.gz` and `.br` (or hard-linked with them from the previous output when its bytes are the
/// same), its folders made as needed.
public final class OutputStaging: Sendable {
    let folder: URL
    let root: String
    let previous: URL?
    let precompress: Bool
    /// Run once before the folder is made (taking the lock); nil when the folder is made at once.
    private let prepare: (@Sendable () throws(PublishFailure) -> Void)?
    private let opened = Mutex(OpenState.closed)

    /// Whether the staging folder was made, or why it could not be.
    enum OpenState: Sendable, Equatable {
        case closed, open
        case failed(PublishFailure)
    }
    private let made = Mutex<Set<String>>([""])
    private let counts = Mutex(OutputWriter.WriteCounts())
    private let failures = FailureBox()
    /// Each page's inputs hash in the previous output, from its manifest.
    private let previousInputs: [String: UInt64]

    /// A staging folder made at the first write, after `prepare`.
    init(
        folder: URL, previous: URL?, precompress: Bool,
        prepare: @escaping @Sendable () throws(PublishFailure) -> Void
    ) {
        self.folder = folder
        self.root = folder.path
        self.previous = previous
        self.precompress = precompress
        self.previousInputs = Self.manifest(in: previous)
        self.prepare = prepare
    }

    /// A staging folder made now.
    init(folder: URL, previous: URL?, precompress: Bool) throws(PublishFailure) {
        self.folder = folder
        self.root = folder.path
        self.previous = previous
        self.precompress = precompress
        self.previousInputs = Self.manifest(in: previous)
        self.prepare = nil
        try open()
    }

    /// Makes the folder (a new, empty one) unless it is made already. It is tried once: when it
    /// fails, every later call throws the same failure (trying again would take the lock a second
    /// time, and report a full disk as another chibo writing).
    func open() throws(PublishFailure) {
        let failure = opened.withLock { state -> PublishFailure? in
            switch state {
            case .open: return nil
            case .failed(let failure): return failure
            case .closed: break
            }
            do throws(PublishFailure) {
                try prepare?()
                try? FileSystem.removeTree(root)
                do throws(SystemError) {
                    try FileSystem.makeFolders(root)
                } catch {
                    throw .system(error)
                }
                state = .open
                return nil
            } catch {
                state = .failed(error)
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Removes the folder if it was made, or its part if making it failed.
    func discard() {
        if opened.withLock({ $0 != .closed }) { try? FileSystem.removeTree(root) }
    }

    /// Writes one file; a failure is kept and thrown by `finish`.
    public func write(_ file: OutputFile) {
        do {
            try open()
        } catch {
            failures.record(error)
            return
        }
        guard OutputWriter.isSafe(file.path) else {
            failures.record(.output(.leadsOutsideTheOutput(path: file.path)))
            return
        }
        let parent = file.path.lastIndex(of: "/").map { String(file.path[..<$0]) } ?? ""
        do {
            try makeFolder(parent)
        } catch {
            failures.record(.system(error))
            return
        }
        let compressible = precompress && file.bytes.count >= 1024 && Compression.isCompressible(file.path)
        if let previous, OutputWriter.reuse(file, from: previous, into: folder, compressed: compressible) {
            counts.withLock { $0.reused += 1 }
            return
        }
        let path = root + "/" + file.path
        do {
            try Syscalls.writeFile(path, file.bytes)
        } catch {
            failures.record(.system(error))
            return
        }
        if compressible {
            // The `.gz` and the `.br` on two cores at once: files handed over one after another (the
            // search index, the assets) and a large file at the end of the build would otherwise keep
            // one core busy while the other waits. Under parallel rendering both run on this thread.
            let compressors: [(String, @Sendable ([UInt8]) -> [UInt8]?)] = [
                (".gz", Compression.gzip), (".br", Compression.brotli),
            ]
            let bytes = file.bytes
            DispatchQueue.concurrentPerform(iterations: compressors.count) { index in
                let (suffix, compress) = compressors[index]
                guard let packed = compress(bytes) else {
                    failures.record(.output(.compressionFailed(path: path)))
                    return
                }
                do throws(SystemError) {
                    try Syscalls.writeFile(path + suffix, packed)
                } catch {
                    failures.record(.system(error))
                    return
                }
                Syscalls.copyTimes(from: path, to: path + suffix)
            }
        }
        counts.withLock {
            $0.written += 1
            if compressible { $0.compressed += 1 }
        }
    }

    static func manifest(in previous: URL?) -> [String: UInt64] {
        guard let previous,
            let data = FileManager.default.contents(atPath: previous.appendingPathComponent(PageReuse.manifest).path)
        else { return [:] }
        return PageReuse.parseManifest(String(decoding: data, as: UTF8.self))
    }

    /// The paths under `folder` in the previous output's manifest, with their inputs hashes.
    public func previous(under folder: String) -> [(path: String, inputs: UInt64)] {
        previousInputs.filter { $0.key.hasPrefix(folder) }.map { (path: $0.key, inputs: $0.value) }
    }

    /// Keeps the previous build's file at `path`, with its compressed copies, when the previous build
    /// made it from the same inputs: the page is then not rendered. False when it must be made.
    public func keep(_ path: String, inputs: UInt64) -> Bool {
        guard let previous, previousInputs[path] == inputs, OutputWriter.isSafe(path) else { return false }
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        do {
            try open()
            try makeFolder(parent)
        } catch {
            return false
        }
        let old = previous.path + "/" + path
        let new = root + "/" + path
        guard Syscalls.hardLink(old, at: new) else { return false }
        for suffix in [".gz", ".br"] where precompress && Syscalls.isReachable(old + suffix) {
            if !Syscalls.hardLink(old + suffix, at: new + suffix) {
                for made in ["", ".gz", ".br"] { try? Syscalls.remove(new + made) }
                return false
            }
        }
        counts.withLock {
            $0.keptFiles += 1
            if path.hasSuffix(".html") { $0.kept += 1 }
        }
        return true
    }

    /// What was written, or the first failure.
    package func finish() throws(PublishFailure) -> OutputWriter.WriteCounts {
        if let failure = failures.first { throw failure }
        return counts.withLock { $0 }
    }

    /// Makes a folder and the folders above it, once each.
    private func makeFolder(_ relative: String) throws(SystemError) {
        try made.withLock { made throws(SystemError) in
            var missing: [String] = []
            var current = relative
            while !made.contains(current) {
                missing.append(current)
                current = current.lastIndex(of: "/").map { String(current[..<$0]) } ?? ""
            }
            for folder in missing.reversed() {
                try Syscalls.makeFolder(root + "/" + folder, existingIsFine: true)
                made.insert(folder)
            }
        }
    }
}

/// The first failure of parallel work.
final class FailureBox: Sendable {
    private let failure = Mutex<PublishFailure?>(nil)

    func record(_ error: PublishFailure) {
        failure.withLock { if $0 == nil { $0 = error } }
    }

    var first: PublishFailure? { failure.withLock { $0 } }
}

/// A lock taken later, from another thread, and released once.
final class LockBox: Sendable {
    private let held = Mutex<Lock?>(nil)

    func take(_ path: String, what: String) throws(PublishFailure) {
        let lock = try Lock(path, what: what)
        held.withLock { $0 = lock }
    }

    func release() {
        held.withLock {
            $0?.release()
            $0 = nil
        }
    }
}

/// An exclusive lock on a file (flock), so that two builds never write to one place at once.
struct Lock: Sendable {
    let held: Syscalls.Lock

    /// Takes the lock at `path` of the folder `what`; `OutputFailure.lockedByAnotherBuild` when another
    /// process holds it.
    init(_ path: String, what: String) throws(PublishFailure) {
        let found: Syscalls.Lock?
        do {
            found = try Syscalls.lock(path)
        } catch {
            throw .system(error)
        }
        guard let held = found else { throw .output(.lockedByAnotherBuild(target: what)) }
        self.held = held
    }

    func release() { held.release() }
}
