#if canImport(Glibc)
    import Glibc
#endif

/// The calls that watch folders for changes (inotify).
extension Syscalls {
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
}
