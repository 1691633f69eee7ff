import CChiboSystem
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// The calls on this process and others: ids, signals, the crash handler, time, the environment.
extension Syscalls {
    /// Gives the memory the allocator holds free back to the system (malloc_trim): after a year's
    /// evaluation is let go, its pages would otherwise stay resident, and the next one's land beside
    /// them rather than in them.
    package static func returnFreeMemory() {
        chibo_return_free_memory()
    }

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
}
