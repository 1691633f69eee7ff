import ChiboModel
import ChiboSupport

/// The bloc report of the period and of each quarter, and the lists its figures link to: every
/// finding of a code (`phat-hien/<code>/`) and the units behind each other figure
/// (`danh-sach/<id>/`), each in pages.
struct ReportPages: ShowsUnitFigures, Sendable {
    let units: UnitFigures
    /// The bloc report of the period and of each quarter, computed before rendering.
    let reports: BlocReports

    static let reportRoot = ScorecardPages.reportRoot

    /// The pages and lists of `list`, reports of one evaluation (the period's, or a year's and its
    /// quarters'); none without units.
    func pages(_ list: [BlocReport], layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        guard !evaluation.organization.units.isEmpty else { return [] }
        return reportPages(list, layout: layout, templates: templates)
    }

    /// The page of a report: the period's at the root, a year's or a quarter's under its slug.
    func reportURL(_ report: BlocReport? = nil) -> String {
        urls.page([Self.reportRoot] + (report?.slug.map { [$0] } ?? []))
    }

    /// The report's finding pages for the search index, one for each code that has findings in the period.
    func searchDocuments() -> [SearchDocument] {
        var documents: [SearchDocument] = []
        if let period = reports.period {
            for code in FindingCode.allCases where (period.summary.findings[code] ?? 0) > 0 {
                let count = Format.count(period.summary.findings[code] ?? 0)
                documents.append(
                    SearchDocument(
                        title: text.label(code),
                        url: urls.page(reportFolder(period, SiteOutput.findingListsFolder, code.rawValue)),
                        group: theme.string(.reportTitle), kind: theme.string(.searchKindFinding), number: nil,
                        sections: [
                            SearchDocument.Section(
                                anchor: "", heading: "",
                                text: Format.fill(
                                    theme.string(.searchFindingText),
                                    [
                                        "count": count, "from": period.range.from.vietnamese,
                                        "to": period.range.to.vietnamese,
                                    ]))
                        ], category: .finding))
            }
        }
        return documents
    }

    /// The folder of a report's list: `bao-cao/danh-sach/<id>`, or under the year's or the quarter's report.
    func reportFolder(_ report: BlocReport, _ kind: String, _ id: String) -> [String] {
        [Self.reportRoot] + (report.slug.map { [$0] } ?? []) + [kind, id]
    }

    /// The report pages of `list` (the period, or a year and its quarters), and the lists their
    /// figures link to: every finding of a code (`phat-hien/<code>/`) and the units behind each
    /// other figure (`danh-sach/<id>/`), each in pages.
    func reportPages(_ list: [BlocReport], layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        var result: [PageJob] = []
        for report in list {
            let path = SiteURLs.pageFile([Self.reportRoot] + (report.slug.map { [$0] } ?? []))
            // The page's model is made with its lists, once.
            let (page, lists) = reportPage(report, layout: layout)
            result.append(PageJob(.report, path: path, template: templates.report) { page })
            let parent = Crumb(title: reportTitle(report), url: reportURL(report))
            let crumbs = trail(report) + [(parent.title, parent.url)]
            for list in lists {
                result += list.pages(template: templates.list, layout: layout, crumbs: crumbs, parent: parent)
            }
            // Rankings of the period and of each year; a quarter's page links to its year's.
            if report.quarter == nil {
                result += rankingPages(report, layout: layout, templates: templates, crumbs: crumbs)
            }
        }
        return result
    }

    /// The breadcrumb above a report: the home page, the period's report, and a quarter's year.
    func trail(_ report: BlocReport) -> [(String, String)] {
        var crumbs = [(theme.string(.navHome), urls.page([]))]
        guard report.slug != nil else { return crumbs }
        crumbs.append((theme.string(.reportTitle), reportURL()))
        if let year = report.quarter.flatMap({ quarter in reports.years.first { $0.year == quarter.year } }) {
            crumbs.append((reportTitle(year), reportURL(year)))
        }
        return crumbs
    }

    func reportTitle(_ report: BlocReport) -> String {
        if let quarter = report.quarter {
            return Format.fill(theme.string(.reportQuarterTitle), ["part": text.part(quarter)])
        }
        if let year = report.year { return Format.fill(theme.string(.reportYearTitle), ["year": String(year)]) }
        return theme.string(.reportTitle)
    }

    /// A report's range as the letter and the comparisons name it: "quý I/2024", "năm 2023".
    func rangeName(_ report: BlocReport) -> String { text.name(of: report) ?? reportTitle(report) }

    /// Every finding of one code in the report's range, a row each: the branch, its committee, the
    /// meeting's date (linked to the meeting on the scorecard), the message and the guidance.
    func findingList(_ report: BlocReport, _ code: FindingCode, _ findings: [BlocReport.FindingPlace]) -> RowList {
        let evaluation = report.evaluation
        let columns = [UIString.colCommittee, .colDate, .colFinding].map { ListPage.Column(title: theme.string($0)) }
        // The guidance that explains the code, once for the list.
        let guidance = settings.findingGuidance[code].flatMap { documents[Folding.documentNumberKey($0.number)] }
        var list = RowList(
            output: .findingList, folder: reportFolder(report, SiteOutput.findingListsFolder, code.rawValue),
            title: text.label(code),
            intro: Format.fill(
                theme.string(.reportFindingListIntro),
                ["from": report.range.from.vietnamese, "to": report.range.to.vietnamese]),
            columns: [ListPage.Column(title: theme.string(.colUnit))] + columns, count: findings.count,
            rows: { range in
                findings[range].map { $0.finding(in: evaluation) }.map { item in
                    let date = item.date.map { date in
                        ListPage.Cell(
                            text: date.vietnamese,
                            url: meetingURL(item.branch, date: date, kind: item.kind ?? .regular))
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
        _ folder: [String], title: String, column: UIString, items: [(UnitID, String)], numeric: Bool = true
    ) -> RowList {
        RowList(
            output: .reportList, folder: folder, title: title,
            columns: [
                ListPage.Column(title: theme.string(.colUnit)), ListPage.Column(title: theme.string(.colCommittee)),
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
        // With its lists, made again from its evaluation when it was kept light.
        let report = report.complete()
        // The period of the same length before, for each figure's change; none for the first.
        let previous = reports.previous(of: report)
        let quarter = report.quarter
        let evaluation = report.evaluation
        let crumbs = trail(report)
        var lists: [RowList] = []
        func add(_ list: RowList) -> RowList {
            lists.append(list)
            return list
        }
        /// A list of units; one that is the same in every report of a range (the units by sector and
        /// level, a quarter's thematic meetings) is the period's or the year's, made with its report,
        /// and linked to from each quarter.
        let owner = whole(report) ?? report
        func listed(_ id: String, _ title: String, _ units: [UnitID], periodWide: Bool = false) -> ListFigure {
            let list = unitList(
                .reportList, reportFolder(periodWide ? owner : report, SiteOutput.reportListsFolder, id), title: title,
                units: units, in: evaluation)
            return figure(periodWide && owner.slug != report.slug ? list : add(list))
        }
        func skipped(_ id: String, _ title: String, _ items: [BlocReport.BranchCount]) -> ListPreview {
            preview(
                add(
                    figureList(
                        reportFolder(report, SiteOutput.reportListsFolder, id), title: title, column: .colSkipped,
                        items: items.map { ($0.branch, "\($0.count)/\($0.of)") })))
        }
        let unitCounts = report.unitCounts.map { count in
            ReportPage.UnitCountRow(
                sector: sectorLabel(count.sector), level: levelLabel(count.level),
                figure: listed(
                    "\(count.sector.rawValue)-\(count.level.rawValue)",
                    "\(levelLabel(count.level)) · \(sectorLabel(count.sector))", count.units, periodWide: true))
        }
        /// A count beside the previous period's, as the row shows it.
        func counted(_ value: Int, _ old: Int?, unit: UIString) -> (text: String?, direction: String) {
            let mark = Format.mark(
                Change(Double(value), previous: old.map(Double.init), measure: .count), unit: unit, theme: theme)
            return (mark?.text, mark?.direction ?? "")
        }
        let ratingRows = evaluation.ratingNames.map { name in
            let change = counted(
                report.summary.ratings[name] ?? 0, previous.map { $0.summary.ratings[name] ?? 0 },
                unit: .changeUnitMeetings)
            return ReportPage.RatingRow(
                name: name.rawValue, computed: Format.count(report.summary.ratings[name] ?? 0),
                selfCount: Format.count(report.summary.selfRatings[name] ?? 0),
                branches: listed(
                    "xep-loai-" + Folding.slug(name.rawValue),
                    Format.fill(theme.string(.reportListRating), ["rating": name.rawValue]),
                    report.branchesByRating[name] ?? []),
                change: change.text, direction: change.direction)
        }
        let byCode = report.findingsByCode(in: report.evaluation)
        let overrated = preview(add(findingList(report, .overrated, byCode[.overrated] ?? [])))
        for code in FindingCode.allCases where code != .overrated {
            _ = add(findingList(report, code, byCode[code] ?? []))
        }
        let findingRows = FindingCode.allCases.map { code in
            let change = counted(
                report.summary.findings[code] ?? 0, previous.map { $0.summary.findings[code] ?? 0 },
                unit: .changeUnitFindings)
            return ReportPage.FindingRow(
                label: text.label(code), code: code.rawValue, count: Format.count(report.summary.findings[code] ?? 0),
                branches: ListFigure(
                    count: Format.count((report.branchesByFinding[code] ?? []).count),
                    href: urls.page(reportFolder(report, SiteOutput.findingListsFolder, code.rawValue)),
                    hasUnits: !(report.branchesByFinding[code] ?? []).isEmpty),
                change: change.text, direction: change.direction)
        }
        let buckets = report.speakingBuckets.map { bucket in
            let label =
                bucket.upper.map { "\(Format.percent(bucket.lower)) – \(Format.percent($0))" }
                ?? Format.fill(theme.string(.reportBucketOpen), ["from": Format.percent(bucket.lower)])
            return ReportPage.BucketRow(
                label: label, meetings: Format.count(bucket.meetings),
                belowTarget: bucket.isBelowSpeaking(settings.targets),
                branches: listed(
                    "phat-bieu-\(Int((bucket.lower * 100).rounded()))",
                    Format.fill(theme.string(.reportListBucket), ["range": label]), bucket.branches))
        }
        let belowTarget = preview(
            add(
                figureList(
                    reportFolder(report, SiteOutput.reportListsFolder, "phat-bieu-duoi-muc-tieu"),
                    title: theme.string(.reportListBelowTarget), column: .colSpeakingRate,
                    items: report.branchesBelowSpeakingTarget.map { ($0.branch, Format.percent($0.rate)) })))
        let thematicRows = report.thematicByQuarter.map { row in
            ReportPage.ThematicRow(
                quarter: text.part(row.quarter), id: "chuyen-de-" + row.quarter.slug,
                meetings: Format.count(row.meetings),
                with: listed(
                    "chuyen-de-\(row.quarter.slug)-co",
                    Format.fill(theme.string(.reportListThematicWith), ["part": text.part(row.quarter)]),
                    row.branchesWith, periodWide: true),
                without: listed(
                    "chuyen-de-\(row.quarter.slug)-khong",
                    Format.fill(theme.string(.reportListThematicWithout), ["part": text.part(row.quarter)]),
                    row.branchesWithout, periodWide: true))
        }
        let committees = preview(add(committeeList(report)))
        let page = ReportPage(
            layout: layout.page(
                title: reportTitle(report), current: report.slug == nil ? reportURL() : nil, breadcrumb: crumbs),
            intro: Format.fill(
                theme.string(.reportIntro), ["from": report.range.from.vietnamese, "to": report.range.to.vietnamese]),
            figures: figures(report.summary),
            quarters: quarterLinks(report),
            wholeURL: reportURL(whole(report)),
            wholeTitle: whole(report).map { _ in theme.string(.reportWholeYear) }
                ?? theme.string(.reportWholePeriod),
            isQuarter: quarter != nil,
            years: yearLinks(report), ratesChart: ratesChart(report), rateRows: rateRows(until: report.range.to),
            ratingsChart: Chart.bars(
                evaluation.ratingNames.map { name in
                    Chart.Bar(
                        label: name.rawValue, value: report.summary.ratings[name] ?? 0,
                        previous: previous.map { $0.summary.ratings[name] ?? 0 })
                }, title: theme.string(.reportRatingsTitle),
                description: barsDescription(report, previous: previous, .reportRatingsChartDesc),
                id: "bieu-do-xep-loai"),
            findingsChart: Chart.bars(
                FindingCode.allCases.map { code in
                    Chart.Bar(
                        label: text.label(code), value: report.summary.findings[code] ?? 0,
                        previous: previous.map { $0.summary.findings[code] ?? 0 })
                }, title: theme.string(.reportFindingsTitle),
                description: barsDescription(report, previous: previous, .reportFindingsChartDesc),
                id: "bieu-do-phat-hien"),
            unitCounts: unitCounts, ratingRows: ratingRows,
            overrated: overrated,
            skippedStudy: skipped(
                "thieu-chinh-tri-tu-tuong", theme.string(.reportStudyTitle), report.skippedPoliticalStudy),
            skippedAffairs: skipped(
                "thieu-thoi-su", theme.string(.reportAffairsTitle), report.skippedCurrentAffairs),
            findingRows: findingRows, speakingBuckets: buckets, belowTarget: belowTarget,
            thematicRows: thematicRows, committees: committees,
            kindColumns: ReportKindTable.columns.map { $0.map(kindLabel) ?? theme.string(.reportKindsAll) },
            kindRows: ReportKindTable.rows(report, previous: previous).map { row in
                ReportPage.KindRow(
                    label: theme.string(row.key),
                    cells: ReportKindTable.columns.indices.map { column in
                        let change = row.changes.indices.contains(column) ? row.changes[column] : nil
                        let kind = ReportKindTable.columns[column]
                        return ReportPage.KindRow.Cell(
                            id: ReportKindTable.id(row.id, kind), value: row.values[column],
                            change: change.map { Format.change($0, unit: row.unit, theme: theme) },
                            direction: change?.direction.rawValue ?? "",
                            previous: change.flatMap { change in
                                previous.map { rangeName($0) + ": " + Format.value(change.previous, change.measure) }
                            },
                            label: kind.map(kindLabel) ?? theme.string(.reportKindsAll))
                    })
            },
            previousTitle: previous.map(rangeName),
            letterURL: urls.page(LetterPages.folder(report)),
            rankingURL: urls.page(rankingFolder(report.quarter == nil ? report : whole(report) ?? report)),
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

    /// A bar chart's description: what its bars count, in the report's range and the previous one's.
    func barsDescription(_ report: BlocReport, previous: BlocReport?, _ key: UIString) -> String {
        let compared = previous.map {
            Format.fill(theme.string(.reportChartCompared), ["previous": rangeName($0)])
        }
        let name = text.name(of: report) ?? theme.string(.reportCurrentPeriod).lowercased()
        return Format.fill(theme.string(key), ["range": name]) + (compared.map { " " + $0 } ?? "")
    }

    /// The quarters with records up to `day`, across the years: a report's history, which a later
    /// year's records leave as it was.
    func quarters(until day: Day) -> [BlocReport] {
        reports.yearQuarters.filter { $0.summary.meetings > 0 && $0.range.from <= day }
    }

    /// Every quarter's key rates up to `day`, across the years, in the order of the chart.
    func rateRows(until day: Day) -> [RateRow] {
        quarters(until: day).compactMap { report in
            guard let quarter = report.quarter else { return nil }
            let summary = report.summary
            return RateRow(
                quarter: text.part(quarter), url: reportURL(report), speaking: Format.percent(summary.speakingRate),
                attendance: Format.percent(summary.attendanceRate),
                affairs: Format.percent(Double(summary.currentAffairs) / Double(summary.meetings)),
                supervised: Format.percent(summary.supervisedShare))
        }
    }

    /// The chart of the speaking, attendance, current affairs and supervision rates of every quarter
    /// up to the report's end, a quarter's page's own marked.
    func ratesChart(_ report: BlocReport) -> String {
        let current = report.quarter
        let quarters = quarters(until: report.range.to)
        guard quarters.count > 1 else { return "" }
        let summaries = quarters.map(\.summary)
        let series = [
            Chart.Series(name: theme.string(.colSpeakingRate), values: summaries.map(\.speakingRate)),
            Chart.Series(name: theme.string(.colAttendanceRate), values: summaries.map(\.attendanceRate)),
            Chart.Series(
                name: theme.string(.reportRatesAffairs),
                values: summaries.map { Double($0.currentAffairs) / Double($0.meetings) }),
            Chart.Series(name: theme.string(.reportRatesSupervised), values: summaries.map(\.supervisedShare)),
        ]
        let labels = quarters.compactMap { $0.quarter.map { "\(Format.roman($0.number))/\($0.year)" } }
        return Chart.rates(
            series, labels: labels, current: quarters.firstIndex { $0.quarter == current },
            title: theme.string(.reportRatesTitle),
            description: Format.fill(
                theme.string(.reportRatesDesc),
                ["series": Format.list(series.map(\.name)), "from": labels.first ?? "", "to": labels.last ?? ""]),
            id: "ty-le-theo-quy")
    }

    /// The report a quarter's page is a part of (its year's) or a year's own; nil for the period's
    /// report and its quarters.
    func whole(_ report: BlocReport) -> BlocReport? {
        if report.year != nil { return report }
        guard let quarter = report.quarter else { return nil }
        return reports.years.first { $0.year == quarter.year }
    }

    /// The quarter links of a report's page: the period's quarters on the period's page, the year's
    /// on a year's or a quarter's.
    func quarterLinks(_ report: BlocReport) -> [QuarterLink] {
        let parts = whole(report).map(\.parts) ?? report.parts
        return parts.map { part in
            let target = reports.yearQuarters.first { $0.quarter == part }
            return QuarterLink(
                title: text.part(part), url: target.map { reportURL($0) } ?? reportURL(),
                current: part == report.quarter)
        }
    }

    /// The period's report and every year's, when the records span more than one year.
    func yearLinks(_ report: BlocReport) -> [QuarterLink] {
        guard reports.years.count > 1 else { return [] }
        let year = whole(report)?.year
        return [
            QuarterLink(title: theme.string(.reportCurrentPeriod), url: reportURL(), current: report.slug == nil)
        ]
            + reports.years.map { entry in
                QuarterLink(
                    title: Format.fill(theme.string(.reportYearLink), ["year": entry.year.map(String.init) ?? ""]),
                    url: reportURL(entry), current: entry.year == year)
            }
    }

    /// Each grassroots committee's attendance at its branches' meetings, and how many of its
    /// branches no committee member visited.
    func committeeList(_ report: BlocReport) -> RowList {
        let rows = report.committeeAttendance
        let columns = [UIString.colMeetings, .colSupervised, .colShare, .colNeverSupervised].map {
            ListPage.Column(title: theme.string($0), numeric: true)
        }
        return RowList(
            output: .reportList, folder: reportFolder(report, SiteOutput.reportListsFolder, "cap-uy-du-sinh-hoat"),
            title: theme.string(.reportCommitteesTitle),
            intro: theme.string(.reportCommitteesIntro),
            columns: [ListPage.Column(title: theme.string(.colUnit))] + columns, count: rows.count,
            rows: { range in
                rows[range].map { row in
                    ListPage.Row(
                        head: unitCell(row.committee),
                        cells: [
                            ListPage.Cell(text: Format.count(row.meetings), numeric: true),
                            ListPage.Cell(text: Format.count(row.supervised), numeric: true),
                            ListPage.Cell(text: Format.percent(row.supervisedShare), numeric: true),
                            ListPage.Cell(
                                text: Format.count(row.branchesNeverSupervised.count),
                                url: row.branchesNeverSupervised.isEmpty ? nil : unitURL(row.committee) + "#chi-bo",
                                numeric: true),
                        ])
                }
            })
    }
}
