/// What the committee's review letter (like Công văn 750-CV/ĐUK) says, decided from one report: the
/// plans it follows up, and for each kind of meeting which figures are strengths and which are
/// weaknesses against the targets of `site.yaml`. The wording is the theme's; this is what is true.
public struct ReviewLetter: Sendable {
    /// A figure against its target: met (a strength), missed (a weakness), or nothing to measure.
    public enum Verdict: Sendable, Hashable {
        case met
        case missed
        case none

        /// A share against a target: at or above it is met.
        public init(_ share: Double?, target: Double) {
            guard let share else {
                self = .none
                return
            }
            self = share >= target ? .met : .missed
        }
    }

    /// Sample sessions of a plan's that have the same kind and audience, with the audience's size.
    public struct SessionGroup: Sendable, Hashable {
        public var kind: MeetingKind
        public var audience: Audience
        /// How many branches host such a session, and how many branches they are for (the hosts'
        /// audiences together, each branch once).
        public var hosts: Int
        public var audienceSize: Int
    }

    /// A sample-meeting plan the letter follows up: its bloc sessions grouped, its rule for the
    /// grassroots committees and how many committees planned as it asks.
    public struct CitedPlan: Sendable, Hashable {
        public var plan: SamplePlan
        public var groups: [SessionGroup]
        /// The committees the rule applies to, and those whose plan meets it.
        public var committees: Int
        public var compliant: Int
    }

    /// One kind of meeting's verdicts.
    public struct KindReview: Sendable, Hashable {
        public var figures: BlocReport.KindFigures
        public var speaking: Verdict
        public var attendance: Verdict
        /// Regular meetings only: the content format requires current affairs in those.
        public var currentAffairs: Verdict
        public var it: Verdict
        /// Whether some meeting's self-rating is above its computed rating.
        public var overrated: Bool { (figures.summary.findings[.overrated] ?? 0) > 0 }

        public var hasMeetings: Bool { figures.summary.meetings > 0 }
        public var strengths: Bool { [speaking, attendance, currentAffairs, it].contains(.met) }
        public var weaknesses: Bool { [speaking, attendance, currentAffairs, it].contains(.missed) || overrated }
    }

    public var report: BlocReport
    public var targets: Targets
    public var plans: [CitedPlan]
    public var regular: KindReview
    public var thematic: KindReview
    /// Committee members at subordinate branches' meetings, all kinds together.
    public var supervision: Verdict
    /// Branches that left political study out of a regular meeting that required it.
    public var skippedStudy: [BlocReport.BranchCount] { report.skippedPoliticalStudy }
    /// The quarters of the range in which some branch held no thematic meeting.
    public var thematicGaps: [BlocReport.QuarterThematic] {
        report.thematicByQuarter.filter { !$0.branchesWithout.isEmpty }
    }

    public var hasWeaknesses: Bool {
        regular.weaknesses || thematic.weaknesses || !skippedStudy.isEmpty || !thematicGaps.isEmpty
            || supervision == .missed || plans.contains { $0.compliant < $0.committees }
    }

    public init(_ report: BlocReport, evaluation: Evaluation, schedule: Schedule) {
        self.report = report
        let targets = evaluation.targets
        self.targets = targets
        func review(_ kind: MeetingKind) -> KindReview {
            let figures = report[kind]
            let summary = figures.summary
            let regularMeetings = summary.meetings > 0 && kind == .regular
            return KindReview(
                figures: figures,
                speaking: Verdict(summary.speakingRate, target: targets.speakingRate),
                attendance: Verdict(summary.attendanceRate, target: targets.attendanceRate),
                currentAffairs: regularMeetings
                    ? Verdict(
                        Double(summary.currentAffairs) / Double(summary.meetings), target: targets.currentAffairsRate)
                    : .none,
                it: summary.meetings > 0
                    ? Verdict(Double(summary.usedIT) / Double(summary.meetings), target: targets.itRate) : .none)
        }
        regular = review(.regular)
        thematic = review(.thematic)
        supervision = Verdict(report.summary.supervisedShare, target: targets.supervisionRate)
        plans = Self.plans(schedule, range: report.range, organization: evaluation.organization)
    }

    /// The plans with a session in `range`, or issued in it.
    static func plans(_ schedule: Schedule, range: DateRange, organization: Organization) -> [CitedPlan] {
        schedule.plans.compactMap { plan in
            let inRange = plan.allSessions.contains { range.contains($0.date) }
            guard inRange || plan.issued.map(range.contains) == true else { return nil }
            var groups: [SessionGroup] = []
            var audiences: [[UnitID]] = []
            for session in plan.sessions {
                guard let audience = session.audience else { continue }
                let members = Schedule.audience(of: session, in: organization)
                if let index = groups.firstIndex(where: { $0.kind == session.kind && $0.audience == audience }) {
                    groups[index].hosts += 1
                    audiences[index] += members
                } else {
                    groups.append(SessionGroup(kind: session.kind, audience: audience, hosts: 1, audienceSize: 0))
                    audiences.append(members)
                }
            }
            for index in groups.indices { groups[index].audienceSize = Set(audiences[index]).count }
            let compliance = schedule.compliance[plan.number] ?? []
            return CitedPlan(
                plan: plan, groups: groups, committees: compliance.count,
                compliant: compliance.filter(\.isCompliant).count)
        }
    }
}
