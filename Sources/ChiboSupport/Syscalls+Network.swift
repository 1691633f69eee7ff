import CChiboSystem

#if canImport(Glibc)
    import Glibc
#endif

/// The calls on sockets: the preview's listening socket and its connections.
extension Syscalls {
    /// A TCP socket listening on `address` (an IPv4 address, or an IPv6 one without brackets) and
    /// `port` (socket, SO_REUSEADDR, IPV6_V6ONLY for IPv6, bind, listen).
    package static func listen(address: String, port: UInt16) throws(SystemError) -> Int32 {
        var storage = sockaddr_storage()
        let length: Int
        let family: Int32
        if let bytes = ipAddressBytes(address), bytes.count == 4 {
            family = AF_INET
            length = MemoryLayout<sockaddr_in>.size
            withUnsafeMutableBytes(of: &storage) { raw in
                var socketAddress = sockaddr_in()
                socketAddress.sin_family = sa_family_t(AF_INET)
                socketAddress.sin_port = port.bigEndian
                withUnsafeMutableBytes(of: &socketAddress.sin_addr) { $0.copyBytes(from: bytes) }
                raw.storeBytes(of: socketAddress, as: sockaddr_in.self)
            }
        } else if let bytes = ipAddressBytes(address), bytes.count == 16 {
            family = AF_INET6
            length = MemoryLayout<sockaddr_in6>.size
            withUnsafeMutableBytes(of: &storage) { raw in
                var socketAddress = sockaddr_in6()
                socketAddress.sin6_family = sa_family_t(AF_INET6)
                socketAddress.sin6_port = port.bigEndian
                withUnsafeMutableBytes(of: &socketAddress.sin6_addr) { $0.copyBytes(from: bytes) }
                raw.storeBytes(of: socketAddress, as: sockaddr_in6.self)
            }
        } else {
            throw SystemError("listen on", "\(address):\(port)", errno: EINVAL)
        }
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SystemError("open a socket for", "\(address):\(port)", errno: errno) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        // An IPv6 address is that address only, never the IPv4 ones mapped into it.
        if family == AF_INET6 {
            setsockopt(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &yes, socklen_t(MemoryLayout<Int32>.size))
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(length)) }
        }
        guard bound == 0, Glibc.listen(descriptor, 128) == 0 else {
            let code = errno
            close(descriptor)
            throw SystemError("listen on", "\(address):\(port)", errno: code)
        }
        return descriptor
    }

    /// The address of the other end of a connected socket, as inet_ntop writes it (`192.168.1.5`,
    /// `::1`); empty when it cannot be read.
    package static func peerAddress(_ descriptor: Int32) -> String {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let read = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(descriptor, $0, &length) }
        }
        guard read == 0 else { return "" }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = Int32(storage.ss_family)
        let written: UnsafePointer<CChar>? = withUnsafePointer(to: storage) { pointer in
            switch family {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    withUnsafePointer(to: address.pointee.sin_addr) {
                        inet_ntop(AF_INET, $0, &text, socklen_t(text.count))
                    }
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    withUnsafePointer(to: address.pointee.sin6_addr) {
                        inet_ntop(AF_INET6, $0, &text, socklen_t(text.count))
                    }
                }
            default:
                return nil
            }
        }
        guard written != nil else { return "" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
}
