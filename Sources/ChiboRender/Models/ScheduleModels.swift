import ChiboModel
import ChiboTemplate

/// A sample meeting as the schedule, plan, home and unit pages show it.
struct SessionModel: TemplateModel, Hashable {
    var anchor: String
    var title: String
    var date: String
    var dateISO: String
    var time: String?
    var kind: String
    var host: UnitLink
    var committee: UnitLink?
    var venue: String?
    var topic: String?
    var audienceCount: String
    var status: String
    var statusLabel: String
    var recordURL: String?
    var plan: String
    var scheduleURL: String
    var audience: [UnitLink]
    /// The page of the audience, when it is too long to list with the session.
    var audienceURL: String?
    var observers: [String]
    var observerNames: String
    /// On a unit's page: whether the unit hosts the session or attends it.
    var role: String?

    static let templateFields = TemplateFields<Self>([
        "anchor": .text(\.anchor),
        "title": .text(\.title),
        "date": .text(\.date),
        "date_iso": .text(\.dateISO),
        "time": .optional(\.time),
        "kind": .text(\.kind),
        "host": .model(\.host),
        "committee": .optional(\.committee),
        "venue": .optional(\.venue),
        "topic": .optional(\.topic),
        "audience_count": .text(\.audienceCount),
        "status": .text(\.status),
        "status_label": .text(\.statusLabel),
        "record_url": .optional(\.recordURL),
        "plan": .text(\.plan),
        "schedule_url": .text(\.scheduleURL),
        "audience": .list(\.audience),
        "has_audience": .flag { !$0.audience.isEmpty },
        "audience_url": .optional(\.audienceURL),
        "observers": .list(\.observers),
        "has_observers": .flag { !$0.observers.isEmpty },
        "observer_names": .text(\.observerNames),
        "role": .optional(\.role),
    ])
}

struct MonthModel: TemplateModel, Hashable {
    var title: String
    var id: String
    /// Whether the month began on an earlier page.
    var continued = false
    var sessions: [SessionModel]
    static let templateFields = TemplateFields<Self>([
        "title": .text(\.title), "id": .text(\.id), "continued": .flag(\.continued), "sessions": .list(\.sessions),
        "has_sessions": .flag { !$0.sessions.isEmpty },
    ])
}

struct PlanLink: TemplateModel, Hashable {
    var number: String
    var title: String
    var url: String
    static let templateFields = TemplateFields<Self>([
        "number": .text(\.number), "title": .text(\.title), "url": .text(\.url),
    ])
}

struct SchedulePage: PageModel {
    var layout: LayoutModel
    var months: [MonthModel]
    /// Every month of the schedule, linked where it starts.
    var monthLinks: [Crumb]
    var plans: [PlanLink]
    var intro: String
    var icsURL: String
    var jsonURL: String
    var pager: PagerModel

    static let templateFields = fields([
        "months": .list(\.months),
        "month_links": .list(\.monthLinks),
        "pager": .model(\.pager),
        "has_months": .flag { !$0.months.isEmpty },
        "plans": .list(\.plans),
        "has_plans": .flag { !$0.plans.isEmpty },
        "intro": .text(\.intro),
        "ics_url": .text(\.icsURL),
        "json_url": .text(\.jsonURL),
    ])
}

struct PlanPage: PageModel {
    struct Rule: TemplateModel, Hashable {
        var threshold: String
        var below: String
        var atOrAbove: String
        static let templateFields = TemplateFields<Self>([
            "threshold": .text(\.threshold), "below": .text(\.below), "at_or_above": .text(\.atOrAbove),
        ])
    }

    var layout: LayoutModel
    var number: String
    var issued: String?
    var rule: Rule?
    var blocSessions: ListPreview
    var committeeSessions: ListPreview
    var compliance: ListPreview
    var complianceSummary: String
    var ruleText: String?
    var findings: ListPreview

    static let templateFields = fields([
        "number": .text(\.number),
        "issued": .optional(\.issued),
        "rule": .optional(\.rule),
        "bloc_sessions": .model(\.blocSessions),
        "committee_sessions": .model(\.committeeSessions),
        "compliance": .model(\.compliance),
        "compliance_summary": .text(\.complianceSummary),
        "rule_text": .optional(\.ruleText),
        "findings": .model(\.findings),
    ])
}
