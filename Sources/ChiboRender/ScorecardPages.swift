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
    static let reportRoot = SiteFolder.report.rawValue

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

    /// Every unit for the search index: its name, level, sector and committee; a branch's meetings
    /// each as a section that links to the meeting (its topic as the heading, the date, kind,
    /// preparer, rating and findings as the text) and its own findings. Then the report's finding
    /// pages, one for each code that has findings in the period.
    func searchDocuments() -> [SearchDocument] {
        let separator = " · "
        var documents = evaluation.scorecards.map { card in
            let unit = card.unit
            let parent = unit.parent.map(unitName)
            let facts = [levelLabel(unit.level), sectorLabel(unit.sector), parent, unit.id.rawValue].compactMap { $0 }
            var sections = [SearchDocument.Section(anchor: "", heading: "", text: facts.joined(separator: separator))]
            // A meeting's date, kind and rating are on every meeting: its topic and preparer tell it
            // apart. The findings are named once for the branch, so that no word is in its postings
            // once a meeting.
            for evaluated in card.meetings {
                let meeting = evaluated.meeting
                guard meeting.topic != nil || meeting.preparer != nil else { continue }
                sections.append(
                    SearchDocument.Section(
                        anchor: SiteURLs.meetingAnchor(date: meeting.date, kind: meeting.kind),
                        heading: meeting.topic ?? "", text: meeting.preparer ?? "", isMeeting: true))
            }
            let codes = Set(card.meetings.flatMap { $0.findings.map(\.code) } + card.findings.map(\.code))
            if !codes.isEmpty {
                let labels = FindingCode.allCases.filter(codes.contains).map(text.label)
                sections.append(
                    SearchDocument.Section(
                        anchor: "phat-hien", heading: theme.string("findings_summary_title"),
                        text: (labels + card.findings.map(text.message)).joined(separator: separator)))
            }
            return SearchDocument(
                title: unit.name, url: unitURL(unit.id), group: parent ?? theme.string("units_title"),
                kind: levelLabel(unit.level), number: nil, sections: sections, category: .unit)
        }
        if let period = reports.period {
            for code in FindingCode.allCases where (period.summary.findings[code] ?? 0) > 0 {
                let count = String(period.summary.findings[code] ?? 0)
                documents.append(
                    SearchDocument(
                        title: text.label(code),
                        url: urls.page(reportFolder(period, SiteOutput.findingListsFolder, code.rawValue)),
                        group: theme.string("report_title"), kind: theme.string("search_kind_finding"), number: nil,
                        sections: [
                            SearchDocument.Section(
                                anchor: "", heading: "",
                                text: Format.fill(
                                    theme.string("search_finding_text"),
                                    [
                                        "count": count, "from": period.range.from.vietnamese,
                                        "to": period.range.to.vietnamese,
                                    ]))
                        ], category: .finding))
            }
        }
        return documents
    }

    // MARK: - Pages

    func pages(layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        guard !isEmpty else { return [] }
        let byRating = ratingLists()
        var result = unitsDirectory(layout: layout, template: templates.units, byRating: byRating)
        let home = (theme.string("nav_home"), urls.page([]))
        let directory = Crumb(title: theme.string("units_title"), url: indexURL)
        for list in byRating {
            result += list.pages(
                template: templates.list, layout: layout, crumbs: [home, (directory.title, directory.url)],
                parent: directory)
        }
        for card in evaluation.scorecards {
            if card.unit.kind == .committee {
                result += committeePages(card, layout: layout, template: templates.committee)
            } else {
                let path = SiteURLs.pageFile([Self.unitsRoot, card.unit.id.rawValue])
                result.append(
                    PageJob(.unit, path: path, template: templates.scorecard) { scorecard(card, layout: layout) })
            }
        }
        result += reportPages(layout: layout, templates: templates)
        return result
    }

    /// The units directory: the bloc's committees and grassroots branches, a group per sector, in
    /// pages of at most `Paging.rows` units; the first page also counts them and links the lists
    /// by rating and the record forms.
    func unitsDirectory(layout: LayoutContext, template: PageTemplate<UnitsPage>, byRating lists: [RowList])
        -> [PageJob]
    {
        let cards = evaluation.scorecards
        let direct = Sector.allCases.map { sector in
            (sector, cards.filter { $0.unit.parent == nil && $0.unit.sector == sector })
        }.filter { !$0.1.isEmpty }
        let entries = direct.flatMap { sector, units in units.map { (sector, $0) } }
        let pages = Paging.split(entries)
        let paging = Paging(base: [Self.unitsRoot], items: entries.count)
        // The page each sector's group starts on, for the counts' links.
        var firstPage: [Sector: Int] = [:]
        for (index, page) in pages.enumerated() {
            for (sector, _) in page where firstPage[sector] == nil { firstPage[sector] = index }
        }
        let starts = firstPage
        let sectors = direct.map { sector, _ in
            let units = cards.filter { $0.unit.sector == sector }
            return SectorCount(
                title: sectorLabel(sector),
                url: urls.page(paging.slugs(starts[sector] ?? 0)) + "#lv-" + sector.rawValue,
                committees: String(units.filter { $0.unit.kind == .committee }.count),
                grassroots: String(units.filter { $0.unit.level == .grassrootsBranch }.count),
                subordinate: String(units.filter { $0.unit.level == .subordinateBranch }.count))
        }
        let byRating = lists.map { list in
            LinkedCount(title: list.title, count: String(list.count), url: urls.page(list.folder))
        }
        let forms = rubrics.map { RecordWorkbook.link($0, theme: theme, urls: urls) }
        return pages.enumerated().map { index, page in
            PageJob(.unitsDirectory, path: SiteURLs.pageFile(paging.slugs(index)), template: template) {
                var groups: [UnitGroup] = []
                for (sector, card) in page {
                    if groups.last?.id != "lv-" + sector.rawValue {
                        groups.append(
                            UnitGroup(
                                title: sectorLabel(sector), id: "lv-" + sector.rawValue,
                                continued: starts[sector] != index, units: []))
                    }
                    groups[groups.count - 1].units.append(unitSummary(card))
                }
                let pager = paging.pager(index, urls: urls, theme: theme)
                let title = theme.string("units_title")
                return UnitsPage(
                    layout: layout.page(
                        title: pager.title(title), current: indexURL,
                        breadcrumb: [(theme.string("nav_home"), urls.page([]))]),
                    isFirstPage: index == 0, sectors: index == 0 ? sectors : [],
                    byRating: index == 0 ? byRating : [], groups: groups, recordForms: index == 0 ? forms : [],
                    pager: pager)
            }
        }
    }

    /// The branches by their latest meeting's computed rating, a list per rating and one of the
    /// branches with no meeting yet, each by name.
    func ratingLists() -> [RowList] {
        let branches = evaluation.scorecards.filter(\.unit.isBranch)
        let latest = Dictionary(uniqueKeysWithValues: branches.map { ($0.unit.id, latestRating($0)) })
        let folded = Dictionary(uniqueKeysWithValues: branches.map { ($0.unit.id, Folding.fold($0.unit.name)) })
        var lists: [RowList] = []
        for rating in evaluation.ratingNames.map(Optional.some) + [nil] {
            let units = branches.filter { latest[$0.unit.id] == rating }.sorted {
                (folded[$0.unit.id] ?? "", $0.unit.id) < (folded[$1.unit.id] ?? "", $1.unit.id)
            }
            if rating == nil && units.isEmpty { continue }
            let title =
                rating.map { Format.fill(theme.string("units_rating_list"), ["rating": $0.rawValue]) }
                ?? theme.string("units_no_meeting")
            lists.append(
                unitList(
                    .ratingList,
                    [Self.unitsRoot, UnitID.ratingListsFolder, rating.map { Folding.slug($0.rawValue) } ?? "chua-co"],
                    title: title, units: units))
        }
        return lists
    }

    /// A list of branches with their figures, one row each.
    func unitList(_ output: SiteOutput, _ folder: [String], title: String, intro: String? = nil, units: [Scorecard])
        -> RowList
    {
        let columns = [
            "col_committee", "col_members", "col_meetings", "col_average", "col_speaking_rate", "col_findings",
        ]
        return RowList(
            output: output, folder: folder, title: title, intro: intro,
            columns: [ListPage.Column(title: theme.string("col_unit"))]
                + columns.enumerated().map { ListPage.Column(title: theme.string($1), numeric: $0 > 0) },
            count: units.count,
            rows: { range in
                units[range].map { card in
                    let summary = card.summary
                    return ListPage.Row(
                        head: unitCell(card.unit.id),
                        cells: [
                            committeeCell(card.unit.id),
                            ListPage.Cell(text: card.unit.members.map(String.init) ?? "–", numeric: true),
                            ListPage.Cell(text: String(summary.meetings), numeric: true),
                            ListPage.Cell(text: Format.decimal(summary.averageTotal), numeric: true),
                            ListPage.Cell(text: Format.percent(summary.speakingRate), numeric: true),
                            ListPage.Cell(text: String(summary.findings.values.reduce(0, +)), numeric: true),
                        ])
                }
            })
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
                        ScoreCell(
                            points: String(score), full: score >= criterion.max,
                            label: theme.string("criterion_abbr") + String(criterion.id))
                    },
                    total: String(evaluated.total), max: String(evaluated.max), rating: evaluated.rating.rawValue,
                    selfRating: meeting.selfRating.rawValue, overrated: evaluated.selfRank < evaluated.ratingRank,
                    speakingRate: Format.percent(evaluated.speakingRate),
                    attendance: "\(meeting.present)/\(unit.members.map(String.init) ?? "–")",
                    supervisor: meeting.supervisor, note: meeting.note, remarks: meeting.remarks,
                    findings: evaluated.findings.map(finding))
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

    /// A committee's page, its figures and the first part of its branch table, then the rest of
    /// the table in pages of its own (`/don-vi/<id>/trang-2/`).
    func committeePages(_ card: Scorecard, layout: LayoutContext, template: PageTemplate<CommitteePage>) -> [PageJob] {
        let paging = Paging(base: [Self.unitsRoot, card.unit.id.rawValue], items: card.branches.count)
        return (0..<paging.count).map { index in
            PageJob(.unit, path: SiteURLs.pageFile(paging.slugs(index)), template: template) {
                committee(card, page: index, paging: paging, layout: layout)
            }
        }
    }

    func committee(_ card: Scorecard, page: Int = 0, paging: Paging? = nil, layout: LayoutContext) -> CommitteePage {
        let paging = paging ?? Paging(base: [Self.unitsRoot, card.unit.id.rawValue], items: card.branches.count)
        let pager = paging.pager(page, urls: urls, theme: theme)
        let branches = card.branches[paging.range(page)]
        var crumbs = [(theme.string("nav_home"), urls.page([])), (theme.string("units_title"), indexURL)]
        if page > 0 { crumbs.append((card.unit.name, unitURL(card.unit.id))) }
        return CommitteePage(
            layout: layout.page(
                title: pager.title(card.unit.name), current: nil,
                breadcrumb: crumbs),
            unit: unitSummary(card), figures: figures(card.summary),
            ratingNames: evaluation.ratingNames.map(\.rawValue),
            ratings: ratings(card.summary.ratings),
            branches: branches.compactMap { evaluation[unit: $0] }.map(unitSummary),
            findingCounts: page == 0 ? findingCounts(card.summary) : [],
            samples: page == 0 ? samples.sessions(of: card.unit.id) : [], isFirstPage: page == 0, pager: pager)
    }

    // MARK: - Report

    /// The folder of a report's list: `bao-cao/danh-sach/<id>`, or under the quarter's report.
    func reportFolder(_ report: BlocReport, _ kind: String, _ id: String) -> [String] {
        [Self.reportRoot] + (report.quarter.map { [$0.slug] } ?? []) + [kind, id]
    }

    /// The report pages of the period and of each quarter, and the lists their figures link to:
    /// every finding of a code (`phat-hien/<code>/`) and the units behind each other figure
    /// (`danh-sach/<id>/`), each in pages.
    func reportPages(layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        guard let period = reports.period else { return [] }
        var result: [PageJob] = []
        for report in [period] + reports.quarters {
            let path = SiteURLs.pageFile([Self.reportRoot] + (report.quarter.map { [$0.slug] } ?? []))
            // The page's model is made with its lists, once.
            let (page, lists) = reportPage(report, layout: layout)
            result.append(PageJob(.report, path: path, template: templates.report) { page })
            let home = (theme.string("nav_home"), urls.page([]))
            var crumbs = [home, (theme.string("report_title"), reportURL())]
            let parent = Crumb(title: reportTitle(report), url: reportURL(report.quarter))
            if report.quarter != nil { crumbs.append((parent.title, parent.url)) }
            for list in lists {
                result += list.pages(template: templates.list, layout: layout, crumbs: crumbs, parent: parent)
            }
        }
        return result
    }

    func reportTitle(_ report: BlocReport) -> String {
        report.quarter.map { Format.fill(theme.string("report_quarter_title"), ["part": text.part($0)]) }
            ?? theme.string("report_title")
    }

    /// Every finding of one code in the report's range, a row each: the branch, its committee, the
    /// meeting's date (linked to the meeting on the scorecard), the message and the guidance.
    func findingList(_ report: BlocReport, _ code: FindingCode, _ findings: [Finding]) -> RowList {
        let columns = ["col_committee", "col_date", "col_finding"].map { ListPage.Column(title: theme.string($0)) }
        // The guidance that explains the code, once for the list.
        let guidance = settings.findingGuidance[code].flatMap { documents[Folding.documentNumberKey($0.number)] }
        var list = RowList(
            output: .findingList, folder: reportFolder(report, SiteOutput.findingListsFolder, code.rawValue),
            title: text.label(code),
            intro: Format.fill(
                theme.string("report_finding_list_intro"),
                ["from": report.range.from.vietnamese, "to": report.range.to.vietnamese]),
            columns: [ListPage.Column(title: theme.string("col_unit"))] + columns, count: findings.count,
            rows: { range in
                findings[range].map { item in
                    let date = item.date.map { date in
                        ListPage.Cell(
                            text: date.vietnamese,
                            url: unitURL(item.branch) + "#"
                                + SiteURLs.meetingAnchor(date: date, kind: item.kind ?? .regular))
                    }
                    return ListPage.Row(
                        head: unitCell(item.branch),
                        cells: [
                            committeeCell(item.branch),
                            date ?? ListPage.Cell(text: "–"), ListPage.Cell(text: text.message(item)),
                        ])
                }
            })
        list.guidance = guidance.map { Crumb(title: $0.number, url: $0.url) }
        return list
    }

    /// A list of branches each with a figure of its own (a count, a rate).
    func figureList(
        _ folder: [String], title: String, column: String, items: [(UnitID, String)], numeric: Bool = true
    ) -> RowList {
        RowList(
            output: .reportList, folder: folder, title: title,
            columns: [
                ListPage.Column(title: theme.string("col_unit")), ListPage.Column(title: theme.string("col_committee")),
                ListPage.Column(title: theme.string(column), numeric: numeric),
            ],
            count: items.count,
            rows: { range in
                items[range].map { id, figure in
                    ListPage.Row(
                        head: unitCell(id), cells: [committeeCell(id), ListPage.Cell(text: figure, numeric: numeric)])
                }
            })
    }

    func preview(_ list: RowList) -> ListPreview { list.preview(urls: urls) }

    func figure(_ list: RowList) -> ListFigure { list.figure(urls: urls) }

    /// The report page's model, and the lists its figures link to.
    func reportPage(_ report: BlocReport, layout: LayoutContext) -> (page: ReportPage, lists: [RowList]) {
        let quarter = report.quarter
        var crumbs = [(theme.string("nav_home"), urls.page([]))]
        if quarter != nil { crumbs.append((theme.string("report_title"), reportURL())) }
        var lists: [RowList] = []
        func add(_ list: RowList) -> RowList {
            lists.append(list)
            return list
        }
        /// A list of units; one that is the same in every report (the units by sector and level,
        /// a quarter's thematic meetings) is the whole period's, made once, and linked to from each.
        func listed(_ id: String, _ title: String, _ units: [UnitID], periodWide: Bool = false) -> ListFigure {
            let list = unitList(
                .reportList,
                periodWide
                    ? [Self.reportRoot, SiteOutput.reportListsFolder, id]
                    : reportFolder(report, SiteOutput.reportListsFolder, id), title: title,
                units: units.compactMap { evaluation[unit: $0] })
            return figure(periodWide && quarter != nil ? list : add(list))
        }
        func skipped(_ id: String, _ title: String, _ items: [BlocReport.BranchCount]) -> ListPreview {
            preview(
                add(
                    figureList(
                        reportFolder(report, SiteOutput.reportListsFolder, id), title: title, column: "col_skipped",
                        items: items.map { ($0.branch, "\($0.count)/\($0.of)") })))
        }
        let unitCounts = report.unitCounts.map { count in
            ReportPage.UnitCountRow(
                sector: sectorLabel(count.sector), level: levelLabel(count.level),
                figure: listed(
                    "\(count.sector.rawValue)-\(count.level.rawValue)",
                    "\(levelLabel(count.level)) · \(sectorLabel(count.sector))", count.units, periodWide: true))
        }
        let ratingRows = evaluation.ratingNames.map { name in
            ReportPage.RatingRow(
                name: name.rawValue, computed: String(report.summary.ratings[name] ?? 0),
                selfCount: String(report.summary.selfRatings[name] ?? 0),
                branches: listed(
                    "xep-loai-" + Folding.slug(name.rawValue),
                    Format.fill(theme.string("report_list_rating"), ["rating": name.rawValue]),
                    report.branchesByRating[name] ?? []))
        }
        let byCode = report.findingsByCode(in: evaluation)
        let overrated = preview(add(findingList(report, .overrated, byCode[.overrated] ?? [])))
        for code in FindingCode.allCases where code != .overrated {
            _ = add(findingList(report, code, byCode[code] ?? []))
        }
        let findingRows = FindingCode.allCases.map { code in
            ReportPage.FindingRow(
                label: text.label(code), code: code.rawValue, count: String(report.summary.findings[code] ?? 0),
                branches: ListFigure(
                    count: String((report.branchesByFinding[code] ?? []).count),
                    href: urls.page(reportFolder(report, SiteOutput.findingListsFolder, code.rawValue)),
                    hasUnits: !(report.branchesByFinding[code] ?? []).isEmpty))
        }
        let buckets = report.speakingBuckets.map { bucket in
            let label =
                bucket.upper.map { "\(Format.percent(bucket.lower)) – \(Format.percent($0))" }
                ?? Format.fill(theme.string("report_bucket_open"), ["from": Format.percent(bucket.lower)])
            return ReportPage.BucketRow(
                label: label, meetings: String(bucket.meetings),
                belowTarget: (bucket.upper ?? 2) <= settings.targets.speakingRate,
                branches: listed(
                    "phat-bieu-\(Int((bucket.lower * 100).rounded()))",
                    Format.fill(theme.string("report_list_bucket"), ["range": label]), bucket.branches))
        }
        let belowTarget = preview(
            add(
                figureList(
                    reportFolder(report, SiteOutput.reportListsFolder, "phat-bieu-duoi-muc-tieu"),
                    title: theme.string("report_list_below_target"), column: "col_speaking_rate",
                    items: report.branchesBelowSpeakingTarget.map { ($0.branch, Format.percent($0.rate)) })))
        let thematicRows = report.thematicByQuarter.map { row in
            ReportPage.ThematicRow(
                quarter: text.part(row.quarter), id: "chuyen-de-" + row.quarter.slug, meetings: String(row.meetings),
                with: listed(
                    "chuyen-de-\(row.quarter.slug)-co",
                    Format.fill(theme.string("report_list_thematic_with"), ["part": text.part(row.quarter)]),
                    row.branchesWith, periodWide: true),
                without: listed(
                    "chuyen-de-\(row.quarter.slug)-khong",
                    Format.fill(theme.string("report_list_thematic_without"), ["part": text.part(row.quarter)]),
                    row.branchesWithout, periodWide: true))
        }
        let committees = preview(add(committeeList(report)))
        let page = ReportPage(
            layout: layout.page(
                title: reportTitle(report), current: quarter == nil ? reportURL() : nil, breadcrumb: crumbs),
            intro: Format.fill(
                theme.string("report_intro"), ["from": report.range.from.vietnamese, "to": report.range.to.vietnamese]),
            figures: figures(report.summary),
            quarters: evaluation.quarters.map { part in
                QuarterLink(title: text.part(part), url: reportURL(part), current: part == quarter)
            },
            wholeURL: reportURL(), isQuarter: quarter != nil, unitCounts: unitCounts, ratingRows: ratingRows,
            overrated: overrated,
            skippedStudy: skipped(
                "thieu-chinh-tri-tu-tuong", theme.string("report_study_title"), report.skippedPoliticalStudy),
            skippedAffairs: skipped(
                "thieu-thoi-su", theme.string("report_affairs_title"), report.skippedCurrentAffairs),
            findingRows: findingRows, speakingBuckets: buckets, belowTarget: belowTarget,
            thematicRows: thematicRows, committees: committees,
            kindColumns: ReportKindTable.columns.map { $0.map(kindLabel) ?? theme.string("report_kinds_all") },
            kindRows: ReportKindTable.rows(report).map { row in
                ReportPage.KindRow(
                    label: theme.string(row.key),
                    cells: zip(ReportKindTable.columns, row.values).map { kind, value in
                        ReportPage.KindRow.Cell(
                            id: ReportKindTable.id(row.id, kind), value: value,
                            label: kind.map(kindLabel) ?? theme.string("report_kinds_all"))
                    })
            },
            letterURL: urls.page(LetterPages.folder(report)),
            letterDocument: urls.file(LetterPages.documentPath(report)),
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
            ratingNames: evaluation.ratingNames.map(\.rawValue), dataJSON: urls.file(SiteOutput.scorecardsData.path()),
            dataCSV: urls.file(SiteOutput.findingsTable.path()))
        return (page, lists)
    }

    /// Each grassroots committee's attendance at its branches' meetings, and how many of its
    /// branches no committee member visited.
    func committeeList(_ report: BlocReport) -> RowList {
        let rows = report.committeeAttendance
        let columns = ["col_meetings", "col_supervised", "col_share", "col_never_supervised"].map {
            ListPage.Column(title: theme.string($0), numeric: true)
        }
        return RowList(
            output: .reportList, folder: reportFolder(report, SiteOutput.reportListsFolder, "cap-uy-du-sinh-hoat"),
            title: theme.string("report_committees_title"),
            intro: theme.string("report_committees_intro"),
            columns: [ListPage.Column(title: theme.string("col_unit"))] + columns, count: rows.count,
            rows: { range in
                rows[range].map { row in
                    ListPage.Row(
                        head: unitCell(row.committee),
                        cells: [
                            ListPage.Cell(text: String(row.meetings), numeric: true),
                            ListPage.Cell(text: String(row.supervised), numeric: true),
                            ListPage.Cell(
                                text: Format.percent(
                                    row.meetings > 0 ? Double(row.supervised) / Double(row.meetings) : nil),
                                numeric: true),
                            ListPage.Cell(
                                text: String(row.branchesNeverSupervised.count),
                                url: row.branchesNeverSupervised.isEmpty ? nil : unitURL(row.committee) + "#chi-bo",
                                numeric: true),
                        ])
                }
            })
    }
}
