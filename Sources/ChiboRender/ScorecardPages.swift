import ChiboModel
import ChiboSupport

/// The reporting part of the site: a scorecard page per branch, a page per grassroots committee,
/// the units index, the bloc report per period and quarter, and the data files.
struct ScorecardPages: NamesUnits, Sendable {
    let evaluation: Evaluation
    /// The bloc report of the period and of each quarter, computed before rendering.
    let reports: BlocReports
    /// The rubrics, each with its meeting-record workbook.
    let rubrics: [Rubric]
    let settings: SiteSettings
    let urls: SiteURLs
    let theme: Theme
    /// Guidance pages by document number key, for links from findings.
    let documents: [String: CrossReferenceTarget]
    let text: FindingText
    let samples: SchedulePages

    static let unitsRoot = SiteURLs.unitsRoot
    static let reportRoot = "bao-cao"

    init(
        evaluation: Evaluation, reports: BlocReports, rubrics: [Rubric] = [], settings: SiteSettings, urls: SiteURLs,
        theme: Theme, documents: [String: CrossReferenceTarget], samples: SchedulePages
    ) {
        self.rubrics = rubrics
        self.samples = samples
        self.evaluation = evaluation
        self.reports = reports
        self.settings = settings
        self.urls = urls
        self.theme = theme
        self.documents = documents
        self.text = FindingText(theme: theme)
    }

    var isEmpty: Bool { evaluation.organization.units.isEmpty }

    var indexURL: String { urls.page([Self.unitsRoot]) }
    func reportURL(_ quarter: PeriodPart? = nil) -> String {
        urls.page([Self.reportRoot] + (quarter.map { [$0.slug] } ?? []))
    }

    // MARK: - Labels

    static func key(_ level: UnitLevel) -> String { "level_" + level.rawValue.replacing(ascii: "-", with: "_") }
    static func key(_ sector: Sector) -> String { "sector_" + sector.rawValue.replacing(ascii: "-", with: "_") }
    static func key(_ kind: MeetingKind) -> String { "meeting_" + kind.rawValue }

    func levelLabel(_ level: UnitLevel) -> String { theme.string(Self.key(level)) }
    func sectorLabel(_ sector: Sector) -> String { theme.string(Self.key(sector)) }
    func kindLabel(_ kind: MeetingKind) -> String { theme.string(Self.key(kind)) }

    static var labelKeys: [String] {
        UnitLevel.allCases.map(key) + Sector.allCases.map(key) + MeetingKind.allCases.map(key)
            + ["chart_title", "chart_description", "month_short"]
    }

    // MARK: - Findings

    func finding(_ finding: Finding) -> FindingModel {
        let guidance = settings.findingGuidance[finding.code].flatMap {
            documents[Folding.documentNumberKey($0.number)]
        }
        return FindingModel(
            code: finding.code.rawValue, label: text.label(finding.code), message: text.message(finding),
            guidanceURL: guidance?.url, guidanceNumber: guidance?.number)
    }

    func findingCounts(_ summary: Summary) -> [FindingCount] {
        FindingCode.allCases.compactMap { code in
            guard let count = summary.findings[code], count > 0 else { return nil }
            return FindingCount(code: code.rawValue, label: text.label(code), count: String(count))
        }
    }

    func ratings(_ counts: [RatingName: Int]) -> [RatingCount] {
        evaluation.ratingNames.map { RatingCount(name: $0.rawValue, count: String(counts[$0] ?? 0)) }
    }

    func figures(_ summary: Summary) -> FiguresModel {
        FiguresModel(
            meetings: String(summary.meetings),
            regular: String(summary.regularMeetings),
            thematic: String(summary.thematicMeetings),
            averageTotal: Format.decimal(summary.averageTotal),
            speakingRate: Format.percent(summary.speakingRate),
            speakingBelow: (summary.speakingRate ?? 1) < settings.targets.speakingRate,
            attendanceRate: Format.percent(summary.attendanceRate),
            attendanceBelow: (summary.attendanceRate ?? 1) < settings.targets.attendanceRate,
            speakingTarget: Format.percent(settings.targets.speakingRate),
            attendanceTarget: Format.percent(settings.targets.attendanceRate),
            supervised: String(summary.supervised),
            supervisable: String(summary.supervisable),
            supervisedShare: Format.percent(summary.supervisedShare),
            hasSupervisable: summary.supervisable > 0,
            politicalStudy: String(summary.politicalStudy),
            currentAffairs: String(summary.currentAffairs),
            usedIT: String(summary.usedIT),
            findingsTotal: String(summary.findings.values.reduce(0, +)))
    }

    func latestRating(_ card: Scorecard) -> RatingName? {
        card.meetings.max { ($0.meeting.date, $0.meeting.kind.rawValue) < ($1.meeting.date, $1.meeting.kind.rawValue) }?
            .rating
    }

    func unitSummary(_ card: Scorecard) -> UnitRow {
        let unit = card.unit
        return UnitRow(
            id: unit.id.rawValue, name: unit.name, url: unitURL(unit.id), level: levelLabel(unit.level),
            sector: sectorLabel(unit.sector), members: unit.members.map(String.init) ?? "–",
            isCommittee: unit.kind == .committee, branchCount: String(card.branches.count),
            latestRating: latestRating(card)?.rawValue, figures: figures(card.summary),
            ratings: ratings(card.summary.ratings))
    }

    /// Every unit for the search index: its name, level, sector and committee.
    func searchDocuments() -> [SearchDocument] {
        evaluation.organization.units.map { unit in
            let parent = unit.parent.map(unitName)
            let facts = [levelLabel(unit.level), sectorLabel(unit.sector), parent].compactMap { $0 }.joined(
                separator: " · ")
            return SearchDocument(
                title: unit.name, url: unitURL(unit.id), group: parent ?? theme.string("units_title"),
                kind: levelLabel(unit.level), number: nil,
                sections: [SearchDocument.Section(anchor: "", heading: "", text: facts + " · " + unit.id.rawValue)])
        }
    }

    // MARK: - Pages

    func pages(layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        guard !isEmpty else { return [] }
        var result = [
            PageJob(path: SiteURLs.pageFile([Self.unitsRoot]), template: templates.units, large: true) {
                unitsIndex(layout: layout)
            }
        ]
        for card in evaluation.scorecards {
            let path = SiteURLs.pageFile([Self.unitsRoot, card.unit.id.rawValue])
            if card.unit.kind == .committee {
                result.append(PageJob(path: path, template: templates.committee) { committee(card, layout: layout) })
            } else {
                result.append(PageJob(path: path, template: templates.scorecard) { scorecard(card, layout: layout) })
            }
        }
        if let period = reports.period {
            result.append(
                PageJob(path: SiteURLs.pageFile([Self.reportRoot]), template: templates.report, large: true) {
                    reportPage(period, layout: layout)
                })
            for report in reports.quarters {
                guard let quarter = report.quarter else { continue }
                result.append(
                    PageJob(
                        path: SiteURLs.pageFile([Self.reportRoot, quarter.slug]), template: templates.report,
                        large: true
                    ) {
                        reportPage(report, layout: layout)
                    })
            }
        }
        return result
    }

    func unitsIndex(layout: LayoutContext) -> UnitsPage {
        let cards = evaluation.scorecards
        let byID = Dictionary(uniqueKeysWithValues: cards.map { ($0.unit.id, $0) })
        // Each unit's row, folded name and latest rating once: every unit appears in three lists.
        let rows = Dictionary(uniqueKeysWithValues: cards.map { ($0.unit.id, unitSummary($0)) })
        let folded = Dictionary(uniqueKeysWithValues: cards.map { ($0.unit.id, Folding.fold($0.unit.name)) })
        func row(_ card: Scorecard) -> UnitRow { rows[card.unit.id] ?? unitSummary(card) }
        func byName(_ units: [Scorecard]) -> [Scorecard] {
            units.sorted { (folded[$0.unit.id] ?? "") < (folded[$1.unit.id] ?? "") }
        }
        var groups: [UnitGroup] = []
        for committee in cards where committee.unit.kind == .committee {
            groups.append(
                UnitGroup(
                    title: committee.unit.name, url: unitURL(committee.unit.id), id: "dv-" + committee.unit.id.rawValue,
                    units: committee.branches.compactMap { byID[$0] }.map(row)))
        }
        for sector in Sector.allCases {
            let direct = cards.filter { $0.unit.level == .grassrootsBranch && $0.unit.sector == sector }
            if direct.isEmpty { continue }
            groups.append(
                UnitGroup(
                    title: Format.fill(theme.string("units_grassroots_group"), ["sector": sectorLabel(sector)]),
                    url: nil, id: "cbcs-" + sector.rawValue, units: direct.map(row)))
        }
        let bySector = Sector.allCases.compactMap { sector -> UnitGroup? in
            let units = byName(cards.filter { $0.unit.isBranch && $0.unit.sector == sector })
            guard !units.isEmpty else { return nil }
            return UnitGroup(title: sectorLabel(sector), url: nil, id: "lh-" + sector.rawValue, units: units.map(row))
        }
        let latest = Dictionary(
            uniqueKeysWithValues: cards.filter(\.unit.isBranch).map { ($0.unit.id, latestRating($0)) })
        var ratingGroups: [UnitGroup] = []
        // A group per rating, then the branches with no meeting yet.
        for rating in evaluation.ratingNames.map(Optional.some) + [nil] {
            let units = byName(cards.filter { latest[$0.unit.id] == rating })
            guard !units.isEmpty else { continue }
            ratingGroups.append(
                UnitGroup(
                    title: rating?.rawValue ?? theme.string("units_no_meeting"), url: nil,
                    id: "xl-" + (rating.map { Folding.slug($0.rawValue) } ?? "chua-co"), units: units.map(row)))
        }
        return UnitsPage(
            layout: layout.page(
                title: theme.string("units_title"), current: indexURL,
                breadcrumb: [(theme.string("nav_home"), urls.page([]))]),
            byCommittee: groups, bySector: bySector, byRating: ratingGroups,
            unitCount: String(cards.filter(\.unit.isBranch).count),
            committeeCount: String(cards.filter { $0.unit.kind == .committee }.count),
            recordForms: rubrics.map { RecordWorkbook.link($0, theme: theme, urls: urls) })
    }

    func chart(_ card: Scorecard) -> (svg: String, rows: [ChartRow]) {
        var months: [Chart.Month] = []
        var rows: [ChartRow] = []
        for month in evaluation.months {
            let inMonth = card.meetings.filter { month.range.contains($0.meeting.date) }
            let regular = inMonth.filter { $0.meeting.kind == .regular }
            let total = regular.isEmpty ? nil : Double(regular.map(\.total).reduce(0, +)) / Double(regular.count)
            let present = inMonth.map(\.meeting.present).reduce(0, +)
            let rate = present > 0 ? Double(inMonth.map(\.meeting.speakers).reduce(0, +)) / Double(present) : nil
            let label = Format.fill(
                theme.string("month_short"), ["month": String(month.number), "year": String(month.year)])
            months.append(Chart.Month(label: label, total: total, rate: rate))
            rows.append(ChartRow(month: text.part(month), total: Format.decimal(total), rate: Format.percent(rate)))
        }
        let maxTotal = card.meetings.first?.max ?? 100
        let description = Format.fill(
            theme.string("chart_description"),
            ["target": Format.percent(settings.targets.speakingRate), "max": String(maxTotal)])
        let svg = Chart.monthly(
            months, maxTotal: maxTotal, target: settings.targets.speakingRate,
            title: Format.fill(theme.string("chart_title"), ["unit": card.unit.name]), description: description)
        return (svg, rows)
    }

    func meetingTables(_ card: Scorecard) -> [MeetingTable] {
        let unit = card.unit
        var tables: [MeetingTable] = []
        for kind in MeetingKind.allCases {
            let meetings = card.meetings.filter { $0.meeting.kind == kind }
            guard let rubric = meetings.first?.rubric else { continue }
            let rows = meetings.map { evaluated in
                let meeting = evaluated.meeting
                return MeetingRow(
                    date: meeting.date.vietnamese, dateISO: meeting.date.description,
                    anchor: SiteURLs.meetingAnchor(date: meeting.date, kind: meeting.kind), topic: meeting.topic,
                    preparer: meeting.preparer,
                    scores: zip(meeting.scores, rubric.criteria).map { score, criterion in
                        ScoreCell(points: String(score), full: score >= criterion.max)
                    },
                    total: String(evaluated.total), max: String(evaluated.max), rating: evaluated.rating.rawValue,
                    selfRating: meeting.selfRating.rawValue, overrated: evaluated.selfRank < evaluated.ratingRank,
                    speakingRate: Format.percent(evaluated.speakingRate),
                    attendance: "\(meeting.present)/\(unit.members.map(String.init) ?? "–")",
                    supervisor: meeting.supervisor, note: meeting.note, findings: evaluated.findings.map(finding))
            }
            tables.append(
                MeetingTable(
                    kind: kindLabel(kind), id: "bang-" + kind.rawValue, rubricTitle: rubric.title,
                    rubricSource: rubric.source.isEmpty ? nil : rubric.source,
                    criteria: rubric.criteria.map {
                        CriterionModel(id: String($0.id), title: $0.title, max: String($0.max))
                    },
                    rows: rows, isThematic: kind == .thematic, count: String(rows.count)))
        }
        return tables
    }

    func scorecard(_ card: Scorecard, layout: LayoutContext) -> ScorecardPage {
        let unit = card.unit
        var crumbs = [(theme.string("nav_home"), urls.page([])), (theme.string("units_title"), indexURL)]
        if let parent = unit.parent { crumbs.append((unitName(parent), unitURL(parent))) }
        let (svg, rows) = chart(card)
        return ScorecardPage(
            layout: layout.page(title: unit.name, current: nil, breadcrumb: crumbs),
            unit: unitSummary(card), committee: unit.parent.map(unitLink), figures: figures(card.summary),
            ratings: ratings(card.summary.ratings), selfRatings: ratings(card.summary.selfRatings), chart: svg,
            chartRows: rows, tables: meetingTables(card), branchFindings: card.findings.map(finding),
            findingCounts: findingCounts(card.summary), hasMeetings: !card.meetings.isEmpty,
            samples: samples.sessions(of: unit.id))
    }

    func committee(_ card: Scorecard, layout: LayoutContext) -> CommitteePage {
        CommitteePage(
            layout: layout.page(
                title: card.unit.name, current: nil,
                breadcrumb: [(theme.string("nav_home"), urls.page([])), (theme.string("units_title"), indexURL)]),
            unit: unitSummary(card), figures: figures(card.summary),
            ratingNames: evaluation.ratingNames.map(\.rawValue),
            ratings: ratings(card.summary.ratings),
            branches: card.branches.compactMap { evaluation[unit: $0] }.map(unitSummary),
            findingCounts: findingCounts(card.summary), samples: samples.sessions(of: card.unit.id))
    }

    // MARK: - Report

    func reportPage(_ report: BlocReport, layout: LayoutContext) -> ReportPage {
        let quarter = report.quarter
        let title =
            quarter.map { Format.fill(theme.string("report_quarter_title"), ["part": text.part($0)]) }
            ?? theme.string("report_title")
        var crumbs = [(theme.string("nav_home"), urls.page([]))]
        if quarter != nil { crumbs.append((theme.string("report_title"), reportURL())) }
        var lists: [UnitList] = []
        func listed(_ id: String, _ title: String, _ units: [UnitID]) -> ListFigure {
            lists.append(UnitList(id: id, title: title, count: String(units.count), units: units.map(unitLink)))
            return ListFigure(count: String(units.count), href: "#" + id, hasUnits: !units.isEmpty)
        }
        func skipped(_ items: [BlocReport.BranchCount]) -> [ReportPage.SkippedRow] {
            items.map { ReportPage.SkippedRow(unit: unitLink($0.branch), count: String($0.count), of: String($0.of)) }
        }
        let unitCounts = report.unitCounts.map { count in
            ReportPage.UnitCountRow(
                sector: sectorLabel(count.sector), level: levelLabel(count.level),
                figure: listed(
                    "ds-\(count.sector.rawValue)-\(count.level.rawValue)",
                    "\(levelLabel(count.level)) · \(sectorLabel(count.sector))", count.units))
        }
        let ratingRows = evaluation.ratingNames.map { name in
            ReportPage.RatingRow(
                name: name.rawValue, computed: String(report.summary.ratings[name] ?? 0),
                selfCount: String(report.summary.selfRatings[name] ?? 0),
                branches: listed(
                    "xl-" + Folding.slug(name.rawValue),
                    Format.fill(theme.string("report_list_rating"), ["rating": name.rawValue]),
                    report.branchesByRating[name] ?? []))
        }
        let overrated = report.overrated.map { item in
            ReportPage.OverratedRow(
                unit: unitLink(item.branch),
                url: unitURL(item.branch) + "#"
                    + SiteURLs.meetingAnchor(date: item.meeting.meeting.date, kind: item.meeting.meeting.kind),
                date: item.meeting.meeting.date.vietnamese, kind: kindLabel(item.meeting.meeting.kind),
                selfRating: item.meeting.meeting.selfRating.rawValue, rating: item.meeting.rating.rawValue,
                reasons: text.reasons(item.blockers))
        }
        let findingRows = FindingCode.allCases.map { code in
            ReportPage.FindingRow(
                label: text.label(code), code: code.rawValue, count: String(report.summary.findings[code] ?? 0),
                branches: listed("ds-" + code.rawValue, text.label(code), report.branchesByFinding[code] ?? []))
        }
        let buckets = report.speakingBuckets.map { bucket in
            let label =
                bucket.upper.map { "\(Format.percent(bucket.lower)) – \(Format.percent($0))" }
                ?? Format.fill(theme.string("report_bucket_open"), ["from": Format.percent(bucket.lower)])
            return ReportPage.BucketRow(
                label: label, meetings: String(bucket.meetings),
                belowTarget: (bucket.upper ?? 2) <= settings.targets.speakingRate,
                branches: listed(
                    "pb-\(Int((bucket.lower * 100).rounded()))",
                    Format.fill(theme.string("report_list_bucket"), ["range": label]), bucket.branches))
        }
        let belowTarget = listed(
            "pb-duoi-muc-tieu", theme.string("report_list_below_target"),
            report.branchesBelowSpeakingTarget.map(\.branch))
        let thematicRows = report.thematicByQuarter.map { row in
            ReportPage.ThematicRow(
                quarter: text.part(row.quarter), meetings: String(row.meetings),
                with: listed(
                    "cd-\(row.quarter.slug)-co",
                    Format.fill(theme.string("report_list_thematic_with"), ["part": text.part(row.quarter)]),
                    row.branchesWith),
                without: listed(
                    "cd-\(row.quarter.slug)-khong",
                    Format.fill(theme.string("report_list_thematic_without"), ["part": text.part(row.quarter)]),
                    row.branchesWithout))
        }
        let committeeRows = report.committeeAttendance.map { row in
            ReportPage.CommitteeRow(
                unit: unitLink(row.committee), meetings: String(row.meetings), supervised: String(row.supervised),
                share: Format.percent(row.meetings > 0 ? Double(row.supervised) / Double(row.meetings) : nil),
                never: listed(
                    "cu-\(row.committee)",
                    Format.fill(theme.string("report_list_never_supervised"), ["unit": unitName(row.committee)]),
                    row.branchesNeverSupervised))
        }
        return ReportPage(
            layout: layout.page(title: title, current: quarter == nil ? reportURL() : nil, breadcrumb: crumbs),
            intro: Format.fill(
                theme.string("report_intro"), ["from": report.range.from.vietnamese, "to": report.range.to.vietnamese]),
            figures: figures(report.summary),
            quarters: evaluation.quarters.map { part in
                QuarterLink(title: text.part(part), url: reportURL(part), current: part == quarter)
            },
            wholeURL: reportURL(), isQuarter: quarter != nil, unitCounts: unitCounts, ratingRows: ratingRows,
            overrated: overrated,
            // The list itself is the `overrated` row's, with the findings.
            overratedFigure: ListFigure(
                count: String((report.branchesByFinding[.overrated] ?? []).count), href: "#ds-overrated",
                hasUnits: !(report.branchesByFinding[.overrated] ?? []).isEmpty),
            skippedStudy: skipped(report.skippedPoliticalStudy), skippedAffairs: skipped(report.skippedCurrentAffairs),
            findingRows: findingRows, speakingBuckets: buckets, belowTarget: belowTarget,
            belowTargetRows: report.branchesBelowSpeakingTarget.map {
                ReportPage.BelowRow(unit: unitLink($0.branch), rate: Format.percent($0.rate))
            },
            thematicRows: thematicRows, committeeRows: committeeRows,
            sectorRows: report.bySector.map { entry in
                ReportPage.GroupRow(
                    title: sectorLabel(entry.sector), figures: figures(entry.summary),
                    ratings: ratings(entry.summary.ratings))
            },
            levelRows: report.byLevel.map { entry in
                ReportPage.GroupRow(
                    title: levelLabel(entry.level), figures: figures(entry.summary),
                    ratings: ratings(entry.summary.ratings))
            },
            ratingNames: evaluation.ratingNames.map(\.rawValue), dataJSON: urls.file("data/scorecards.json"),
            dataCSV: urls.file("data/findings.csv"), lists: lists)
    }
}
