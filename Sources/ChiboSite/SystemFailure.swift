#if canImport(Glibc)
    import Glibc
#endif

/// A system call that failed: what chibo was doing, on which path, and the operating system's reason
/// (`errno`), so that a full disk says "No space left on device" and not only which file it was.
public struct SystemFailure: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was being done, as a verb phrase: "write", "create the folder", "replace".
    public var operation: String
    public var path: String
    /// The `errno` the call set.
    public var errno: Int32

    public init(_ operation: String, _ path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// The operating system's words for `errno` (strerror).
    public var reason: String { String(cString: strerror(errno)) }

    /// `cannot write /srv/public/index.html: No space left on device`, on one line.
    public var description: String { "cannot \(operation) \(OutputTarget.printable(path)): \(reason)" }
}
