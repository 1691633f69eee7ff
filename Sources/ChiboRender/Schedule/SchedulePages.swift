import ChiboModel
import ChiboSupport

/// The sample-meeting part of the site: the schedule page, a page per plan with its compliance
/// table, `data/schedule.json` and the `schedule.ics` calendar.
struct SchedulePages: NamesUnits, Sendable {
    let schedule: Schedule
    let evaluation: Evaluation
    let urls: SiteURLs
    let theme: Theme
    let today: Day
    /// Scheme and host put before page URLs in the calendar; without it events carry no URL.
    let baseURL: String?
    /// For each unit, the entries it hosts or attends, in schedule order, with whether it hosts.
    let entriesByUnit: [UnitID: [(index: Int, hosts: Bool)]]

    static let root = SiteFolder.schedule.rawValue

    init(schedule: Schedule, evaluation: Evaluation, urls: SiteURLs, theme: Theme, today: Day, baseURL: String?) {
        self.schedule = schedule
        self.evaluation = evaluation
        self.urls = urls
        self.theme = theme
        self.today = today
        self.baseURL = baseURL
        var byUnit: [UnitID: [(index: Int, hosts: Bool)]] = [:]
        for (index, scheduled) in schedule.entries.enumerated() {
            let host = scheduled.session.host
            var units = [host]
            units += scheduled.audience
            if let committee = scheduled.session.committee { units.append(committee) }
            var seen: Set<UnitID> = []
            for unit in units where seen.insert(unit).inserted {
                byUnit[unit, default: []].append((index, unit == host))
            }
        }
        entriesByUnit = byUnit
    }

    var isEmpty: Bool { schedule.plans.isEmpty }
    var url: String { urls.page([Self.root]) }
    func planURL(_ plan: SamplePlan) -> String { urls.page([Self.root, plan.slug]) }

    static func anchor(_ session: SampleSession) -> String {
        "smm-\(session.date)-\(session.host)-\(session.kind.rawValue)"
    }

    // MARK: - Text

    func sessionTitle(_ session: SampleSession) -> String {
        Format.fill(
            theme.string(session.kind == .regular ? .sampleRegular : .sampleThematic),
            ["host": unitName(session.host)])
    }

    func message(_ finding: PlanFinding) -> String {
        let key = UIString.planFinding(finding.code)
        let rule = schedule.plans.first { $0.number == finding.plan }?.rule
        switch finding.detail {
        case .count(let branches, let required, let planned, let regular, let thematic):
            let kinds = (rule?.needsBothKinds(branches: branches) ?? false) ? theme.string(.planKindsSuffix) : ""
            return Format.fill(
                theme.string(key),
                [
                    "committee": unitName(finding.unit), "branches": String(branches), "required": String(required),
                    "planned": String(planned), "regular": String(regular), "thematic": String(thematic),
                    "threshold": String(rule?.threshold ?? 0), "kinds": kinds,
                ])
        case .foreignHost(let host, let date):
            return Format.fill(
                theme.string(key),
                ["committee": unitName(finding.unit), "host": unitName(host), "date": date.vietnamese])
        case .conflict(let who, let isObserver, let date, let hosts):
            return Format.fill(
                theme.string(isObserver ? .planScheduleConflictObserver : key),
                [
                    "who": isObserver ? who : unitName(UnitID(who)), "date": date.vietnamese,
                    "hosts": hosts.map(unitName).joined(separator: theme.string(.listSeparator)),
                ])
        }
    }

    func status(_ date: Day) -> (key: String, label: String) {
        let key = date < today ? "past" : date == today ? "today" : "upcoming"
        return (key, theme.string(date < today ? .statusPast : date == today ? .statusToday : .statusUpcoming))
    }

    // MARK: - Models

    /// Sessions per page of the schedule.
    static let perPage = 50
    /// A session's audience is listed with it up to this many units, else on a page of its own.
    static let audienceInline = 30

    var paging: Paging { Paging(base: [Self.root], items: schedule.entries.count, perPage: Self.perPage) }

    /// The URL of the schedule's page that shows entry `index`, with the session's anchor.
    func sessionURL(_ index: Int) -> String {
        urls.page(paging.slugs(index / Self.perPage)) + "#" + Self.anchor(schedule.entries[index].session)
    }

    /// The folder of the page that lists a session's audience.
    func audienceFolder(_ session: SampleSession) -> [String] {
        let plan = schedule.plans.first { $0.number == session.plan }?.slug ?? Folding.slug(session.plan)
        return [Self.root, plan, SiteOutput.audienceFolder, String(Self.anchor(session).dropFirst("smm-".count))]
    }

    /// The audience of every session too large to list with it, each a list of its own.
    func audienceLists() -> [RowList] {
        schedule.entries.filter { $0.audience.count > Self.audienceInline }.map { entry in
            let audience = entry.audience
            return RowList(
                output: .audience, folder: audienceFolder(entry.session),
                title: Format.fill(
                    theme.string(.scheduleAudienceTitle),
                    ["session": sessionTitle(entry.session), "date": entry.session.date.vietnamese]),
                columns: [
                    ListPage.Column(title: theme.string(.colUnit)),
                    ListPage.Column(title: theme.string(.colCommittee)),
                ],
                count: audience.count,
                rows: { range in
                    audience[range].map { id in ListPage.Row(head: unitCell(id), cells: [committeeCell(id)]) }
                })
        }
    }

    func entry(at index: Int) -> SessionModel {
        let entry = schedule.entries[index]
        let session = entry.session
        let recorded =
            evaluation[unit: session.host]?.meetings.contains {
                $0.meeting.date == session.date && $0.meeting.kind == session.kind
            }
            ?? false
        let state = status(session.date)
        return SessionModel(
            anchor: Self.anchor(session), title: sessionTitle(session), date: session.date.vietnamese,
            dateISO: session.date.description, time: session.time?.description,
            kind: theme.string(UIString.label(session.kind)),
            host: unitLink(session.host), committee: session.committee.map(unitLink), venue: session.venue,
            topic: session.topic, audienceCount: String(entry.audience.count), status: state.key,
            statusLabel: state.label,
            recordURL: recorded
                ? unitURL(session.host) + "#" + SiteURLs.meetingAnchor(date: session.date, kind: session.kind) : nil,
            plan: session.plan, scheduleURL: sessionURL(index),
            audience: entry.audience.count > Self.audienceInline ? [] : entry.audience.map(unitLink),
            audienceURL: entry.audience.count > Self.audienceInline ? urls.page(audienceFolder(session)) : nil,
            observers: session.observers,
            observerNames: session.observers.joined(separator: theme.string(.listSeparator)))
    }

    func pages(layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        guard !isEmpty else { return [] }
        let paging = self.paging
        let months = monthStarts()
        var result = (0..<paging.count).map { index in
            PageJob(.schedule, path: SiteURLs.pageFile(paging.slugs(index)), template: templates.schedule) {
                schedulePage(index, months: months, layout: layout)
            }
        }
        let home = (theme.string(.navHome), urls.page([]))
        let scheduleCrumb = (theme.string(.scheduleTitle), url)
        for plan in schedule.plans {
            let (page, lists) = planPage(plan, layout: layout)
            result.append(
                PageJob(.plan, path: SiteURLs.pageFile([Self.root, plan.slug]), template: templates.plan) { page })
            for list in lists {
                result += list.pages(
                    template: templates.list, layout: layout,
                    crumbs: [home, scheduleCrumb, (plan.title, planURL(plan))],
                    parent: Crumb(title: plan.title, url: planURL(plan)))
            }
        }
        for list in audienceLists() {
            result += list.pages(
                template: templates.list, layout: layout, crumbs: [home, scheduleCrumb],
                parent: Crumb(title: scheduleCrumb.0, url: scheduleCrumb.1))
        }
        return result
    }

    func monthID(_ date: Day) -> String {
        "thang-\(PeriodPart(year: date.year, number: date.month, kind: .month).slug)"
    }

    func monthTitle(_ date: Day) -> String {
        Format.fill(theme.string(.monthHeading), ["month": date.month.zeroPadded(2), "year": String(date.year)])
    }

    /// Each month of the schedule with the entry it starts at.
    func monthStarts() -> [(index: Int, date: Day)] {
        let entries = schedule.entries
        return entries.indices.filter { index in
            index == 0 || monthID(entries[index - 1].session.date) != monthID(entries[index].session.date)
        }.map { ($0, entries[$0].session.date) }
    }

    /// Page `page` of the schedule: its sessions by month, with every month's link (to the page
    /// where the month starts) and the pager.
    func schedulePage(_ page: Int, months starts: [(index: Int, date: Day)]? = nil, layout: LayoutContext)
        -> SchedulePage
    {
        let entries = schedule.entries
        var months: [MonthModel] = []
        for index in paging.range(page) {
            let date = entries[index].session.date
            if months.last?.id != monthID(date) {
                let continued = index > 0 && monthID(entries[index - 1].session.date) == monthID(date)
                months.append(
                    MonthModel(title: monthTitle(date), id: monthID(date), continued: continued, sessions: []))
            }
            months[months.count - 1].sessions.append(entry(at: index))
        }
        let nav = (starts ?? monthStarts()).map { index, date in
            Crumb(
                title: monthTitle(date),
                url: (index / Self.perPage == page ? "" : urls.page(paging.slugs(index / Self.perPage))) + "#"
                    + monthID(date))
        }
        let pager = paging.pager(page, urls: urls, theme: theme)
        let title = theme.string(.scheduleTitle)
        return SchedulePage(
            layout: layout.page(
                title: pager.title(title), current: url,
                breadcrumb: [(theme.string(.navHome), urls.page([]))]),
            months: months, monthLinks: nav,
            plans: schedule.plans.map { PlanLink(number: $0.number, title: $0.title, url: planURL($0)) },
            intro: Format.fill(theme.string(.scheduleIntro), ["today": today.vietnamese]),
            icsURL: urls.file(SiteOutput.calendar.path()), jsonURL: urls.file(SiteOutput.scheduleData.path()),
            pager: pager)
    }

    /// The sessions of a list, a row each: the date (linked to the session on the schedule), the
    /// host, the committee, the kind, the topic and the venue.
    func sessionList(_ folder: [String], title: String, indices: [Int]) -> RowList {
        let columns: [UIString] = [.labelHost, .labelCommittee, .colKind, .labelTopic, .labelVenue]
        return RowList(
            output: .planList, folder: folder, title: title,
            columns: [ListPage.Column(title: theme.string(.colDate))]
                + columns.map { ListPage.Column(title: theme.string($0)) },
            count: indices.count,
            rows: { range in
                indices[range].map { index in
                    let session = schedule.entries[index].session
                    return ListPage.Row(
                        head: ListPage.Cell(
                            text: session.date.vietnamese + (session.time.map { " · \($0)" } ?? ""),
                            url: sessionURL(index)),
                        cells: [
                            unitCell(session.host),
                            session.committee.map(unitCell) ?? ListPage.Cell(text: "–"),
                            ListPage.Cell(text: theme.string(UIString.label(session.kind))),
                            ListPage.Cell(text: session.topic ?? "–"),
                            ListPage.Cell(text: session.venue ?? "–"),
                        ])
                }
            })
    }

    /// A plan's page and the lists it shows the first rows of: its sessions (the bloc's, the
    /// committees'), the committees' compliance and the problems found.
    func planPage(_ plan: SamplePlan, layout: LayoutContext) -> (page: PlanPage, lists: [RowList]) {
        let indices = schedule.entries.indices.filter { schedule.entries[$0].session.plan == plan.number }
        let folder = [Self.root, plan.slug]
        let bloc = sessionList(
            folder + ["buoi-cua-khoi"], title: "\(plan.number): \(theme.string(.planBlocSessions))",
            indices: indices.filter { schedule.entries[$0].session.committee == nil })
        let committees = sessionList(
            folder + ["buoi-cua-co-so"], title: "\(plan.number): \(theme.string(.planCommitteeSessions))",
            indices: indices.filter { schedule.entries[$0].session.committee != nil })
        let rows = schedule.compliance[plan.number] ?? []
        let planFindings = schedule.findings.filter { $0.plan == plan.number }
        let problems = Dictionary(grouping: planFindings.filter { $0.code != .scheduleConflict }, by: \.unit)
        let compliance = RowList(
            output: .planList, folder: folder + ["thuc-hien"],
            title: "\(plan.number): \(theme.string(.planComplianceTitle))",
            columns: [ListPage.Column(title: theme.string(.colUnit))]
                + [UIString.colBranchCount, .colRequired, .colPlanned].map {
                    ListPage.Column(title: theme.string($0), numeric: true)
                } + [ListPage.Column(title: theme.string(.colStatus))],
            count: rows.count,
            rows: { range in
                rows[range].map { row in
                    // "Chưa đúng: <first problem>. <second problem>.": each problem a sentence of its own.
                    let reasons = (problems[row.committee] ?? []).map(message)
                    let status =
                        row.isCompliant
                        ? theme.string(.statusOk)
                        : theme.string(.statusProblem)
                            + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: ". ") + ".")
                    return ListPage.Row(
                        head: unitCell(row.committee),
                        cells: [
                            ListPage.Cell(text: String(row.branches), numeric: true),
                            ListPage.Cell(
                                text: String(row.required)
                                    + (row.needsBothKinds ? " " + theme.string(.bothKinds) : ""), numeric: true),
                            ListPage.Cell(text: "\(row.planned) (\(row.regular) + \(row.thematic))", numeric: true),
                            ListPage.Cell(text: status),
                        ])
                }
            })
        let findings = RowList(
            output: .planList, folder: folder + ["van-de"],
            title: "\(plan.number): \(theme.string(.planFindingsTitle))",
            columns: [
                ListPage.Column(title: theme.string(.colUnit)), ListPage.Column(title: theme.string(.colFinding)),
            ],
            count: planFindings.count,
            rows: { range in
                planFindings[range].map { finding in
                    let known = evaluation.organization[finding.unit] != nil
                    return ListPage.Row(
                        head: ListPage.Cell(text: unitName(finding.unit), url: known ? unitURL(finding.unit) : nil),
                        cells: [ListPage.Cell(text: message(finding))])
                }
            })
        let page = PlanPage(
            layout: layout.page(
                title: plan.title, current: nil,
                breadcrumb: [(theme.string(.navHome), urls.page([])), (theme.string(.scheduleTitle), url)]),
            number: plan.number, issued: plan.issued?.vietnamese,
            rule: plan.rule.map { rule in
                PlanPage.Rule(
                    threshold: String(rule.threshold), below: String(rule.below), atOrAbove: String(rule.atOrAbove))
            },
            blocSessions: bloc.preview(urls: urls), committeeSessions: committees.preview(urls: urls),
            compliance: compliance.preview(urls: urls),
            complianceSummary: Format.fill(
                theme.string(.planComplianceSummary),
                ["compliant": String(rows.filter(\.isCompliant).count), "total": String(rows.count)]),
            ruleText: plan.rule.map { rule in
                Format.fill(
                    theme.string(.planRuleText),
                    [
                        "threshold": String(rule.threshold), "below": String(rule.below),
                        "at_or_above": String(rule.atOrAbove),
                    ])
            },
            findings: findings.preview(urls: urls))
        return (page, [bloc, committees, compliance, findings])
    }

    func sessions(of unit: UnitID) -> [SessionModel] {
        (entriesByUnit[unit] ?? []).map { found in
            var item = entry(at: found.index)
            item.role = theme.string(found.hosts ? .roleHost : .roleAudience)
            return item
        }
    }

    func upcoming(limit: Int) -> [SessionModel] {
        schedule.entries.indices.filter { schedule.entries[$0].session.date >= today }.prefix(limit).map(entry)
    }

    func recent(limit: Int) -> [SessionModel] {
        schedule.entries.indices.filter { schedule.entries[$0].session.date < today }.suffix(limit).reversed().map(
            entry)
    }

    /// Every sample meeting for the search index.
    func searchDocuments() -> [SearchDocument] {
        schedule.entries.indices.map { index in
            let session = schedule.entries[index].session
            var text = [session.date.vietnamese, session.time?.description, session.venue, session.topic, session.plan]
                .compactMap {
                    $0
                }
            text.append(contentsOf: session.observers)
            return SearchDocument(
                title: sessionTitle(session), url: sessionURL(index),
                group: theme.string(.scheduleTitle),
                kind: theme.string(.searchKindSample), number: nil,
                sections: [SearchDocument.Section(anchor: "", heading: "", text: text.joined(separator: " · "))],
                category: .sample)
        }
    }
}
