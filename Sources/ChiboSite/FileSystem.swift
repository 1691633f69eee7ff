import CChiboSystem
import ChiboModel
import ChiboSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Every file system call the site module makes that can fail, in one place: each either succeeds or
/// throws a `SystemFailure` with the path and the OS's reason, read from `errno` right after the call.
enum FileSystem {
    /// What a path names, without following a last symbolic link.
    enum Kind: Equatable {
        case folder, file, link, other
    }

    /// The kind of the entry at `path`, nil when nothing is there; a failure other than "no such file".
    static func kind(_ path: String) throws(SystemFailure) -> Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw SystemFailure("look at", path, errno: code)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// Whether `path` is a folder, following symbolic links.
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether anything (even a link to nothing) is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The canonical absolute path of an existing `path` (realpath).
    static func realPath(_ path: String) throws(SystemFailure) -> String {
        guard let resolved = realpath(path, nil) else { throw SystemFailure("resolve", path, errno: errno) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The process's working folder.
    static func currentFolder() throws(SystemFailure) -> String {
        guard let folder = getcwd(nil, 0) else { throw SystemFailure("read the current folder", ".", errno: errno) }
        defer { free(folder) }
        return String(cString: folder)
    }

    /// The names in a folder, without `.` and `..`, in no particular order.
    static func entries(_ folder: String) throws(SystemFailure) -> [String] {
        guard let stream = opendir(folder) else { throw SystemFailure("read the folder", folder, errno: errno) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The text of a symbolic link, nil when `path` is not one.
    static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Makes one folder; with `existingIsFine`, one that is there already (whatever it is) is no failure.
    static func makeFolder(_ path: String, existingIsFine: Bool = false) throws(SystemFailure) {
        guard mkdir(path, 0o755) == 0 else {
            let code = errno
            if existingIsFine && code == EEXIST { return }
            throw SystemFailure("create the folder", path, errno: code)
        }
    }

    /// Makes a folder and every missing folder above it (mkdir -p).
    static func makeFolders(_ path: String) throws(SystemFailure) {
        if isFolder(path) { return }
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        if !parent.isEmpty { try makeFolders(parent) }
        guard mkdir(path, 0o755) == 0 else {
            let code = errno
            if code == EEXIST && isFolder(path) { return }
            throw SystemFailure("create the folder", path, errno: code)
        }
    }

    /// Renames `source` to `destination` (atomic within one file system).
    static func rename(_ source: String, to destination: String) throws(SystemFailure) {
        guard Glibc.rename(source, destination) == 0 else {
            throw SystemFailure("move \(OutputTarget.printable(source)) to", destination, errno: errno)
        }
    }

    /// Exchanges two paths atomically (renameat2 RENAME_EXCHANGE); EINVAL or ENOSYS where the file
    /// system or the kernel cannot.
    static func exchange(_ first: String, _ second: String) throws(SystemFailure) {
        guard chibo_exchange_paths(first, second) == 0 else {
            throw SystemFailure("exchange \(OutputTarget.printable(first)) with", second, errno: errno)
        }
    }

    /// Makes a symbolic link at `path` whose text is `target`.
    static func makeLink(_ path: String, to target: String) throws(SystemFailure) {
        guard symlink(target, path) == 0 else { throw SystemFailure("create the link", path, errno: errno) }
    }

    /// Removes a file, a link or a whole folder (a link is removed, not followed); nothing there is fine.
    /// Removes a folder's tree with both cores, a subfolder at a time (removing files is the
    /// kernel's work, which two threads do faster than one on this disk).
    static func removeTreeInParallel(_ path: String) {
        guard (try? kind(path)) == .folder, let names = try? entries(path) else {
            try? removeTree(path)
            return
        }
        // Two levels down: the units folder alone holds most of a site.
        var parts: [String] = []
        for name in names {
            let child = path + "/" + name
            if (try? kind(child)) == .folder, let inner = try? entries(child) {
                parts.append(contentsOf: inner.map { child + "/" + $0 })
            } else {
                parts.append(child)
            }
        }
        Parallel.forEach(parts) { part in try? removeTree(part) }
        try? removeTree(path)
    }

    static func removeTree(_ path: String) throws(SystemFailure) {
        guard let kind = try kind(path) else { return }
        if kind == .folder {
            for name in try entries(path) { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 else { throw SystemFailure("remove the folder", path, errno: errno) }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else { throw SystemFailure("remove", path, errno: errno) }
        }
    }

    /// Creates (or truncates) a file and writes all of `bytes` into it; a failed close (a full disk on
    /// some file systems) is a failure too.
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(SystemFailure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemFailure("write", path, errno: errno) }
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return count < 0 ? errno : EIO }
                offset += count
            }
            return nil
        }
        if let failure {
            close(descriptor)
            throw SystemFailure("write", path, errno: failure)
        }
        guard close(descriptor) == 0 else { throw SystemFailure("write", path, errno: errno) }
    }
}
