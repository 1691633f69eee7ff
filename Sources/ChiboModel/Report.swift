import ChiboSupport
import Synchronization

/// The bloc reports, computed once from the evaluations before anything is rendered; the report
/// pages (and any other output) read them: the report of `period`, and the report of every
/// calendar year with records with its quarters. The reports are kept light (their figures, not
/// the units behind them, see `BlocReport.light()`); a report's pages take it `complete()`.
///
/// A year's report covers the calendar year, cut at the first record's month and at the last
/// record's month (no month before the committee kept records, or after the last one, counts as
/// missed), so that adding a later year leaves an earlier year's report as it was. A year whose
/// range is `period` is evaluated once for both.
public struct BlocReports: Sendable {
    /// The period's report; nil when the content has no period (no meetings).
    public let period: BlocReport?
    /// The reports of the period's quarters, taken from the years' reports, in order.
    public let quarters: [BlocReport]
    /// One report per calendar year with records, earliest first.
    public let years: [BlocReport]
    /// Every year's quarters, earliest first.
    public let yearQuarters: [BlocReport]
    /// Each unit's figures in each year, by year: its history, taken while the year's evaluation
    /// was at hand.
    let figuresByYear: [Int: [UnitID: YearFigures]]

    /// The reports of `evaluation` (the period's) and of every year of `meetings`.
    ///
    /// The years are evaluated one after another and each evaluation is let go once its reports,
    /// the units' figures and the rankings' tallies are taken from it: a report's pages evaluate
    /// its year again when they render (`BlocReport.evaluation`), so that at the nation's size
    /// (five years of 800,000 meetings) no more than the period's and one year's are held at once.
    public init(_ evaluation: Evaluation, content: Content) {
        guard let periodRange = evaluation.period else {
            (period, quarters, years, yearQuarters, figuresByYear) = (nil, [], [], [], [:])
            return
        }
        let periodSource = EvaluationSource(evaluation)
        let ranges = Self.yearRanges(content.meetings.map(\.date))
        let (organization, rubrics, meetings, settings) =
            (content.organization, content.rubrics, content.meetings, content.settings)
        var years: [BlocReport] = []
        var yearQuarters: [BlocReport] = []
        var figuresByYear: [Int: [UnitID: YearFigures]] = [:]
        for range in ranges {
            // The period's own evaluation where the ranges agree.
            let source =
                range == periodRange
                ? periodSource
                : EvaluationSource {
                    var yearly = settings
                    yearly.period = range
                    return Evaluation.evaluate(
                        organization: organization, rubrics: rubrics, meetings: meetings, settings: yearly)
                }
            let yearly = source.evaluation
            let jobs: [PeriodPart?] = [nil] + yearly.quarters
            // Kept light: their lists are made again, with their pages (`complete()`).
            let reports = Parallel.map(jobs) { quarter in
                BlocReport(source, quarter: quarter, year: quarter == nil ? range.from.year : nil).light()
            }
            years.append(reports[0])
            yearQuarters += reports.dropFirst()
            figuresByYear[range.from.year] = Self.figures(yearly, range: range)
            source.release()
        }
        // The period's report is its year's, when it is a year, named as the period's.
        var periodReport =
            years.first { $0.range == periodRange } ?? BlocReport(periodSource, quarter: nil, year: nil).light()
        periodReport.year = nil
        period = periodReport
        self.years = years
        self.yearQuarters = yearQuarters
        self.figuresByYear = figuresByYear
        let parts = Set(evaluation.quarters)
        quarters = yearQuarters.filter { $0.quarter.map(parts.contains) ?? false }
    }

    /// The range of each calendar year that `dates` touch: the year, from the first date's month to
    /// the last date's month.
    public static func yearRanges(_ dates: [Day]) -> [DateRange] {
        guard let first = dates.min(), let last = dates.max() else { return [] }
        let start = first.monthPart.range.from
        let end = last.monthPart.range.to
        return (first.year...last.year).compactMap { year in
            guard let from = Day(year: year, month: 1, day: 1), let to = Day(year: year, month: 12, day: 31) else {
                return nil
            }
            // A year between two with records has its report too: its months without a meeting are findings.
            return DateRange(from: Swift.max(from, start), to: Swift.min(to, end))
        }
    }
}

/// The figures a letter like Công văn 750-CV/ĐUK is written from, for the whole period or a part
/// of it, each with the branches behind it.
public struct BlocReport: Sendable {
    public struct UnitCount: Sendable, Hashable {
        public var sector: Sector
        public var level: UnitLevel
        public var units: [UnitID]
    }

    public struct BranchCount: Sendable, Hashable {
        public var branch: UnitID
        public var count: Int
        /// Of how many meetings that could have had it.
        public var of: Int
    }

    public struct OverratedMeeting: Sendable, Hashable {
        public var counted: CountedMeeting
        public var date: Day
        public var blockers: [RatingBlocker]
    }

    /// A branch's meeting, named by where the evaluation holds it rather than copied (a letter
    /// counts hundreds of thousands at the nation's size): the branch's scorecard, which is its
    /// position in the units file, and the meeting's position on it, by date.
    public struct CountedMeeting: Sendable, Hashable {
        public var branch: UnitID
        /// The branch's position in the units file, and its scorecard's in the evaluation.
        public var order: Int
        /// The meeting's position on the branch's scorecard.
        public var index: Int

        public init(branch: UnitID, order: Int, index: Int) {
            self.branch = branch
            self.order = order
            self.index = index
        }

        /// The meeting in the evaluation it was counted in.
        public func meeting(in evaluation: Evaluation) -> EvaluatedMeeting {
            evaluation.scorecards[order].meetings[index]
        }

        /// Units file order, then by date: a branch's scorecard lists its meetings by date.
        public static func ordered(_ a: Self, _ b: Self) -> Bool { (a.order, a.index) < (b.order, b.index) }
    }

    public struct RateBucket: Sendable, Hashable {
        /// Lower bound, inclusive, and upper bound, exclusive (nil: no upper bound).
        public var lower: Double
        public var upper: Double?
        public var meetings: Int
        public var branches: [UnitID]
    }

    public struct QuarterThematic: Sendable, Hashable {
        public var quarter: PeriodPart
        public var meetings: Int
        public var branchesWith: [UnitID]
        public var branchesWithout: [UnitID]
    }

    public struct CommitteeAttendance: Sendable, Hashable {
        public var committee: UnitID
        public var meetings: Int
        public var supervised: Int
        public var branchesNeverSupervised: [UnitID]
    }

    /// The figures of one kind of meeting: what a review letter says about regular and about
    /// thematic meetings, each with the branches behind it.
    public struct KindFigures: Sendable, Hashable {
        public var kind: MeetingKind
        /// The branches' meetings of the kind in the range.
        public var summary = Summary()
        /// Branches with a meeting of the kind in the range.
        public var branches: [UnitID] = []
        /// Branches whose speaking rate, and whose attendance, over their meetings of the kind is
        /// below the target.
        public var belowSpeakingTarget: [UnitID] = []
        public var belowAttendanceTarget: [UnitID] = []
        /// Branches with a meeting of the kind without current affairs, and with one without IT.
        public var withoutCurrentAffairs: [UnitID] = []
        public var withoutIT: [UnitID] = []
        /// Branches with a self-rating above the computed rating.
        public var overratedBranches: [UnitID] = []
        /// The criteria, by id, that kept an overrated meeting from its self-rating by not being at
        /// full marks; and how many overrated meetings had too few points in all.
        public var overratedCriteria: [Int] = []
        public var overratedBelowTotal = 0

        public init(kind: MeetingKind) { self.kind = kind }
    }

    public var range: DateRange
    /// The quarter this report covers, nil for the whole period or a year.
    public var quarter: PeriodPart?
    /// The calendar year this report covers, nil for the period or a quarter.
    public var year: Int?
    /// The evaluation the report was computed from: the period's or its year's, evaluated again
    /// when its year's was let go (see `BlocReports`).
    public var evaluation: Evaluation { source.evaluation }
    let source: EvaluationSource
    /// Lets a year's evaluation go once its pages are made; it is made again if asked for. The
    /// period's is kept.
    public func releaseEvaluation() { source.release() }
    /// Lets a year's evaluation go once its pages are made, with the records it is made from:
    /// nothing may ask for it after. The period's is kept.
    public func retireEvaluation() { source.retire() }
    /// For the tests: whether the evaluation is held now, and how many times it was made.
    package var holdsEvaluation: Bool { source.holds }
    package var evaluationsMade: Int { source.made.load(ordering: .relaxed) }
    /// The quarters of the evaluation's period: a year's or the period's.
    public var parts: [PeriodPart]
    /// The rankings' tallies of each level ranked, for the period's and the years' reports: what
    /// the next period's rankings compare with.
    var tallies: [UnitLevel: [(UnitID, Ranking.Tally)]] = [:]
    /// The report's folder under the report's root: the quarter's (`2024-q1`) or the year's
    /// (`2024`); nil for the period's report, which is the root.
    public var slug: String? { quarter?.slug ?? year.map(String.init) }
    public var unitCounts: [UnitCount]
    /// Every branch's meetings in the range.
    public var summary: Summary
    public var bySector: [(sector: Sector, summary: Summary)]
    public var byLevel: [(level: UnitLevel, summary: Summary)]
    /// Meetings rated above their computed rating, by date: found again at each use, as a year's
    /// may be many thousands.
    public var overrated: [OverratedMeeting] { Self.overrated(evaluation, range: range) }
    public var skippedPoliticalStudy: [BranchCount]
    public var skippedCurrentAffairs: [BranchCount]
    /// Meetings by speaking rate, in buckets of 10 percentage points up to 50%.
    public var speakingBuckets: [RateBucket]
    /// Branches whose speaking rate over the range is below the target, lowest first.
    public var branchesBelowSpeakingTarget: [(branch: UnitID, rate: Double)]
    public var thematicByQuarter: [QuarterThematic]
    public var committeeAttendance: [CommitteeAttendance]
    /// Branches with a given computed rating, by rating name.
    public var branchesByRating: [RatingName: [UnitID]]
    /// Branches with at least one finding of a code.
    public var branchesByFinding: [FindingCode: [UnitID]]
    /// Regular meetings, then thematic ones.
    public var byKind: [KindFigures]
    /// Whether the report has the units behind its figures (its lists); a light one has its figures
    /// only, and `complete()` makes them again from its evaluation.
    public private(set) var isComplete = true

    /// The report without the units behind its figures, for a report kept while others render (a
    /// year's lists are tens of megabytes at the nation's size): its counts, ratings and findings,
    /// its kinds' figures and its overrated branches, which the next period's report compares with.
    func light() -> BlocReport {
        var light = self
        light.isComplete = false
        light.unitCounts = []
        light.skippedPoliticalStudy = []
        light.skippedCurrentAffairs = []
        for index in light.speakingBuckets.indices { light.speakingBuckets[index].branches = [] }
        light.branchesBelowSpeakingTarget = []
        light.thematicByQuarter = []
        light.committeeAttendance = []
        light.branchesByRating = [:]
        light.branchesByFinding = light.branchesByFinding.filter { $0.key == .overrated }
        light.byKind = byKind.map { figures in
            var kept = KindFigures(kind: figures.kind)
            kept.summary = figures.summary
            kept.overratedBranches = figures.overratedBranches
            kept.overratedBelowTotal = figures.overratedBelowTotal
            return kept
        }
        return light
    }

    /// The report with its lists: itself, or a light one made again from its evaluation (the same
    /// figures, as the evaluation is the same), with the rankings' tallies it has.
    public func complete() -> BlocReport {
        guard !isComplete else { return self }
        var complete = BlocReport(source, quarter: quarter, year: year, tallied: false)
        complete.tallies = tallies
        return complete
    }

    public subscript(kind: MeetingKind) -> KindFigures {
        byKind.first { $0.kind == kind } ?? KindFigures(kind: kind)
    }

    /// The report over `quarter`, or over the evaluation's whole period (a year's when `year` is
    /// given). A quarter's range is cut to the period: a quarter with records in its last month only
    /// is a month long, and is compared as such.
    public init(_ evaluation: Evaluation, quarter: PeriodPart? = nil, year: Int? = nil) {
        self.init(EvaluationSource(evaluation), quarter: quarter, year: year)
    }

    /// With `tallied`, a year's or the period's report counts the rankings' tallies too.
    init(_ source: EvaluationSource, quarter: PeriodPart?, year: Int?, tallied: Bool = true) {
        let evaluation = source.evaluation
        let whole = evaluation.period ?? DateRange(from: Day.distantPast, to: Day.distantPast)
        let range =
            quarter.map {
                DateRange(from: Swift.max($0.range.from, whole.from), to: Swift.min($0.range.to, whole.to))
            } ?? whole
        self.range = range
        self.quarter = quarter
        self.year = quarter == nil ? year : nil
        self.source = source
        parts = evaluation.quarters
        unitCounts = Self.unitCounts(evaluation.organization)

        var summary = Summary()
        var sectors: [Sector: Summary] = [:]
        var levels: [UnitLevel: Summary] = [:]
        var political: [BranchCount] = []
        var affairs: [BranchCount] = []
        var buckets = (0..<6).map {
            RateBucket(lower: Double($0) / 10, upper: $0 < 5 ? Double($0 + 1) / 10 : nil, meetings: 0, branches: [])
        }
        var below: [(branch: UnitID, rate: Double)] = []
        var byRating: [RatingName: [UnitID]] = [:]
        var byFinding: [FindingCode: [UnitID]] = [:]
        let parts = quarter.map { [$0] } ?? evaluation.quarters
        var kinds = MeetingKind.allCases.map { KindFigures(kind: $0) }
        var criteria = MeetingKind.allCases.map { _ in Set<Int>() }
        let targets = evaluation.targets

        for card in evaluation.scorecards where card.unit.isBranch {
            let unit = card.unit
            var branchSummary = Summary()
            var kindSummaries = MeetingKind.allCases.map { _ in Summary() }
            var kindFlags = MeetingKind.allCases.map { _ in (affairs: false, it: false, overrated: false) }
            var missingStudy = 0
            var missingAffairs = 0
            var regular = 0
            var codes: Set<FindingCode> = []
            for evaluated in card.meetings where range.contains(evaluated.meeting.date) {
                branchSummary.add(evaluated, unit: unit)
                let slot = MeetingKind.allCases.firstIndex(of: evaluated.meeting.kind) ?? 0
                kindSummaries[slot].add(evaluated, unit: unit)
                if !evaluated.meeting.currentAffairs { kindFlags[slot].affairs = true }
                if !evaluated.meeting.usedIT { kindFlags[slot].it = true }
                if evaluated.meeting.kind == .regular { regular += 1 }
                for finding in evaluated.findings {
                    codes.insert(finding.code)
                    switch finding.detail {
                    case .overrated(_, _, let blockers):
                        kindFlags[slot].overrated = true
                        for blocker in blockers {
                            switch blocker {
                            case .notFull(let criterion, _, _): criteria[slot].insert(criterion)
                            case .total: kinds[slot].overratedBelowTotal += 1
                            case .belowMinimum: break
                            }
                        }
                    default: break
                    }
                    if finding.code == .missingPoliticalStudy { missingStudy += 1 }
                    if finding.code == .missingCurrentAffairs { missingAffairs += 1 }
                }
                if let rate = evaluated.speakingRate {
                    let slot = Swift.min(5, Int((rate * 10).rounded(.down)))
                    buckets[slot].meetings += 1
                    // A branch's meetings come together: it is in the bucket already only as the last one.
                    if buckets[slot].branches.last != unit.id { buckets[slot].branches.append(unit.id) }
                }
                byRating[evaluated.rating, default: []].append(unit.id)
            }
            for finding in card.findings where Self.concerns(finding, range) {
                codes.insert(finding.code)
                branchSummary.findings[finding.code, default: 0] += 1
            }
            for code in codes { byFinding[code, default: []].append(unit.id) }
            if missingStudy > 0 { political.append(BranchCount(branch: unit.id, count: missingStudy, of: regular)) }
            if missingAffairs > 0 { affairs.append(BranchCount(branch: unit.id, count: missingAffairs, of: regular)) }
            if let rate = branchSummary.speakingRate, rate < evaluation.targets.speakingRate {
                below.append((unit.id, rate))
            }
            for (slot, kindSummary) in kindSummaries.enumerated() where kindSummary.meetings > 0 {
                kinds[slot].summary.add(kindSummary)
                kinds[slot].branches.append(unit.id)
                if let rate = kindSummary.speakingRate, rate < targets.speakingRate {
                    kinds[slot].belowSpeakingTarget.append(unit.id)
                }
                if let rate = kindSummary.attendanceRate, rate < targets.attendanceRate {
                    kinds[slot].belowAttendanceTarget.append(unit.id)
                }
                if kindFlags[slot].affairs { kinds[slot].withoutCurrentAffairs.append(unit.id) }
                if kindFlags[slot].it { kinds[slot].withoutIT.append(unit.id) }
                if kindFlags[slot].overrated { kinds[slot].overratedBranches.append(unit.id) }
            }
            summary.add(branchSummary)
            sectors[unit.sector, default: Summary()].add(branchSummary)
            levels[unit.level, default: Summary()].add(branchSummary)
        }
        self.summary = summary
        bySector = Sector.allCases.compactMap { sector in sectors[sector].map { (sector, $0) } }
        byLevel = [UnitLevel.grassrootsBranch, .subordinateBranch].compactMap { level in
            levels[level].map { (level, $0) }
        }
        skippedPoliticalStudy = political.sorted { ($1.count, $0.branch) < ($0.count, $1.branch) }
        skippedCurrentAffairs = affairs.sorted { ($1.count, $0.branch) < ($0.count, $1.branch) }
        speakingBuckets = buckets
        branchesBelowSpeakingTarget = below.sorted { ($0.rate, $0.branch) < ($1.rate, $1.branch) }
        branchesByRating = byRating.mapValues { Array(Set($0)).sorted() }
        branchesByFinding = byFinding.mapValues { $0.sorted() }

        for slot in kinds.indices { kinds[slot].overratedCriteria = criteria[slot].sorted() }
        byKind = kinds
        thematicByQuarter = Self.thematic(evaluation, parts: parts)
        committeeAttendance = Self.committeeAttendance(evaluation, range: range)
        if quarter == nil && tallied {
            for level in Ranking.levels { tallies[level] = Ranking.Tally.units(evaluation, range: range, level: level) }
        }
    }

    /// The branches' meetings in `range` rated above their computed rating, by date.
    static func overrated(_ evaluation: Evaluation, range: DateRange) -> [OverratedMeeting] {
        var result: [OverratedMeeting] = []
        for (order, card) in evaluation.scorecards.enumerated() where card.unit.isBranch {
            for (index, evaluated) in card.meetings.enumerated() where range.contains(evaluated.meeting.date) {
                for finding in evaluated.findings {
                    guard case .overrated(_, _, let blockers) = finding.detail else { continue }
                    result.append(
                        OverratedMeeting(
                            counted: CountedMeeting(branch: card.unit.id, order: order, index: index),
                            date: evaluated.meeting.date, blockers: blockers))
                }
            }
        }
        return result.sorted { ($0.date, $0.counted.branch) < ($1.date, $1.counted.branch) }
    }

    /// Every finding in the report's range by code, as `summary.findings` counts them: those of
    /// the branches' meetings in the range, and the branch-level ones about a month or quarter that
    /// overlaps it; branch by branch in the units file's order, each by date.
    public func findingsByCode(in evaluation: Evaluation) -> [FindingCode: [Finding]] {
        var result: [FindingCode: [Finding]] = [:]
        for card in evaluation.scorecards where card.unit.isBranch {
            var mine: [FindingCode: [Finding]] = [:]
            for evaluated in card.meetings where range.contains(evaluated.meeting.date) {
                for finding in evaluated.findings { mine[finding.code, default: []].append(finding) }
            }
            for finding in card.findings where Self.concerns(finding, range) {
                mine[finding.code, default: []].append(finding)
            }
            for (code, found) in mine { result[code, default: []] += found }
        }
        return result
    }

    /// The branches' meetings of `kind` in the report's range (those `including` takes), branch by
    /// branch in the units file's order, each by date.
    public func meetings(
        of kind: MeetingKind, in evaluation: Evaluation, including: (EvaluatedMeeting) -> Bool = { _ in true }
    ) -> [CountedMeeting] {
        var result: [CountedMeeting] = []
        for (order, card) in evaluation.scorecards.enumerated() where card.unit.isBranch {
            for (index, evaluated) in card.meetings.enumerated()
            where evaluated.meeting.kind == kind && range.contains(evaluated.meeting.date) && including(evaluated) {
                result.append(CountedMeeting(branch: card.unit.id, order: order, index: index))
            }
        }
        return result
    }

    /// Whether a branch's own finding (a month or quarter with no meeting of a kind) is about a
    /// part of the period that overlaps `range`.
    static func concerns(_ finding: Finding, _ range: DateRange) -> Bool {
        guard case .missingIn(let part) = finding.detail else { return false }
        return part.range.from <= range.to && range.from <= part.range.to
    }

    /// The units by sector and level.
    static func unitCounts(_ organization: Organization) -> [UnitCount] {
        var counts: [UnitCount] = []
        for sector in Sector.allCases {
            for level in [UnitLevel.committee, .grassrootsBranch, .subordinateBranch] {
                let units = organization.units.filter { $0.sector == sector && $0.level == level }.map(\.id)
                if !units.isEmpty { counts.append(UnitCount(sector: sector, level: level, units: units)) }
            }
        }
        return counts
    }

    /// For each quarter, the thematic meetings held and the branches that held one and did not.
    static func thematic(_ evaluation: Evaluation, parts: [PeriodPart]) -> [QuarterThematic] {
        let branchIDs = evaluation.scorecards.filter(\.unit.isBranch).map(\.unit.id)
        return parts.map { part in
            var with: [UnitID] = []
            var count = 0
            for card in evaluation.scorecards where card.unit.isBranch {
                let held = card.meetings.filter { $0.meeting.kind == .thematic && part.range.contains($0.meeting.date) }
                    .count
                count += held
                if held > 0 { with.append(card.unit.id) }
            }
            let withSet = Set(with)
            return QuarterThematic(
                quarter: part, meetings: count, branchesWith: with,
                branchesWithout: branchIDs.filter { !withSet.contains($0) })
        }
    }

    /// For each grassroots committee, its branches' meetings in `range`, how many a committee member
    /// attended, and the branches none attended.
    static func committeeAttendance(_ evaluation: Evaluation, range: DateRange) -> [CommitteeAttendance] {
        let organization = evaluation.organization
        return organization.committees.map { committee in
            var meetings = 0
            var supervised = 0
            var never: [UnitID] = []
            for branch in organization.branches(of: committee.id) {
                guard let card = evaluation[unit: branch.id] else { continue }
                let inRange = card.meetings.filter { range.contains($0.meeting.date) }
                let attended = inRange.filter { $0.meeting.supervisor != nil }.count
                meetings += inRange.count
                supervised += attended
                if attended == 0 && !inRange.isEmpty { never.append(branch.id) }
            }
            return CommitteeAttendance(
                committee: committee.id, meetings: meetings, supervised: supervised, branchesNeverSupervised: never)
        }
    }
}

/// An evaluation that can be let go and made again: a year's, whose reports' pages evaluate it
/// again when they render. The period's is held for the whole build.
final class EvaluationSource: Sendable {
    /// Makes the evaluation; nil once the source is retired.
    private let make: Mutex<(@Sendable () -> Evaluation)?>
    /// Whether the evaluation is held for good: `release()` and `retire()` keep it.
    private let pinned: Bool
    private let held: Mutex<Evaluation?>
    /// How many times `make` ran.
    let made = Atomic(0)

    /// An evaluation held for as long as the source is.
    init(_ evaluation: Evaluation) {
        make = Mutex(nil)
        pinned = true
        held = Mutex(evaluation)
    }

    /// An evaluation made by `make` when first asked for, and again after `release()`.
    init(_ make: @escaping @Sendable () -> Evaluation) {
        self.make = Mutex(make)
        pinned = false
        held = Mutex(nil)
    }

    /// The evaluation, made now when it is not held; those who ask meanwhile wait for it.
    var evaluation: Evaluation {
        held.withLock { held in
            if let held { return held }
            guard let make = make.withLock({ $0 }) else {
                preconditionFailure("a year's evaluation was asked for after its pages were made")
            }
            let evaluation = make()
            made.add(1, ordering: .relaxed)
            held = evaluation
            return evaluation
        }
    }

    var holds: Bool { held.withLock { $0 != nil } }

    /// Lets the evaluation go, unless it is held for good.
    func release() {
        guard !pinned else { return }
        held.withLock { $0 = nil }
        Syscalls.returnFreeMemory()
    }

    /// Lets the evaluation go, and what it is made from (the records), for good: after its pages.
    func retire() {
        guard !pinned else { return }
        release()
        make.withLock { $0 = nil }
    }
}
