import ChiboSupport

/// The file system work of the site module made of several calls (`Syscalls` holds each call):
/// folders made with their parents, trees removed.
enum FileSystem {
    /// Makes a folder and every missing folder above it (mkdir -p).
    static func makeFolders(_ path: String) throws(SystemError) {
        if Syscalls.isFolder(path) { return }
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !parent.isEmpty { try makeFolders(parent) }
        do {
            try Syscalls.makeFolder(path)
        } catch {
            if error.isExisting && Syscalls.isFolder(path) { return }
            throw error
        }
    }

    /// Removes a folder's tree with both cores, a subfolder at a time (removing files is the
    /// kernel's work, which two threads do faster than one on this disk).
    static func removeTreeInParallel(_ path: String) {
        guard (try? Syscalls.kind(path)) == .folder, let names = try? Syscalls.entries(path) else {
            try? removeTree(path)
            return
        }
        // Two levels down: the units folder alone holds most of a site.
        var parts: [String] = []
        for name in names {
            let child = path + "/" + name
            if (try? Syscalls.kind(child)) == .folder, let inner = try? Syscalls.entries(child) {
                parts.append(contentsOf: inner.map { child + "/" + $0 })
            } else {
                parts.append(child)
            }
        }
        Parallel.forEach(parts) { part in try? removeTree(part) }
        try? removeTree(path)
    }

    /// Removes a file, a link or a whole folder (a link is removed, not followed); nothing there is fine.
    static func removeTree(_ path: String) throws(SystemError) {
        guard let kind = try Syscalls.kind(path) else { return }
        if kind == .folder {
            for name in try Syscalls.entries(path) { try removeTree(path + "/" + name) }
            try Syscalls.removeFolder(path)
        } else {
            try Syscalls.remove(path)
        }
    }
}
