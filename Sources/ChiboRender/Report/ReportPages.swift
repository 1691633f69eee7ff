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

    /// Every report page and list; none without units.
    func pages(layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        guard !evaluation.organization.units.isEmpty else { return [] }
        return reportPages(layout: layout, templates: templates)
    }

    func reportURL(_ quarter: PeriodPart? = nil) -> String {
        urls.page([Self.reportRoot] + (quarter.map { [$0.slug] } ?? []))
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
            let home = (theme.string(.navHome), urls.page([]))
            var crumbs = [home, (theme.string(.reportTitle), reportURL())]
            let parent = Crumb(title: reportTitle(report), url: reportURL(report.quarter))
            if report.quarter != nil { crumbs.append((parent.title, parent.url)) }
            for list in lists {
                result += list.pages(template: templates.list, layout: layout, crumbs: crumbs, parent: parent)
            }
        }
        return result
    }

    func reportTitle(_ report: BlocReport) -> String {
        report.quarter.map { Format.fill(theme.string(.reportQuarterTitle), ["part": text.part($0)]) }
            ?? theme.string(.reportTitle)
    }

    /// Every finding of one code in the report's range, a row each: the branch, its committee, the
    /// meeting's date (linked to the meeting on the scorecard), the message and the guidance.
    func findingList(_ report: BlocReport, _ code: FindingCode, _ findings: [Finding]) -> RowList {
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
        // The quarter before, for each figure's change; none for the first quarter or the period.
        let previous = reports.previous(of: report)
        let quarter = report.quarter
        var crumbs = [(theme.string(.navHome), urls.page([]))]
        if quarter != nil { crumbs.append((theme.string(.reportTitle), reportURL())) }
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
        let ratingRows = evaluation.ratingNames.map { name in
            ReportPage.RatingRow(
                name: name.rawValue, computed: Format.count(report.summary.ratings[name] ?? 0),
                selfCount: Format.count(report.summary.selfRatings[name] ?? 0),
                branches: listed(
                    "xep-loai-" + Folding.slug(name.rawValue),
                    Format.fill(theme.string(.reportListRating), ["rating": name.rawValue]),
                    report.branchesByRating[name] ?? []))
        }
        let byCode = report.findingsByCode(in: evaluation)
        let overrated = preview(add(findingList(report, .overrated, byCode[.overrated] ?? [])))
        for code in FindingCode.allCases where code != .overrated {
            _ = add(findingList(report, code, byCode[code] ?? []))
        }
        let findingRows = FindingCode.allCases.map { code in
            ReportPage.FindingRow(
                label: text.label(code), code: code.rawValue, count: Format.count(report.summary.findings[code] ?? 0),
                branches: ListFigure(
                    count: Format.count((report.branchesByFinding[code] ?? []).count),
                    href: urls.page(reportFolder(report, SiteOutput.findingListsFolder, code.rawValue)),
                    hasUnits: !(report.branchesByFinding[code] ?? []).isEmpty))
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
                title: reportTitle(report), current: quarter == nil ? reportURL() : nil, breadcrumb: crumbs),
            intro: Format.fill(
                theme.string(.reportIntro), ["from": report.range.from.vietnamese, "to": report.range.to.vietnamese]),
            figures: figures(report.summary),
            quarters: evaluation.quarters.map { part in
                QuarterLink(title: text.part(part), url: reportURL(part), current: part == quarter)
            },
            wholeURL: reportURL(), isQuarter: quarter != nil, unitCounts: unitCounts, ratingRows: ratingRows,
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
                            label: kind.map(kindLabel) ?? theme.string(.reportKindsAll))
                    })
            },
            previousTitle: previous.map { $0.quarter.map(text.part) ?? reportTitle($0) },
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
