/// The catalogue of what a site publishes: one entry for each kind of file, with where it goes
/// (`pattern`), the folder it is restricted with (`folder`), what decides whether a rebuild keeps
/// the previous copy (`reuse`) and whether it is a page of the sitemap. It is the one spelling of
/// every path and folder name of the output: the pages, the page reuse, the restriction check, the
/// sitemap, the nginx block and the sign-in marks read it. Adding an output is one case here; the
/// compiler then asks where it is made in `SiteRenderer.plan()`, whose switch names every entry's
/// producer.
///
/// A pattern is a path of segments: a literal, `{name}` (one segment, which may have literal text
/// around it, `mau-bien-ban-{rubric}.xlsx`), `{name?}` (none or one), `{name...}` (any number),
/// `{page}` (none, or a list's next page, `trang-2`) and `{folder}` (a folder of `SiteFolder`). A
/// placeholder never stands for a literal of any pattern, a list page's folder or a dot file, so
/// that a published file matches one entry only (`OutputCatalogueTests`).
public enum SiteOutput: String, Sendable, Hashable, CaseIterable {
    /// The home page (`GuidancePages.homePage`).
    case home
    /// The page a web server shows for a missing file.
    case notFound
    /// The search page (`GuidancePages.searchPage`); it stays public whatever is restricted.
    case searchPage
    /// The public search index (`SearchIndex.files`), kept while the indexed documents are the same.
    case searchIndex
    /// The index of the restricted pages, under the first restricted folder.
    case restrictedSearchIndex
    /// The theme's assets, a content hash in each name (`AssetTable`).
    case asset
    /// The theme's icon again at the root, where browsers ask for it.
    case rootIcon
    /// A guidance section (with its next pages) or document (`GuidancePages.pages`).
    case guidance
    /// A file the guidance folder publishes as it is: an image, an attachment.
    case guidanceFile
    /// The units directory, in pages (`ScorecardPages.unitsDirectory`).
    case unitsDirectory
    /// The branches whose latest rating is one rating, or who have none yet.
    case ratingList
    /// A unit's page: a branch's scorecard, or a committee's page with its branches in pages.
    case unit
    /// The report of the period or of a quarter (`ReportPages.pages`).
    case report
    /// A report's list of the units behind a figure.
    case reportList
    /// A report's list of every finding of one code.
    case findingList
    /// A report's rankings of the grassroots committees and branches: the page that links them, and
    /// one list per figure and level (`ReportPages.rankingPages`).
    case ranking
    /// The review letter drafted from a report (`LetterPages`).
    case letter
    /// The same letter as a Word document.
    case letterDocument
    /// The schedule of sample sessions, in pages (`SchedulePages.pages`).
    case schedule
    /// A sample-meeting plan's page.
    case plan
    /// A plan's lists: its sessions, its compliance, its findings.
    case planList
    /// The audience of one sample session.
    case audience
    /// Every session and the plans' findings as JSON (`SchedulePages.json`).
    case scheduleData
    /// The schedule as an iCalendar file, at the root so that calendar programs find it plainly.
    case calendar
    /// Every unit's scorecard as JSON, the output contract (`ScorecardPages.scorecardsJSON`).
    case scorecardsData
    /// Every finding as a spreadsheet's CSV (`ScorecardPages.findingsCSV`).
    case findingsTable
    /// A rubric's meeting-record workbook for the branches (`RecordWorkbook.make`).
    case recordWorkbook
    /// The sitemap of the public pages.
    case sitemap
    /// The inputs hash of every file the previous build made (`PageReuse.manifest`); never served.
    case pageManifest
    /// The fingerprint of a build's inputs (`InputFingerprint`); never served.
    case buildRecord

    /// What decides whether a rebuild keeps the previous build's copy instead of making it again.
    public enum Reuse: Sendable, Hashable {
        /// The page's model, with the templates, the UI strings and the tool.
        case pageModel
        /// A hash of what the file is made from, which its producer gives.
        case ownInputs
        /// The content outside the guidance, the UI strings, the build date and the tool: the data files.
        case contentData
        /// The documents the index holds.
        case indexedDocuments
        /// Nothing: it is made in every build (cheap, or needed to know what the build made).
        case never
    }

    /// Who may open a file of the kind.
    public enum Access: Sendable, Hashable {
        /// Everyone, whatever `restricted:` names.
        case alwaysPublic
        /// Signed-in readers only when `restricted:` names the folder.
        case restrictedWith(SiteFolder)
        /// Signed-in readers only: it exists only on a site with restricted folders.
        case alwaysRestricted
        /// Nobody: a file of the build itself, which the web server refuses.
        case neverServed
    }

    // MARK: - Names

    /// The search page's folder.
    public static let searchFolder = "tim-kiem"
    /// The public search index's folder.
    public static let searchIndexFolder = "search"
    /// The restricted index's folder under its restricted folder (`_` is in no unit id, slug or folder
    /// of the site's own, so it takes no page's place).
    public static let restrictedSearchIndexFolder = "_search"
    /// The folder of the theme's assets.
    public static let assetsFolder = "assets"
    /// The units directory's lists by rating, below the units folder.
    public static let ratingListsFolder = UnitID.ratingListsFolder
    /// The report's lists of units behind a figure, and of findings by code.
    public static let reportListsFolder = "danh-sach"
    public static let findingListsFolder = "phat-hien"
    /// The folder of a report's rankings.
    public static let rankingFolder = "xep-hang"
    /// The folder of a report's review letter, and the name of its Word document.
    public static let letterFolder = "du-thao-cong-van"
    /// The folder of a plan's session audiences.
    public static let audienceFolder = "thanh-phan"

    /// The file name of a folder's page.
    public static let pageFileName = "index.html"

    /// Where files of the kind go, from the site's root.
    public var pattern: String {
        let data = SiteFolder.data.rawValue
        let report = SiteFolder.report.rawValue + "/{quarter?}/"
        let schedule = SiteFolder.schedule.rawValue
        let page = Self.pageFileName
        switch self {
        case .home: return page
        case .notFound: return "404.html"
        case .searchPage: return Self.searchFolder + "/" + page
        case .searchIndex: return Self.searchIndexFolder + "/{file...}"
        case .restrictedSearchIndex: return "{folder}/" + Self.restrictedSearchIndexFolder + "/{file...}"
        case .asset: return Self.assetsFolder + "/{file...}"
        case .rootIcon: return "favicon.ico"
        case .guidance: return SiteFolder.guidance.rawValue + "/{slugs...}/{page}/" + page
        case .guidanceFile: return SiteFolder.guidance.rawValue + "/{slugs...}/{file}"
        case .unitsDirectory: return SiteFolder.units.rawValue + "/{page}/" + page
        case .ratingList: return SiteFolder.units.rawValue + "/" + Self.ratingListsFolder + "/{rating}/{page}/" + page
        case .unit: return SiteFolder.units.rawValue + "/{unit}/{page}/" + page
        case .report: return report + page
        case .reportList: return report + Self.reportListsFolder + "/{list}/{page}/" + page
        case .findingList: return report + Self.findingListsFolder + "/{code}/{page}/" + page
        case .ranking: return report + Self.rankingFolder + "/{list?}/{page}/" + page
        case .letter: return report + Self.letterFolder + "/" + page
        case .letterDocument: return report + Self.letterFolder + ".docx"
        case .schedule: return schedule + "/{page}/" + page
        case .plan: return schedule + "/{plan}/" + page
        case .planList: return schedule + "/{plan}/{list}/{page}/" + page
        case .audience: return schedule + "/{plan}/" + Self.audienceFolder + "/{session}/{page}/" + page
        case .scheduleData: return data + "/schedule.json"
        case .calendar: return "schedule.ics"
        case .scorecardsData: return data + "/scorecards.json"
        case .findingsTable: return data + "/findings.csv"
        case .recordWorkbook: return data + "/mau-bien-ban-{rubric}.xlsx"
        case .sitemap: return "sitemap.xml"
        case .pageManifest: return ".chibo-pages"
        case .buildRecord: return ".chibo-build"
        }
    }

    /// The path of a kind with one file, or with its placeholders filled in from `values` (by name,
    /// without `?` or `...`).
    public func path(_ values: [String: String] = [:]) -> String {
        var result = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = rest[rest.index(after: open)..<close].prefix { $0 != "?" && $0 != "." }
            result += values[String(name)] ?? ""
            rest = rest[rest.index(after: close)...]
        }
        // A placeholder left empty takes its segment with it.
        return (result + rest).split(separator: "/").joined(separator: "/")
    }

    /// Who may open a file of the kind: a file under a folder `restricted:` may name goes with it,
    /// and the calendar with the schedule.
    public var access: Access {
        switch self {
        case .calendar: return .restrictedWith(.schedule)
        case .restrictedSearchIndex: return .alwaysRestricted
        case .pageManifest, .buildRecord: return .neverServed
        default:
            let first = pattern.prefix { $0 != "/" }
            return SiteFolder(rawValue: String(first)).map(Access.restrictedWith) ?? .alwaysPublic
        }
    }

    /// What decides whether a rebuild keeps the previous copy.
    public var reuse: Reuse {
        switch self {
        case .searchIndex, .restrictedSearchIndex: return .indexedDocuments
        case .letterDocument: return .ownInputs
        case .scheduleData, .calendar, .scorecardsData, .findingsTable, .recordWorkbook: return .contentData
        case .asset, .rootIcon, .guidanceFile, .sitemap, .pageManifest, .buildRecord: return .never
        default: return .pageModel
        }
    }

    /// Whether a file of the kind is an HTML page made from a model and a template.
    public var isPage: Bool { reuse == .pageModel }

    /// Whether its public pages are listed in the sitemap: every page but the one of a missing file.
    public var inSitemap: Bool { isPage && self != .notFound }

    /// The files outside a folder that go with it when it is restricted: the schedule's calendar.
    public static func companions(of folder: SiteFolder) -> [String] { companionsByFolder[folder] ?? [] }

    private static let companionsByFolder: [SiteFolder: [String]] = Dictionary(
        grouping: allCases.compactMap { output -> (SiteFolder, String)? in
            guard case .restrictedWith(let folder) = output.access, !output.pattern.hasPrefix(folder.rawValue + "/")
            else { return nil }
            return (folder, output.path())
        },
        by: \.0
    ).mapValues { $0.map(\.1) }

    // MARK: - Matching

    /// Whether `path` (from the site's root, without a compressed copy's `.gz` or `.br`) is a file of
    /// the kind.
    public func matches(_ path: String) -> Bool {
        let segments = pattern.split(separator: "/").map(String.init)
        return Self.match(
            segments[...], path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)[...])
    }

    /// Every literal segment of the catalogue's patterns, which no placeholder stands for.
    static let literals: Set<String> = Set(
        allCases.flatMap { $0.pattern.split(separator: "/").map(String.init) }.filter { !$0.contains("{") })

    /// A segment a placeholder may stand for: not empty, not a literal of a pattern, not a list's
    /// next page, not a dot file.
    static func isFree(_ segment: String) -> Bool {
        !segment.isEmpty && !literals.contains(segment) && ListPages.number(segment) == nil && !segment.hasPrefix(".")
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        let rest = pattern.dropFirst()
        switch head {
        case "{page}":
            if match(rest, path) { return true }
            guard let first = path.first, ListPages.number(first) != nil else { return false }
            return match(rest, path.dropFirst())
        case "{folder}":
            guard let first = path.first, SiteFolder(rawValue: first) != nil else { return false }
            return match(rest, path.dropFirst())
        case _ where head.hasSuffix("?}"):
            if match(rest, path) { return true }
            guard let first = path.first, isFree(first) else { return false }
            return match(rest, path.dropFirst())
        case _ where head.hasSuffix("...}"):
            var remaining = path
            while true {
                if match(rest, remaining) { return true }
                guard let first = remaining.first, isFree(first) else { return false }
                remaining = remaining.dropFirst()
            }
        default:
            guard let first = path.first, matchSegment(head, first) else { return false }
            return match(rest, path.dropFirst())
        }
    }

    /// A segment against a literal, or a placeholder with literal text before and after it.
    private static func matchSegment(_ pattern: String, _ segment: String) -> Bool {
        guard let open = pattern.firstIndex(of: "{"), let close = pattern.firstIndex(of: "}") else {
            return pattern == segment
        }
        let prefix = pattern[..<open]
        let suffix = pattern[pattern.index(after: close)...]
        guard segment.count > prefix.count + suffix.count, segment.hasPrefix(prefix), segment.hasSuffix(suffix)
        else { return false }
        return isFree(String(segment.dropFirst(prefix.count).dropLast(suffix.count))) || !(prefix + suffix).isEmpty
    }
}
