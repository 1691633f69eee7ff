import CChiboSystem
import ChiboRender
import Foundation

/// Publishes a built site into a folder all at once: the files are written into a new folder
/// beside it, which then takes the old one's place with an atomic exchange.
public enum OutputWriter {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Replaces the folder at `path` with exactly `files`. On any failure the folder is left as it was.
    public static func publish(_ files: [OutputFile], to path: String) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let manager = FileManager.default
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(getpid())")
        try? manager.removeItem(at: staging)
        do {
            try write(files, into: staging)
            try swap(staging, into: target)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    static func write(_ files: [OutputFile], into folder: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        var made: Set<String> = [folder.path]
        for file in files {
            guard isSafe(file.path) else {
                throw Failure(description: "refusing to write \(file.path): it leads outside the output folder")
            }
            let url = folder.appendingPathComponent(file.path)
            let directory = url.deletingLastPathComponent()
            if !made.contains(directory.path) {
                try manager.createDirectory(at: directory, withIntermediateDirectories: true)
                made.insert(directory.path)
            }
            guard manager.createFile(atPath: url.path, contents: Data(file.bytes)) else {
                throw Failure(description: "cannot write \(url.path)")
            }
        }
    }

    /// A relative path with no `..`, no empty or hidden-dot segment and no leading `/`.
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
