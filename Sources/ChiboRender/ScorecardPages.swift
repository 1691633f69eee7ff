import ChiboModel

/// The reporting part of the site: a scorecard page per branch, a page per grassroots committee,
/// the units index, the bloc report per period and quarter, and the data files.
struct ScorecardPages: Sendable {
    let evaluation: Evaluation
    let settings: SiteSettings
    let urls: SiteURLs
    let theme: Theme
    /// Guidance pages by document number key, for links from findings.
    let documents: [String: CrossReferenceTarget]
    let text: FindingText
    let samples: SchedulePages

    static let unitsRoot = "don-vi"
    static let reportRoot = "bao-cao"

    init(
        evaluation: Evaluation, settings: SiteSettings, urls: SiteURLs, theme: Theme,
        documents: [String: CrossReferenceTarget], samples: SchedulePages
    ) {
        self.samples = samples
        self.evaluation = evaluation
        self.settings = settings
        self.urls = urls
        self.theme = theme
        self.documents = documents
        self.text = FindingText(theme: theme)
    }

    var isEmpty: Bool { evaluation.organization.units.isEmpty }

    func unitURL(_ id: String) -> String { urls.page([Self.unitsRoot, id]) }
    var indexURL: String { urls.page([Self.unitsRoot]) }
    func reportURL(_ quarter: PeriodPart? = nil) -> String {
        urls.page([Self.reportRoot] + (quarter.map { [$0.slug] } ?? []))
    }

    /// `finding_guidance` numbers that name no guidance document.
    func checkGuidanceReferences(into diagnostics: inout Diagnostics) {
        for (code, reference) in settings.findingGuidance.sorted(by: { $0.key < $1.key })
        where documents[Folding.documentNumberKey(reference.number)] == nil {
            diagnostics.error(
                reference.location,
                "`finding_guidance.\(code.rawValue)` names \(reference.number), but no guidance document has that number"
            )
        }
    }

    // MARK: - Labels

    func levelLabel(_ level: UnitLevel) -> String {
        theme.string("level_" + level.rawValue.replacing(ascii: "-", with: "_"))
    }
    func sectorLabel(_ sector: Sector) -> String {
        theme.string("sector_" + sector.rawValue.replacing(ascii: "-", with: "_"))
    }
    func kindLabel(_ kind: MeetingKind) -> String { theme.string("meeting_" + kind.rawValue) }

    static var labelKeys: [String] {
        [
            "level_committee", "level_grassroots_branch", "level_subordinate_branch", "sector_agency",
            "sector_public_service", "sector_enterprise", "meeting_regular", "meeting_thematic", "chart_title",
            "chart_description", "month_short",
        ]
    }

    func unitName(_ id: String) -> String { evaluation.organization[id]?.name ?? id }

    func unitLink(_ id: String) -> [String: Any] { ["name": unitName(id), "url": unitURL(id)] }

    // MARK: - Findings

    func finding(_ finding: Finding) -> [String: Any] {
        let guidance = settings.findingGuidance[finding.code].flatMap {
            documents[Folding.documentNumberKey($0.number)]
        }
        return [
            "code": finding.code.rawValue,
            "label": text.label(finding.code),
            "message": text.message(finding),
            "guidance_url": guidance?.url ?? false,
            "guidance_number": guidance?.number ?? false,
        ]
    }

    func findingCounts(_ summary: Summary) -> [[String: Any]] {
        FindingCode.allCases.compactMap { code in
            guard let count = summary.findings[code], count > 0 else { return nil }
            return ["code": code.rawValue, "label": text.label(code), "count": count]
        }
    }

    func ratings(_ counts: [String: Int]) -> [[String: Any]] {
        evaluation.ratingNames.map { ["name": $0, "count": counts[$0] ?? 0] }
    }

    func figures(_ summary: Summary) -> [String: Any] {
        [
            "meetings": summary.meetings,
            "regular": summary.regularMeetings,
            "thematic": summary.thematicMeetings,
            "average_total": Format.decimal(summary.averageTotal),
            "speaking_rate": Format.percent(summary.speakingRate),
            "speaking_below": (summary.speakingRate ?? 1) < settings.targets.speakingRate,
            "attendance_rate": Format.percent(summary.attendanceRate),
            "attendance_below": (summary.attendanceRate ?? 1) < settings.targets.attendanceRate,
            "speaking_target": Format.percent(settings.targets.speakingRate),
            "attendance_target": Format.percent(settings.targets.attendanceRate),
            "supervised": summary.supervised,
            "supervisable": summary.supervisable,
            "supervised_share": Format.percent(summary.supervisedShare),
            "has_supervisable": summary.supervisable > 0,
            "political_study": summary.politicalStudy,
            "current_affairs": summary.currentAffairs,
            "used_it": summary.usedIT,
            "findings_total": summary.findings.values.reduce(0, +),
        ]
    }

    func latestRating(_ card: Scorecard) -> Any {
        card.meetings.max { ($0.meeting.date, $0.meeting.kind.rawValue) < ($1.meeting.date, $1.meeting.kind.rawValue) }?
            .rating ?? false
    }

    func unitSummary(_ card: Scorecard) -> [String: Any] {
        let unit = card.unit
        return [
            "id": unit.id,
            "name": unit.name,
            "url": unitURL(unit.id),
            "level": levelLabel(unit.level),
            "sector": sectorLabel(unit.sector),
            "members": unit.members.map(String.init) ?? "–",
            "is_committee": unit.kind == .committee,
            "branch_count": card.branches.count,
            "latest_rating": latestRating(card),
            "figures": figures(card.summary),
            "ratings": ratings(card.summary.ratings),
        ]
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
                sections: [SearchDocument.Section(anchor: "", heading: "", text: facts + " · " + unit.id)])
        }
    }

    // MARK: - Pages

    func pages(layout: LayoutContext) -> [PageJob] {
        guard !isEmpty else { return [] }
        var result = [
            PageJob(path: SiteURLs.pageFile([Self.unitsRoot]), template: "units", large: true) {
                unitsIndex(layout: layout)
            }
        ]
        for card in evaluation.scorecards {
            let isCommittee = card.unit.kind == .committee
            result.append(
                PageJob(
                    path: SiteURLs.pageFile([Self.unitsRoot, card.unit.id]),
                    template: isCommittee ? "committee" : "scorecard"
                ) {
                    isCommittee ? committee(card, layout: layout) : scorecard(card, layout: layout)
                })
        }
        if evaluation.period != nil {
            result.append(
                PageJob(path: SiteURLs.pageFile([Self.reportRoot]), template: "report", large: true) {
                    report(nil, layout: layout)
                })
            for quarter in evaluation.quarters {
                result.append(
                    PageJob(path: SiteURLs.pageFile([Self.reportRoot, quarter.slug]), template: "report", large: true) {
                        report(quarter, layout: layout)
                    })
            }
        }
        return result
    }

    func unitsIndex(layout: LayoutContext) -> [String: Any] {
        var context = layout.page(
            title: theme.string("units_title"), current: indexURL,
            breadcrumb: [(theme.string("nav_home"), urls.page([]))])
        let cards = evaluation.scorecards
        let byID = Dictionary(uniqueKeysWithValues: cards.map { ($0.unit.id, $0) })
        // Each unit's row, folded name and latest rating once: every unit appears in three lists.
        let rows = Dictionary(uniqueKeysWithValues: cards.map { ($0.unit.id, unitSummary($0)) })
        let folded = Dictionary(uniqueKeysWithValues: cards.map { ($0.unit.id, Folding.fold($0.unit.name)) })
        func row(_ card: Scorecard) -> [String: Any] { rows[card.unit.id] ?? unitSummary(card) }
        func byName(_ units: [Scorecard]) -> [Scorecard] {
            units.sorted { (folded[$0.unit.id] ?? "") < (folded[$1.unit.id] ?? "") }
        }
        var groups: [[String: Any]] = []
        for committee in cards where committee.unit.kind == .committee {
            groups.append([
                "title": committee.unit.name, "url": unitURL(committee.unit.id), "id": "dv-" + committee.unit.id,
                "units": committee.branches.compactMap { byID[$0] }.map(row),
            ])
        }
        for sector in Sector.allCases {
            let direct = cards.filter { $0.unit.level == .grassrootsBranch && $0.unit.sector == sector }
            if direct.isEmpty { continue }
            groups.append([
                "title": Format.fill(theme.string("units_grassroots_group"), ["sector": sectorLabel(sector)]),
                "url": false, "id": "cbcs-" + sector.rawValue, "units": direct.map(row),
            ])
        }
        context.list("by_committee", groups)
        context.list(
            "by_sector",
            Sector.allCases.compactMap { sector -> [String: Any]? in
                let units = byName(cards.filter { $0.unit.isBranch && $0.unit.sector == sector })
                guard !units.isEmpty else { return nil }
                return ["title": sectorLabel(sector), "id": "lh-" + sector.rawValue, "units": units.map(row)]
            })
        let latest = Dictionary(
            uniqueKeysWithValues: cards.filter(\.unit.isBranch).map { ($0.unit.id, latestRating($0) as? String ?? "") })
        var ratingGroups: [[String: Any]] = []
        for name in evaluation.ratingNames + [""] {
            let units = byName(cards.filter { latest[$0.unit.id] == name })
            guard !units.isEmpty else { continue }
            ratingGroups.append([
                "title": name.isEmpty ? theme.string("units_no_meeting") : name,
                "id": "xl-" + (name.isEmpty ? "chua-co" : Folding.slug(name)), "units": units.map(row),
            ])
        }
        context.list("by_rating", ratingGroups)
        context["unit_count"] = cards.filter(\.unit.isBranch).count
        context["committee_count"] = cards.filter { $0.unit.kind == .committee }.count
        return context
    }

    func chart(_ card: Scorecard) -> (svg: String, rows: [[String: Any]]) {
        var months: [Chart.Month] = []
        var rows: [[String: Any]] = []
        for month in evaluation.months {
            let inMonth = card.meetings.filter { month.range.contains($0.meeting.date) }
            let regular = inMonth.filter { $0.meeting.kind == .regular }
            let total = regular.isEmpty ? nil : Double(regular.map(\.total).reduce(0, +)) / Double(regular.count)
            let present = inMonth.map(\.meeting.present).reduce(0, +)
            let rate = present > 0 ? Double(inMonth.map(\.meeting.speakers).reduce(0, +)) / Double(present) : nil
            let label = Format.fill(
                theme.string("month_short"), ["month": String(month.number), "year": String(month.year)])
            months.append(Chart.Month(label: label, total: total, rate: rate))
            rows.append(["month": text.part(month), "total": Format.decimal(total), "rate": Format.percent(rate)])
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

    func scorecard(_ card: Scorecard, layout: LayoutContext) -> [String: Any] {
        let unit = card.unit
        var crumbs = [(theme.string("nav_home"), urls.page([])), (theme.string("units_title"), indexURL)]
        if let parent = unit.parent { crumbs.append((unitName(parent), unitURL(parent))) }
        var context = layout.page(title: unit.name, current: nil, breadcrumb: crumbs)
        context["unit"] = unitSummary(card)
        context["committee"] = unit.parent.map(unitLink) ?? false
        context["figures"] = figures(card.summary)
        context["ratings"] = ratings(card.summary.ratings)
        context["self_ratings"] = ratings(card.summary.selfRatings)
        let (svg, rows) = chart(card)
        context["chart"] = svg
        context.list("chart_rows", rows)
        var tables: [[String: Any]] = []
        for kind in MeetingKind.allCases {
            let meetings = card.meetings.filter { $0.meeting.kind == kind }
            guard let rubric = meetings.first?.rubric else { continue }
            let rowsOfKind: [[String: Any]] = meetings.map { evaluated in
                let meeting = evaluated.meeting
                var row: [String: Any] = [
                    "date": meeting.date.vietnamese,
                    "date_iso": meeting.date.description,
                    "anchor": "sh-\(meeting.date)-\(meeting.kind.rawValue)",
                    "topic": meeting.topic ?? false,
                    "preparer": meeting.preparer ?? false,
                    "scores": zip(meeting.scores, rubric.criteria).map { score, criterion in
                        ["points": score, "full": score >= criterion.max] as [String: Any]
                    },
                    "total": evaluated.total,
                    "max": evaluated.max,
                    "rating": evaluated.rating,
                    "self_rating": meeting.selfRating,
                    "overrated": evaluated.selfRank < evaluated.ratingRank,
                    "speaking_rate": Format.percent(evaluated.speakingRate),
                    "attendance": "\(meeting.present)/\(unit.members.map(String.init) ?? "–")",
                    "supervisor": meeting.supervisor ?? false,
                    "note": meeting.note ?? false,
                ]
                row.list("findings", evaluated.findings.map(finding))
                return row
            }
            var table: [String: Any] = [
                "kind": kindLabel(kind),
                "id": "bang-" + kind.rawValue,
                "rubric_title": rubric.title,
                "rubric_source": rubric.source.isEmpty ? false : rubric.source,
                "criteria": rubric.criteria.map { ["id": $0.id, "title": $0.title, "max": $0.max] as [String: Any] },
                "rows": rowsOfKind,
                "is_thematic": kind == .thematic,
            ]
            table["count"] = rowsOfKind.count
            tables.append(table)
        }
        context.list("tables", tables)
        context.list("branch_findings", card.findings.map(finding))
        context.list("finding_counts", findingCounts(card.summary))
        context["has_meetings"] = !card.meetings.isEmpty
        context.list("samples", samples.sessions(of: unit.id))
        return context
    }

    func committee(_ card: Scorecard, layout: LayoutContext) -> [String: Any] {
        var context = layout.page(
            title: card.unit.name, current: nil,
            breadcrumb: [(theme.string("nav_home"), urls.page([])), (theme.string("units_title"), indexURL)])
        context["unit"] = unitSummary(card)
        context["figures"] = figures(card.summary)
        context["rating_names"] = evaluation.ratingNames
        context["ratings"] = ratings(card.summary.ratings)
        let branches = card.branches.compactMap { evaluation[unit: $0] }
        context.list("branches", branches.map(unitSummary))
        context.list("finding_counts", findingCounts(card.summary))
        context.list("samples", samples.sessions(of: card.unit.id))
        return context
    }

    // MARK: - Report

    func unitList(_ id: String, _ title: String, _ units: [String]) -> [String: Any] {
        ["id": id, "title": title, "count": units.count, "units": units.map(unitLink)]
    }

    func report(_ quarter: PeriodPart?, layout: LayoutContext) -> [String: Any] {
        let report = BlocReport(evaluation, quarter: quarter)
        let title =
            quarter.map { Format.fill(theme.string("report_quarter_title"), ["part": text.part($0)]) }
            ?? theme.string("report_title")
        var crumbs = [(theme.string("nav_home"), urls.page([]))]
        if quarter != nil { crumbs.append((theme.string("report_title"), reportURL())) }
        var context = layout.page(title: title, current: quarter == nil ? reportURL() : nil, breadcrumb: crumbs)
        var lists: [[String: Any]] = []
        func listed(_ id: String, _ title: String, _ units: [String]) -> [String: Any] {
            lists.append(unitList(id, title, units))
            return ["count": units.count, "href": "#" + id]
        }
        context["intro"] = Format.fill(
            theme.string("report_intro"), ["from": report.range.from.vietnamese, "to": report.range.to.vietnamese])
        context["figures"] = figures(report.summary)
        context.list(
            "quarters",
            evaluation.quarters.map { part in
                ["title": text.part(part), "url": reportURL(part), "current": part == quarter] as [String: Any]
            })
        context["whole_url"] = reportURL()
        context["is_quarter"] = quarter != nil

        context.list(
            "unit_counts",
            report.unitCounts.map { count in
                var row: [String: Any] = ["sector": sectorLabel(count.sector), "level": levelLabel(count.level)]
                row["figure"] = listed(
                    "ds-\(count.sector.rawValue)-\(count.level.rawValue)",
                    "\(levelLabel(count.level)) · \(sectorLabel(count.sector))", count.units)
                return row
            })
        context.list(
            "rating_rows",
            evaluation.ratingNames.map { name in
                [
                    "name": name,
                    "computed": report.summary.ratings[name] ?? 0,
                    "self": report.summary.selfRatings[name] ?? 0,
                    "branches": listed(
                        "xl-" + Folding.slug(name), Format.fill(theme.string("report_list_rating"), ["rating": name]),
                        report.branchesByRating[name] ?? []),
                ] as [String: Any]
            })
        context.list(
            "overrated",
            report.overrated.map { item in
                [
                    "unit": unitLink(item.branch),
                    "url": unitURL(item.branch)
                        + "#sh-\(item.meeting.meeting.date)-\(item.meeting.meeting.kind.rawValue)",
                    "date": item.meeting.meeting.date.vietnamese,
                    "kind": kindLabel(item.meeting.meeting.kind),
                    "self_rating": item.meeting.meeting.selfRating,
                    "rating": item.meeting.rating,
                    "reasons": text.reasons(item.blockers),
                ] as [String: Any]
            })
        // The list itself is the `overrated` row's, below.
        context["overrated_figure"] = [
            "count": (report.branchesByFinding[.overrated] ?? []).count, "href": "#ds-overrated",
        ]
        func skipped(_ items: [BlocReport.BranchCount]) -> [[String: Any]] {
            items.map { ["unit": unitLink($0.branch), "count": $0.count, "of": $0.of] as [String: Any] }
        }
        context.list("skipped_study", skipped(report.skippedPoliticalStudy))
        context.list("skipped_affairs", skipped(report.skippedCurrentAffairs))
        context.list(
            "finding_rows",
            FindingCode.allCases.map { code in
                [
                    "label": text.label(code),
                    "code": code.rawValue,
                    "count": report.summary.findings[code] ?? 0,
                    "branches": listed("ds-" + code.rawValue, text.label(code), report.branchesByFinding[code] ?? []),
                ] as [String: Any]
            })
        context.list(
            "speaking_buckets",
            report.speakingBuckets.map { bucket in
                let label =
                    bucket.upper.map { "\(Format.percent(bucket.lower)) – \(Format.percent($0))" }
                    ?? Format.fill(theme.string("report_bucket_open"), ["from": Format.percent(bucket.lower)])
                return [
                    "label": label,
                    "meetings": bucket.meetings,
                    "below_target": (bucket.upper ?? 2) <= settings.targets.speakingRate,
                    "branches": listed(
                        "pb-\(Int((bucket.lower * 100).rounded()))",
                        Format.fill(theme.string("report_list_bucket"), ["range": label]), bucket.branches),
                ] as [String: Any]
            })
        context["below_target"] = listed(
            "pb-duoi-muc-tieu", theme.string("report_list_below_target"),
            report.branchesBelowSpeakingTarget.map(\.branch))
        context.list(
            "below_target_rows",
            report.branchesBelowSpeakingTarget.map {
                ["unit": unitLink($0.branch), "rate": Format.percent($0.rate)] as [String: Any]
            })
        context.list(
            "thematic_rows",
            report.thematicByQuarter.map { row in
                [
                    "quarter": text.part(row.quarter),
                    "meetings": row.meetings,
                    "with": listed(
                        "cd-\(row.quarter.slug)-co",
                        Format.fill(theme.string("report_list_thematic_with"), ["part": text.part(row.quarter)]),
                        row.branchesWith),
                    "without": listed(
                        "cd-\(row.quarter.slug)-khong",
                        Format.fill(theme.string("report_list_thematic_without"), ["part": text.part(row.quarter)]),
                        row.branchesWithout),
                ] as [String: Any]
            })
        context.list(
            "committee_rows",
            report.committeeAttendance.map { row in
                [
                    "unit": unitLink(row.committee),
                    "meetings": row.meetings,
                    "supervised": row.supervised,
                    "share": Format.percent(row.meetings > 0 ? Double(row.supervised) / Double(row.meetings) : nil),
                    "never": listed(
                        "cu-\(row.committee)",
                        Format.fill(theme.string("report_list_never_supervised"), ["unit": unitName(row.committee)]),
                        row.branchesNeverSupervised),
                ] as [String: Any]
            })
        context.list(
            "sector_rows",
            report.bySector.map { entry in
                [
                    "title": sectorLabel(entry.sector), "figures": figures(entry.summary),
                    "ratings": ratings(entry.summary.ratings),
                ] as [String: Any]
            })
        context.list(
            "level_rows",
            report.byLevel.map { entry in
                [
                    "title": levelLabel(entry.level), "figures": figures(entry.summary),
                    "ratings": ratings(entry.summary.ratings),
                ] as [String: Any]
            })
        context["rating_names"] = evaluation.ratingNames
        context["data_json"] = urls.file("data/scorecards.json")
        context["data_csv"] = urls.file("data/findings.csv")
        context.list("lists", lists)
        return context
    }
}
