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
    /// The head and foot of the drafted review letter (`letter:`); what is not set is derived from
    /// `organization` (`LetterSettings.derived`).
    public var letter = LetterSettings()
    /// The folders only signed-in readers may open (`restricted:`); nil when the whole site is public.
    public var restricted: Restriction?
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

/// A top-level folder of the published site that `restricted:` may name.
public enum SiteFolder: String, Sendable, Hashable, CaseIterable {
    case units = "don-vi"
    case report = "bao-cao"
    case data = "data"
    case schedule = "lich-sinh-hoat-mau"
    case guidance = "van-ban"

    /// The files outside the folder that belong to it: the schedule's calendar is at the site's root.
    public var companions: [String] { SiteOutput.companions(of: self) }
}

/// The parts of the site for signed-in readers only (`restricted:` in `site.yaml`): whole top-level
/// folders, which the web server puts behind HTTP basic authentication in one realm, and of which
/// nothing reaches a public page, the public search index or the sitemap.
public struct Restriction: Sendable, Hashable {
    /// In the order written, each once.
    public var folders: [SiteFolder]
    /// The name of the protected space, which the browser may show when it asks for a password.
    public var realm: String
    public var location: SourceLocation

    public init(folders: [SiteFolder], realm: String, location: SourceLocation = SourceLocation(file: "site.yaml")) {
        self.folders = folders
        self.realm = realm
        self.location = location
    }

    public func contains(_ folder: SiteFolder) -> Bool { folders.contains(folder) }

    /// Why a realm cannot go into nginx's `auth_basic` as it is, or nil: nginx reads `$` as a
    /// variable and `off` as no authentication at all.
    public static func realmProblem(_ realm: String) -> RealmProblem? {
        if realm.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return .controlCharacter }
        if realm.contains(where: { "$\"\\".contains($0) }) { return .webServerSyntax }
        if realm.lowercased() == "off" { return .off }
        if realm.utf8.count > RealmProblem.longest { return .tooLong(bytes: realm.utf8.count) }
        return nil
    }

    /// What is wrong with a realm (`realmProblem`); the content's diagnostic is
    /// `DiagnosticMessage.badRealm`.
    public enum RealmProblem: Sendable, Hashable {
        case controlCharacter, webServerSyntax, off
        case tooLong(bytes: Int)

        /// The most bytes a realm may have.
        public static let longest = 200

        /// The reason in English, after the realm: `nginx-config`'s refusal.
        public var reason: String {
            switch self {
            case .controlCharacter: "must be one line without control characters"
            case .webServerSyntax: "must not hold `$`, `\"` or `\\` (the web server reads them as its own syntax)"
            case .off: "cannot be `off`, which the web server reads as no sign-in at all"
            case .tooLong(let bytes): "is \(bytes) bytes long; keep it under \(Self.longest)"
            }
        }

        /// The reason in Vietnamese, after the realm.
        public var vietnamese: String {
            switch self {
            case .controlCharacter: "phải là một dòng, không có ký tự điều khiển"
            case .webServerSyntax:
                "không được chứa `$`, `\"` hay `\\` (máy chủ web đọc các ký tự này theo cú pháp riêng)"
            case .off: "không được là `off`, vì máy chủ web hiểu đó là không cần đăng nhập"
            case .tooLong(let bytes):
                "dài \(FieldValue.number(bytes).text(in: .vi)) byte; hãy giữ dưới \(Self.longest) byte"
            }
        }
    }

    /// Whether an output file (a path relative to the site's root, `don-vi/x/index.html`,
    /// `schedule.ics.gz`) is served to signed-in readers only.
    public func covers(_ path: some StringProtocol) -> Bool {
        let first = path.prefix { $0 != "/" }
        return folders.contains { folder in
            first == folder.rawValue
                || folder.companions.contains { path == $0 || path.hasPrefix($0 + ".") }
        }
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
    /// Share of regular meetings with current affairs (thời sự); Hướng dẫn 03-HD/TU asks for it in
    /// every monthly meeting.
    public var currentAffairsRate: Double
    /// Share of meetings that use information technology; the letter 750-CV/ĐUK counts it a
    /// strength when most do.
    public var itRate: Double
    /// Share of subordinate branches' meetings a grassroots committee member attends.
    public var supervisionRate: Double
    /// The share of a kind's meetings short of a criterion's maximum above which the review letter
    /// writes the criterion's weakness; at or below it, its strength (the meetings at full marks are
    /// then "đa số", most of them). 0.2 by default: one meeting in five.
    public var criterionShortShare: Double

    public init(
        speakingRate: Double = 0.30, attendanceRate: Double = 0.85, currentAffairsRate: Double = 1,
        itRate: Double = 0.5, supervisionRate: Double = 1, criterionShortShare: Double = 0.2
    ) {
        self.criterionShortShare = criterionShortShare
        self.speakingRate = speakingRate
        self.attendanceRate = attendanceRate
        self.currentAffairsRate = currentAffairsRate
        self.itRate = itRate
        self.supervisionRate = supervisionRate
    }
}

/// The settings of the drafted review letter (`letter:` in `site.yaml`). Each is nil when not set;
/// `derived(from:)` fills in what the organisation's name gives.
public struct LetterSettings: Sendable, Hashable {
    /// The superior body, the first line top left ("Đảng bộ tỉnh Lai Châu").
    public var superior: String?
    /// The issuing body, under it ("Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh").
    public var issuer: String?
    /// The issuer's short name in the document number ("ĐUK" in "Số 750-CV/ĐUK").
    public var code: String?
    /// The issuer as the letter's sentences name it ("Đảng ủy Khối").
    public var shortName: String?
    /// The standing committee that decides and signs ("Ban Thường vụ").
    public var board: String?
    /// The place before the date ("Lai Châu").
    public var place: String?
    public var recipients: [String]?
    /// The signature block: on whose behalf ("T/M Ban Thường vụ"), the title, the name.
    public var onBehalf: String?
    public var signerTitle: String?
    public var signer: String?
    /// The list under "Nơi nhận:".
    public var copies: [String]?
    /// The issuer's name as the lines it is printed on (`issuer_lines`); derived from `issuer` when
    /// not set, broken so that no line is a lone word.
    public var issuerLines: [String]?
    /// The date printed on the letter (`date`); nil leaves "ngày ... tháng ... năm ..." for the clerk.
    public var date: Day?

    public init() {}

    /// The settings with every unset one derived from `organization`: "Đảng bộ Khối ... tỉnh Lai Châu"
    /// gives the superior "Đảng bộ tỉnh Lai Châu", the issuer "Đảng ủy Khối ... tỉnh", the code "ĐUK",
    /// the short name "Đảng ủy Khối" and the place "Lai Châu". What cannot be derived is left empty.
    public func derived(from organization: String) -> LetterSettings {
        var words = organization.split(separator: " ").map(String.init)
        var place: String?
        var superior: String?
        for (index, word) in words.enumerated().reversed() where index + 1 < words.count {
            let folded = Folding.fold(word)
            let isProvince = folded == "tinh"
            let isCity = folded == "pho" && index > 0 && Folding.fold(words[index - 1]) == "thanh"
            guard isProvince || isCity else { continue }
            let name = words[(index + 1)...].joined(separator: " ")
            place = name
            superior = "Đảng bộ " + words[(isCity ? index - 1 : index)...].joined(separator: " ")
            words.removeSubrange((index + 1)...)
            break
        }
        // A committee's name is its Party organisation's with "Đảng bộ" as "Đảng ủy".
        if words.count >= 2, Folding.fold(words[0]) == "dang", Folding.fold(words[1]) == "bo" {
            words[1] = "ủy"
        }
        let issuer = words.joined(separator: " ")
        let short = words.prefix(3).joined(separator: " ")
        var result = self
        result.superior = self.superior ?? superior
        result.issuer = self.issuer ?? issuer
        result.shortName = self.shortName ?? short
        // Initials without tone marks, but Đ kept: "Đảng ủy Khối" is ĐUK.
        result.code =
            self.code
            ?? words.prefix(3).compactMap(\.first).map {
                "đĐ".contains($0) ? "Đ" : Folding.fold(String($0)).uppercased()
            }
            .joined()
        result.board = self.board ?? "Ban Thường vụ"
        result.place = self.place ?? place
        result.recipients = self.recipients ?? ["Các chi, đảng bộ cơ sở trực thuộc"]
        result.onBehalf = self.onBehalf ?? "T/M " + (result.board ?? "")
        result.signerTitle = self.signerTitle ?? "Bí thư"
        result.signer = self.signer
        result.copies = self.copies ?? ["Như trên", "Lưu Văn phòng"]
        return result
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

    /// Whether the range is the period of the same length just before `other`, the one a figure
    /// of `other` is compared with: it ends the day before `other` starts and has as many months.
    public func isJustBefore(_ other: DateRange) -> Bool {
        to.next == other.from && monthCount == other.monthCount
    }

    /// The longest reporting period chibo accepts: two terms of a Party committee (nhiệm kỳ, five
    /// years each). A longer one is a typo (`to: 2204-12-31`) that would make hundreds of report pages.
    public static let longestInYears = 10
}
