import ChiboModel
import ChiboTemplate

/// A summary's figures as the pages print them.
struct FiguresModel: TemplateModel, Hashable {
    var meetings: String
    var regular: String
    var thematic: String
    var averageTotal: String
    var speakingRate: String
    var speakingBelow: Bool
    var attendanceRate: String
    var attendanceBelow: Bool
    var speakingTarget: String
    var attendanceTarget: String
    var supervised: String
    var supervisable: String
    var supervisedShare: String
    var hasSupervisable: Bool
    var politicalStudy: String
    var currentAffairs: String
    var usedIT: String
    var findingsTotal: String

    static let templateFields = TemplateFields<Self>([
        "meetings": .text(\.meetings),
        "regular": .text(\.regular),
        "thematic": .text(\.thematic),
        "average_total": .text(\.averageTotal),
        "speaking_rate": .text(\.speakingRate),
        "speaking_below": .flag(\.speakingBelow),
        "attendance_rate": .text(\.attendanceRate),
        "attendance_below": .flag(\.attendanceBelow),
        "speaking_target": .text(\.speakingTarget),
        "attendance_target": .text(\.attendanceTarget),
        "supervised": .text(\.supervised),
        "supervisable": .text(\.supervisable),
        "supervised_share": .text(\.supervisedShare),
        "has_supervisable": .flag(\.hasSupervisable),
        "political_study": .text(\.politicalStudy),
        "current_affairs": .text(\.currentAffairs),
        "used_it": .text(\.usedIT),
        "findings_total": .text(\.findingsTotal),
    ])
}

/// A rating name and how many meetings or branches have it.
/// A figure beside the previous year's: "tăng 2,1 điểm %", with its direction for the mark.
struct ChangeModel: TemplateModel, Hashable {
    var text: String
    var direction: String
    static let templateFields = TemplateFields<Self>(["text": .text(\.text), "direction": .text(\.direction)])
}

/// One calendar year of a unit's history: its figures and ratings, each figure beside the year
/// before's (nil for the first year, or after a year without records).
struct HistoryRow: TemplateModel, Hashable {
    var year: String
    /// The year's report.
    var url: String
    var meetings: String
    var averageTotal: String
    var averageChange: ChangeModel?
    var speakingRate: String
    var speakingChange: ChangeModel?
    var attendanceRate: String
    var attendanceChange: ChangeModel?
    var ratings: [RatingCount]
    var findings: String
    var findingsChange: ChangeModel?
    static let templateFields = TemplateFields<Self>([
        "year": .text(\.year), "url": .text(\.url), "meetings": .text(\.meetings),
        "average_total": .text(\.averageTotal), "average_change": .optional(\.averageChange),
        "speaking_rate": .text(\.speakingRate), "speaking_change": .optional(\.speakingChange),
        "attendance_rate": .text(\.attendanceRate), "attendance_change": .optional(\.attendanceChange),
        "ratings": .list(\.ratings), "findings": .text(\.findings), "findings_change": .optional(\.findingsChange),
    ])
}

struct RatingCount: TemplateModel, Hashable {
    var name: String
    var count: String
    static let templateFields = TemplateFields<Self>(["name": .text(\.name), "count": .text(\.count)])
}

/// A unit's row in the units index and a committee's branch table.
struct UnitRow: TemplateModel, Hashable {
    var id: String
    var name: String
    var url: String
    var level: String
    var sector: String
    var members: String
    var isCommittee: Bool
    var branchCount: String
    var latestRating: String?
    var figures: FiguresModel
    var ratings: [RatingCount]

    static let templateFields = TemplateFields<Self>([
        "id": .text(\.id),
        "name": .text(\.name),
        "url": .text(\.url),
        "level": .text(\.level),
        "sector": .text(\.sector),
        "members": .text(\.members),
        // A committee's members are its branches': a phone leaves the cell out of its card.
        "members_blank": .flag { $0.members == "–" || $0.members.isEmpty },
        "is_committee": .flag(\.isCommittee),
        "branch_count": .text(\.branchCount),
        "latest_rating": .optional(\.latestRating),
        "figures": .model(\.figures),
        "ratings": .list(\.ratings),
        "has_ratings": .flag { !$0.ratings.isEmpty },
    ])
}

/// A group of units on a page of the units directory: a sector's committees and grassroots
/// branches. A group split across pages is `continued` on the later ones.
struct UnitGroup: TemplateModel, Hashable {
    var title: String
    var id: String
    var continued = false
    var units: [UnitRow]
    static let templateFields = TemplateFields<Self>([
        "title": .text(\.title), "id": .text(\.id), "continued": .flag(\.continued), "units": .list(\.units),
        "has_units": .flag { !$0.units.isEmpty },
    ])
}

/// A figure that links to the list of what it counts.
struct LinkedCount: TemplateModel, Hashable {
    var title: String
    var count: String
    var url: String?
    static let templateFields = TemplateFields<Self>([
        "title": .text(\.title), "count": .text(\.count), "url": .optional(\.url),
    ])
}

/// A sector's units, counted, on the first page of the units directory.
struct SectorCount: TemplateModel, Hashable {
    var title: String
    /// Where the sector's group starts in the directory.
    var url: String
    var committees: String
    var grassroots: String
    var subordinate: String
    static let templateFields = TemplateFields<Self>([
        "title": .text(\.title), "url": .text(\.url), "committees": .text(\.committees),
        "grassroots": .text(\.grassroots), "subordinate": .text(\.subordinate),
    ])
}

/// A page of the units directory: the bloc's committees and grassroots branches by sector, with
/// the counts, the rating lists and the record forms on the first page.
struct UnitsPage: PageModel {
    var layout: LayoutModel
    var isFirstPage: Bool
    var sectors: [SectorCount]
    var byRating: [LinkedCount]
    var groups: [UnitGroup]
    /// The meeting-record workbooks a branch fills in, one per rubric.
    var recordForms: [RecordForm] = []
    var pager: PagerModel

    /// A workbook to download: its title and its URL.
    struct RecordForm: TemplateModel, Hashable {
        var title: String
        var url: String
        static let templateFields = TemplateFields<Self>(["title": .text(\.title), "url": .text(\.url)])
    }

    static let templateFields = fields([
        "is_first_page": .flag(\.isFirstPage),
        "record_forms": .list(\.recordForms),
        "has_record_forms": .flag { !$0.recordForms.isEmpty },
        "sectors": .list(\.sectors),
        "by_rating": .list(\.byRating),
        "has_by_rating": .flag { !$0.byRating.isEmpty },
        "groups": .list(\.groups),
        "pager": .model(\.pager),
    ])
}

/// A finding about a meeting or a branch, with the guidance that explains it.
struct FindingModel: TemplateModel, Hashable {
    var code: String
    var label: String
    var message: String
    var guidanceURL: String?
    var guidanceNumber: String?
    static let templateFields = TemplateFields<Self>([
        "code": .text(\.code), "label": .text(\.label), "message": .text(\.message),
        "guidance_url": .optional(\.guidanceURL), "guidance_number": .optional(\.guidanceNumber),
    ])
}

/// How many findings of one kind.
struct FindingCount: TemplateModel, Hashable {
    var code: String
    var label: String
    var count: String
    static let templateFields = TemplateFields<Self>([
        "code": .text(\.code), "label": .text(\.label), "count": .text(\.count),
    ])
}

/// A month of the scorecard's chart, as its data table shows it.
struct ChartRow: TemplateModel, Hashable {
    var month: String
    var total: String
    var rate: String
    static let templateFields = TemplateFields<Self>([
        "month": .text(\.month), "total": .text(\.total), "rate": .text(\.rate),
    ])
}

struct CriterionModel: TemplateModel, Hashable {
    var id: String
    var title: String
    var max: String
    static let templateFields = TemplateFields<Self>(["id": .text(\.id), "title": .text(\.title), "max": .text(\.max)])
}

struct ScoreCell: TemplateModel, Hashable {
    var points: String
    var full: Bool
    /// The criterion's short name ("TC1"), which a phone shows beside the points (`data-label`).
    var label: String
    static let templateFields = TemplateFields<Self>([
        "points": .text(\.points), "full": .flag(\.full), "label": .text(\.label),
    ])
}

/// One meeting in a scorecard's table.
struct MeetingRow: TemplateModel, Hashable {
    var date: String
    var dateISO: String
    var anchor: String
    var topic: String?
    var preparer: String?
    var scores: [ScoreCell]
    var total: String
    var max: String
    var rating: String
    var selfRating: String
    var overrated: Bool
    var speakingRate: String
    var attendance: String
    var supervisor: String?
    var note: String?
    var remarks: String?
    var findings: [FindingModel]

    static let templateFields = TemplateFields<Self>([
        "date": .text(\.date),
        "date_iso": .text(\.dateISO),
        "anchor": .text(\.anchor),
        "topic": .optional(\.topic),
        "preparer": .optional(\.preparer),
        "scores": .list(\.scores),
        "has_scores": .flag { !$0.scores.isEmpty },
        "total": .text(\.total),
        "max": .text(\.max),
        "rating": .text(\.rating),
        "self_rating": .text(\.selfRating),
        "overrated": .flag(\.overrated),
        "speaking_rate": .text(\.speakingRate),
        "attendance": .text(\.attendance),
        "supervisor": .optional(\.supervisor),
        "note": .optional(\.note),
        "remarks": .optional(\.remarks),
        "findings": .list(\.findings),
        "has_findings": .flag { !$0.findings.isEmpty },
    ])
}

/// The meetings of one kind on a scorecard, with the rubric's criteria as columns.
struct MeetingTable: TemplateModel, Hashable {
    var kind: String
    var id: String
    var rubricTitle: String
    var rubricSource: String?
    var criteria: [CriterionModel]
    var rows: [MeetingRow]
    var isThematic: Bool
    var count: String

    static let templateFields = TemplateFields<Self>([
        "kind": .text(\.kind),
        "id": .text(\.id),
        "rubric_title": .text(\.rubricTitle),
        "rubric_source": .optional(\.rubricSource),
        "criteria": .list(\.criteria),
        "has_criteria": .flag { !$0.criteria.isEmpty },
        "rows": .list(\.rows),
        "has_rows": .flag { !$0.rows.isEmpty },
        "is_thematic": .flag(\.isThematic),
        "count": .text(\.count),
    ])
}

struct ScorecardPage: PageModel {
    var layout: LayoutModel
    var unit: UnitRow
    var committee: UnitLink?
    var figures: FiguresModel
    var ratings: [RatingCount]
    var selfRatings: [RatingCount]
    var chart: String
    var chartRows: [ChartRow]
    var tables: [MeetingTable]
    var branchFindings: [FindingModel]
    var findingCounts: [FindingCount]
    var hasMeetings: Bool
    var samples: [SessionModel]
    /// Every year with records, when there is more than one.
    var history: [HistoryRow] = []

    static let templateFields = fields([
        "unit": .model(\.unit),
        "committee": .optional(\.committee),
        "figures": .model(\.figures),
        "ratings": .list(\.ratings),
        "self_ratings": .list(\.selfRatings),
        "chart": .text(\.chart),
        "chart_rows": .list(\.chartRows),
        "has_chart_rows": .flag { !$0.chartRows.isEmpty },
        "tables": .list(\.tables),
        "has_tables": .flag { !$0.tables.isEmpty },
        "branch_findings": .list(\.branchFindings),
        "has_branch_findings": .flag { !$0.branchFindings.isEmpty },
        "finding_counts": .list(\.findingCounts),
        "has_finding_counts": .flag { !$0.findingCounts.isEmpty },
        "has_meetings": .flag(\.hasMeetings),
        "samples": .list(\.samples),
        "has_samples": .flag { !$0.samples.isEmpty },
        "history": .list(\.history), "has_history": .flag { !$0.history.isEmpty },
    ])
}

struct CommitteePage: PageModel {
    var layout: LayoutModel
    var unit: UnitRow
    var figures: FiguresModel
    var ratingNames: [String]
    var ratings: [RatingCount]
    var branches: [UnitRow]
    var findingCounts: [FindingCount]
    var samples: [SessionModel]
    /// Every year with records, when there is more than one (the first page only).
    var history: [HistoryRow] = []
    /// The committee's figures, findings and samples are on its first page; every page has a part
    /// of the branch table.
    var isFirstPage = true
    var pager = PagerModel()

    static let templateFields = fields([
        "unit": .model(\.unit),
        "is_first_page": .flag(\.isFirstPage),
        "pager": .model(\.pager),
        "figures": .model(\.figures),
        "rating_names": .list(\.ratingNames),
        "ratings": .list(\.ratings),
        "branches": .list(\.branches),
        "has_branches": .flag { !$0.branches.isEmpty },
        "finding_counts": .list(\.findingCounts),
        "has_finding_counts": .flag { !$0.findingCounts.isEmpty },
        "samples": .list(\.samples),
        "has_samples": .flag { !$0.samples.isEmpty },
        "history": .list(\.history), "has_history": .flag { !$0.history.isEmpty },
    ])
}
