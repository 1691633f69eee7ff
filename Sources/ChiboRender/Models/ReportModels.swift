import ChiboModel
import ChiboTemplate

/// A figure that counts units or findings, linked to the page that lists them.
struct ListFigure: TemplateModel, Hashable {
    var count: String
    var href: String
    /// Whether the list has any row (the count is not zero).
    var hasUnits: Bool
    static let templateFields = TemplateFields<Self>([
        "count": .text(\.count), "href": .text(\.href), "has_units": .flag(\.hasUnits),
    ])
}

/// The first rows of a long list, shown on the page whose figure counts it, with the link to all.
struct ListPreview: TemplateModel, Hashable {
    var columns: [ListPage.Column]
    var rows: [ListPage.Row]
    var all: ListFigure
    /// Whether the list has more rows than are shown.
    var more: Bool
    static let templateFields = TemplateFields<Self>([
        "columns": .list(\.columns), "rows": .list(\.rows), "all": .model(\.all), "more": .flag(\.more),
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

/// A quarter's key rates, as the report's chart draws them and its data table lists them.
struct RateRow: TemplateModel, Hashable {
    var quarter: String
    var url: String
    var speaking: String
    var attendance: String
    var affairs: String
    var supervised: String
    static let templateFields = TemplateFields<Self>([
        "quarter": .text(\.quarter), "url": .text(\.url), "speaking": .text(\.speaking),
        "attendance": .text(\.attendance), "affairs": .text(\.affairs), "supervised": .text(\.supervised),
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
        /// The computed count's change since the previous period: "tăng 12 buổi"; nil without one.
        var change: String?
        var direction: String
        static let templateFields = TemplateFields<Self>([
            "name": .text(\.name), "computed": .text(\.computed), "self": .text(\.selfCount),
            "branches": .model(\.branches), "change": .optional(\.change), "direction": .text(\.direction),
        ])
    }

    struct FindingRow: TemplateModel, Hashable {
        var label: String
        var code: String
        var count: String
        var branches: ListFigure
        /// The count's change since the previous period: "giảm 12 phát hiện"; nil without one.
        var change: String?
        var direction: String
        static let templateFields = TemplateFields<Self>([
            "label": .text(\.label), "code": .text(\.code), "count": .text(\.count), "branches": .model(\.branches),
            "change": .optional(\.change), "direction": .text(\.direction),
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

    struct ThematicRow: TemplateModel, Hashable {
        var quarter: String
        /// The row's id: `chuyen-de-<yyyy-qN>`.
        var id: String
        var meetings: String
        var with: ListFigure
        var without: ListFigure
        static let templateFields = TemplateFields<Self>([
            "quarter": .text(\.quarter), "id": .text(\.id), "meetings": .text(\.meetings), "with": .model(\.with),
            "without": .model(\.without),
        ])
    }

    /// A row of the table by kind of meeting: a figure for regular meetings, thematic ones and both.
    struct KindRow: TemplateModel, Hashable {
        struct Cell: TemplateModel, Hashable {
            var id: String
            var value: String
            /// Against the previous period: "tăng 1,4 điểm %"; nil without one.
            var change: String?
            /// "up", "down", "same" or empty: the mark beside the words.
            var direction: String
            /// The previous period's value: "năm 2023: 29,3%"; nil without one.
            var previous: String?
            /// Its column's title, for a phone (`data-label`).
            var label: String
            static let templateFields = TemplateFields<Self>([
                "id": .text(\.id), "value": .text(\.value), "change": .optional(\.change),
                "direction": .text(\.direction), "previous": .optional(\.previous), "label": .text(\.label),
            ])
        }

        var label: String
        var cells: [Cell]
        static let templateFields = TemplateFields<Self>(["label": .text(\.label), "cells": .list(\.cells)])
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
    /// The quarters of the report's range (of its year, on a quarter's page), and the report of the
    /// whole range they are parts of.
    var quarters: [QuarterLink]
    var wholeURL: String
    var wholeTitle: String
    var isQuarter: Bool
    /// The report of the period and of every year with records, when there is more than one year.
    var years: [QuarterLink]
    /// The key rates of every quarter with records, across the years: an SVG chart and its data.
    var ratesChart: String
    var rateRows: [RateRow]
    /// The computed ratings, and the findings by code, as bars beside the previous period's.
    var ratingsChart: String
    var findingsChart: String
    var unitCounts: [UnitCountRow]
    var ratingRows: [RatingRow]
    var overrated: ListPreview
    var skippedStudy: ListPreview
    var skippedAffairs: ListPreview
    var findingRows: [FindingRow]
    var speakingBuckets: [BucketRow]
    var belowTarget: ListPreview
    var thematicRows: [ThematicRow]
    var committees: ListPreview
    /// The table by kind of meeting: its column headings and rows.
    var kindColumns: [String]
    var kindRows: [KindRow]
    /// The previous period the figures are compared with: "quý I/2024", "năm 2023"; nil without one.
    var previousTitle: String?
    /// The drafted review letter of the same range, as a page and as a Word document.
    var letterURL: String
    /// The report's rankings of the grassroots committees and branches.
    var rankingURL: String
    var letterDocument: String
    var sectorRows: [GroupRow]
    var levelRows: [GroupRow]
    var ratingNames: [String]
    var dataJSON: String
    var dataCSV: String

    static let templateFields = fields([
        "intro": .text(\.intro),
        "figures": .model(\.figures),
        "quarters": .list(\.quarters),
        "has_quarters": .flag { !$0.quarters.isEmpty },
        "whole_url": .text(\.wholeURL),
        "whole_title": .text(\.wholeTitle),
        "is_quarter": .flag(\.isQuarter), "years": .list(\.years), "has_years": .flag { !$0.years.isEmpty },
        "rates_chart": .text(\.ratesChart), "rate_rows": .list(\.rateRows),
        "has_rate_chart": .flag { $0.rateRows.count > 1 },
        "ratings_chart": .text(\.ratingsChart), "findings_chart": .text(\.findingsChart),
        "unit_counts": .list(\.unitCounts),
        "has_unit_counts": .flag { !$0.unitCounts.isEmpty },
        "rating_rows": .list(\.ratingRows),
        "has_rating_rows": .flag { !$0.ratingRows.isEmpty },
        "overrated": .model(\.overrated),
        "skipped_study": .model(\.skippedStudy),
        "skipped_affairs": .model(\.skippedAffairs),
        "finding_rows": .list(\.findingRows),
        "has_finding_rows": .flag { !$0.findingRows.isEmpty },
        "speaking_buckets": .list(\.speakingBuckets),
        "has_speaking_buckets": .flag { !$0.speakingBuckets.isEmpty },
        "below_target": .model(\.belowTarget),
        "thematic_rows": .list(\.thematicRows),
        "has_thematic_rows": .flag { !$0.thematicRows.isEmpty },
        "committees": .model(\.committees),
        "kind_columns": .list(\.kindColumns),
        "kind_rows": .list(\.kindRows), "previous_title": .optional(\.previousTitle),
        "letter_url": .text(\.letterURL),
        "ranking_url": .text(\.rankingURL),
        "letter_document": .text(\.letterDocument),
        "sector_rows": .list(\.sectorRows),
        "has_sector_rows": .flag { !$0.sectorRows.isEmpty },
        "level_rows": .list(\.levelRows),
        "has_level_rows": .flag { !$0.levelRows.isEmpty },
        "rating_names": .list(\.ratingNames),
        "data_json": .text(\.dataJSON),
        "data_csv": .text(\.dataCSV),
    ])
}
