import ChiboModel
import ChiboSupport

/// Who may open the preview, from `chibo serve`'s options: the address it listens on, the host names
/// it answers as besides, and the password file it asks with. The rule: on 127.0.0.1 or ::1 only
/// this computer's user reaches the preview, and no password is needed; on any other address the
/// office network does, and the preview shows what nginx keeps behind a password (the restricted
/// folders) and what is not published yet (the content as it is being edited), so a password file
/// is required.
public struct PreviewAccess: Sendable {
    public var address: ListenAddress
    public var hostNames: [PreviewHostName]
    public var passwordFile: String?

    /// Why the options cannot serve: a usage error (exit status 2).
    public struct Refusal: Error, CustomStringConvertible, Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// `--listen` is not an IPv4 or IPv6 address.
            case notAnAddress
            /// `--host` is not a host name.
            case notAHostName
            /// An address beyond this computer without `--htpasswd`.
            case needsPassword
        }

        public var kind: Kind
        public var description: String
    }

    /// The access `listen`, `htpasswd` and `hosts` (the options as given) describe; a refusal says why
    /// in `language`.
    public init(listen: String, htpasswd: String?, hosts: [String], language: Language = .en) throws(Refusal) {
        let vi = language == .vi
        guard let address = ListenAddress(parsing: listen) else {
            throw Refusal(
                kind: .notAnAddress,
                description: vi
                    ? "--listen cần một địa chỉ IPv4 hoặc IPv6 (127.0.0.1, 192.168.1.10, ::1, [fe80::1]), không phải "
                        + "\(MessageText.quoted(listen)); tên máy thì cho bằng --host"
                    : "--listen takes an IPv4 or IPv6 address (127.0.0.1, 192.168.1.10, ::1, [fe80::1]), "
                        + "not \(MessageText.quoted(listen)); give host names with --host")
        }
        var names: [PreviewHostName] = []
        for host in hosts {
            guard let name = PreviewHostName(parsing: host) else {
                throw Refusal(
                    kind: .notAHostName,
                    description: vi
                        ? "--host cần một tên máy (may-chu, may-chu.van-phong.lan), không phải \(MessageText.quoted(host))"
                        : "--host takes a host name (may-chu, may-chu.van-phong.lan), not \(MessageText.quoted(host))")
            }
            if !names.contains(name) { names.append(name) }
        }
        if !address.isThisComputerOnly && htpasswd == nil {
            throw Refusal(
                kind: .needsPassword,
                description: vi
                    ? "--listen \(address.urlHost) cho các máy khác mở bản xem trước, mà bản xem trước hiện mọi trang: "
                        + "cả các thư mục hạn chế (nginx chỉ mở khi có mật khẩu) và các bản nháp chưa xuất bản. Hãy chỉ "
                        + "tệp mật khẩu của nginx bằng --htpasswd FILE (tạo bằng `chibo htpasswd FILE USER`), hoặc chỉ "
                        + "lắng nghe trên 127.0.0.1 hay ::1 (chỉ máy này)"
                    : "--listen \(address.urlHost) lets other computers open the preview, and the preview "
                        + "shows every page: the restricted folders, which nginx keeps behind a password, and drafts "
                        + "not yet published. Give the password file nginx uses with --htpasswd FILE (make it with "
                        + "`chibo htpasswd FILE USER`), or listen on 127.0.0.1 or ::1 (this computer only)")
        }
        self.address = address
        self.hostNames = names
        self.passwordFile = htpasswd
    }
}
