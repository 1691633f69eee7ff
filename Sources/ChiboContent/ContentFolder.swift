import ChiboModel
import ChiboSupport
import Foundation

extension SystemError {
    /// The operating system's reason as a diagnostic gives it, in parentheses after what failed:
    /// "permission denied", "it is a loop of links".
    var diagnosticReason: String { isLoopOfLinks ? "it is a loop of links" : reason.lowercased() }
}

/// Read access to a content folder (or the theme's): sorted listings, no hidden files, nothing
/// outside the folder.
struct ContentFolder: Sendable {
    let root: URL
    private let resolvedRoot: String
    /// What the folder is called in messages: "the content folder", "the theme folder".
    let called: String

    init(path: String, called: String = "the content folder") {
        root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        resolvedRoot = root.resolvingSymlinksInPath().path
        self.called = called
    }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: url(relative).path)
    }

    /// The folder's real path, every link followed.
    func realPath(_ relative: String) -> String { url(relative).resolvingSymlinksInPath().path }

    /// The real path of `relative` with every link followed (POSIX `realpath`), or the OS's reason
    /// why it cannot be resolved (a loop of links, a link to nothing).
    func resolve(_ relative: String) throws(SystemError) -> String {
        try Syscalls.realPath(url(relative).path)
    }

    /// Whether the real path `real` is the folder `folder` (relative) or lies inside it.
    func contains(real: String, within folder: String = "") -> Bool {
        let base = folder.isEmpty ? resolvedRoot : (try? resolve(folder)) ?? resolvedRoot
        return real == base || real.hasPrefix(base == "/" ? "/" : base + "/")
    }

    /// Whether `relative` is a link (to a file or a folder).
    func isLink(_ relative: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url(relative).path)) != nil
    }

    func isDirectory(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url(relative).path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The names in a folder as they are on disk (a name saved in NFD stays NFD, so that it can be
    /// opened), sorted by their NFC form; hidden ones left out.
    func list(_ relative: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(relative).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted { ($0.nfc, $0) < ($1.nfc, $1) }
    }

    /// The bytes of a file, or nil with a diagnostic when it cannot be read or lies outside the folder.
    func read(_ relative: String, diagnostics: inout Diagnostics) -> [UInt8]? {
        let target = url(relative).resolvingSymlinksInPath().path
        guard target == resolvedRoot || target.hasPrefix(resolvedRoot + "/") else {
            diagnostics.error(
                SourceLocation(file: relative), .fileLinkOutside(to: target, theme: called == "the theme folder"))
            return nil
        }
        // A pipe or a device would block the build, or never end: only files are read.
        if (try? Syscalls.kind(target)) == .other {
            diagnostics.error(
                SourceLocation(file: relative), .notARegularFile)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url(relative).path) else {
            diagnostics.error(
                SourceLocation(file: relative),
                isDirectory(relative) ? .folderNotFile : .fileUnreadable(reason: unreadableReason(relative)))
            return nil
        }
        return [UInt8](data)
    }

    /// Why a file that could not be read is unreadable: the OS's reason when this process may not
    /// read it (or it is gone), else a read error.
    func unreadableReason(_ relative: String) -> String {
        do {
            try Syscalls.checkReadable(url(relative).path)
            return "a read error"
        } catch {
            return error.diagnosticReason
        }
    }

    /// The text of a file (UTF-8, NFC), or nil with a diagnostic.
    func text(_ relative: String, diagnostics: inout Diagnostics) -> String? {
        utf8(relative, diagnostics: &diagnostics).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The UTF-8 of the text of a file (NFC, no BOM), or nil with a diagnostic.
    func utf8(_ relative: String, diagnostics: inout Diagnostics) -> [UInt8]? {
        read(relative, diagnostics: &diagnostics).flatMap {
            SourceText.decodeUTF8($0, file: relative, diagnostics: &diagnostics)
        }
    }
}
