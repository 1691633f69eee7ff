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
        "observers": .list(\.observers),
        "has_observers": .flag { !$0.observers.isEmpty },
        "observer_names": .text(\.observerNames),
        "role": .optional(\.role),
    ])
}

struct MonthModel: TemplateModel, Hashable {
    var title: String
    var id: String
    var sessions: [SessionModel]
    static let templateFields = TemplateFields<Self>([
        "title": .text(\.title), "id": .text(\.id), "sessions": .list(\.sessions),
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
    var plans: [PlanLink]
    var intro: String
    var icsURL: String
    var jsonURL: String

    static let templateFields = fields([
        "months": .list(\.months),
        "has_months": .flag { !$0.months.isEmpty },
        "plans": .list(\.plans),
        "has_plans": .flag { !$0.plans.isEmpty },
        "intro": .text(\.intro),
        "ics_url": .text(\.icsURL),
        "json_url": .text(\.jsonURL),
    ])
}

struct PlanFindingModel: TemplateModel, Hashable {
    var message: String
    var code: String
    static let templateFields = TemplateFields<Self>(["message": .text(\.message), "code": .text(\.code)])
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

    struct ComplianceRow: TemplateModel, Hashable {
        var committee: UnitLink
        var branches: String
        var required: String
        var bothKinds: Bool
        var planned: String
        var regular: String
        var thematic: String
        var compliant: Bool
        var findings: [PlanFindingModel]
        static let templateFields = TemplateFields<Self>([
            "committee": .model(\.committee), "branches": .text(\.branches), "required": .text(\.required),
            "both_kinds": .flag(\.bothKinds), "planned": .text(\.planned), "regular": .text(\.regular),
            "thematic": .text(\.thematic), "compliant": .flag(\.compliant), "findings": .list(\.findings),
            "has_findings": .flag { !$0.findings.isEmpty },
        ])
    }

    var layout: LayoutModel
    var number: String
    var issued: String?
    var rule: Rule?
    var blocSessions: [SessionModel]
    var committeeSessions: [SessionModel]
    var compliance: [ComplianceRow]
    var complianceSummary: String
    var ruleText: String?
    var findings: [PlanFindingModel]

    static let templateFields = fields([
        "number": .text(\.number),
        "issued": .optional(\.issued),
        "rule": .optional(\.rule),
        "bloc_sessions": .list(\.blocSessions),
        "has_bloc_sessions": .flag { !$0.blocSessions.isEmpty },
        "committee_sessions": .list(\.committeeSessions),
        "has_committee_sessions": .flag { !$0.committeeSessions.isEmpty },
        "compliance": .list(\.compliance),
        "has_compliance": .flag { !$0.compliance.isEmpty },
        "compliance_summary": .text(\.complianceSummary),
        "rule_text": .optional(\.ruleText),
        "findings": .list(\.findings),
        "has_findings": .flag { !$0.findings.isEmpty },
    ])
}
