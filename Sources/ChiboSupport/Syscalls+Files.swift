import CChiboSystem

#if canImport(Glibc)
    import Glibc
#endif

/// The calls on files and folders: looking at paths, making, moving, reading, writing, locking,
/// owners and modes.
extension Syscalls {
    /// The kind of the entry at `path` (lstat), nil when nothing is there; a failure other than
    /// "no such file" throws.
    package static func kind(_ path: String) throws(SystemError) -> Kind? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw SystemError("look at", path, errno: code)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .file
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// Whether `path` is a folder, following symbolic links (stat).
    package static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether anything (even a link to nothing) is at `path` (lstat).
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether `path` can be reached, following links (access F_OK).
    package static func isReachable(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Throws the reason why this process may not read `path` (access R_OK).
    package static func checkReadable(_ path: String) throws(SystemError) {
        guard access(path, R_OK) == 0 else { throw SystemError("read", path, errno: errno) }
    }

    /// Size, times to the nanosecond and inode of the file at `path`, links followed; nil when it
    /// cannot be looked at.
    package static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Status(
            size: Int(info.st_size), modified: (info.st_mtim.tv_sec, info.st_mtim.tv_nsec),
            changed: (info.st_ctim.tv_sec, info.st_ctim.tv_nsec), inode: UInt64(info.st_ino))
    }

    /// The canonical absolute path of an existing `path`, every link followed (realpath).
    package static func realPath(_ path: String) throws(SystemError) -> String {
        guard let resolved = realpath(path, nil) else { throw SystemError("resolve", path, errno: errno) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The process's working folder (getcwd).
    package static func currentFolder() throws(SystemError) -> String {
        guard let folder = getcwd(nil, 0) else { throw SystemError("read the current folder", ".", errno: errno) }
        defer { free(folder) }
        return String(cString: folder)
    }

    /// The names in a folder, without `.` and `..`, in no particular order (opendir, readdir).
    package static func entries(_ folder: String) throws(SystemError) -> [String] {
        guard let stream = opendir(folder) else { throw SystemError("read the folder", folder, errno: errno) }
        defer { closedir(stream) }
        var names: [String] = []
        // A record is as long as its name (d_reclen), not sizeof(dirent): the name is read through a
        // pointer up to its NUL, never by copying the struct (`pointee`), which reads past the record.
        guard let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) else { return names }
        while let entry = readdir(stream) {
            let name = String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The text of a symbolic link, nil when `path` is not one (readlink).
    package static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The path of the binary running (Linux's `/proc/self/exe`).
    package static func executablePath() -> String? {
        linkTarget("/proc/self/exe")
    }

    /// Makes one folder (mkdir); with `existingIsFine`, one that is there already (whatever it is) is no
    /// failure.
    package static func makeFolder(_ path: String, existingIsFine: Bool = false) throws(SystemError) {
        #if CHIBO_FAULTS
            if let code = Faults.injected(.makeFolder, path) {
                throw SystemError("create the folder", path, errno: code)
            }
        #endif
        guard mkdir(path, 0o755) == 0 else {
            let code = errno
            if existingIsFine && code == EEXIST { return }
            throw SystemError("create the folder", path, errno: code)
        }
    }

    /// Renames `source` to `destination` (rename: atomic within one file system, and it replaces a file
    /// or a link at `destination`).
    package static func rename(_ source: String, to destination: String) throws(SystemError) {
        #if CHIBO_FAULTS
            if let code = Faults.injected(.rename, destination) {
                throw SystemError("move \(source.printable) to", destination, errno: code)
            }
        #endif
        guard Glibc.rename(source, destination) == 0 else {
            throw SystemError("move \(source.printable) to", destination, errno: errno)
        }
    }

    /// Exchanges two paths atomically (renameat2 RENAME_EXCHANGE); false where the file system or the
    /// kernel cannot (EINVAL, ENOSYS).
    package static func exchange(_ first: String, _ second: String) throws(SystemError) -> Bool {
        #if CHIBO_FAULTS
            if let code = Faults.injected(.rename, second) {
                throw SystemError("exchange \(first.printable) with", second, errno: code)
            }
        #endif
        guard chibo_exchange_paths(first, second) == 0 else {
            let code = errno
            if code == EINVAL || code == ENOSYS { return false }
            throw SystemError("exchange \(first.printable) with", second, errno: code)
        }
        return true
    }

    /// Makes a symbolic link at `path` whose text is `target` (symlink).
    package static func makeLink(_ path: String, to target: String) throws(SystemError) {
        guard symlink(target, path) == 0 else { throw SystemError("create the link", path, errno: errno) }
    }

    /// Makes `path` a second name of the file `existing` (link); false when it cannot.
    package static func hardLink(_ existing: String, at path: String) -> Bool {
        #if CHIBO_FAULTS
            if Faults.injected(.link, path) != nil { return false }
        #endif
        return link(existing, path) == 0
    }

    /// Removes an empty folder (rmdir).
    package static func removeFolder(_ path: String) throws(SystemError) {
        guard rmdir(path) == 0 else { throw SystemError("remove the folder", path, errno: errno) }
    }

    /// Removes a file or a link (unlink); nothing there is fine.
    package static func remove(_ path: String) throws(SystemError) {
        guard unlink(path) == 0 else {
            let code = errno
            if code == ENOENT { return }
            throw SystemError("remove", path, errno: code)
        }
    }

    /// All the bytes of the file at `path` (open, read, close).
    package static func readFile(_ path: String) throws(SystemError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError("read", path, errno: errno) }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SystemError("read", path, errno: errno) }
            guard count > 0 else { return result }
            result.append(contentsOf: buffer[..<count])
        }
    }

    /// What a pipe holds now, at most `limit` bytes, waiting until it holds something (read): nil at
    /// its end or on an error.
    package static func readSome(_ descriptor: Int32, atMost limit: Int) -> [UInt8]? {
        while true {
            var failed = false
            // Not filled with zeros first: a pipe gives 64 KB a read, and the rest is never touched.
            let bytes = [UInt8](unsafeUninitializedCapacity: limit) { buffer, initialized in
                let count = read(descriptor, buffer.baseAddress, limit)
                failed = count < 0 && errno == EINTR
                initialized = max(0, count)
            }
            if failed { continue }
            return bytes.isEmpty ? nil : bytes
        }
    }

    /// The bytes of the regular file at `path`, at most `limit` of them: nil when the last name is a
    /// link (O_NOFOLLOW), not a regular file (fstat), larger than `limit`, or cannot be read.
    package static func readRegularFile(_ path: String, limit: Int) throws(SystemError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ELOOP || code == ENOTDIR { return nil }
            throw SystemError("read", path, errno: code)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else {
            return nil
        }
        var result: [UInt8] = []
        result.reserveCapacity(Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while result.count <= limit {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SystemError("read", path, errno: errno) }
            guard count > 0 else { return result }
            result.append(contentsOf: buffer[..<count])
        }
        return nil
    }

    /// The size of the regular file at `path`, nil when there is none or the last name is a link (lstat).
    package static func regularFileSize(_ path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Writes `bytes` into a new file at `path`, which must not exist (O_EXCL, O_NOFOLLOW: never through
    /// a link someone put there), gives the open file `mode` (fchmod) and `user` and `group` when given
    /// (fchown; -1 for the one not given), and flushes it to disk (fsync) before closing it. Whether
    /// the owner could be set: a user who is not root may give a file only a group they are in.
    package static func writeNewFile(
        _ path: String, _ bytes: [UInt8], mode: UInt32, user: UInt32? = nil, group: UInt32? = nil
    ) throws(SystemError) -> Bool {
        #if CHIBO_FAULTS
            if let code = Faults.injected(.write, path) { throw SystemError("write", path, errno: code) }
        #endif
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SystemError("create", path, errno: errno) }
        let failure = writeAll(descriptor, bytes)
        var owned = true
        if failure == nil, user != nil || group != nil {
            owned = fchown(descriptor, user ?? UInt32.max, group ?? UInt32.max) == 0
        }
        let code = failure ?? (fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 ? errno : nil)
        if let code {
            close(descriptor)
            throw SystemError("write", path, errno: code)
        }
        guard close(descriptor) == 0 else { throw SystemError("write", path, errno: errno) }
        return owned
    }

    /// Creates (or truncates) a file and writes all of `bytes` into it (open, write, close); a failed
    /// close (a full disk on some file systems) is a failure too.
    package static func writeFile(_ path: String, _ bytes: [UInt8]) throws(SystemError) {
        #if CHIBO_FAULTS
            if let code = Faults.injected(.write, path) { throw SystemError("write", path, errno: code) }
        #endif
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemError("write", path, errno: errno) }
        let failure = writeAll(descriptor, bytes)
        if let failure {
            close(descriptor)
            throw SystemError("write", path, errno: failure)
        }
        guard close(descriptor) == 0 else { throw SystemError("write", path, errno: errno) }
    }

    /// Writes all of `bytes` to an open file (write, again after EINTR or a short write); the `errno`
    /// of a failure, or nil.
    fileprivate static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return count < 0 ? errno : EIO }
                offset += count
            }
            return nil
        }
    }

    /// Gives `target` the access and modification times of `source` (stat, utimensat); nothing when
    /// either cannot be reached.
    package static func copyTimes(from source: String, to target: String) {
        var info = stat()
        guard stat(source, &info) == 0 else { return }
        var times = [info.st_atim, info.st_mtim]
        _ = utimensat(AT_FDCWD, target, &times, 0)
    }

    /// An open lock file held with an exclusive flock.
    package struct Lock: Sendable {
        let descriptor: Int32

        /// Lets the lock go and closes the file.
        package func release() {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
    }

    /// Takes an exclusive lock on the file at `path` (open, flock), creating it; nil when another
    /// process holds it.
    package static func lock(_ path: String) throws(SystemError) -> Lock? {
        // O_NOFOLLOW: a link planted at the lock's name is refused, never followed to another file.
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw SystemError("create the lock file", path, errno: errno) }
        return try lockExclusively(descriptor, path)
    }

    /// Takes an exclusive lock on the folder at `path` itself (open O_DIRECTORY, flock): nothing is
    /// made in it; nil when another process holds it.
    package static func lockFolder(_ path: String) throws(SystemError) -> Lock? {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SystemError("open the folder", path, errno: errno) }
        return try lockExclusively(descriptor, path)
    }

    /// flock(LOCK_EX | LOCK_NB) on an open descriptor, which is closed when the lock is not had.
    fileprivate static func lockExclusively(_ descriptor: Int32, _ path: String) throws(SystemError) -> Lock? {
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw SystemError("lock", path, errno: code)
        }
        return Lock(descriptor: descriptor)
    }

    /// Makes a new folder with an unpredictable name `prefix` + six characters in `parent`, readable
    /// by this user alone (mkdtemp: mode 0700, never one that exists already, no link followed).
    package static func makePrivateFolder(in parent: String, prefix: String) throws(SystemError) -> String {
        var template = Array((parent + "/" + prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else { throw SystemError("create a private folder in", parent, errno: errno) }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The mode bits (permissions), owner and group of the file at `path` (stat), nil when none is there.
    package static func ownership(_ path: String) throws(SystemError) -> (mode: UInt32, user: UInt32, group: UInt32)? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw SystemError("look at", path, errno: code)
        }
        return (info.st_mode & 0o7777, info.st_uid, info.st_gid)
    }

    /// Whether this process runs as root (geteuid).
    package static var isRoot: Bool { geteuid() == 0 }

    /// The user id this process runs as (geteuid).
    package static var userID: UInt32 { geteuid() }

    /// The id of the group named `name` (getgrnam), nil when there is none.
    package static func groupID(_ name: String) -> UInt32? {
        getgrnam(name).map { $0.pointee.gr_gid }
    }
}
