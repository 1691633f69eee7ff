import ChiboSite
import ChiboSupport
import Foundation
import Synchronization

/// The password the preview asks for when it listens beyond this computer (`--htpasswd FILE`): HTTP
/// Basic authentication (RFC 7617) against nginx's own password file, checked through the same C
/// library (libxcrypt's crypt) that nginx and `chibo htpasswd` use. The file is read again when it
/// changes, so a reader added with `chibo htpasswd` signs in without a restart, and one removed is
/// refused at once.
///
/// Guessing is slowed twice over: each check costs a yescrypt hash, and a client address that
/// gives `failureLimit` wrong passwords within `failureWindow` seconds is refused without a check
/// until the oldest of them is that old. A known user and an unknown one cost the same hash, and
/// the hashes are compared in constant time, so the time of an answer tells nothing of either.
public final class PreviewPasswords: Sendable {
    /// The wrong passwords one client address may give within `failureWindow` seconds.
    static let failureLimit = 10
    static let failureWindow = 60.0
    /// The most client addresses whose failures are kept; beyond it the oldest are forgotten first.
    static let trackedLimit = 4096
    /// The most accepted `Authorization` fields remembered (a page's every file sends one), so that a
    /// page's pictures and scripts do not each cost a hash.
    static let acceptedLimit = 8
    /// The largest password file read: thousands of readers' lines.
    static let sizeLimit = 4 * 1024 * 1024

    /// What the preview answers a request, as far as the password goes.
    public enum Decision: Equatable, Sendable {
        case allowed
        /// No password, or a wrong one: 401 with a challenge.
        case challenge
        /// Too many wrong passwords from this address: 429, to try again after `seconds`.
        case limited(seconds: Int)
    }

    /// Why the password file cannot serve: a usage error of `chibo serve`.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
        public var vietnamese: String
    }

    public let path: String

    struct FileStamp: Equatable {
        var size: Int
        var modified: [Int]
        var inode: UInt64
    }

    struct State {
        var users: [String: String] = [:]
        var stamp: FileStamp?
        var accepted: [[UInt8]] = []
        /// The times of each client address's recent wrong passwords, oldest first.
        var failures: [String: [Double]] = [:]
    }

    let state = Mutex(State())
    /// A hash of the file's kind that no password is checked against but an unknown user's, so that
    /// an unknown user costs as much time as a known one.
    let decoy: String

    /// Reads the password file at `path`; throws when it cannot be read or names no reader.
    public init(path: String) throws(Problem) {
        let advice = "make it with `chibo htpasswd \(path) USER`, the same file nginx's auth_basic_user_file names"
        let adviceVi =
            "hãy tạo bằng `chibo htpasswd \(path) USER`, chính là tệp mà auth_basic_user_file của nginx chỉ tới"
        let read: [UInt8]?
        do {
            // A link to the file is followed once, here; the file it leads to is the one read again.
            self.path = try Syscalls.realPath(path)
            read = try Syscalls.readRegularFile(self.path, limit: Self.sizeLimit)
        } catch {
            throw Problem(
                description: "cannot read the password file \(path) (\(error.reason)); \(advice)",
                vietnamese: "không đọc được tệp mật khẩu \(path) (\(error.reason)); \(adviceVi)")
        }
        guard let bytes = read else {
            throw Problem(
                description: "the password file \(path) is not a regular file of at most 4 MB; \(advice)",
                vietnamese: "tệp mật khẩu \(path) không phải là một tệp thường, tối đa 4 MB; \(adviceVi)")
        }
        let users = PasswordFile.entries(bytes)
        guard let first = users.keys.sorted().first, let hash = users[first] else {
            throw Problem(
                description: "the password file \(path) names no reader: add one with `chibo htpasswd \(path) USER`",
                vietnamese: "tệp mật khẩu \(path) chưa có người đọc nào: hãy thêm bằng `chibo htpasswd \(path) USER`")
        }
        decoy = (try? PasswordFile.hash("chibo decoy \(hash.count)")) ?? hash
        state.withLock { state in
            state.users = users
            state.stamp = Self.stamp(path)
        }
    }

    static func stamp(_ path: String) -> FileStamp? {
        Syscalls.status(path).map {
            FileStamp(size: $0.size, modified: [$0.modified.seconds, $0.modified.nanoseconds], inode: $0.inode)
        }
    }

    /// The user and password of an `Authorization` field (`Basic BASE64`), nil when it holds none.
    static func credentials(_ field: String) -> (user: String, password: String)? {
        let parts = field.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic", let data = Data(base64Encoded: String(parts[1])),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        // `chibo htpasswd` stores names in NFC; a browser sends what the keyboard made.
        return (String(text[..<colon]).precomposedStringWithCanonicalMapping, String(text[text.index(after: colon)...]))
    }

    /// The answer to a request from `peer` with the `Authorization` field `authorization`, at `now`
    /// (seconds on any steady clock).
    public func decide(authorization: String?, peer: String, now: Double) -> Decision {
        let field = authorization.map { Array($0.utf8) }
        let (hash, known, limited) = state.withLock { state -> (String?, Bool, Int?) in
            reload(&state)
            if let field {
                var found = false
                for accepted in state.accepted where PasswordFile.constantTimeEqual(accepted, field) { found = true }
                if found { return (nil, true, nil) }
            }
            let recent = (state.failures[peer] ?? []).filter { now - $0 < Self.failureWindow }
            state.failures[peer] = recent.isEmpty ? nil : recent
            if recent.count >= Self.failureLimit, let oldest = recent.first {
                return (nil, false, max(1, Int((oldest + Self.failureWindow - now).rounded(.up))))
            }
            guard let credentials = authorization.flatMap(Self.credentials) else { return (nil, false, nil) }
            return (state.users[credentials.user], false, nil)
        }
        if known { return .allowed }
        if let limited { return .limited(seconds: limited) }
        guard let field = authorization, let credentials = Self.credentials(field) else {
            // No password at all is a browser's first request, not a guess: not counted.
            return .challenge
        }
        let right = PasswordFile.matches(credentials.password, hash: hash ?? decoy) && hash != nil
        state.withLock { state in
            if right {
                state.accepted.append(Array(field.utf8))
                if state.accepted.count > Self.acceptedLimit { state.accepted.removeFirst() }
                return
            }
            if state.failures[peer] == nil, state.failures.count >= Self.trackedLimit {
                let oldest = state.failures.min { ($0.value.last ?? 0) < ($1.value.last ?? 0) }?.key
                if let oldest { state.failures[oldest] = nil }
            }
            state.failures[peer, default: []].append(now)
        }
        return right ? .allowed : .challenge
    }

    /// Reads the file again when it changed since it was read: every remembered password forgotten.
    /// A file that cannot be read any more lets nobody in.
    func reload(_ state: inout State) {
        let stamp = Self.stamp(path)
        guard stamp != state.stamp else { return }
        state.stamp = stamp
        state.accepted = []
        state.users =
            ((try? Syscalls.readRegularFile(path, limit: Self.sizeLimit)) ?? nil).map(PasswordFile.entries) ?? [:]
    }
}
