import ChiboModel
import ChiboSupport

/// URLs of the site, every one under `base_path`.
public struct SiteURLs: Sendable, Hashable {
    public let basePath: String

    public init(basePath: String) {
        self.basePath = basePath
    }

    /// The URL of a page folder given by slugs: `["van-ban", "quy-trinh"]` → `/base/van-ban/quy-trinh/`.
    public func page(_ slugs: [String]) -> String {
        slugs.isEmpty ? basePath : basePath + slugs.joined(separator: "/") + "/"
    }

    /// The URL of a file given by its output path: `assets/site.css` → `/base/assets/site.css`.
    public func file(_ path: String) -> String { basePath + path }

    /// The output file of a page folder: `van-ban/quy-trinh/index.html`.
    public static func pageFile(_ slugs: [String]) -> String {
        (slugs + [SiteOutput.pageFileName]).joined(separator: "/")
    }

    /// The page of a unit: `/base/don-vi/<id>/`.
    public func unit(_ id: UnitID) -> String { page([Self.unitsRoot, id.rawValue]) }

    /// The anchor of a meeting on its unit's page: `sh-2024-03-12-regular`.
    public static func meetingAnchor(date: Day, kind: MeetingKind) -> String { "sh-\(date)-\(kind.rawValue)" }

    /// The first path segment of every unit page.
    public static let unitsRoot = SiteFolder.units.rawValue

    /// The first path segment of every guidance page.
    public static let guidanceRoot = SiteFolder.guidance.rawValue

    /// An absolute URL (`base_url` before a site URL), as a URI that every output format can hold
    /// as it is: each byte outside RFC 3986's unreserved and reserved characters is percent-encoded,
    /// so no space, quote, angle bracket or line end can reach a sitemap, a calendar or a header.
    public static func absolute(_ url: String, baseURL: String?) -> String {
        let allowed = Set(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&()*+,;=%".utf8)
        var out = ""
        for byte in ((baseURL ?? "") + url).utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append(contentsOf: ["%", digits[Int(byte >> 4)], digits[Int(byte & 15)]])
            }
        }
        return out
    }
}
