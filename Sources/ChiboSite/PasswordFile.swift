import CCrypt
import ChiboModel
import ChiboSupport

/// The password file nginx's `auth_basic_user_file` reads, as `chibo htpasswd` keeps it: a line
/// `user:hash` per reader, the hash yescrypt (`$y$`) made by libxcrypt, the library nginx itself
/// checks it with on Debian (nginx passes any hash it does not know to the C library's crypt).
///
/// Why yescrypt at cost 3: nginx checks the password again on every request, inside its event
/// loop, so a check must be cheap for the server yet costly for whoever guesses offline. yescrypt is
/// memory-hard (Debian's own default for login passwords), so a guess costs memory as well as time;
/// at cost 3 a check takes about 4 ms on the machine the tests run on, where libxcrypt's default
/// (cost 5) takes 16 ms and bcrypt at cost 10 takes 47 ms per request. nginx's `$apr1$` and
/// `{SHA}` are a single fast hash and are not offered.
public enum PasswordFile {
    public static let method = "$y$"
    public static let cost: UInt = 3
    /// Passwords shorter than this are refused.
    public static let shortest = 8

    /// What `set` did.
    public enum Change: Equatable, Sendable {
        case created, added, replaced
    }

    /// A user name nginx's file can hold and a browser can send, or the reason it cannot be one.
    public static func userProblem(_ user: String, in language: Language = .en) -> String? {
        let vi = language == .vi
        if user.isEmpty { return vi ? "đang trống" : "is empty" }
        if user.contains(":") {
            return vi
                ? "không được chứa `:` (dấu này kết thúc tên trong tệp mật khẩu và khi trình duyệt đăng nhập)"
                : "must not hold `:` (it ends the name in the password file and in the browser's sign-in)"
        }
        if user.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) {
            return vi
                ? "không được chứa dấu cách, ký tự xuống dòng hay ký tự điều khiển khác"
                : "must not hold spaces, line ends or other control characters"
        }
        // What a message would show as an escape (C1 controls, spaces of every width, separators,
        // zero-width and bidi characters, the BOM, private use, unassigned and noncharacters): each would
        // make two names look alike, or one a reader cannot type.
        if let hidden = user.unicodeScalars.first(where: MessageText.isEscaped) {
            return vi
                ? "không được chứa \(hidden.codePoint) (dấu cách, ký tự điều khiển, ký tự ẩn hay ký tự đổi chiều viết, "
                    + "mà người đọc không thấy hoặc không gõ được khi đăng nhập)"
                : "must not hold \(hidden.codePoint) (a space, a control, an invisible or a direction character, "
                    + "which a reader cannot see or type at the sign-in)"
        }
        if user.hasPrefix("#") {
            return vi
                ? "không được bắt đầu bằng `#` (nginx đọc dòng như vậy là chú thích)"
                : "must not start with `#` (nginx reads such a line as a comment)"
        }
        if user.utf8.count > 255 { return vi ? "dài quá 255 byte" : "is longer than 255 bytes" }
        return nil
    }

    /// Why `password` is not taken, or nil.
    public static func passwordProblem(_ password: String, in language: Language = .en) -> String? {
        let vi = language == .vi
        if password.count < shortest {
            return vi ? "ngắn hơn \(shortest) ký tự" : "is shorter than \(shortest) characters"
        }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return vi
                ? "có ký tự điều khiển, loại mà trình duyệt không gửi được"
                : "holds a control character, which a browser cannot send"
        }
        return nil
    }

    /// A new yescrypt hash of `password` with a fresh random salt (crypt_gensalt_rn, crypt_rn).
    public static func hash(_ password: String) throws(PasswordFailure) -> String {
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        guard crypt_gensalt_rn(method, cost, nil, 0, &setting, Int32(setting.count)) != nil else {
            throw PasswordFailure(
                "the C library cannot make a yescrypt salt (libxcrypt 4.3 or later is needed)",
                "thư viện C không tạo được salt yescrypt (cần libxcrypt 4.3 trở lên)")
        }
        let settingText = String(decoding: setting.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let result = crypt(password, with: settingText), result.hasPrefix(method) else {
            throw PasswordFailure(
                "the C library's crypt did not make a yescrypt hash",
                "hàm crypt của thư viện C không tạo được băm yescrypt")
        }
        return result
    }

    /// Whether `password` is the one `hash` was made from: what nginx checks. The hashes are compared
    /// in a time that does not depend on where they differ.
    public static func matches(_ password: String, hash: String) -> Bool {
        guard let made = crypt(password, with: hash) else { return false }
        return constantTimeEqual(Array(made.utf8), Array(hash.utf8))
    }

    /// Whether `a` and `b` hold the same bytes, in a time that depends on their lengths only: a
    /// comparison of secrets that tells a guesser nothing of how many bytes were right.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0xFF)
        }
        return difference == 0
    }

    /// The readers of a password file as nginx reads it: `user:hash` on each line (anything after a
    /// second `:` is a comment), blank lines and lines starting with `#` skipped; the first line of a
    /// user counts.
    public static func entries(_ bytes: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            var line = line
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            guard line.first != UInt8(ascii: "#"), let colon = line.firstIndex(of: UInt8(ascii: ":")),
                colon > line.startIndex
            else { continue }
            let rest = line[(colon + 1)...]
            let hash = rest.prefix { $0 != UInt8(ascii: ":") }
            guard !hash.isEmpty else { continue }
            let user = String(decoding: line[..<colon], as: UTF8.self)
            if result[user] == nil { result[user] = String(decoding: hash, as: UTF8.self) }
        }
        return result
    }

    /// crypt_rn of a phrase with a setting (or a whole hash), nil when it fails. The work area is
    /// the function's own.
    static func crypt(_ phrase: String, with setting: String) -> String? {
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        data.initialize(to: crypt_data())
        defer {
            data.deinitialize(count: 1)
            data.deallocate()
        }
        guard let output = crypt_rn(phrase, setting, data, Int32(MemoryLayout<crypt_data>.size)) else { return nil }
        return String(cString: output)
    }

    /// The file's text with `user`'s line set to `hash`: the first line of that user replaced and
    /// any later ones removed, or a line added at the end; every other line kept as it is.
    public static func updated(_ bytes: [UInt8], user: String, hash: String) -> (bytes: [UInt8], replaced: Bool) {
        let newline = UInt8(ascii: "\n")
        let entry = Array("\(user):\(hash)".utf8)
        let name = Array((user + ":").utf8)
        var lines = bytes.split(separator: newline, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty ?? false { lines.removeLast() }
        var replaced = false
        var result: [[UInt8]] = []
        for line in lines {
            guard line.starts(with: name) else {
                result.append(line)
                continue
            }
            if !replaced { result.append(entry) }
            replaced = true
        }
        if !replaced { result.append(entry) }
        return (Array(result.joined(separator: [newline])) + [newline], replaced)
    }

    /// What `set` did, and to whom the file belongs.
    public struct Outcome: Equatable, Sendable {
        public var change: Change
        /// A new file was given the group `www-data`.
        public var groupSet: Bool
        /// The existing file's owner or group could not be kept (only root can give a file away).
        public var ownerLost: Bool
    }

    /// Sets `user`'s password in the file at `path`, which is replaced atomically: a new file made in
    /// the same folder (never through a link put there), with the old one's permissions, owner and
    /// group, flushed to disk, then renamed over it. A new file is readable by its owner and group only
    /// (0640), its group `www-data` (nginx's workers) when root runs this.
    package static func set(path: String, user: String, hash: String) throws(SystemError) -> Outcome {
        let target = Syscalls.exists(path) ? try Syscalls.realPath(path) : path
        // Two runs at once would each read the file, add their reader and rename: one reader lost.
        // The file itself is replaced, so what is locked is its folder, from the read to the rename;
        // nothing is made beside the file for it.
        let slash = target.lastIndex(of: "/").map { target.index(after: $0) } ?? target.startIndex
        let lock = try waitForLock(slash == target.startIndex ? "." : String(target[..<slash]))
        defer { lock.release() }
        let existing = try Syscalls.ownership(target)
        let (bytes, replaced) = updated(existing == nil ? [] : try Syscalls.readFile(target), user: user, hash: hash)
        // `/etc/nginx/x` → `/etc/nginx/.x.chibo-PID`: in the same folder, so that the rename is atomic.
        let temporary = String(target[..<slash]) + "." + target[slash...] + ".chibo-\(Syscalls.processID)"
        // One left by a run that was killed, or anything else put there: removed, not followed.
        if Syscalls.exists(temporary) { try Syscalls.remove(temporary) }
        var owner: (user: UInt32?, group: UInt32?) = (nil, nil)
        var groupSet = false
        if let existing {
            owner = Syscalls.isRoot ? (existing.user, existing.group) : (nil, existing.group)
        } else if Syscalls.isRoot, let group = Syscalls.groupID("www-data") {
            owner = (0, group)
            groupSet = true
        }
        let owned: Bool
        do {
            owned = try Syscalls.writeNewFile(
                temporary, bytes, mode: existing?.mode ?? 0o640, user: owner.user, group: owner.group)
            try Syscalls.rename(temporary, to: target)
        } catch {
            try? Syscalls.remove(temporary)
            throw error
        }
        let ownerLost = existing != nil && (!owned || (!Syscalls.isRoot && existing?.user != Syscalls.userID))
        return Outcome(
            change: existing == nil ? .created : replaced ? .replaced : .added, groupSet: groupSet && owned,
            ownerLost: ownerLost)
    }
}

extension PasswordFile {
    /// How long a run waits for another that holds the password file's lock.
    static let lockWait = 10.0

    /// The lock of the folder at `path`, waited for up to `lockWait` seconds.
    static func waitForLock(_ path: String) throws(SystemError) -> Syscalls.Lock {
        let deadline = Syscalls.monotonicSeconds() + lockWait
        while true {
            if let lock = try Syscalls.lockFolder(path) { return lock }
            guard Syscalls.monotonicSeconds() < deadline else {
                throw .busy("lock (another chibo htpasswd is changing a password file in it) the folder", path)
            }
            Syscalls.sleep(milliseconds: 50)
        }
    }
}

/// A hash that the C library could not make.
public struct PasswordFailure: Error, CustomStringConvertible, Sendable, SaidInVietnamese {
    public var description: String
    public var vietnamese: String

    init(_ description: String, _ vietnamese: String) {
        self.description = description
        self.vietnamese = vietnamese
    }
}
