/// A system call that failed: what chibo was doing, on which path, and the operating system's reason
/// (`errno`), so that a full disk says "No space left on device" and not only which file it was. The
/// one error type of system failures (swift-system's `Errno` with the operation and the path); the
/// calls that throw it are in `Syscalls`.
package struct SystemError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was being done, as a verb phrase: "write", "create the folder", "replace the link".
    package var operation: String
    package var path: String
    /// The `errno` the call set.
    package var errno: Int32

    package init(_ operation: String, _ path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// The operating system's words for `errno` (strerror): "No space left on device".
    package var reason: String { Syscalls.reason(errno) }

    /// `cannot write /srv/public/index.html: No space left on device`, on one line.
    package var description: String { "cannot \(operation) \(path.printable): \(reason)" }
}
