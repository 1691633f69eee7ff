import ChiboModel
import ChiboSupport

/// A report's rankings (`xep-hang/`): a page that links one list per figure and level, and the
/// lists, each paged and sortable like the report's other lists.
extension ReportPages {
    /// The folder of a report's rankings, or of one of its lists.
    func rankingFolder(_ report: BlocReport, _ list: String? = nil) -> [String] {
        [Self.reportRoot] + (report.slug.map { [$0] } ?? []) + [SiteOutput.rankingFolder] + (list.map { [$0] } ?? [])
    }

    /// The folder of one ranking's list: `phat-bieu-dang-bo`, `phat-bieu-chi-bo-co-so`.
    func rankingFolder(_ report: BlocReport, _ ranking: Ranking) -> [String] {
        rankingFolder(report, ranking.slug)
    }

    /// The rankings page of `report` and its lists, under the report's breadcrumb.
    func rankingPages(
        _ report: BlocReport, layout: LayoutContext, templates: PageTemplates, crumbs: [(String, String)]
    ) -> [PageJob] {
        let rankings = reports.rankings(of: report).filter { !$0.entries.isEmpty }
        guard !rankings.isEmpty else { return [] }
        let previous = reports.previous(of: report).map(rangeName)
        let index = rankingIndex(report, rankings, previous: previous)
        let parent = Crumb(title: reportTitle(report), url: reportURL(report))
        var result = index.pages(template: templates.list, layout: layout, crumbs: crumbs, parent: parent)
        let own = Crumb(title: index.title, url: urls.page(index.folder))
        for ranking in rankings {
            result += rankingList(report, ranking, previous: previous)
                .pages(template: templates.list, layout: layout, crumbs: crumbs + [(own.title, own.url)], parent: own)
        }
        return result
    }

    /// The page that links the rankings: a row per figure, a column per level, each cell the first
    /// unit of the ranking, linked to the list.
    func rankingIndex(_ report: BlocReport, _ rankings: [Ranking], previous: String?) -> RowList {
        let levels = Ranking.levels.filter { level in rankings.contains { $0.level == level } }
        let figures = Ranking.Figure.allCases
        let intro = [
            Format.fill(
                theme.string(.rankingIntro), ["from": report.range.from.vietnamese, "to": report.range.to.vietnamese]),
            comparedWith(previous),
        ]
        var list = RowList(
            output: .ranking, folder: rankingFolder(report), title: theme.string(.rankingTitle),
            intro: intro.joined(separator: " "),
            columns: [ListPage.Column(title: theme.string(.colFigure))]
                + levels.map { ListPage.Column(title: levelLabel($0)) },
            count: figures.count,
            rows: { range in
                figures[range].map { figure in
                    ListPage.Row(
                        head: ListPage.Cell(text: theme.string(UIString.rankingFigure(figure))),
                        cells: levels.map { level in
                            guard let ranking = rankings.first(where: { $0.figure == figure && $0.level == level })
                            else { return ListPage.Cell(text: "–") }
                            let url = urls.page(rankingFolder(report, ranking))
                            guard let first = ranking.entries.first, first.rank != nil else {
                                return ListPage.Cell(text: theme.string(.rankingNoneRanked), url: url)
                            }
                            return ListPage.Cell(
                                text: Format.fill(
                                    theme.string(.rankingLeader),
                                    ["unit": unitName(first.unit), "value": rankingValue(figure, first.value)]),
                                url: url)
                        })
                }
            })
        // Its rows are the figures, not units: no "Tổng số".
        list.showsTotal = false
        return list
    }

    /// What the rankings compare with: "Mỗi danh sách so với quý IV/2023."
    func comparedWith(_ previous: String?) -> String {
        previous.map { Format.fill(theme.string(.rankingPrevious), ["previous": $0]) }
            ?? theme.string(.rankingNoPrevious)
    }

    /// A figure's value as the lists print it: 31,2% or 1.362.
    func rankingValue(_ figure: Ranking.Figure, _ value: Double?) -> String {
        guard let value else { return "–" }
        return figure.measure == .share ? Format.percent(value) : Format.count(Int(value.rounded()))
    }

    /// One ranking's list: rank, unit, value, the previous period's value and the change.
    func rankingList(_ report: BlocReport, _ ranking: Ranking, previous: String?) -> RowList {
        let figure = ranking.figure
        let entries = ranking.entries
        let columns = [
            ListPage.Column(title: theme.string(.colUnit)),
            ListPage.Column(title: theme.string(.colRank), numeric: true),
            ListPage.Column(title: theme.string(UIString.rankingFigure(figure)), numeric: true),
            ListPage.Column(title: theme.string(.colPrevious), numeric: true),
            ListPage.Column(title: theme.string(.colChange), numeric: true),
        ]
        let unit: UIString? = figure.measure == .count ? .changeUnitMeetings : nil
        return RowList(
            output: .ranking, folder: rankingFolder(report, ranking),
            title: Format.fill(
                theme.string(.rankingListTitle),
                [
                    "figure": theme.string(UIString.rankingFigure(figure)),
                    "level": theme.string(UIString.rankingLevel(ranking.level)),
                ]),
            intro: Format.fill(
                theme.string(.rankingListIntro),
                [
                    "about": theme.string(UIString.rankingAbout(figure)), "from": report.range.from.vietnamese,
                    "to": report.range.to.vietnamese,
                ]) + " " + comparedWith(previous),
            columns: columns, count: entries.count,
            rows: { range in
                entries[range].map { entry in
                    let change = ranking.change(entry)
                    return ListPage.Row(
                        head: unitCell(entry.unit),
                        cells: [
                            // A unit not ranked sorts after the last rank.
                            ListPage.Cell(
                                text: entry.rank.map(Format.count) ?? "–", numeric: true,
                                sort: entry.rank == nil ? String(entries.count + 1) : nil),
                            ListPage.Cell(text: rankingValue(figure, entry.value), numeric: true),
                            ListPage.Cell(text: rankingValue(figure, entry.previous), numeric: true),
                            ListPage.Cell(
                                text: change.map { Format.change($0, unit: unit, theme: theme) } ?? "–", numeric: true,
                                direction: change?.direction.rawValue ?? "", sort: change.map { String($0.steps) }),
                        ])
                }
            })
    }
}
