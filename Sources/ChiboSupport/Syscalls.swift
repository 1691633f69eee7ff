#if canImport(Glibc)
    import Glibc
#endif

// Elsewhere the build stops here, with the reason, rather than at the first missing libc name.
#if !os(Linux)
    #error("chibo runs on Linux: it uses renameat2, /proc/self/exe and st_mtim")
#endif

/// Every libc call chibo makes, in the `Syscalls` files of this folder, one for each purpose (files,
/// the process, the network, watching, the terminal; the model is swift-system's
/// `Internals/Syscalls.swift`): thin wrappers with Swift types in and out. A call that can fail reads
/// `errno` right after it and throws a `SystemError` with what was being done and the path; no other
/// file sees a return code or `errno`, and no other file imports Glibc.
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

    /// The bytes of an IPv4 address (4) or an IPv6 one without brackets (16), nil for anything else
    /// (inet_pton): two spellings of one address give the same bytes.
    package static func ipAddressBytes(_ text: String) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, text, &buffer) == 1 { return Array(buffer.prefix(4)) }
        if inet_pton(AF_INET6, text, &buffer) == 1 { return buffer }
        return nil
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
