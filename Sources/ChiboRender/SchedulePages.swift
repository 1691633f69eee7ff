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

    static let root = "lich-sinh-hoat-mau"

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

    static var stringKeys: [String] {
        PlanFindingCode.allCases.map { "plan_" + $0.rawValue.replacing(ascii: "-", with: "_") } + [
            "plan_schedule_conflict_observer", "schedule_title", "month_heading", "sample_regular", "sample_thematic",
            "status_past",
            "status_today", "status_upcoming", "plan_kinds_suffix",
        ]
    }

    static func anchor(_ session: SampleSession) -> String {
        "smm-\(session.date)-\(session.host)-\(session.kind.rawValue)"
    }

    // MARK: - Text

    func sessionTitle(_ session: SampleSession) -> String {
        Format.fill(
            theme.string(session.kind == .regular ? "sample_regular" : "sample_thematic"),
            ["host": unitName(session.host)])
    }

    func message(_ finding: PlanFinding) -> String {
        let key = "plan_" + finding.code.rawValue.replacing(ascii: "-", with: "_")
        let rule = schedule.plans.first { $0.number == finding.plan }?.rule
        switch finding.detail {
        case .count(let branches, let required, let planned, let regular, let thematic):
            let kinds = (rule?.needsBothKinds(branches: branches) ?? false) ? theme.string("plan_kinds_suffix") : ""
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
                theme.string(isObserver ? "plan_schedule_conflict_observer" : key),
                [
                    "who": isObserver ? who : unitName(UnitID(who)), "date": date.vietnamese,
                    "hosts": hosts.map(unitName).joined(separator: theme.string("list_separator")),
                ])
        }
    }

    func status(_ date: Day) -> (key: String, label: String) {
        let key = date < today ? "past" : date == today ? "today" : "upcoming"
        return (key, theme.string("status_" + key))
    }

    // MARK: - Models

    func entry(_ entry: Schedule.Entry) -> SessionModel {
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
            kind: theme.string(ScorecardPages.key(session.kind)),
            host: unitLink(session.host), committee: session.committee.map(unitLink), venue: session.venue,
            topic: session.topic, audienceCount: String(entry.audience.count), status: state.key,
            statusLabel: state.label,
            recordURL: recorded
                ? unitURL(session.host) + "#" + SiteURLs.meetingAnchor(date: session.date, kind: session.kind) : nil,
            plan: session.plan, scheduleURL: url + "#" + Self.anchor(session), audience: entry.audience.map(unitLink),
            observers: session.observers,
            observerNames: session.observers.joined(separator: theme.string("list_separator")))
    }

    func pages(layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        guard !isEmpty else { return [] }
        var result = [
            PageJob(path: SiteURLs.pageFile([Self.root]), template: templates.schedule) {
                schedulePage(layout: layout)
            }
        ]
        for plan in schedule.plans {
            result.append(
                PageJob(path: SiteURLs.pageFile([Self.root, plan.slug]), template: templates.plan) {
                    planPage(plan, layout: layout)
                })
        }
        return result
    }

    func schedulePage(layout: LayoutContext) -> SchedulePage {
        var months: [MonthModel] = []
        var current: (year: Int, month: Int)?
        var items: [SessionModel] = []
        func flush() {
            guard let current, !items.isEmpty else { return }
            let part = PeriodPart(year: current.year, number: current.month, kind: .month)
            months.append(
                MonthModel(
                    title: Format.fill(
                        theme.string("month_heading"), ["month": part.number.zeroPadded(2), "year": String(part.year)]),
                    id: "thang-\(part.slug)", sessions: items))
        }
        for scheduled in schedule.entries {
            let key = (scheduled.session.date.year, scheduled.session.date.month)
            if current.map({ $0 != key }) ?? true {
                flush()
                current = key
                items = []
            }
            items.append(entry(scheduled))
        }
        flush()
        return SchedulePage(
            layout: layout.page(
                title: theme.string("schedule_title"), current: url,
                breadcrumb: [(theme.string("nav_home"), urls.page([]))]),
            months: months,
            plans: schedule.plans.map { PlanLink(number: $0.number, title: $0.title, url: planURL($0)) },
            intro: Format.fill(theme.string("schedule_intro"), ["today": today.vietnamese]),
            icsURL: urls.file("schedule.ics"), jsonURL: urls.file("data/schedule.json"))
    }

    func planPage(_ plan: SamplePlan, layout: LayoutContext) -> PlanPage {
        let entries = schedule.entries.filter { $0.session.plan == plan.number }
        let rows = schedule.compliance[plan.number] ?? []
        let compliance = rows.map { row in
            PlanPage.ComplianceRow(
                committee: UnitLink(name: unitName(row.committee), url: unitURL(row.committee)),
                branches: String(row.branches), required: String(row.required), bothKinds: row.needsBothKinds,
                planned: String(row.planned), regular: String(row.regular), thematic: String(row.thematic),
                compliant: row.isCompliant,
                findings: schedule.findings.filter {
                    $0.plan == plan.number && $0.unit == row.committee && $0.code != .scheduleConflict
                }
                .map { PlanFindingModel(message: message($0), code: $0.code.rawValue) })
        }
        return PlanPage(
            layout: layout.page(
                title: plan.title, current: nil,
                breadcrumb: [(theme.string("nav_home"), urls.page([])), (theme.string("schedule_title"), url)]),
            number: plan.number, issued: plan.issued?.vietnamese,
            rule: plan.rule.map { rule in
                PlanPage.Rule(
                    threshold: String(rule.threshold), below: String(rule.below), atOrAbove: String(rule.atOrAbove))
            },
            blocSessions: entries.filter { $0.session.committee == nil }.map(entry),
            committeeSessions: entries.filter { $0.session.committee != nil }.map(entry), compliance: compliance,
            complianceSummary: Format.fill(
                theme.string("plan_compliance_summary"),
                ["compliant": String(rows.filter(\.isCompliant).count), "total": String(rows.count)]),
            ruleText: plan.rule.map { rule in
                Format.fill(
                    theme.string("plan_rule_text"),
                    [
                        "threshold": String(rule.threshold), "below": String(rule.below),
                        "at_or_above": String(rule.atOrAbove),
                    ])
            },
            findings: schedule.findings.filter { $0.plan == plan.number }.map {
                PlanFindingModel(message: message($0), code: $0.code.rawValue)
            })
    }

    func sessions(of unit: UnitID) -> [SessionModel] {
        (entriesByUnit[unit] ?? []).map { found in
            var item = entry(schedule.entries[found.index])
            item.role = theme.string(found.hosts ? "role_host" : "role_audience")
            return item
        }
    }

    func upcoming(limit: Int) -> [SessionModel] {
        schedule.entries.filter { $0.session.date >= today }.prefix(limit).map(entry)
    }

    func recent(limit: Int) -> [SessionModel] {
        schedule.entries.filter { $0.session.date < today }.suffix(limit).reversed().map(entry)
    }

    /// Every sample meeting for the search index.
    func searchDocuments() -> [SearchDocument] {
        schedule.entries.map { entry in
            let session = entry.session
            var text = [session.date.vietnamese, session.time?.description, session.venue, session.topic, session.plan]
                .compactMap {
                    $0
                }
            text.append(contentsOf: session.observers)
            return SearchDocument(
                title: sessionTitle(session), url: url + "#" + Self.anchor(session),
                group: theme.string("schedule_title"),
                kind: theme.string("search_kind_sample"), number: nil,
                sections: [SearchDocument.Section(anchor: "", heading: "", text: text.joined(separator: " · "))])
        }
    }
}
