import CChiboSystem
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

// Elsewhere the build stops here, with the reason, rather than at the first missing libc name.
#if !os(Linux)
    #error("chibo runs on Linux: it uses renameat2, /proc/self/exe and st_mtim")
#endif

/// Every libc call chibo makes, in one file (the model is swift-system's `Internals/Syscalls.swift`):
/// thin wrappers with Swift types in and out. A call that can fail reads `errno` right after it and
/// throws a `SystemError` with what was being done and the path; no other file sees a return code or
/// `errno`, and no other file imports Glibc.
package enum Syscalls {
    /// What a path names, without following a last symbolic link.
    package enum Kind: Equatable, Sendable {
        case folder, file, link, other
    }

    /// What `stat` says of a file that a fingerprint keeps: any write moves the change time.
    package struct Status: Sendable {
        package var size: Int
        package var modified: (seconds: Int, nanoseconds: Int)
        package var changed: (seconds: Int, nanoseconds: Int)
        package var inode: UInt64
    }

    // MARK: Looking at paths

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

    // MARK: Changing paths

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

    /// Sends `count` bytes of the regular file at `path` (not through a link) on a socket (sendfile);
    /// false when the file cannot be opened, holds fewer bytes, or the peer is gone.
    package static func sendFile(_ socket: Int32, path: String, count: Int) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        var offset = off_t(0)
        while Int(offset) < count {
            let sent = Glibc.sendfile(socket, descriptor, &offset, count - Int(offset))
            if sent < 0 && errno == EINTR { continue }
            // EAGAIN is the socket's time limit passing: a reader too slow is dropped.
            guard sent > 0 else { return false }
        }
        return true
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
    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
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

    // MARK: Locks

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
    private static func lockExclusively(_ descriptor: Int32, _ path: String) throws(SystemError) -> Lock? {
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { return nil }
            throw SystemError("lock", path, errno: code)
        }
        return Lock(descriptor: descriptor)
    }

    // MARK: Private folders

    /// Makes a new folder with an unpredictable name `prefix` + six characters in `parent`, readable
    /// by this user alone (mkdtemp: mode 0700, never one that exists already, no link followed).
    package static func makePrivateFolder(in parent: String, prefix: String) throws(SystemError) -> String {
        var template = Array((parent + "/" + prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        guard made != nil else { throw SystemError("create a private folder in", parent, errno: errno) }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// On SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE and SIGABRT (a crash), removes the folder `path`
    /// and all it holds (`rm -rf` in a child process, all the handler can do safely) before the signal
    /// ends the process as it would have. The path is kept for the life of the process.
    package static func removeOnCrash(_ path: String) {
        _ = chibo_remove_on_crash(path)
    }

    /// Calls `body` on each signal that would end the process and can be caught (SIGINT, Ctrl-C;
    /// SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
    /// SIGPWR) instead of ending the process there: signal(2) ignores them so that dispatch sources
    /// get them. SIGPIPE is ignored: a write to a closed pipe fails instead. The sources are returned
    /// and must be kept.
    package static func onTermination(_ body: @escaping @Sendable (String) -> Void) -> [any DispatchSourceSignal] {
        signal(SIGPIPE, SIG_IGN)
        let signals: [(Int32, String)] = [
            (SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGQUIT, "SIGQUIT"), (SIGUSR1, "SIGUSR1"),
            (SIGUSR2, "SIGUSR2"), (SIGALRM, "SIGALRM"), (SIGVTALRM, "SIGVTALRM"), (SIGPROF, "SIGPROF"),
            (SIGXCPU, "SIGXCPU"), (SIGXFSZ, "SIGXFSZ"), (SIGPWR, "SIGPWR"),
        ]
        return signals.map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler { body(name) }
            source.resume()
            return source
        }
    }

    /// The process a crash kills before removing its folder (see `removeOnCrash`); 0 for none.
    package static func setCrashChild(_ pid: Int32) {
        chibo_set_crash_child(pid)
    }

    /// Has the kernel kill this process when its parent ends (prctl PR_SET_PDEATHSIG); false when the
    /// parent `parent` has already ended.
    package static func dieWithParent(_ parent: Int32) -> Bool {
        chibo_die_with_parent() == 0 && getppid() == parent
    }

    /// This process's parent (getppid).
    package static var parentProcessID: Int32 { getppid() }

    /// Makes every file and folder this process creates from now readable by its user alone (umask 077).
    package static func makeFilesPrivate() {
        _ = umask(0o077)
    }

    /// Ends the process at once with `status` (_exit): no exit handler runs, none can hang it.
    package static func exitNow(_ status: Int32) -> Never {
        _exit(status)
    }

    // MARK: Sockets

    /// A TCP socket listening on the IPv4 `address` and `port` (socket, SO_REUSEADDR, bind, listen).
    package static func listen(address: String, port: UInt16) throws(SystemError) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SystemError("open a socket for", "\(address):\(port)", errno: errno) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = port.bigEndian
        guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else {
            close(descriptor)
            throw SystemError("listen on", "\(address):\(port)", errno: EINVAL)
        }
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(descriptor, 128) == 0 else {
            let code = errno
            close(descriptor)
            throw SystemError("listen on", "\(address):\(port)", errno: code)
        }
        return descriptor
    }

    /// The next connection to a listening socket (accept4, close-on-exec), with `seconds` as the time
    /// limit of each read and write on it (SO_RCVTIMEO, SO_SNDTIMEO); nil when accept fails (the
    /// listening socket closed, or no descriptor left: the caller waits a little and tries again).
    package static func accept(_ listening: Int32, seconds: Int) -> Int32? {
        let descriptor = chibo_accept_cloexec(listening)
        guard descriptor >= 0 else { return nil }
        var limit = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    /// Waits up to `milliseconds` for bytes (or the peer's end) on a socket (poll); whether any came.
    package static func waitForInput(_ descriptor: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    /// Reads what has come on a socket, at most `limit` bytes (recv); empty at the peer's end, nil on
    /// a failure or when the time limit of the socket passed.
    package static func receive(_ descriptor: Int32, atMost limit: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            return Array(buffer[..<count])
        }
    }

    /// Sends all of `bytes` on a socket (send, MSG_NOSIGNAL: a closed peer is a failure, not SIGPIPE);
    /// false when the peer is gone or the time limit passed.
    package static func send(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    /// Ends both directions of a socket (shutdown) without closing it: the thread reading it wakes
    /// to its end, and closes it.
    package static func shutdownSocket(_ descriptor: Int32) {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// Closes a descriptor (shutdown first for a socket, so that a thread waiting on it wakes).
    package static func closeSocket(_ descriptor: Int32) {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }

    /// Seconds on a clock that only goes forward (CLOCK_MONOTONIC).
    package static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Waits `milliseconds` (nanosleep).
    package static func sleep(milliseconds: Int) {
        var time = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        _ = nanosleep(&time, nil)
    }

    // MARK: The process and its user

    /// This process's id (getpid).
    package static var processID: Int32 { getpid() }

    /// Whether a process with the id `pid` runs (kill with signal 0).
    package static func isRunning(_ pid: Int32) -> Bool {
        Glibc.kill(pid, 0) == 0
    }

    /// Ends the process `pid` at once (kill with SIGKILL).
    package static func kill(_ pid: Int32) {
        _ = Glibc.kill(pid, SIGKILL)
    }

    /// Waits up to `seconds` until the process `pid` has ended (its `/proc` entry gone, or a zombie
    /// that does nothing more).
    package static func waitUntilEnded(_ pid: Int32, seconds: Double) {
        let deadline = monotonicSeconds() + seconds
        while monotonicSeconds() < deadline {
            guard let stat = try? readRegularFile("/proc/\(pid)/stat", limit: 4096),
                let close = stat.lastIndex(of: UInt8(ascii: ")")), close + 2 < stat.count
            else { return }
            if stat[close + 2] == UInt8(ascii: "Z") || stat[close + 2] == UInt8(ascii: "X") { return }
            sleep(milliseconds: 10)
        }
    }

    /// The value of the environment variable `name` (getenv).
    package static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The user's home folder in the password database (getpwuid).
    package static func homeFolderOfUser() -> String? {
        guard let entry = getpwuid(getuid()), let home = entry.pointee.pw_dir else { return nil }
        return String(cString: home)
    }

    /// An inotify descriptor watching every folder under `roots` for files made, changed, moved or
    /// deleted (inotify_init1, inotify_add_watch); nil when inotify cannot be used.
    package static func watchFolders(_ roots: [String]) -> Int32? {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        addWatches(descriptor, roots)
        return descriptor
    }

    /// The most folders the preview watches with inotify.
    package static let watchLimit = 10_000

    /// Adds a watch on every folder under `roots` (again: a folder watched already keeps its watch),
    /// so that folders made since are watched too.
    package static func addWatches(_ descriptor: Int32, _ roots: [String]) {
        let events = UInt32(
            IN_CREATE | IN_DELETE | IN_MODIFY | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE
                | IN_DELETE_SELF | IN_ATTRIB)
        // Links are not followed (lstat): two links to `.` would make 2^40 paths of one folder; and at
        // most `watchLimit` folders are watched (the fingerprint, taken each second, sees the rest).
        var folders = roots
        var watched = 0
        while let folder = folders.popLast(), watched < watchLimit {
            guard inotify_add_watch(descriptor, folder, events) >= 0 else { continue }
            watched += 1
            for name in (try? entries(folder)) ?? [] where !name.hasPrefix(".") {
                let path = folder + "/" + name
                if (try? kind(path)) == .folder { folders.append(path) }
            }
        }
    }

    /// Waits up to `milliseconds` for events on an inotify descriptor and reads them all; whether
    /// there were any (poll, read).
    package static func waitForEvents(_ descriptor: Int32, milliseconds: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var any = false
        while true {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 0) > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            any = true
        }
        return any
    }

    /// Whether standard error is a terminal (isatty).
    package static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Whether standard input is a terminal (isatty).
    package static var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }

    /// Calls `body` with the terminal's echo off on standard input when it is a terminal (termios, in
    /// CChiboSystem: a Ctrl-C meanwhile restores the echo before the process ends), so that no
    /// password typed during it is shown, not even one typed ahead. `body` reads with `ask`, which
    /// writes its prompt to standard error (on a terminal only) and returns one line without its
    /// line end, nil at the end of input.
    package static func withoutEcho<T>(_ body: (_ ask: (String) -> String?) -> T) -> T {
        let quiet = chibo_echo_off() == 0
        defer { if quiet { chibo_echo_restore() } }
        return body { prompt in
            if quiet {
                var text = prompt
                text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
            }
            return readLine(strippingNewline: true).map { line in
                line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
        }
    }

    // MARK: Owners and modes

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

    // MARK: Text the C library reads or writes

    /// Whether `text` is an IPv4 address (inet_pton AF_INET).
    package static func isIPv4Address(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, text, &buffer) == 1
    }

    /// Whether `text` is an IPv6 address, without brackets (inet_pton AF_INET6).
    package static func isIPv6Address(_ text: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET6, text, &buffer) == 1
    }

    /// The operating system's words for an `errno` (strerror).
    package static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// The failures callers tell apart, by name rather than by `errno` constant.
extension SystemError {
    /// A folder, or an entry that rename(2) cannot replace, is at the destination.
    package var isInTheWay: Bool { errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST }

    /// Something is at the path already (EEXIST).
    package var isExisting: Bool { errno == EEXIST }

    /// A failure because another process holds what was asked for (EWOULDBLOCK).
    package static func busy(_ operation: String, _ path: String) -> SystemError {
        SystemError(operation, path, errno: EWOULDBLOCK)
    }

    /// The address is in use by another socket (EADDRINUSE).
    package var isAddressInUse: Bool { errno == EADDRINUSE }

    /// The links lead round in a loop (ELOOP).
    package var isLoopOfLinks: Bool { errno == ELOOP }
}

#if CHIBO_FAULTS
    import Synchronization

    extension Syscalls {
        /// Failures a test plans, in debug builds only (the seam of swift-system's mocking): a call of
        /// `operation` on a path under `folder` fails with `errno` instead of being made, once `after`
        /// such calls have been made. Plans are keyed by folder, so that tests running at once in
        /// their own temporary folders never meet each other's.
        package enum Faults {
            package enum Operation: Sendable {
                case write, rename, makeFolder, link
            }

            struct Plan: Sendable {
                var operation: Operation
                var folder: String
                var errno: Int32
                var after: Int
            }

            static let plans = Mutex<[Plan]>([])

            /// Makes calls of `operation` under `folder` fail with `errno` after `after` have succeeded.
            package static func plan(_ operation: Operation, under folder: String, errno: Int32, after: Int = 0) {
                plans.withLock { $0.append(Plan(operation: operation, folder: folder, errno: errno, after: after)) }
            }

            /// Removes the plans of `folder`.
            package static func clear(under folder: String) {
                plans.withLock { $0.removeAll { $0.folder == folder } }
            }

            /// The errno a planned failure gives this call, or nil for a call to be made.
            static func injected(_ operation: Operation, _ path: String) -> Int32? {
                plans.withLock { plans in
                    guard
                        let index = plans.firstIndex(where: {
                            $0.operation == operation && (path == $0.folder || path.hasPrefix($0.folder + "/"))
                        })
                    else { return nil }
                    if plans[index].after > 0 {
                        plans[index].after -= 1
                        return nil
                    }
                    return plans[index].errno
                }
            }
        }
    }
#endif
