import ChiboModel
import ChiboTemplate

/// The figures the theme's letter paragraphs (`letter-*.mustache`, plain text) are written with:
/// every number formatted as the letter prints it, and a flag for each strength and weakness, so
/// that a paragraph says only what occurred.
struct LetterFigures: TemplateModel, Hashable {
    /// A document the letter cites, from the guidance pages: "Hướng dẫn số 08-HD/ĐUK, ngày
    /// 20/06/2023 của Ban Thường vụ Đảng ủy Khối" as `citation`.
    struct Document: TemplateModel, Hashable {
        var number: String
        var citation: String
        var title: String
        static let templateFields = TemplateFields<Self>([
            "number": .text(\.number), "citation": .text(\.citation), "title": .text(\.title),
        ])
    }

    /// The documents cited by what they are cited for (`finding_guidance` of the codes).
    struct Documents: TemplateModel, Hashable {
        var scoring: Document?
        var study: Document?
        var procedure: Document?
        var speaking: Document?
        var attendance: Document?
        var supervision: Document?
        static let templateFields = TemplateFields<Self>([
            "scoring": .optional(\.scoring), "study": .optional(\.study), "procedure": .optional(\.procedure),
            "speaking": .optional(\.speaking), "attendance": .optional(\.attendance),
            "supervision": .optional(\.supervision),
        ])
    }

    /// Sample sessions of one kind for one audience: "01 chi bộ ... cho 07 chi bộ cơ sở ...".
    struct SessionGroup: TemplateModel, Hashable {
        var hosts: String
        var kind: String
        var audienceSize: String
        var audience: String
        var last: Bool
        static let templateFields = TemplateFields<Self>([
            "hosts": .text(\.hosts), "kind": .text(\.kind), "audience_size": .text(\.audienceSize),
            "audience": .text(\.audience), "last": .flag(\.last),
        ])
    }

    struct Rule: TemplateModel, Hashable {
        var threshold: String
        var below: String
        var atOrAbove: String
        static let templateFields = TemplateFields<Self>([
            "threshold": .text(\.threshold), "below": .text(\.below), "at_or_above": .text(\.atOrAbove),
        ])
    }

    struct Plan: TemplateModel, Hashable {
        var number: String
        var title: String
        /// The title without its leading "Kế hoạch", lower-cased: what the plan is about.
        var topic: String
        var issued: String?
        var groups: [SessionGroup]
        var rule: Rule?
        var committees: String
        var compliant: String
        var nonCompliant: String
        /// The committees whose plan misses the rule, by name: "Đảng ủy A, Đảng ủy B và Đảng ủy C".
        var nonCompliantNames: String
        var hasCommittees: Bool
        var allCompliant: Bool
        /// Whether the plan's sessions are all past: its gaps are learnt from, no longer filled.
        var isOver: Bool
        var last: Bool
        static let templateFields = TemplateFields<Self>([
            "number": .text(\.number), "title": .text(\.title), "topic": .text(\.topic), "issued": .optional(\.issued),
            "groups": .list(\.groups), "has_groups": .flag { !$0.groups.isEmpty }, "rule": .optional(\.rule),
            "committees": .text(\.committees), "compliant": .text(\.compliant),
            "non_compliant": .text(\.nonCompliant), "non_compliant_names": .text(\.nonCompliantNames),
            "has_committees": .flag(\.hasCommittees), "all_compliant": .flag(\.allCompliant),
            "is_over": .flag(\.isOver), "last": .flag(\.last),
        ])
    }

    /// Meetings that rated themselves too high for one reason, with the reason's particulars:
    /// exactly one of `notFull`, `belowTotal`, `ratings` is set.
    struct OverratingCause: TemplateModel, Hashable {
        var meetings: String
        var branches: String
        /// The best rating was self-given with one of these criteria short of its maximum ("1, 2, 4
        /// hoặc 5"; one criterion: "2").
        var notFull: String?
        /// The best rating was self-given with a total under this minimum.
        var belowTotal: String?
        /// These other ratings were self-given above the computed one ("“Khá” hoặc “Trung bình”").
        var ratings: String?
        var first: Bool
        var last: Bool
        static let templateFields = TemplateFields<Self>([
            "meetings": .text(\.meetings), "branches": .text(\.branches), "not_full": .optional(\.notFull),
            "below_total": .optional(\.belowTotal), "ratings": .optional(\.ratings), "first": .flag(\.first),
            "last": .flag(\.last),
        ])
    }

    /// A criterion short of its maximum in more meetings than the letter lets pass, with the rubric's
    /// words for it.
    struct CriterionWeakness: TemplateModel, Hashable {
        var meetings: String
        var branches: String
        var phrase: String
        var annex: String?
        static let templateFields = TemplateFields<Self>([
            "meetings": .text(\.meetings), "branches": .text(\.branches), "phrase": .text(\.phrase),
            "annex": .optional(\.annex),
        ])
    }

    /// A share against its target, worded: `above` when the share, as printed, is over the target.
    struct Rate: TemplateModel, Hashable {
        var value: String
        var target: String
        var met: Bool
        var missed: Bool
        var above: Bool
        /// How it moved since the previous period: "tăng 1,4 điểm % so với quý I/2024"; nil without one.
        var change: String? = nil
        static let templateFields = TemplateFields<Self>([
            "value": .text(\.value), "target": .text(\.target), "met": .flag(\.met), "missed": .flag(\.missed),
            "above": .flag(\.above), "change": .optional(\.change),
        ])
    }

    /// One kind of meeting's figures and verdicts.
    struct Kind: TemplateModel, Hashable {
        var name: String
        var hasMeetings: Bool
        var meetings: String
        var branches: String
        var speaking: Rate
        var speakingBelow: String
        var attendance: Rate
        var attendanceBelow: String
        var currentAffairs: Rate
        var currentAffairsWithout: String
        var currentAffairsBranches: String
        var currentAffairsAnnex: String?
        var it: Rate
        var itBranches: String
        var overrated: Bool
        var overratedMeetings: String
        var overratedBranches: String
        var overratedAnnex: String?
        var overrating: [OverratingCause]
        /// The rubric's words for the criteria at their maximum in nearly every meeting, joined by "; ".
        var criterionStrengths: String?
        var criterionWeaknesses: [CriterionWeakness]
        var topRating: String
        /// What the best rating needs: its least total and the criteria at full marks ("1, 2, 4 và 5").
        var topMinimum: String
        var topRequiredFull: String?
        var hasStrengths: Bool
        /// Whether the part has a weakness to state: the kind's own, and for regular meetings the
        /// political study and the committees' attendance, for thematic ones the quarters without one.
        var hasWeaknesses: Bool
        static let templateFields = TemplateFields<Self>([
            "name": .text(\.name), "has_meetings": .flag(\.hasMeetings), "meetings": .text(\.meetings),
            "branches": .text(\.branches), "speaking": .model(\.speaking), "speaking_below": .text(\.speakingBelow),
            "attendance": .model(\.attendance), "attendance_below": .text(\.attendanceBelow),
            "current_affairs": .model(\.currentAffairs), "current_affairs_without": .text(\.currentAffairsWithout),
            "current_affairs_branches": .text(\.currentAffairsBranches),
            "current_affairs_annex": .optional(\.currentAffairsAnnex), "it": .model(\.it),
            "it_branches": .text(\.itBranches), "overrated": .flag(\.overrated),
            "overrated_meetings": .text(\.overratedMeetings), "overrated_branches": .text(\.overratedBranches),
            "overrated_annex": .optional(\.overratedAnnex), "overrating": .list(\.overrating),
            "criterion_strengths": .optional(\.criterionStrengths),
            "criterion_weaknesses": .list(\.criterionWeaknesses), "top_rating": .text(\.topRating),
            "top_minimum": .text(\.topMinimum), "top_required_full": .optional(\.topRequiredFull),
            "has_strengths": .flag(\.hasStrengths), "has_weaknesses": .flag(\.hasWeaknesses),
        ])
    }

    struct Study: TemplateModel, Hashable {
        var skipped: Bool
        var branches: String
        var meetings: String
        var requiredFrom: String?
        var annex: String?
        static let templateFields = TemplateFields<Self>([
            "skipped": .flag(\.skipped), "branches": .text(\.branches), "meetings": .text(\.meetings),
            "required_from": .optional(\.requiredFrom), "annex": .optional(\.annex),
        ])
    }

    struct Gap: TemplateModel, Hashable {
        var quarter: String
        var branches: String
        var last: Bool
        static let templateFields = TemplateFields<Self>([
            "quarter": .text(\.quarter), "branches": .text(\.branches), "last": .flag(\.last),
        ])
    }

    struct Supervision: TemplateModel, Hashable {
        var measured: Bool
        var above: Bool
        var change: String?
        var met: Bool
        var missed: Bool
        var share: String
        var target: String
        var supervised: String
        var supervisable: String
        /// Committees with a branch no committee member visited.
        var committeesWithGaps: String
        static let templateFields = TemplateFields<Self>([
            "measured": .flag(\.measured), "above": .flag(\.above), "change": .optional(\.change), "met": .flag(\.met),
            "missed": .flag(\.missed),
            "share": .text(\.share),
            "target": .text(\.target), "supervised": .text(\.supervised), "supervisable": .text(\.supervisable),
            "committees_with_gaps": .text(\.committeesWithGaps),
            "has_gaps": .flag { $0.committeesWithGaps != "0" },
        ])
    }

    var period: String
    /// The period as a sentence opens with it: "Trong năm 2024".
    var inPeriod: String
    var from: String
    var to: String
    /// "Ban Thường vụ Đảng ủy Khối", and "Đảng ủy Khối".
    var board: String
    var shortName: String
    var plans: [Plan]
    var regular: Kind
    var thematic: Kind
    var study: Study
    var thematicGaps: [Gap]
    var supervision: Supervision
    var documents: Documents
    var hasWeaknesses: Bool
    var planGaps: Bool
    /// Weaknesses of either kind of meeting, for the requests, written once for both.
    var overrated: Bool
    var speakingMissed: Bool
    var attendanceMissed: Bool
    var itMissed: Bool
    /// The best rating and what it needs, for the request about self-rating.
    var topRating: String
    var topMinimum: String
    var topRequiredFull: String?

    static let templateFields = TemplateFields<Self>([
        "period": .text(\.period), "in_period": .text(\.inPeriod), "from": .text(\.from), "to": .text(\.to),
        "board": .text(\.board),
        "short_name": .text(\.shortName), "plans": .list(\.plans), "has_plans": .flag { !$0.plans.isEmpty },
        "regular": .model(\.regular), "thematic": .model(\.thematic), "study": .model(\.study),
        "thematic_gaps": .list(\.thematicGaps), "has_thematic_gaps": .flag { !$0.thematicGaps.isEmpty },
        "supervision": .model(\.supervision), "documents": .model(\.documents),
        "has_weaknesses": .flag(\.hasWeaknesses), "plan_gaps": .flag(\.planGaps), "overrated": .flag(\.overrated),
        "speaking_missed": .flag(\.speakingMissed), "attendance_missed": .flag(\.attendanceMissed),
        "it_missed": .flag(\.itMissed), "top_rating": .text(\.topRating), "top_minimum": .text(\.topMinimum),
        "top_required_full": .optional(\.topRequiredFull),
    ])
}

/// The drafted letter as text, laid out in its blocks: what the page and the Word document both show.
struct LetterText: Sendable, Hashable {
    struct Paragraph: Sendable, Hashable {
        enum Style: String, Sendable, Hashable {
            /// A numbered part's heading ("1. Đối với sinh hoạt thường kỳ").
            case heading
            case body
        }

        var style: Style
        var text: String
    }

    /// A table of branches at the end of the document, that a sentence of the letter refers to.
    struct Annex: Sendable, Hashable {
        /// "Phụ lục 1".
        var label: String
        var title: String
        var columns: [String]
        var rows: [[String]]
    }

    var draftMark: String
    var party: String
    var superior: String?
    /// The issuing body's name, as the lines it is printed on.
    var issuerLines: [String]
    var number: String
    var placeDate: String
    var subject: String
    var recipientsLabel: String
    var recipients: [String]
    var paragraphs: [Paragraph]
    var onBehalf: String
    var signerTitle: String
    var signer: String?
    var copiesLabel: String
    var copies: [String]
    /// The document's title, in its properties and the page's heading.
    var title: String
    var annexes: [Annex]
    /// The line under each annex's title: "(Kèm theo Công văn số -CV/ĐUK)".
    var annexAttached: String
}

/// A figure of the draft, with the place on the report page that shows it.
struct LetterFigureRow: TemplateModel, Hashable {
    var label: String
    var value: String
    var href: String
    static let templateFields = TemplateFields<Self>([
        "label": .text(\.label), "value": .text(\.value), "href": .text(\.href),
    ])
}

/// The draft letter's page: the letter laid out as on paper, its Word document, and the figures it
/// uses with where the report shows each.
struct LetterPage: PageModel {
    struct Paragraph: TemplateModel, Hashable {
        var text: String
        var heading: Bool
        static let templateFields = TemplateFields<Self>(["text": .text(\.text), "heading": .flag(\.heading)])
    }

    /// An annex as the page shows it: its first rows, and how many more the Word document lists.
    struct AnnexTable: TemplateModel, Hashable {
        var label: String
        var title: String
        var columns: [String]
        var rows: [[String]]
        /// "… và 1.234 chi bộ khác trong bản Word"; nil when every row is shown.
        var more: String?
        static let templateFields = TemplateFields<Self>([
            "label": .text(\.label), "title": .text(\.title), "columns": .list(\.columns),
            "rows": .list { $0.rows.map { AnnexRow(cells: $0) } }, "more": .optional(\.more),
        ])
    }

    struct AnnexRow: TemplateModel, Hashable {
        var cells: [String]
        static let templateFields = TemplateFields<Self>(["cells": .list(\.cells)])
    }

    /// A committee member's remarks on a meeting of the period, with the scorecard row it comes from.
    struct Remark: TemplateModel, Hashable {
        var branch: String
        var date: String
        var kind: String
        var text: String
        var href: String
        static let templateFields = TemplateFields<Self>([
            "branch": .text(\.branch), "date": .text(\.date), "kind": .text(\.kind), "text": .text(\.text),
            "href": .text(\.href),
        ])
    }

    var layout: LayoutModel
    var letter: LetterText
    var intro: String
    var annexes: [AnnexTable]
    var remarks: [Remark]
    /// "Còn 1.234 nhận xét khác trên bảng điểm của từng chi bộ"; nil when every remark is listed.
    var moreRemarks: String?
    var docxURL: String
    var reportURL: String
    var figures: [LetterFigureRow]

    static let templateFields = fields([
        "intro": .text(\.intro), "docx_url": .text(\.docxURL), "report_url": .text(\.reportURL),
        "figures": .list(\.figures),
        "draft_mark": .text(\.letter.draftMark), "party": .text(\.letter.party),
        "superior": .optional(\.letter.superior), "issuer_lines": .list(\.letter.issuerLines),
        "number": .text(\.letter.number),
        "place_date": .text(\.letter.placeDate), "subject": .text(\.letter.subject),
        "recipients_label": .text(\.letter.recipientsLabel), "recipients": .list(\.letter.recipients),
        "single_recipient": .flag { $0.letter.recipients.count == 1 },
        // The last paragraph apart: the page keeps it with the signature, as the Word document does.
        "paragraphs": .list {
            $0.letter.paragraphs.dropLast().map { Paragraph(text: $0.text, heading: $0.style == .heading) }
        },
        "closing": .optional {
            $0.letter.paragraphs.last.map { Paragraph(text: $0.text, heading: $0.style == .heading) }
        },
        "on_behalf": .text(\.letter.onBehalf), "signer_title": .text(\.letter.signerTitle),
        "signer": .optional(\.letter.signer), "copies_label": .text(\.letter.copiesLabel),
        "copies": .list(\.letter.copies), "annex_attached": .text(\.letter.annexAttached),
        "annexes": .list(\.annexes),
        "remarks": .list(\.remarks), "has_remarks": .flag { !$0.remarks.isEmpty },
        "more_remarks": .optional(\.moreRemarks),
    ])
}
