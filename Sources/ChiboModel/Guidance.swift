/// The kind of an official document, as its number says (HD, QĐ, KH, CV) or study material.
public enum DocumentKind: String, Sendable, Hashable, CaseIterable {
    case guidance = "huong-dan"
    case regulation = "quy-dinh"
    case plan = "ke-hoach"
    case letter = "cong-van"
    case studyMaterial = "tai-lieu"

    /// The kind a Party document's number names: "08-HD/ĐUK" is a guidance (HD), "14-QĐ/TU" a
    /// regulation, "114-KH/ĐUK" a plan, "750-CV/ĐUK" a letter; nil for any other number.
    public init?(number: String) {
        guard let dash = number.firstIndex(of: "-") else { return nil }
        let abbreviation = number[number.index(after: dash)...].prefix { $0 != "/" }
        switch Folding.fold(abbreviation) {
        case "hd": self = .guidance
        case "qd": self = .regulation
        case "kh": self = .plan
        case "cv": self = .letter
        default: return nil
        }
    }
}

/// One Markdown guidance document from `guidance/**/*.md`.
public struct GuidanceDocument: Sendable, Hashable {
    /// The source path relative to the content folder, e.g. `guidance/quy-trinh/thuong-ky.md`.
    public var sourcePath: String
    /// The slugs of the folders and of the file, e.g. `["quy-trinh", "thuong-ky"]`.
    public var slugPath: [String]
    public var title: String
    /// The document number (số hiệu), e.g. `03-HD/TU`; mentions of it elsewhere link here.
    public var number: String?
    public var issuer: String?
    public var date: Day?
    public var kind: DocumentKind?
    public var summary: String?
    public var order: Int?
    public var draft: Bool
    public var tags: [String]
    /// True when the page summarises a source text that is not available (a digest, not the text).
    public var digest: Bool
    /// `featured: true`: listed on the home page's first screen.
    public var featured: Bool
    /// The Markdown after the front matter.
    public var body: String
    /// The line of the source file where `body` starts.
    public var bodyLine: Int
    /// Where the front matter gives `number`, for errors about it.
    public var numberLocation: SourceLocation?
    /// `body` parsed, its `csv` blocks read into tables and its links resolved; empty for a draft.
    public var markdown = MarkdownNode(kind: .document)

    public init(
        sourcePath: String, slugPath: [String], title: String, number: String? = nil, issuer: String? = nil,
        date: Day? = nil, kind: DocumentKind? = nil, summary: String? = nil, order: Int? = nil,
        draft: Bool = false, tags: [String] = [], digest: Bool = false, featured: Bool = false, body: String,
        bodyLine: Int = 1
    ) {
        self.sourcePath = sourcePath
        self.slugPath = slugPath
        self.title = title
        self.number = number
        self.issuer = issuer
        self.date = date
        self.kind = kind
        self.summary = summary
        self.order = order
        self.draft = draft
        self.tags = tags
        self.digest = digest
        self.featured = featured
        self.body = body
        self.bodyLine = bodyLine
    }
}

/// A folder of guidance documents; `_index.md` gives its title and intro.
public struct GuidanceSection: Sendable, Hashable {
    /// The source folder relative to the content folder, e.g. `guidance/quy-trinh`.
    public var sourcePath: String
    /// The slugs of the folders, empty for the root `guidance/` folder.
    public var slugPath: [String]
    public var title: String
    public var summary: String?
    public var order: Int?
    /// `featured: true` in `_index.md`: the section and its documents are listed on the home page's
    /// first screen.
    public var featured: Bool
    public var intro: String
    public var introLine: Int
    /// The path of `_index.md` when the folder has one.
    public var indexPath: String?
    /// `intro` parsed, its `csv` blocks read into tables and its links resolved.
    public var introMarkdown = MarkdownNode(kind: .document)

    /// The key of the section in the table of link targets (`LinkTarget.source`): its `_index.md`,
    /// whether the folder has one or not (the folder's own path is a second key).
    public var linkKey: String { sourcePath + "/_index.md" }

    public init(
        sourcePath: String, slugPath: [String], title: String, summary: String? = nil, order: Int? = nil,
        featured: Bool = false, intro: String = "", introLine: Int = 1, indexPath: String? = nil
    ) {
        self.sourcePath = sourcePath
        self.slugPath = slugPath
        self.title = title
        self.summary = summary
        self.order = order
        self.featured = featured
        self.intro = intro
        self.introLine = introLine
        self.indexPath = indexPath
    }
}

/// A file other than Markdown inside `guidance/` (a PDF, an image) that is published as it is.
public struct StaticFile: Sendable, Hashable {
    public var sourcePath: String
    public var slugPath: [String]
    public var bytes: [UInt8]

    public init(sourcePath: String, slugPath: [String], bytes: [UInt8]) {
        self.sourcePath = sourcePath
        self.slugPath = slugPath
        self.bytes = bytes
    }
}
