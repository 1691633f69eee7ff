import ChiboModel
import ChiboSupport

/// The units part of the site: the units directory and its lists by rating, a scorecard page per
/// branch and a page per grassroots committee (with its branches in pages), and the data files.
/// The report's pages are `ReportPages`; what both show of a unit is `UnitFigures`.
struct ScorecardPages: ShowsUnitFigures, Sendable {
    let units: UnitFigures
    /// The rubrics, each with its meeting-record workbook.
    let rubrics: [Rubric]
    /// The sample sessions a unit hosts or attends, as its page lists them.
    let sessions: @Sendable (UnitID) -> [SessionModel]

    static let unitsRoot = SiteURLs.unitsRoot
    static let reportRoot = SiteFolder.report.rawValue

    init(units: UnitFigures, rubrics: [Rubric] = [], sessions: @escaping @Sendable (UnitID) -> [SessionModel]) {
        self.units = units
        self.rubrics = rubrics
        self.sessions = sessions
    }

    var isEmpty: Bool { evaluation.organization.units.isEmpty }

    var indexURL: String { urls.page([Self.unitsRoot]) }

    /// Every unit for the search index: its name, level, sector and committee; a branch's meetings
    /// each as a section that links to the meeting (its topic as the heading, the date, kind,
    /// preparer, rating and findings as the text) and its own findings.
    func searchDocuments() -> [SearchDocument] {
        let separator = " · "
        return evaluation.scorecards.map { card in
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
                        anchor: "phat-hien", heading: theme.string(.findingsSummaryTitle),
                        text: (labels + card.findings.map(text.message)).joined(separator: separator)))
            }
            return SearchDocument(
                title: unit.name, url: unitURL(unit.id), group: parent ?? theme.string(.unitsTitle),
                kind: levelLabel(unit.level), number: nil, sections: sections, category: .unit)
        }
    }

    // MARK: - Pages

    func pages(layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        guard !isEmpty else { return [] }
        let byRating = ratingLists()
        var result = unitsDirectory(layout: layout, template: templates.units, byRating: byRating)
        let home = (theme.string(.navHome), urls.page([]))
        let directory = Crumb(title: theme.string(.unitsTitle), url: indexURL)
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
                committees: Format.count(units.filter { $0.unit.kind == .committee }.count),
                grassroots: Format.count(units.filter { $0.unit.level == .grassrootsBranch }.count),
                subordinate: Format.count(units.filter { $0.unit.level == .subordinateBranch }.count))
        }
        let byRating = lists.map { list in
            LinkedCount(title: list.title, count: Format.count(list.count), url: urls.page(list.folder))
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
                let title = theme.string(.unitsTitle)
                return UnitsPage(
                    layout: layout.page(
                        title: pager.title(title), current: indexURL,
                        breadcrumb: [(theme.string(.navHome), urls.page([]))]),
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
        let latest = Dictionary(uniqueKeysWithValues: branches.map { ($0.unit.id, $0.latestRating) })
        let folded = Dictionary(uniqueKeysWithValues: branches.map { ($0.unit.id, Folding.fold($0.unit.name)) })
        var lists: [RowList] = []
        for rating in evaluation.ratingNames.map(Optional.some) + [nil] {
            let units = branches.filter { latest[$0.unit.id] == rating }.sorted {
                (folded[$0.unit.id] ?? "", $0.unit.id) < (folded[$1.unit.id] ?? "", $1.unit.id)
            }
            if rating == nil && units.isEmpty { continue }
            let title =
                rating.map { Format.fill(theme.string(.unitsRatingList), ["rating": $0.rawValue]) }
                ?? theme.string(.unitsNoMeeting)
            lists.append(
                unitList(
                    .ratingList,
                    [Self.unitsRoot, UnitID.ratingListsFolder, rating.map { Folding.slug($0.rawValue) } ?? "chua-co"],
                    title: title, units: units.map(\.unit.id), in: evaluation))
        }
        return lists
    }

    func chart(_ card: Scorecard) -> (svg: String, rows: [ChartRow]) {
        var months: [Chart.Month] = []
        var rows: [ChartRow] = []
        for figures in card.monthly(evaluation.months) {
            let (month, total, rate) = (figures.month, figures.averageRegularTotal, figures.speakingRate)
            let label = Format.fill(
                theme.string(.monthShort), ["month": String(month.number), "year": String(month.year)])
            let rank = card.meetings.filter {
                $0.meeting.kind == .regular && $0.meeting.date.year == month.year
                    && $0.meeting.date.month == month.number
            }.map(\.ratingRank).max()
            months.append(Chart.Month(label: label, total: total, rate: rate, rank: rank))
            rows.append(ChartRow(month: text.part(month), total: Format.decimal(total), rate: Format.percent(rate)))
        }
        let maxTotal = card.meetings.first?.max ?? 100
        // The bands of the regular meetings' rubric, which the bars' totals are scored on.
        let rubric = card.meetings.first { $0.meeting.kind == .regular }?.rubric ?? card.meetings.first?.rubric
        let bands = (rubric?.ratings ?? []).map { Chart.Band(name: $0.name.rawValue, min: $0.minTotal) }
        let description = Format.fill(
            theme.string(.chartDescription),
            [
                "target": Format.percent(settings.targets.speakingRate), "max": String(maxTotal),
                "from": String(Chart.floor(months, bands: bands)),
                "bands": Format.list(bands.map { "\($0.name) từ \($0.min)" }),
            ])
        let svg = Chart.monthly(
            months, maxTotal: maxTotal, bands: bands, target: settings.targets.speakingRate,
            title: Format.fill(theme.string(.chartTitle), ["unit": card.unit.name]), description: description)
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
                            label: theme.string(.criterionAbbr) + String(criterion.id))
                    },
                    total: String(evaluated.total), max: String(evaluated.max), rating: evaluated.rating.rawValue,
                    selfRating: meeting.selfRating.rawValue, overrated: evaluated.isOverrated,
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
                    rows: rows, isThematic: kind == .thematic, count: Format.count(rows.count)))
        }
        return tables
    }

    func scorecard(_ card: Scorecard, layout: LayoutContext) -> ScorecardPage {
        let unit = card.unit
        var crumbs = [(theme.string(.navHome), urls.page([])), (theme.string(.unitsTitle), indexURL)]
        if let parent = unit.parent { crumbs.append((unitName(parent), unitURL(parent))) }
        let (svg, rows) = chart(card)
        return ScorecardPage(
            // A name two branches share is shown with its committee, in the title and the tab.
            layout: layout.page(
                title: evaluation.organization.distinctName(of: unit.id), current: nil, breadcrumb: crumbs),
            unit: unitSummary(card), committee: unit.parent.map(unitLink), figures: figures(card.summary),
            ratings: ratings(card.summary.ratings), selfRatings: ratings(card.summary.selfRatings), chart: svg,
            chartRows: rows, tables: meetingTables(card), branchFindings: card.findings.map(finding),
            findingCounts: findingCounts(card.summary), hasMeetings: !card.meetings.isEmpty,
            samples: sessions(unit.id), history: history(unit.id))
    }

    /// A unit's figures in each year with records, each beside the year before's when both are as
    /// long; empty with one year.
    func history(_ unit: UnitID) -> [HistoryRow] {
        let years = units.reports.history(of: unit)
        guard years.count > 1 else { return [] }
        var previous: YearFigures?
        return years.map { entry in
            let summary = entry.summary
            // Only the year just before, as long as this one, is compared: never a part of a year.
            let before = previous.flatMap { $0.range.isJustBefore(entry.range) ? $0.summary : nil }
            previous = entry
            func change(_ value: Double?, _ old: Double?, _ measure: Change.Measure, unit: UIString? = nil)
                -> ChangeModel?
            {
                Format.mark(Change(value, previous: old, measure: measure), unit: unit, theme: theme)
            }
            let findings = summary.findings.values.reduce(0, +)
            return HistoryRow(
                year: String(entry.year), url: urls.page([Self.reportRoot, String(entry.year)]),
                meetings: Format.count(summary.meetings), averageTotal: Format.decimal(summary.averageTotal),
                averageChange: change(summary.averageTotal, before?.averageTotal, .score, unit: .changeUnitScore),
                speakingRate: Format.percent(summary.speakingRate),
                speakingChange: change(summary.speakingRate, before?.speakingRate, .share),
                attendanceRate: Format.percent(summary.attendanceRate),
                attendanceChange: change(summary.attendanceRate, before?.attendanceRate, .share),
                ratings: ratings(summary.ratings), findings: Format.count(findings),
                findingsChange: change(
                    Double(findings), before.map { Double($0.findings.values.reduce(0, +)) }, .count,
                    unit: .changeUnitFindings))
        }
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
        var crumbs = [(theme.string(.navHome), urls.page([])), (theme.string(.unitsTitle), indexURL)]
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
            samples: page == 0 ? sessions(card.unit.id) : [], history: page == 0 ? history(card.unit.id) : [],
            isFirstPage: page == 0, pager: pager)
    }

}
