import ChiboModel
import ChiboRender
import ChiboSupport

/// A complete nginx server block for a published site: precompressed files, pretty URLs, the 404
/// page, long caching of hashed assets and none of HTML, and security headers that the pages allow
/// (no inline script or style anywhere, so the Content-Security-Policy needs no `unsafe-inline`).
/// Guidance attachments are served sandboxed, and every kind but images as a download.
public struct NginxConfig: Sendable {
    public var root: String
    public var port: Int
    /// The names of `server_name`: host names, `*.` or `.` wildcards, or `_`.
    public var serverNames: [String]
    public var basePath: String
    /// Whether to load the brotli module's `brotli_static` (Debian: libnginx-mod-http-brotli-static).
    public var brotli: Bool
    /// The address to listen on as nginx writes it (`127.0.0.1`, `[::1]`); nil listens on every
    /// address, IPv4 and IPv6.
    public var address: String?
    /// The folders behind HTTP basic authentication, and the password file nginx checks them against.
    public var restriction: Restriction?
    public var passwordFile: String?

    /// A configuration of validated options: `root` an absolute path without control characters,
    /// `;`, `{`, `}` or `$` (nginx's `root` expands variables), `serverName` a space-separated list of host names,
    /// `address` an IPv4 or IPv6 address, `basePath` a base path as `site.yaml` allows it. Anything
    /// else throws the option it came from.
    public init(
        root: String, port: Int = 80, serverName: String = "_", basePath: String = "/", brotli: Bool = true,
        address: String? = nil
    ) throws(InvalidNginxOption) {
        self.root = try Self.validRoot(root)
        self.port = port
        self.serverNames = try Self.validServerNames(serverName)
        self.basePath = try Self.validBasePath(basePath)
        self.brotli = brotli
        self.address = try address.map(Self.validAddress)
    }

    /// The configuration with `restriction`'s folders behind basic authentication against
    /// `passwordFile`: both or neither, which `nginx-config` checks first. The password file is
    /// validated as `root` is; the realm by `Restriction.realmProblem`, as the content loader does.
    public func restricting(_ restriction: Restriction, passwordFile: String) throws(InvalidNginxOption) -> NginxConfig
    {
        var config = self
        config.passwordFile = try Self.validRoot(passwordFile, option: "--htpasswd")
        if restriction.realm.isEmpty {
            throw InvalidNginxOption("restricted.realm", restriction.realm, "is empty", "đang trống")
        }
        if let problem = Restriction.realmProblem(restriction.realm) {
            throw InvalidNginxOption("restricted.realm", restriction.realm, problem.reason, problem.vietnamese)
        }
        config.restriction = restriction
        return config
    }

    /// The variable that holds the realm of a request's URI, or `off`; named after the site's root
    /// and port, so that two sites' blocks can be included in one nginx.
    var realmVariable: String {
        "$chibo_realm_" + String(FNV1a.hash(Array("\(root) \(port)".utf8)).hex16.prefix(8))
    }

    /// The `map` from the URI (after the base path's rewrite) to the realm: the restricted folders,
    /// whatever follows them (pages, data, the `.gz` and `.br` copies), and their files at the root.
    var realmMap: String {
        guard let restriction else { return "" }
        let folders = restriction.folders.map(\.rawValue).joined(separator: "|")
        // `/+`: with `merge_slashes off` in the http block `$uri` may keep `//don-vi/` (the server block
        // sets it on too); `~*`: a file system that ignores case would serve `/DON-VI/` as well.
        var lines = [
            "    default off;", "    \(Self.quoted("~*^/+(\(folders))(/|$)")) \(Self.quoted(restriction.realm));",
        ]
        for file in restriction.folders.flatMap(\.companions) {
            let pattern = "~*^/+" + file.replacingOccurrences(of: ".", with: "[.]") + "($|[.])"
            lines.append("    \(Self.quoted(pattern)) \(Self.quoted(restriction.realm));")
        }
        return """
            # Restricted folders (`restricted:` in site.yaml): only readers in the password file may
            # open them. The map must be in the http block, as this file is when it is included there.
            map $uri \(realmVariable) {
            \(lines.joined(separator: "\n"))
            }

            """
    }

    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    /// The policy of guidance attachments: a sandbox (no script, a unique origin) that loads nothing.
    public static let attachmentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; frame-ancestors 'none'"

    /// The site's own file types; `AttachmentKind` adds the attachments' (each extension once).
    static let siteTypes: [(mediaType: String, extensions: [String])] = [
        ("text/html", ["html"]), ("text/css", ["css"]), ("application/javascript", ["js"]),
        ("application/json", ["json"]), ("text/xml", ["xml"]), ("text/csv", ["csv"]), ("text/calendar", ["ics"]),
        ("text/plain", ["txt", "md"]), ("image/svg+xml", ["svg"]), ("image/png", ["png"]), ("image/x-icon", ["ico"]),
        ("font/woff2", ["woff2"]),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ["docx"]),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ["xlsx"]),
    ]

    /// Every media type the block maps, with its extensions: the site's, then every attachment kind's.
    public static var types: [(mediaType: String, extensions: [String])] {
        var result = siteTypes
        var seen = Set(siteTypes.flatMap(\.extensions))
        for kind in AttachmentKind.allCases {
            let missing = kind.extensions.filter { seen.insert($0).inserted }
            guard !missing.isEmpty else { continue }
            if let index = result.firstIndex(where: { $0.mediaType == kind.mediaType }) {
                result[index].extensions += missing
            } else {
                result.append((kind.mediaType, missing))
            }
        }
        return result
    }

    /// A string as nginx reads it back unchanged: in double quotes, with `\` and `"` escaped. The
    /// value must hold no control character (validation refuses them first).
    public static func quoted(_ value: String) -> String {
        var result = "\""
        for character in value {
            if character == "\\" || character == "\"" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    /// The `location` regular expression for files under the guidance folder with one of `extensions`.
    static func attachmentPattern(_ extensions: [String]) -> String {
        "^/\(SiteURLs.guidanceRoot)/.+\\.(\(extensions.joined(separator: "|")))$"
    }

    public var text: String {
        let security = Self.securityHeaders(policy: Self.contentSecurityPolicy)
        let attachmentSecurity = Self.securityHeaders(policy: Self.attachmentSecurityPolicy)
        let listen = address.map { "listen \($0):\(port);" } ?? "listen \(port);\n    listen [::]:\(port);"
        let prefix = basePath == "/" ? "" : String(basePath.dropLast())
        let quotedRoot = Self.quoted(root)
        let location =
            basePath == "/"
            ? "root \(quotedRoot);"
            : "root \(quotedRoot);\n    # base_path \(basePath)\n    rewrite "
                + Self.quoted("^\(prefix.replacingOccurrences(of: ".", with: "\\."))(/.*)$") + " $1 last;"
        let types = Self.types.map { "        \($0.mediaType) \($0.extensions.joined(separator: " "));" }
            .joined(separator: "\n")
        let images = AttachmentKind.allCases.filter(\.isImage).flatMap(\.extensions).sorted()
        let downloads = AttachmentKind.allCases.filter { !$0.isImage }.flatMap(\.extensions).sorted()
        let authentication =
            passwordFile.map { file in
                "\n    # Every location inherits these: the realm is `off` outside the restricted folders.\n"
                    + "    merge_slashes on;\n    auth_basic \(realmVariable);\n    auth_basic_user_file \(Self.quoted(file));"
            } ?? ""
        return """
            # chibo: server block for \(root)
            # Needs the gzip_static module (in Debian's nginx) and, for brotli_static,
            # libnginx-mod-http-brotli-static.
            \(realmMap)server {
                \(listen)
                server_name \(serverNames.joined(separator: " "));
                \(location)\(authentication)
                index index.html;
                charset utf-8;
                charset_types text/css text/plain text/xml application/javascript application/json text/csv text/calendar image/svg+xml;
                autoindex off;
                server_tokens off;
                disable_symlinks off;

                gzip_static on;
                gzip_vary on;
            \(brotli ? "    brotli_static on;\n" : "")
                # Every type the site and its attachments have, so the block does not depend on the http
                # block's mime.types.
                types {
            \(types)
                }
                default_type application/octet-stream;

                error_page 404 \(basePath)\(SiteOutput.notFound.path());

                # Dotfiles (staging folders, locks) are never served.
                location ~ /\\. {
                    deny all;
                    return 404;
                }

                # Guidance attachments: sandboxed, never sniffed; images are shown in pages, every other
                # kind is a download, so that no attachment runs in the site's origin.
                location ~* \(Self.quoted(Self.attachmentPattern(images))) {
                    add_header Cache-Control "no-cache" always;
            \(attachmentSecurity)
                    try_files $uri =404;
                }

                location ~* \(Self.quoted(Self.attachmentPattern(downloads))) {
                    add_header Cache-Control "no-cache" always;
            \(attachmentSecurity)
                    add_header Content-Disposition attachment;
                    try_files $uri =404;
                }

                # Assets carry a content hash in their name: cache them for a year.
                location /\(SiteOutput.assetsFolder)/ {
                    add_header Cache-Control "public, max-age=31536000, immutable" always;
            \(security)
                    try_files $uri =404;
                }

                location / {
                    add_header Cache-Control "no-cache" always;
            \(security)
                    try_files $uri $uri/ =404;
                }
            }

            """
    }

    /// The header fields every location repeats, with the location's policy.
    static func securityFields(policy: String) -> [(name: String, value: String)] {
        [
            ("Content-Security-Policy", policy), ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"),
        ]
    }

    /// The headers every location repeats (an `add_header` in a location drops the server's).
    static func securityHeaders(policy: String) -> String {
        securityFields(policy: policy).map { field in
            let plain = field.value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            return "        add_header \(field.name) \(plain ? field.value : quoted(field.value)) always;"
        }
        .joined(separator: "\n")
    }

    /// The security fields the block gives the file at `path` (from the site's root, without the base
    /// path): a guidance attachment's sandbox, and for every attachment but an image its download
    /// disposition; the site's policy for every other file. `chibo serve` answers with the same.
    public static func securityFields(forPath path: String) -> [(name: String, value: String)] {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[0].lowercased() == SiteURLs.guidanceRoot,
            let name = parts.last, let kind = AttachmentKind(fileName: String(name))
        else { return securityFields(policy: contentSecurityPolicy) }
        return securityFields(policy: attachmentSecurityPolicy)
            + (kind.isImage ? [] : [("Content-Disposition", "attachment")])
    }
}

extension NginxConfig {
    /// An absolute path with no control character and no `$`.
    package static func validRoot(_ root: String, option: String = "--root") throws(InvalidNginxOption) -> String {
        guard root.hasPrefix("/") else {
            throw InvalidNginxOption(option, root, "must be an absolute path", "phải là đường dẫn tuyệt đối")
        }
        if root.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw InvalidNginxOption(
                option, root, "must not hold a newline or another control character",
                "không được chứa ký tự xuống dòng hay ký tự điều khiển nào")
        }
        if root.contains("$") {
            throw InvalidNginxOption(
                option, root, "must not hold `$` (nginx would read a variable there)",
                "không được chứa `$` (nginx sẽ đọc thành một biến)")
        }
        // Quoted, these would be safe; refused anyway, so that the file reads plainly when edited by hand.
        if root.contains(where: { ";{}".contains($0) }) {
            throw InvalidNginxOption(
                option, root, "must not hold `;`, `{` or `}` (nginx syntax)",
                "không được chứa `;`, `{` hay `}` (cú pháp của nginx)")
        }
        return root
    }

    /// `_`, or host names separated by spaces: letters, digits and `-` in labels between dots, with
    /// a leading `*.` or `.` or a trailing `.*` for nginx's wildcards. No regular expressions.
    static func validServerNames(_ text: String) throws(InvalidNginxOption) -> [String] {
        let names = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !names.isEmpty else { throw InvalidNginxOption("--server-name", text, "is empty", "đang trống") }
        for name in names where name != "_" {
            var host = Substring(name)
            if host.hasPrefix("*.") {
                host = host.dropFirst(2)
            } else if host.hasPrefix(".") {
                host = host.dropFirst()
            } else if host.hasSuffix(".*") {
                host = host.dropLast(2)
            }
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            let valid =
                !host.isEmpty && host.utf8.count <= 253
                && labels.allSatisfy { label in
                    (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                        && label.utf8.allSatisfy { $0.isASCIILetterOrDigit || $0 == UInt8(ascii: "-") }
                }
            guard valid else {
                throw InvalidNginxOption(
                    "--server-name", text,
                    "takes host names separated by spaces (example.org, *.example.org, .example.org, "
                        + "example.*) or _; `\(name.printable)` is not one",
                    "cần các tên máy cách nhau bằng dấu cách (example.org, *.example.org, .example.org, example.*) "
                        + "hoặc _; `\(name.printable)` không phải tên máy")
            }
        }
        return names
    }

    /// An IPv4 address as it is, an IPv6 address (with or without brackets) in brackets.
    static func validAddress(_ text: String) throws(InvalidNginxOption) -> String {
        if Syscalls.isIPv4Address(text) { return text }
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        if Syscalls.isIPv6Address(bare) { return "[\(bare)]" }
        throw InvalidNginxOption(
            "--listen", text, "takes an IPv4 address (127.0.0.1) or an IPv6 address (::1 or [::1])",
            "cần một địa chỉ IPv4 (127.0.0.1) hoặc IPv6 (::1 hoặc [::1])")
    }

    /// `/` or `/a/b/` of letters, digits, `-`, `_` and `.`, as `site.yaml`'s `base_path`.
    static func validBasePath(_ path: String) throws(InvalidNginxOption) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let valid =
            path.hasPrefix("/") && path.hasSuffix("/")
            && segments.dropFirst().dropLast().allSatisfy { segment in
                !segment.isEmpty && segment != "." && segment != ".."
                    && segment.utf8.allSatisfy { $0.isASCIILetterOrDigit || "-_.".utf8.contains($0) }
            }
        guard valid else {
            throw InvalidNginxOption(
                "base_path", path, "must be a URL path such as /so-tay/", "phải là một đường dẫn URL như /so-tay/")
        }
        return path
    }
}

extension UInt8 {
    fileprivate var isASCIILetterOrDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}

/// A `nginx-config` option that cannot go into a configuration: a usage error (exit status 2).
public struct InvalidNginxOption: UsageRefusal, Equatable {
    /// The option (`--root`, `--server-name`, `--listen`) or setting (`base_path`) it came from.
    public var option: String
    public var value: String
    public var reason: String
    /// The reason in Vietnamese.
    public var reasonVietnamese: String

    public init(_ option: String, _ value: String, _ reason: String, _ reasonVietnamese: String) {
        self.option = option
        self.value = value
        self.reason = reason
        self.reasonVietnamese = reasonVietnamese
    }

    public var description: String {
        "\(option) \(NginxConfig.quoted(value.printable)) \(reason)"
    }

    public var vietnamese: String {
        "\(option) \(NginxConfig.quoted(value.printable)) \(reasonVietnamese)"
    }
}
