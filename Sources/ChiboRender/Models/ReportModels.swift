import ChiboModel
import ChiboTemplate

/// A figure that counts units, linked to the list of them further down the report.
struct ListFigure: TemplateModel, Hashable {
    var count: String
    var href: String
    /// Whether the list has any unit (the count is not zero).
    var hasUnits: Bool
    static let templateFields = TemplateFields<Self>([
        "count": .text(\.count), "href": .text(\.href), "has_units": .flag(\.hasUnits),
    ])
}

/// A list of units at the end of the report, which a figure links to.
struct UnitList: TemplateModel, Hashable {
    var id: String
    var title: String
    var count: String
    var units: [UnitLink]
    static let templateFields = TemplateFields<Self>([
        "id": .text(\.id), "title": .text(\.title), "count": .text(\.count), "units": .list(\.units),
        "has_units": .flag { !$0.units.isEmpty },
    ])
}

struct QuarterLink: TemplateModel, Hashable {
    var title: String
    var url: String
    var current: Bool
    static let templateFields = TemplateFields<Self>([
        "title": .text(\.title), "url": .text(\.url), "current": .flag(\.current),
    ])
}

struct ReportPage: PageModel {
    struct UnitCountRow: TemplateModel, Hashable {
        var sector: String
        var level: String
        var figure: ListFigure
        static let templateFields = TemplateFields<Self>([
            "sector": .text(\.sector), "level": .text(\.level), "figure": .model(\.figure),
        ])
    }

    struct RatingRow: TemplateModel, Hashable {
        var name: String
        var computed: String
        var selfCount: String
        var branches: ListFigure
        static let templateFields = TemplateFields<Self>([
            "name": .text(\.name), "computed": .text(\.computed), "self": .text(\.selfCount),
            "branches": .model(\.branches),
        ])
    }

    struct OverratedRow: TemplateModel, Hashable {
        var unit: UnitLink
        var url: String
        var date: String
        var kind: String
        var selfRating: String
        var rating: String
        var reasons: String
        static let templateFields = TemplateFields<Self>([
            "unit": .model(\.unit), "url": .text(\.url), "date": .text(\.date), "kind": .text(\.kind),
            "self_rating": .text(\.selfRating), "rating": .text(\.rating), "reasons": .text(\.reasons),
        ])
    }

    struct SkippedRow: TemplateModel, Hashable {
        var unit: UnitLink
        var count: String
        var of: String
        static let templateFields = TemplateFields<Self>([
            "unit": .model(\.unit), "count": .text(\.count), "of": .text(\.of),
        ])
    }

    struct FindingRow: TemplateModel, Hashable {
        var label: String
        var code: String
        var count: String
        var branches: ListFigure
        static let templateFields = TemplateFields<Self>([
            "label": .text(\.label), "code": .text(\.code), "count": .text(\.count), "branches": .model(\.branches),
        ])
    }

    struct BucketRow: TemplateModel, Hashable {
        var label: String
        var meetings: String
        var belowTarget: Bool
        var branches: ListFigure
        static let templateFields = TemplateFields<Self>([
            "label": .text(\.label), "meetings": .text(\.meetings), "below_target": .flag(\.belowTarget),
            "branches": .model(\.branches),
        ])
    }

    struct BelowRow: TemplateModel, Hashable {
        var unit: UnitLink
        var rate: String
        static let templateFields = TemplateFields<Self>(["unit": .model(\.unit), "rate": .text(\.rate)])
    }

    struct ThematicRow: TemplateModel, Hashable {
        var quarter: String
        var meetings: String
        var with: ListFigure
        var without: ListFigure
        static let templateFields = TemplateFields<Self>([
            "quarter": .text(\.quarter), "meetings": .text(\.meetings), "with": .model(\.with),
            "without": .model(\.without),
        ])
    }

    struct CommitteeRow: TemplateModel, Hashable {
        var unit: UnitLink
        var meetings: String
        var supervised: String
        var share: String
        var never: ListFigure
        static let templateFields = TemplateFields<Self>([
            "unit": .model(\.unit), "meetings": .text(\.meetings), "supervised": .text(\.supervised),
            "share": .text(\.share), "never": .model(\.never),
        ])
    }

    struct GroupRow: TemplateModel, Hashable {
        var title: String
        var figures: FiguresModel
        var ratings: [RatingCount]
        static let templateFields = TemplateFields<Self>([
            "title": .text(\.title), "figures": .model(\.figures), "ratings": .list(\.ratings),
        ])
    }

    var layout: LayoutModel
    var intro: String
    var figures: FiguresModel
    var quarters: [QuarterLink]
    var wholeURL: String
    var isQuarter: Bool
    var unitCounts: [UnitCountRow]
    var ratingRows: [RatingRow]
    var overrated: [OverratedRow]
    var overratedFigure: ListFigure
    var skippedStudy: [SkippedRow]
    var skippedAffairs: [SkippedRow]
    var findingRows: [FindingRow]
    var speakingBuckets: [BucketRow]
    var belowTarget: ListFigure
    var belowTargetRows: [BelowRow]
    var thematicRows: [ThematicRow]
    var committeeRows: [CommitteeRow]
    var sectorRows: [GroupRow]
    var levelRows: [GroupRow]
    var ratingNames: [String]
    var dataJSON: String
    var dataCSV: String
    var lists: [UnitList]

    static let templateFields = fields([
        "intro": .text(\.intro),
        "figures": .model(\.figures),
        "quarters": .list(\.quarters),
        "has_quarters": .flag { !$0.quarters.isEmpty },
        "whole_url": .text(\.wholeURL),
        "is_quarter": .flag(\.isQuarter),
        "unit_counts": .list(\.unitCounts),
        "has_unit_counts": .flag { !$0.unitCounts.isEmpty },
        "rating_rows": .list(\.ratingRows),
        "has_rating_rows": .flag { !$0.ratingRows.isEmpty },
        "overrated": .list(\.overrated),
        "has_overrated": .flag { !$0.overrated.isEmpty },
        "overrated_figure": .model(\.overratedFigure),
        "skipped_study": .list(\.skippedStudy),
        "has_skipped_study": .flag { !$0.skippedStudy.isEmpty },
        "skipped_affairs": .list(\.skippedAffairs),
        "has_skipped_affairs": .flag { !$0.skippedAffairs.isEmpty },
        "finding_rows": .list(\.findingRows),
        "has_finding_rows": .flag { !$0.findingRows.isEmpty },
        "speaking_buckets": .list(\.speakingBuckets),
        "has_speaking_buckets": .flag { !$0.speakingBuckets.isEmpty },
        "below_target": .model(\.belowTarget),
        "below_target_rows": .list(\.belowTargetRows),
        "has_below_target_rows": .flag { !$0.belowTargetRows.isEmpty },
        "thematic_rows": .list(\.thematicRows),
        "has_thematic_rows": .flag { !$0.thematicRows.isEmpty },
        "committee_rows": .list(\.committeeRows),
        "has_committee_rows": .flag { !$0.committeeRows.isEmpty },
        "sector_rows": .list(\.sectorRows),
        "has_sector_rows": .flag { !$0.sectorRows.isEmpty },
        "level_rows": .list(\.levelRows),
        "has_level_rows": .flag { !$0.levelRows.isEmpty },
        "rating_names": .list(\.ratingNames),
        "data_json": .text(\.dataJSON),
        "data_csv": .text(\.dataCSV),
        "lists": .list(\.lists),
        "has_lists": .flag { !$0.lists.isEmpty },
    ])
}
