/// A meeting with everything computed from it.
public struct EvaluatedMeeting: Sendable, Hashable {
    public var meeting: Meeting
    /// The rubric the meeting was rated by.
    public var rubric: Rubric {
        get { rubricBox.value }
        set { rubricBox = Boxed(newValue) }
    }
    /// `rubric`, one box that the meetings of a kind share: 8 bytes a meeting rather than the rubric's 72.
    private var rubricBox: Boxed<Rubric>
    public var total: Int
    /// The sum of the rubric's maxima.
    public var max: Int
    /// The computed rating, the first band whose conditions all hold.
    public var rating: RatingName
    public var ratingRank: Int
    /// The rank of the self-rating in the rubric, 0 the best.
    public var selfRank: Int
    public var speakingRate: Double?
    /// Present members as a share of the branch's members; nil when the member count is unknown.
    public var attendanceRate: Double?
    public var findings: [Finding]

    init(
        meeting: Meeting, rubric: Boxed<Rubric>, rating: RatingName, ratingRank: Int, selfRank: Int,
        attendanceRate: Double?, findings: [Finding]
    ) {
        self.meeting = meeting
        rubricBox = rubric
        total = meeting.total
        max = rubric.value.maxTotal
        self.rating = rating
        self.ratingRank = ratingRank
        self.selfRank = selfRank
        speakingRate = meeting.speakingRate
        self.attendanceRate = attendanceRate
        self.findings = findings
    }
}

/// Counts over a set of meetings: what a scorecard, a committee page or the bloc report shows.
public struct Summary: Sendable, Hashable {
    public var meetings = 0
    public var regularMeetings = 0
    public var thematicMeetings = 0
    public var points = 0
    /// Computed ratings by name.
    public var ratings: [RatingName: Int] = [:]
    /// Self-ratings by name, as the rubric spells them.
    public var selfRatings: [RatingName: Int] = [:]
    public var speakers = 0
    public var present = 0
    /// Members of the branch summed over the meetings, the base of the attendance rate.
    public var members = 0
    /// Meetings of subordinate branches, and how many of them a committee member attended.
    public var supervisable = 0
    public var supervised = 0
    public var politicalStudy = 0
    public var currentAffairs = 0
    public var usedIT = 0
    /// Findings by code, meeting and branch level together.
    public var findings: [FindingCode: Int] = [:]

    public init() {}

    public var averageTotal: Double? { meetings > 0 ? Double(points) / Double(meetings) : nil }
    /// Speakers over present members, summed over the meetings.
    public var speakingRate: Double? { present > 0 ? Double(speakers) / Double(present) : nil }
    public var attendanceRate: Double? { members > 0 ? Double(present) / Double(members) : nil }
    public var supervisedShare: Double? { supervisable > 0 ? Double(supervised) / Double(supervisable) : nil }

    mutating func add(_ evaluated: EvaluatedMeeting, unit: Unit) {
        let meeting = evaluated.meeting
        meetings += 1
        if meeting.kind == .regular { regularMeetings += 1 } else { thematicMeetings += 1 }
        points += evaluated.total
        ratings[evaluated.rating, default: 0] += 1
        let selfName = evaluated.rubric.ratings[evaluated.selfRank].name
        selfRatings[selfName, default: 0] += 1
        speakers += meeting.speakers
        present += meeting.present
        members += unit.members ?? 0
        if unit.level == .subordinateBranch {
            supervisable += 1
            if meeting.supervisor != nil { supervised += 1 }
        }
        if meeting.politicalStudy { politicalStudy += 1 }
        if meeting.currentAffairs { currentAffairs += 1 }
        if meeting.usedIT { usedIT += 1 }
        for finding in evaluated.findings { findings[finding.code, default: 0] += 1 }
    }

    mutating func add(_ other: Summary) {
        meetings += other.meetings
        regularMeetings += other.regularMeetings
        thematicMeetings += other.thematicMeetings
        points += other.points
        ratings.merge(other.ratings, uniquingKeysWith: +)
        selfRatings.merge(other.selfRatings, uniquingKeysWith: +)
        speakers += other.speakers
        present += other.present
        members += other.members
        supervisable += other.supervisable
        supervised += other.supervised
        politicalStudy += other.politicalStudy
        currentAffairs += other.currentAffairs
        usedIT += other.usedIT
        findings.merge(other.findings, uniquingKeysWith: +)
    }
}

/// A unit's computed record for the period: its meetings (branches), findings and summary.
public struct Scorecard: Sendable, Hashable {
    public var unit: Unit
    /// By date, then kind; empty for committees.
    public var meetings: [EvaluatedMeeting]
    /// Branch-level findings (months and quarters without a meeting); for a committee, its branches'.
    public var findings: [Finding]
    public var summary: Summary
    /// For a committee, the ids of its branches in file order.
    public var branches: [UnitID]

    /// Branch-level finding codes, each once, in the order of the codes.
    public var findingCodes: [FindingCode] { Array(Set(findings.map(\.code))).sorted() }
}

/// Everything computed from the committee's records for the reporting period.
public struct Evaluation: Sendable {
    public var organization: Organization
    public var targets: Targets
    /// The reporting period: the configured one, else all dates in the data; nil with no data.
    public var period: DateRange?
    public var months: [PeriodPart]
    public var quarters: [PeriodPart]
    /// In the order of the units file.
    public var scorecards: [Scorecard]
    /// Rating names, best first, over all rubrics.
    public var ratingNames: [RatingName]
    /// Records left out because their date is outside the configured period.
    public var outsidePeriod: Int

    public subscript(unit id: UnitID) -> Scorecard? {
        scorecardIndex[id].map { scorecards[$0] }
    }

    private var scorecardIndex: [UnitID: Int] = [:]

    /// Computes ratings, findings and summaries.
    ///
    /// - Rating (Quy định 14-QĐ/TU): the first band, best first, whose minimum total, full-mark
    ///   criteria and least points all hold; a self-rating better than that is `overrated`, and the
    ///   finding names each criterion or total that blocks it (the weakness Công văn 750-CV/ĐUK found).
    /// - Political study (Hướng dẫn 08-HD/ĐUK) and current affairs are required in regular meetings.
    /// - Speaking rate against `targets.speakingRate` (750-CV/ĐUK: about 30% was a good result) and
    ///   attendance against `targets.attendanceRate` (12-HD/BTCTW: more than 85%), any meeting kind.
    /// - A subordinate branch's meeting should have a committee member attending (750-CV/ĐUK).
    /// - A regular meeting every calendar month and a thematic meeting every quarter of the period.
    public static func evaluate(
        organization: Organization, rubrics: [Rubric], meetings: [Meeting], settings: SiteSettings
    ) -> Evaluation {
        let targets = settings.targets
        var outside = 0
        let inPeriod = meetings.filter { meeting in
            guard let period = settings.period else { return true }
            if period.contains(meeting.date) { return true }
            outside += 1
            return false
        }
        let period: DateRange? =
            settings.period
            ?? inPeriod.map(\.date).min().flatMap { first in
                inPeriod.map(\.date).max().map { DateRange(from: first, to: $0) }
            }
        let months = period.map { Self.parts(of: $0, kind: .month) } ?? []
        let quarters = period.map { Self.parts(of: $0, kind: .quarter) } ?? []
        // One box a rubric, which every meeting rated by it shares.
        var rubricByKind: [MeetingKind: Boxed<Rubric>] = [:]
        for rubric in rubrics where rubricByKind[rubric.appliesTo] == nil {
            rubricByKind[rubric.appliesTo] = Boxed(rubric)
        }
        var byBranch: [UnitID: [Meeting]] = [:]
        for meeting in inPeriod { byBranch[meeting.branch, default: []].append(meeting) }

        var scorecards: [Scorecard] = []
        var index: [UnitID: Int] = [:]
        for unit in organization.units where unit.isBranch {
            let records = (byBranch[unit.id] ?? []).sorted { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
            var evaluated: [EvaluatedMeeting] = []
            var summary = Summary()
            for meeting in records {
                guard let rubric = rubricByKind[meeting.kind] else { continue }
                let result = evaluate(meeting, unit: unit, rubric: rubric, settings: settings)
                summary.add(result, unit: unit)
                evaluated.append(result)
            }
            var findings: [Finding] = []
            // The months and quarters that have a meeting, so the cost follows the records, not the period.
            let heldMonths = Set(records.lazy.filter { $0.kind == .regular }.map(\.date.monthPart))
            let heldQuarters = Set(records.lazy.filter { $0.kind == .thematic }.map(\.date.quarterPart))
            for month in months where !heldMonths.contains(month) {
                findings.append(
                    Finding(code: .missingRegularMeeting, branch: unit.id, detail: .missingIn(month)))
            }
            for quarter in quarters where !heldQuarters.contains(quarter) {
                findings.append(
                    Finding(code: .missingThematicMeeting, branch: unit.id, detail: .missingIn(quarter)))
            }
            for finding in findings { summary.findings[finding.code, default: 0] += 1 }
            index[unit.id] = scorecards.count
            scorecards.append(
                Scorecard(unit: unit, meetings: evaluated, findings: findings, summary: summary, branches: []))
        }
        for unit in organization.units where unit.kind == .committee {
            let branches = organization.branches(of: unit.id).map(\.id)
            var summary = Summary()
            var findings: [Finding] = []
            for branch in branches {
                guard let card = index[branch].map({ scorecards[$0] }) else { continue }
                summary.add(card.summary)
                findings.append(contentsOf: card.findings)
            }
            index[unit.id] = scorecards.count
            scorecards.append(
                Scorecard(unit: unit, meetings: [], findings: findings, summary: summary, branches: branches))
        }
        let order = Dictionary(uniqueKeysWithValues: organization.units.enumerated().map { ($1.id, $0) })
        scorecards.sort { (order[$0.unit.id] ?? 0) < (order[$1.unit.id] ?? 0) }
        index = Dictionary(uniqueKeysWithValues: scorecards.enumerated().map { ($1.unit.id, $0) })

        var names: [RatingName] = []
        for rubric in rubrics.sorted(by: { $0.appliesTo.rawValue < $1.appliesTo.rawValue }) {
            for band in rubric.ratings where !names.contains(band.name) { names.append(band.name) }
        }
        var evaluation = Evaluation(
            organization: organization, targets: targets, period: period, months: months, quarters: quarters,
            scorecards: scorecards, ratingNames: names, outsidePeriod: outside)
        evaluation.scorecardIndex = index
        return evaluation
    }

    /// One meeting's total, rating, rates and findings.
    public static func evaluate(_ meeting: Meeting, unit: Unit, rubric: Rubric, settings: SiteSettings)
        -> EvaluatedMeeting
    {
        evaluate(meeting, unit: unit, rubric: Boxed(rubric), settings: settings)
    }

    /// One meeting's evaluation by the rubric in `box`, which the evaluation keeps.
    static func evaluate(_ meeting: Meeting, unit: Unit, rubric box: Boxed<Rubric>, settings: SiteSettings)
        -> EvaluatedMeeting
    {
        let rubric = box.value
        let targets = settings.targets
        let ratingRank = rubric.rating(for: meeting.scores)
        let selfRank = meeting.selfRank ?? rubric.rank(of: meeting.selfRating.rawValue) ?? ratingRank
        let computed = rubric.ratings[ratingRank].name
        let selfName = rubric.ratings[selfRank].name
        var findings: [Finding] = []
        func add(_ code: FindingCode, _ detail: FindingDetail) {
            findings.append(
                Finding(code: code, branch: meeting.branch, date: meeting.date, kind: meeting.kind, detail: detail))
        }
        if selfRank < ratingRank {
            add(
                .overrated,
                .overrated(
                    selfRating: selfName, computed: computed,
                    blockers: rubric.blockers(rubric.ratings[selfRank], scores: meeting.scores)))
        } else if selfRank > ratingRank {
            add(.underrated, .underrated(selfRating: selfName, computed: computed))
        }
        if meeting.kind == .regular {
            let required = settings.politicalStudyRequiredFrom.map { meeting.date >= $0 } ?? true
            if required && !meeting.politicalStudy { add(.missingPoliticalStudy, .missingItem) }
            if !meeting.currentAffairs { add(.missingCurrentAffairs, .missingItem) }
        }
        if let rate = meeting.speakingRate, rate < targets.speakingRate {
            add(.lowSpeakingRate, .rate(count: meeting.speakers, of: meeting.present, target: targets.speakingRate))
        }
        var attendance: Double?
        if let members = unit.members, members > 0 {
            let rate = Double(meeting.present) / Double(members)
            attendance = rate
            if rate < targets.attendanceRate {
                add(.lowAttendance, .rate(count: meeting.present, of: members, target: targets.attendanceRate))
            }
        }
        if unit.level == .subordinateBranch && meeting.supervisor == nil { add(.noSupervisor, .noSupervisor) }
        return EvaluatedMeeting(
            meeting: meeting, rubric: box, rating: computed, ratingRank: ratingRank, selfRank: selfRank,
            attendanceRate: attendance, findings: findings)
    }

    /// The calendar months or quarters that a range touches.
    public static func parts(of range: DateRange, kind: PeriodPart.Kind) -> [PeriodPart] {
        var result: [PeriodPart] = []
        var year = range.from.year
        let quarters = kind == .quarter
        var number = quarters ? range.from.quarter : range.from.month
        let lastYear = range.to.year
        let last = quarters ? range.to.quarter : range.to.month
        while (year, number) <= (lastYear, last) {
            result.append(PeriodPart(year: year, number: number, kind: kind))
            number += 1
            if number > (quarters ? 4 : 12) {
                number = 1
                year += 1
            }
        }
        return result
    }
}
