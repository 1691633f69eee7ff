/// The site settings from `site.yaml`.
public struct SiteSettings: Sendable, Hashable {
    public var title: String
    public var organization: String
    /// The URL path the site is served under, always starting and ending with `/`.
    public var basePath: String
    /// An optional scheme and host (`https://intranet.example`) put before paths in `sitemap.xml`.
    public var baseURL: String?
    /// Whether raw HTML in Markdown reaches the pages; stripped when false.
    public var unsafeHTML: Bool
    /// The reporting period; nil means all dates in the data.
    public var period: DateRange?
    /// Where `period` is written, for messages about it.
    public var periodLocation: SourceLocation?
    public var targets: Targets
    /// Every regular meeting on or after this day must include political-ideological study
    /// (Hướng dẫn 08-HD/ĐUK); nil means always.
    public var politicalStudyRequiredFrom: Day?
    /// The guidance document (by number) each finding code refers readers to.
    public var findingGuidance: [FindingCode: DocumentReference] = [:]
    public var location: SourceLocation

    public init(
        title: String, organization: String, basePath: String = "/", baseURL: String? = nil,
        unsafeHTML: Bool = false, period: DateRange? = nil, targets: Targets = Targets(),
        politicalStudyRequiredFrom: Day? = nil, location: SourceLocation = SourceLocation(file: "site.yaml")
    ) {
        self.title = title
        self.organization = organization
        self.basePath = basePath
        self.baseURL = baseURL
        self.unsafeHTML = unsafeHTML
        self.period = period
        self.targets = targets
        self.politicalStudyRequiredFrom = politicalStudyRequiredFrom
        self.location = location
    }
}

/// A document number written in the content, with where it was written.
public struct DocumentReference: Sendable, Hashable {
    public var number: String
    public var location: SourceLocation

    public init(number: String, location: SourceLocation) {
        self.number = number
        self.location = location
    }
}

/// Targets the scorecards compare against.
public struct Targets: Sendable, Hashable {
    /// Share of present members who speak; the letter 750-CV/ĐUK calls about 30% a good result.
    public var speakingRate: Double
    /// Share of members present; Hướng dẫn 12-HD/BTCTW asks for more than 85%.
    public var attendanceRate: Double

    public init(speakingRate: Double = 0.30, attendanceRate: Double = 0.85) {
        self.speakingRate = speakingRate
        self.attendanceRate = attendanceRate
    }
}

/// An inclusive range of days.
public struct DateRange: Sendable, Hashable {
    public var from: Day
    public var to: Day

    public init(from: Day, to: Day) {
        self.from = from
        self.to = to
    }

    public func contains(_ day: Day) -> Bool { from <= day && day <= to }

    /// The calendar months the range touches.
    public var monthCount: Int { (to.year - from.year) * 12 + to.month - from.month + 1 }

    /// The longest reporting period chibo accepts: two terms of a Party committee (nhiệm kỳ, five
    /// years each). A longer one is a typo (`to: 2204-12-31`) that would make hundreds of report pages.
    public static let longestInYears = 10
}
