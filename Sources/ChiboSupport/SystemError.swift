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

extension SystemError: SaidInVietnamese {
    /// `không thể ghi /srv/public/index.html: No space left on device`: the operation in Vietnamese,
    /// the operating system's reason as it gives it.
    package var vietnamese: String { "không thể \(Self.vietnamese(operation)) \(path.printable): \(reason)" }

    /// The operations of `Syscalls`, in Vietnamese; one with a path in it (`move A to`, `exchange A
    /// with`) keeps the path.
    static func vietnamese(_ operation: String) -> String {
        let words: [String: String] = [
            "write": "ghi", "read": "đọc", "look at": "xem", "listen on": "lắng nghe trên",
            "create the folder": "tạo thư mục", "resolve": "xác định đường dẫn", "replace the link": "thay liên kết",
            "remove": "xóa", "remove the folder": "xóa thư mục", "read the folder": "đọc thư mục",
            "read the current folder": "đọc thư mục hiện tại", "open the folder": "mở thư mục",
            "open a socket for": "mở socket cho", "lock": "khóa", "create": "tạo",
            "create the lock file": "tạo tệp khóa", "create the link": "tạo liên kết",
            "create a private folder in": "tạo thư mục riêng trong",
        ]
        if let word = words[operation] { return word }
        if operation.hasPrefix("move "), operation.hasSuffix(" to") {
            return "chuyển " + operation.dropFirst(5).dropLast(3) + " tới"
        }
        if operation.hasPrefix("exchange "), operation.hasSuffix(" with") {
            return "hoán đổi " + operation.dropFirst(9).dropLast(5) + " với"
        }
        return operation
    }
}
