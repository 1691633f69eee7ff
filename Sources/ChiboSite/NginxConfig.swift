/// A complete nginx server block for a published site: precompressed files, pretty URLs, the 404
/// page, long caching of hashed assets and none of HTML, and security headers that the pages allow
/// (no inline script or style anywhere, so the Content-Security-Policy needs no `unsafe-inline`).
public struct NginxConfig: Sendable {
    public var root: String
    public var port: Int
    public var serverName: String
    public var basePath: String
    /// Whether to load the brotli module's `brotli_static` (Debian: libnginx-mod-http-brotli-static).
    public var brotli: Bool
    /// An address to listen on (e.g. 127.0.0.1); nil listens on every address, IPv4 and IPv6.
    public var address: String?

    public init(
        root: String, port: Int = 80, serverName: String = "_", basePath: String = "/", brotli: Bool = true,
        address: String? = nil
    ) {
        self.root = root
        self.address = address
        self.port = port
        self.serverName = serverName
        self.basePath = basePath
        self.brotli = brotli
    }

    public static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    public var text: String {
        let security = """
                    add_header Content-Security-Policy "\(Self.contentSecurityPolicy)" always;
                    add_header X-Content-Type-Options nosniff always;
                    add_header Referrer-Policy same-origin always;
                    add_header X-Frame-Options DENY always;
            """
        let listen = address.map { "listen \($0):\(port);" } ?? "listen \(port);\n    listen [::]:\(port);"
        let prefix = basePath == "/" ? "" : String(basePath.dropLast())
        let location =
            basePath == "/"
            ? "root \(root);" : "root \(root);\n    # base_path \(basePath)\n    rewrite ^\(prefix)(/.*)$ $1 last;"
        return """
            # chibo: server block for \(root)
            # Needs the gzip_static module (in Debian's nginx) and, for brotli_static,
            # libnginx-mod-http-brotli-static.
            server {
                \(listen)
                server_name \(serverName);
                \(location)
                index index.html;
                charset utf-8;
                charset_types text/css text/plain text/xml application/javascript application/json text/csv text/calendar image/svg+xml;
                autoindex off;
                server_tokens off;
                disable_symlinks off;

                gzip_static on;
                gzip_vary on;
            \(brotli ? "    brotli_static on;\n" : "")
                # Every type the site has, so the block does not depend on the http block's mime.types.
                types {
                    text/html html;
                    text/css css;
                    application/javascript js;
                    application/json json;
                    text/xml xml;
                    text/csv csv;
                    text/calendar ics;
                    text/plain txt md;
                    image/svg+xml svg;
                    image/png png;
                    image/jpeg jpg jpeg;
                    image/gif gif;
                    image/webp webp;
                    application/pdf pdf;
                    font/woff2 woff2;
                    application/vnd.openxmlformats-officedocument.wordprocessingml.document docx;
                    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet xlsx;
                }
                default_type application/octet-stream;

                error_page 404 \(basePath)404.html;

                # Dotfiles (staging folders, locks) are never served.
                location ~ /\\. {
                    deny all;
                    return 404;
                }

                # Assets carry a content hash in their name: cache them for a year.
                location \(basePath == "/" ? "/assets/" : "/assets/") {
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
}
