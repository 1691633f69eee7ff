/// The kinds of file a guidance folder may publish beside its pages (forms, scans, slides), and how
/// each is recognised by its first bytes. Anything else (HTML, SVG, scripts, style sheets, archives
/// of unknown content) could run script in the site's origin, so it is refused at the file.
public enum AttachmentKind: String, Sendable, CaseIterable {
    case pdf, doc, docx, xls, xlsx, ppt, pptx, odt, ods, odp, rtf, txt, csv, png, jpeg, gif, webp

    /// The file name extensions of each kind, lowercase, without the dot.
    public var extensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg"]
        default: [rawValue]
        }
    }

    /// The kind a file name's extension names (case-insensitive), or nil when it is not allowed.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        let ext = fileName[fileName.index(after: dot)...].lowercased()
        guard let kind = Self.allCases.first(where: { $0.extensions.contains(ext) }) else { return nil }
        self = kind
    }

    /// Every allowed extension, sorted: for messages and for the web server's rules.
    public static var allExtensions: [String] { allCases.flatMap(\.extensions).sorted() }

    /// The media type the web server sends.
    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .doc: "application/msword"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xls: "application/vnd.ms-excel"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .ppt: "application/vnd.ms-powerpoint"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .ods: "application/vnd.oasis.opendocument.spreadsheet"
        case .odp: "application/vnd.oasis.opendocument.presentation"
        case .rtf: "application/rtf"
        case .txt: "text/plain"
        case .csv: "text/csv"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        }
    }

    /// Images are shown inside pages; every other kind is downloaded, never opened in the site's origin.
    public var isImage: Bool { [.png, .jpeg, .gif, .webp].contains(self) }

    /// What a file of this kind starts with, in words, for a message.
    public var signatureDescription: String {
        switch self {
        case .pdf: "a PDF file starts with %PDF-"
        case .doc, .xls, .ppt: "an old Office file starts with the OLE signature D0 CF 11 E0"
        case .docx, .xlsx, .pptx, .odt, .ods, .odp: "an Office or OpenDocument file is a zip (it starts with PK)"
        case .rtf: "an RTF file starts with {\\rtf"
        case .txt, .csv: "a text file is UTF-8 text with no control characters other than tab and line ends"
        case .png: "a PNG file starts with the PNG signature"
        case .jpeg: "a JPEG file starts with FF D8 FF"
        case .gif: "a GIF file starts with GIF87a or GIF89a"
        case .webp: "a WebP file starts with RIFF....WEBP"
        }
    }

    /// `signatureDescription` in the clerk's words.
    public var signatureDescriptionVietnamese: String {
        switch self {
        case .pdf: "tệp PDF bắt đầu bằng %PDF-"
        case .doc, .xls, .ppt: "tệp Office cũ bắt đầu bằng chữ ký OLE D0 CF 11 E0"
        case .docx, .xlsx, .pptx, .odt, .ods, .odp: "tệp Office hoặc OpenDocument là tệp nén zip (bắt đầu bằng PK)"
        case .rtf: "tệp RTF bắt đầu bằng {\\rtf"
        case .txt, .csv: "tệp văn bản là văn bản UTF-8, không có ký tự điều khiển nào ngoài tab và xuống dòng"
        case .png: "tệp PNG bắt đầu bằng chữ ký PNG"
        case .jpeg: "tệp JPEG bắt đầu bằng FF D8 FF"
        case .gif: "tệp GIF bắt đầu bằng GIF87a hoặc GIF89a"
        case .webp: "tệp WebP bắt đầu bằng RIFF....WEBP"
        }
    }

    /// Whether `bytes` are what a file of this kind holds, judged by its signature (text: valid
    /// UTF-8 without control characters, so that no browser takes it for HTML or a script).
    public func matches(_ bytes: [UInt8]) -> Bool {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && bytes[offset..<(offset + prefix.count)].elementsEqual(prefix)
        }
        switch self {
        case .pdf: return starts(Array("%PDF-".utf8))
        case .doc, .xls, .ppt: return starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        case .docx, .xlsx, .pptx, .odt, .ods, .odp: return starts([0x50, 0x4B, 0x03, 0x04])
        case .rtf: return starts(Array("{\\rtf".utf8))
        case .png: return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .jpeg: return starts([0xFF, 0xD8, 0xFF])
        case .gif: return starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8))
        case .webp: return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)
        case .txt, .csv:
            guard String(validating: bytes, as: UTF8.self) != nil else { return false }
            return !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }
        }
    }
}
