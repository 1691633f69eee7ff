/// Which branches a bloc sample meeting is for (Kế hoạch 114-KH/ĐUK).
public struct Audience: Sendable, Hashable {
    public enum Level: String, Sendable, Hashable {
        /// Grassroots branches (chi bộ cơ sở).
        case grassroots
        /// Branches under grassroots committees (chi bộ trực thuộc).
        case subordinate
        /// Every branch.
        case all
    }

    public var level: Level
    /// Narrows the audience to these sectors; empty means every sector.
    public var sectors: [Sector]

    public init(level: Level, sectors: [Sector] = []) {
        self.level = level
        self.sectors = sectors
    }
}

/// One sample meeting (sinh hoạt chi bộ mẫu): hosted by a branch, attended by other branches to learn from.
public struct SampleSession: Sendable, Hashable {
    /// The number of the plan that schedules it.
    public var plan: String
    public var host: UnitID
    /// The grassroots committee whose own sample meeting this is; nil for a bloc session.
    public var committee: UnitID?
    public var kind: MeetingKind
    public var date: Day
    /// When the meeting starts, Vietnam time.
    public var time: TimeOfDay?
    public var venue: String?
    public var topic: String?
    /// For bloc sessions; a committee session's audience is the committee's own branches.
    public var audience: Audience?
    /// Bloc committee members attending.
    public var observers: [String]
    public var location: SourceLocation

    public init(
        plan: String, host: UnitID, committee: UnitID? = nil, kind: MeetingKind, date: Day, time: TimeOfDay? = nil,
        venue: String? = nil, topic: String? = nil, audience: Audience? = nil, observers: [String] = [],
        location: SourceLocation = SourceLocation(file: "plans/plan.yaml")
    ) {
        self.plan = plan
        self.host = host
        self.committee = committee
        self.kind = kind
        self.date = date
        self.time = time
        self.venue = venue
        self.topic = topic
        self.audience = audience
        self.observers = observers
        self.location = location
    }
}

/// How many sample meetings each grassroots committee plans: fewer branches than `threshold`,
/// `below` meetings of either kind; at least `threshold`, `atOrAbove`, one of each kind.
/// Kế hoạch 114-KH/ĐUK sets 8, 1 and 2; these are settings of the plan, not constants.
public struct CommitteeRule: Sendable, Hashable {
    public var threshold: Int
    public var below: Int
    public var atOrAbove: Int

    public init(threshold: Int, below: Int, atOrAbove: Int) {
        self.threshold = threshold
        self.below = below
        self.atOrAbove = atOrAbove
    }

    /// How many sample meetings a committee with `branches` branches must plan.
    public func required(branches: Int) -> Int { branches < threshold ? below : atOrAbove }

    /// Whether the committee must plan one meeting of each kind.
    public func needsBothKinds(branches: Int) -> Bool { branches >= threshold }
}

/// A sample-meeting plan from `plans/*.yaml`.
public struct SamplePlan: Sendable, Hashable {
    public var number: String
    public var title: String
    public var issued: Day?
    /// Sessions organised by the bloc.
    public var sessions: [SampleSession]
    public var rule: CommitteeRule?
    /// What each grassroots committee planned.
    public var committeeSessions: [SampleSession]
    public var sourcePath: String
    /// The plan's URL slug, from its file name.
    public var slug: String

    public init(
        number: String, title: String, issued: Day? = nil, sessions: [SampleSession] = [], rule: CommitteeRule? = nil,
        committeeSessions: [SampleSession] = [], sourcePath: String = "plans/plan.yaml", slug: String = "plan"
    ) {
        self.number = number
        self.title = title
        self.issued = issued
        self.sessions = sessions
        self.rule = rule
        self.committeeSessions = committeeSessions
        self.sourcePath = sourcePath
        self.slug = slug
    }

    public var allSessions: [SampleSession] { sessions + committeeSessions }
}

/// The codes of plan findings, fixed by the content format.
public enum PlanFindingCode: String, Sendable, Hashable, CaseIterable {
    case committeePlanMissing = "committee-plan-missing"
    case committeePlanExcess = "committee-plan-excess"
    case committeePlanKinds = "committee-plan-kinds"
    case hostOutsideCommittee = "host-outside-committee"
    case scheduleConflict = "schedule-conflict"
}

/// A problem with a plan; the theme turns `detail` into a sentence.
public struct PlanFinding: Sendable, Hashable {
    public enum Detail: Sendable, Hashable {
        /// A committee's count against the rule.
        case count(branches: Int, required: Int, planned: Int, regular: Int, thematic: Int)
        /// A committee session hosted by a branch that is not the committee's.
        case foreignHost(host: UnitID, date: Day)
        /// One host or observer in two sessions on one day.
        case conflict(who: String, isObserver: Bool, date: Day, hosts: [UnitID])
    }

    public var code: PlanFindingCode
    public var plan: String
    /// The committee (count and host findings) or the host (conflicts) the finding is about.
    public var unit: UnitID
    public var detail: Detail
}

/// One committee's plan against the rule.
public struct Compliance: Sendable, Hashable {
    public var committee: UnitID
    public var branches: Int
    public var required: Int
    public var needsBothKinds: Bool
    public var planned: Int
    public var regular: Int
    public var thematic: Int
    public var findings: [PlanFindingCode]

    public var isCompliant: Bool { findings.isEmpty }
}

/// The sample-meeting schedule: every session with its audience, each committee's compliance, findings.
public struct Schedule: Sendable {
    public struct Entry: Sendable, Hashable {
        public var session: SampleSession
        /// Branch ids, in the order of the units file; never the host.
        public var audience: [UnitID]
    }

    public var plans: [SamplePlan]
    /// Every session of every plan, by date, then time, then host.
    public var entries: [Entry]
    /// Per plan number, every grassroots committee's compliance.
    public var compliance: [String: [Compliance]]
    public var findings: [PlanFinding]

    public init(plans: [SamplePlan], organization: Organization) {
        self.plans = plans
        var entries: [Entry] = []
        var findings: [PlanFinding] = []
        var compliance: [String: [Compliance]] = [:]
        for plan in plans {
            for session in plan.allSessions {
                entries.append(Entry(session: session, audience: Self.audience(of: session, in: organization)))
            }
            for session in plan.committeeSessions {
                guard let committee = session.committee else { continue }
                if organization[session.host]?.parent != committee {
                    findings.append(
                        PlanFinding(
                            code: .hostOutsideCommittee, plan: plan.number, unit: committee,
                            detail: .foreignHost(host: session.host, date: session.date)))
                }
            }
            guard let rule = plan.rule else { continue }
            var rows: [Compliance] = []
            for committee in organization.committees {
                let branches = organization.branches(of: committee.id).count
                let own = plan.committeeSessions.filter { $0.committee == committee.id }
                let regular = own.filter { $0.kind == .regular }.count
                let thematic = own.count - regular
                let required = rule.required(branches: branches)
                var codes: [PlanFindingCode] = []
                if own.count < required { codes.append(.committeePlanMissing) }
                if own.count > required { codes.append(.committeePlanExcess) }
                if rule.needsBothKinds(branches: branches) && (regular == 0 || thematic == 0) {
                    codes.append(.committeePlanKinds)
                }
                let detail = PlanFinding.Detail.count(
                    branches: branches, required: required, planned: own.count, regular: regular, thematic: thematic)
                for code in codes {
                    findings.append(PlanFinding(code: code, plan: plan.number, unit: committee.id, detail: detail))
                }
                rows.append(
                    Compliance(
                        committee: committee.id, branches: branches, required: required,
                        needsBothKinds: rule.needsBothKinds(branches: branches), planned: own.count, regular: regular,
                        thematic: thematic, findings: codes))
            }
            compliance[plan.number] = rows
        }
        // A session without a time comes first in its day, as the empty text did.
        entries.sort {
            ($0.session.date, $0.session.time?.minutes ?? -1, $0.session.host) < (
                $1.session.date, $1.session.time?.minutes ?? -1, $1.session.host
            )
        }
        findings.append(contentsOf: Self.conflicts(entries.map(\.session)))
        self.entries = entries
        self.compliance = compliance
        self.findings = findings
    }

    /// The branches that attend a session: for a bloc session, the branches of its level and sectors;
    /// for a committee session, the committee's own branches. Never the host.
    public static func audience(of session: SampleSession, in organization: Organization) -> [UnitID] {
        let branches: [Unit]
        if let committee = session.committee {
            branches = organization.branches(of: committee)
        } else if let audience = session.audience {
            branches = organization.branches.filter { unit in
                let levelMatches: Bool
                switch audience.level {
                case .grassroots: levelMatches = unit.level == .grassrootsBranch
                case .subordinate: levelMatches = unit.level == .subordinateBranch
                case .all: levelMatches = true
                }
                return levelMatches && (audience.sectors.isEmpty || audience.sectors.contains(unit.sector))
            }
        } else {
            branches = []
        }
        return branches.map(\.id).filter { $0 != session.host }
    }

    /// One host or one observer in two sessions on the same date.
    static func conflicts(_ sessions: [SampleSession]) -> [PlanFinding] {
        var findings: [PlanFinding] = []
        let byDate = Dictionary(grouping: sessions, by: \.date)
        for date in byDate.keys.sorted() {
            guard let same = byDate[date], same.count > 1 else { continue }
            let hosts = Dictionary(grouping: same, by: \.host)
            for host in hosts.keys.sorted() where (hosts[host]?.count ?? 0) > 1 {
                findings.append(
                    PlanFinding(
                        code: .scheduleConflict, plan: same[0].plan, unit: host,
                        detail: .conflict(who: host.rawValue, isObserver: false, date: date, hosts: [host])))
            }
            var observers: [String: [SampleSession]] = [:]
            for session in same {
                for observer in Set(session.observers) { observers[observer, default: []].append(session) }
            }
            for observer in observers.keys.sorted() {
                guard let clashing = observers[observer], clashing.count > 1 else { continue }
                findings.append(
                    PlanFinding(
                        code: .scheduleConflict, plan: clashing[1].plan, unit: clashing[1].host,
                        detail: .conflict(who: observer, isObserver: true, date: date, hosts: clashing.map(\.host))))
            }
        }
        return findings
    }
}
