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

    /// The meetings one sentence of the letter counts, each of which has what the sentence says of
    /// them, in the order of the units file and then by date.
    public struct Counted: Sendable, Hashable {
        public var meetings: [BlocReport.CountedMeeting] = []

        public init(_ meetings: [BlocReport.CountedMeeting] = []) { self.meetings = meetings }

        public var count: Int { meetings.count }
        public var isEmpty: Bool { meetings.isEmpty }
        /// The branches of the meetings, each once, in the order of the meetings.
        public var branches: [UnitID] {
            var seen: Set<UnitID> = []
            return meetings.map(\.branch).filter { seen.insert($0).inserted }
        }
        /// Meetings by branch, the branches in the order of `branches`.
        public var byBranch: [(branch: UnitID, meetings: Int)] {
            var counts: [UnitID: Int] = [:]
            for meeting in meetings { counts[meeting.branch, default: 0] += 1 }
            return branches.map { ($0, counts[$0] ?? 0) }
        }
    }

    /// What the letter says of one criterion of a kind's rubric, from the share of the meetings that
    /// fall short of its maximum against `Targets.criterionShortShare`.
    public struct CriterionReview: Sendable, Hashable {
        public enum Verdict: Sendable, Hashable {
            /// Short of its maximum in at most the share: most meetings have it at full marks.
            case strength
            /// Short of its maximum in more than the share of the meetings.
            case weakness
        }

        public var criterion: Criterion
        /// The meetings with fewer points than the criterion's maximum.
        public var short: Counted
        /// Of how many meetings of the kind.
        public var of: Int
        public var verdict: Verdict

        /// The words the letter writes for this criterion, if the rubric gives them.
        public var phrase: String? { verdict == .strength ? criterion.strength : criterion.weakness }
    }

    /// Meetings that rated themselves above their computed rating, split by why, so that each
    /// sentence holds for every meeting it counts.
    public struct Overrating: Sendable, Hashable {
        /// Self-rated the best rating with the total high enough, but a criterion the best rating
        /// needs at full marks short of it (Quy định 14-QĐ/TU: "Tốt" needs 1, 2, 4, 5 at full marks).
        public var notFull = Counted()
        /// The criteria short among `notFull`, each at least once; every meeting of `notFull` has
        /// at least one of them short.
        public var notFullCriteria: [Int] = []
        /// Self-rated the best rating with a total under its minimum.
        public var belowTotal = Counted()
        /// The best rating's minimum total.
        public var minimumTotal = 0
        /// Every other self-rating above the computed one.
        public var other = Counted()
        /// The self-ratings of `other`, best first.
        public var otherRatings: [RatingName] = []
        /// The best rating's name.
        public var best: RatingName = ""
        /// The criteria the best rating needs at full marks.
        public var requiredFull: [Int] = []

        public var all: Counted {
            Counted(
                (notFull.meetings + belowTotal.meetings + other.meetings).sorted(by: BlocReport.CountedMeeting.ordered))
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
        /// The committees whose plan misses the rule, in the order of the units file.
        public var nonCompliant: [UnitID]
        /// Whether the plan's last session is within the reviewed range: a plan for a time that is
        /// over is learnt from, no longer completed.
        public var isOver: Bool
    }

    /// One kind of meeting's verdicts.
    public struct KindReview: Sendable, Hashable {
        public var figures: BlocReport.KindFigures
        public var speaking: Verdict
        public var attendance: Verdict
        /// Regular meetings only: the content format requires current affairs in those.
        public var currentAffairs: Verdict
        public var it: Verdict
        public var overrating: Overrating
        /// Every criterion of the kind's rubric, in the rubric's order.
        public var criteria: [CriterionReview]
        /// Regular meetings only: the meetings without current affairs.
        public var withoutCurrentAffairs: Counted
        /// The rubric of the kind's meetings in the range (the first meeting's, if they differ).
        public var rubric: Rubric?
        /// Whether some meeting's self-rating is above its computed rating.
        public var overrated: Bool { !overrating.all.isEmpty }

        public var criterionStrengths: [CriterionReview] {
            criteria.filter { $0.verdict == .strength && $0.phrase != nil }
        }
        public var criterionWeaknesses: [CriterionReview] {
            criteria.filter { $0.verdict == .weakness && $0.phrase != nil }
        }
        public var hasMeetings: Bool { figures.summary.meetings > 0 }
        public var strengths: Bool {
            [speaking, attendance, currentAffairs, it].contains(.met) || !criterionStrengths.isEmpty
        }
        public var weaknesses: Bool {
            [speaking, attendance, currentAffairs, it].contains(.missed) || overrated
                || !criterionWeaknesses.isEmpty
        }
    }

    public var report: BlocReport
    public var targets: Targets
    public var plans: [CitedPlan]
    public var regular: KindReview
    public var thematic: KindReview
    /// Committee members at subordinate branches' meetings, all kinds together.
    public var supervision: Verdict
    /// The meetings of the range whose record carries the remarks of a committee member who
    /// attended: for the clerk to draw on, never written into the letter by themselves.
    public var remarks: Counted
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
        precondition(report.isComplete, "a letter is drafted from the report with its lists")
        self.report = report
        let targets = evaluation.targets
        self.targets = targets
        // The overrated meetings, found once for both kinds: a pass over every meeting of the range.
        let overrated = report.overrated
        func review(_ kind: MeetingKind) -> KindReview {
            let figures = report[kind]
            let summary = figures.summary
            let regularMeetings = summary.meetings > 0 && kind == .regular
            // The kind's meetings in the range, gathered once for every sentence that counts them.
            let meetings = report.meetings(of: kind, in: evaluation)
            return KindReview(
                figures: figures,
                speaking: Verdict(summary.speakingRate, target: targets.speakingRate),
                attendance: Verdict(summary.attendanceRate, target: targets.attendanceRate),
                currentAffairs: regularMeetings
                    ? Verdict(
                        Double(summary.currentAffairs) / Double(summary.meetings), target: targets.currentAffairsRate)
                    : .none,
                it: summary.meetings > 0
                    ? Verdict(Double(summary.usedIT) / Double(summary.meetings), target: targets.itRate) : .none,
                overrating: Self.overrating(overrated, kind: kind, evaluation: evaluation),
                criteria: Self.criteria(meetings, in: evaluation, share: evaluation.targets.criterionShortShare),
                withoutCurrentAffairs: Counted(
                    kind == .regular ? meetings.filter { !$0.meeting(in: evaluation).meeting.currentAffairs } : []),
                rubric: meetings.first?.meeting(in: evaluation).rubric)
        }
        regular = review(.regular)
        thematic = review(.thematic)
        supervision = Verdict(report.summary.supervisedShare, target: targets.supervisionRate)
        plans = Self.plans(schedule, range: report.range, organization: evaluation.organization)
        remarks = Self.remarks(report, evaluation: evaluation)
    }

    /// The meetings of the report's range with a committee member's remarks, by branch and date.
    public static func remarks(_ report: BlocReport, evaluation: Evaluation) -> Counted {
        Counted(
            MeetingKind.allCases.flatMap { report.meetings(of: $0, in: evaluation) { $0.meeting.remarks != nil } }
                .sorted(by: BlocReport.CountedMeeting.ordered))
    }

    /// The overrated meetings of `kind` among the report's `overrated`, by why their self-rating is too high.
    static func overrating(_ overrated: [BlocReport.OverratedMeeting], kind: MeetingKind, evaluation: Evaluation)
        -> Overrating
    {
        var result = Overrating()
        var criteria: Set<Int> = []
        var others: [Int: RatingName] = [:]
        for overrated in overrated {
            let counted = overrated.counted
            let evaluated = counted.meeting(in: evaluation)
            guard evaluated.meeting.kind == kind else { continue }
            result.best = evaluated.rubric.ratings.first?.name ?? result.best
            result.requiredFull = evaluated.rubric.ratings.first?.requireFull ?? result.requiredFull
            let notFull = overrated.blockers.compactMap { blocker -> Int? in
                if case .notFull(let criterion, _, _) = blocker { return criterion }
                return nil
            }
            let belowTotal = overrated.blockers.contains {
                if case .total = $0 { return true }
                return false
            }
            if evaluated.selfRank == 0 && belowTotal {
                result.belowTotal.meetings.append(counted)
                result.minimumTotal = evaluated.rubric.ratings.first?.minTotal ?? 0
            } else if evaluated.selfRank == 0 && !notFull.isEmpty {
                result.notFull.meetings.append(counted)
                criteria.formUnion(notFull)
            } else {
                result.other.meetings.append(counted)
                others[evaluated.selfRank] = evaluated.meeting.selfRating
            }
        }
        result.notFullCriteria = criteria.sorted()
        result.otherRatings = others.sorted { $0.key < $1.key }.map(\.value)
        return result
    }

    /// Each criterion of the kind's rubric against `Targets.criterionShortShare`.
    static func criteria(_ meetings: [BlocReport.CountedMeeting], in evaluation: Evaluation, share: Double)
        -> [CriterionReview]
    {
        guard let rubric = meetings.first?.meeting(in: evaluation).rubric else { return [] }
        return rubric.criteria.map { criterion in
            let short = meetings.filter { counted in
                let scores = counted.meeting(in: evaluation).meeting.scores
                return criterion.id - 1 >= scores.count || scores[criterion.id - 1] < criterion.max
            }
            let isWeak = Double(short.count) > share * Double(meetings.count)
            return CriterionReview(
                criterion: criterion, short: Counted(short), of: meetings.count,
                verdict: isWeak ? .weakness : .strength)
        }
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
            let last = plan.allSessions.map(\.date).max()
            return CitedPlan(
                plan: plan, groups: groups, committees: compliance.count,
                compliant: compliance.filter(\.isCompliant).count,
                nonCompliant: compliance.filter { !$0.isCompliant }.map(\.committee),
                isOver: last.map { $0 <= range.to } ?? false)
        }
    }
}
