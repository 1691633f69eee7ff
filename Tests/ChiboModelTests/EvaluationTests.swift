import ChiboModel
import Testing

func day(_ text: String) -> Day {
    guard let day = Day(parsing: text) else { preconditionFailure("bad test date \(text)") }
    return day
}

let thematicRubric = Rubric(
    id: "chuyen-de", title: "Chuyên đề", appliesTo: .thematic,
    criteria: (1...5).map { Criterion(id: $0, title: "TC\($0)", max: 20) },
    ratings: [RatingBand(name: "Tốt", minTotal: 90, requireFull: [1, 2]), RatingBand(name: "Kém", minTotal: 0)])

let organization = Organization(units: [
    Unit(id: "db", name: "Đảng bộ", kind: .committee, sector: .enterprise),
    Unit(id: "cb-a", name: "Chi bộ A", kind: .branch, sector: .enterprise, parent: "db", members: 10),
    Unit(id: "cb-b", name: "Chi bộ B", kind: .branch, sector: .enterprise, parent: "db", members: 20),
    Unit(id: "cb-c", name: "Chi bộ C", kind: .branch, sector: .agency, members: 20),
])

func regular(
    _ branch: UnitID, _ date: String, scores: [Int] = [15, 15, 30, 20, 20], self rating: RatingName = "Tốt",
    present: Int = 10, speakers: Int = 5, study: Bool = true, affairs: Bool = true, supervisor: String? = "Ông X"
) -> Meeting {
    Meeting(
        branch: branch, date: day(date), kind: .regular, present: present, speakers: speakers, scores: scores,
        selfRating: rating, politicalStudy: study, currentAffairs: affairs, supervisor: supervisor)
}

func thematic(_ branch: UnitID, _ date: String, present: Int = 10, speakers: Int = 5) -> Meeting {
    Meeting(
        branch: branch, date: day(date), kind: .thematic, topic: "Chủ đề", present: present, speakers: speakers,
        scores: [20, 20, 20, 20, 20], selfRating: "Tốt", supervisor: "Ông X")
}

func evaluate(_ meetings: [Meeting], period: DateRange? = nil, studyFrom: Day? = nil) -> Evaluation {
    var settings = SiteSettings(title: "T", organization: "O")
    settings.period = period
    settings.politicalStudyRequiredFrom = studyFrom
    return Evaluation.evaluate(
        organization: organization, rubrics: [regularRubric, thematicRubric], meetings: meetings, settings: settings)
}

/// The codes of the findings of `branch`'s meeting on `date`; nil when there is no such meeting, so
/// that an expectation of no findings cannot pass on a meeting that is not there.
func codes(_ evaluation: Evaluation, _ branch: UnitID, _ date: String) -> [FindingCode]? {
    evaluation[unit: branch]?.meetings.first { $0.meeting.date == day(date) }?.findings.map(\.code)
}

@Suite struct EvaluationTests {
    @Test func aGoodMeetingRaisesNothing() {
        let evaluation = evaluate([regular("cb-a", "2024-01-10"), thematic("cb-a", "2024-01-20")])
        #expect(codes(evaluation, "cb-a", "2024-01-10") == [])
        #expect(evaluation[unit: "cb-a"]?.findings == [])
    }

    @Test func overratedNamesTheBlockingCriteria() throws {
        let evaluation = evaluate([regular("cb-a", "2024-01-10", scores: [13, 15, 30, 18, 20])])
        let meeting = try #require(evaluation[unit: "cb-a"]?.meetings.first)
        #expect(meeting.rating == "Khá")
        #expect(meeting.total == 96)
        #expect(meeting.max == 100)
        let finding = try #require(meeting.findings.first { $0.code == .overrated })
        #expect(
            finding.detail
                == .overrated(
                    selfRating: "Tốt", computed: "Khá",
                    blockers: [
                        .notFull(criterion: 1, points: 13, max: 15), .notFull(criterion: 4, points: 18, max: 20),
                    ]))
    }

    @Test func underrated() {
        let evaluation = evaluate([regular("cb-a", "2024-01-10", self: "Khá")])
        #expect(codes(evaluation, "cb-a", "2024-01-10") == [.underrated])
    }

    @Test func politicalStudyFromItsDate() {
        let meetings = [
            regular("cb-a", "2024-01-31", study: false), regular("cb-a", "2024-02-01", study: false),
        ]
        let evaluation = evaluate(meetings, studyFrom: day("2024-02-01"))
        #expect(codes(evaluation, "cb-a", "2024-01-31") == [])
        #expect(codes(evaluation, "cb-a", "2024-02-01") == [.missingPoliticalStudy])
        let always = evaluate(meetings)
        #expect(codes(always, "cb-a", "2024-01-31") == [.missingPoliticalStudy])
    }

    @Test func onlyRegularMeetingsNeedStudyAndCurrentAffairs() {
        var meeting = thematic("cb-a", "2024-01-20")
        meeting.politicalStudy = false
        meeting.currentAffairs = false
        #expect(codes(evaluate([meeting]), "cb-a", "2024-01-20") == [])
        #expect(
            codes(evaluate([regular("cb-a", "2024-01-10", affairs: false)]), "cb-a", "2024-01-10") == [
                .missingCurrentAffairs
            ])
    }

    @Test func speakingRateBoundary() {
        // 3 of 10 is exactly the 30% target: not low; 2 of 7 (28.6%) is.
        #expect(codes(evaluate([regular("cb-a", "2024-01-10", present: 10, speakers: 3)]), "cb-a", "2024-01-10") == [])
        #expect(
            codes(evaluate([regular("cb-a", "2024-01-10", present: 10, speakers: 2)]), "cb-a", "2024-01-10")
                == [.lowSpeakingRate])
        #expect(
            codes(evaluate([thematic("cb-a", "2024-01-10", present: 10, speakers: 2)]), "cb-a", "2024-01-10") == [
                .lowSpeakingRate
            ])
    }

    @Test func attendanceBoundary() {
        // cb-b has 20 members: 17 present is exactly 85%; 16 is 80%.
        #expect(codes(evaluate([regular("cb-b", "2024-01-10", present: 17, speakers: 9)]), "cb-b", "2024-01-10") == [])
        let low = evaluate([regular("cb-b", "2024-01-10", present: 16, speakers: 8)])
        #expect(codes(low, "cb-b", "2024-01-10") == [.lowAttendance])
        #expect(low[unit: "cb-b"]?.meetings.first?.findings.first?.detail == .rate(count: 16, of: 20, target: 0.85))
    }

    @Test func supervisorOnlyForSubordinateBranches() {
        let evaluation = evaluate([
            regular("cb-a", "2024-01-10", supervisor: nil),
            regular("cb-c", "2024-01-10", present: 20, speakers: 10, supervisor: nil),
        ])
        #expect(codes(evaluation, "cb-a", "2024-01-10") == [.noSupervisor])
        #expect(codes(evaluation, "cb-c", "2024-01-10") == [])
    }

    @Test func missingMonthsAndQuartersOfThePeriod() throws {
        let period = DateRange(from: day("2024-01-15"), to: day("2024-04-10"))
        let evaluation = evaluate(
            [regular("cb-a", "2024-01-20"), regular("cb-a", "2024-03-05"), thematic("cb-a", "2024-02-10")],
            period: period)
        #expect(evaluation.months.map(\.slug) == ["2024-01", "2024-02", "2024-03", "2024-04"])
        #expect(evaluation.quarters.map(\.slug) == ["2024-q1", "2024-q2"])
        let card = try #require(evaluation[unit: "cb-a"])
        #expect(
            card.findings.map(\.detail) == [
                .missingIn(PeriodPart(year: 2024, number: 2, kind: .month)),
                .missingIn(PeriodPart(year: 2024, number: 4, kind: .month)),
                .missingIn(PeriodPart(year: 2024, number: 2, kind: .quarter)),
            ])
        #expect(card.findingCodes == [.missingRegularMeeting, .missingThematicMeeting])
    }

    @Test func meetingsOutsideThePeriodAreLeftOut() {
        let period = DateRange(from: day("2024-01-01"), to: day("2024-01-31"))
        let evaluation = evaluate([regular("cb-a", "2024-01-20"), regular("cb-a", "2024-02-20")], period: period)
        #expect(evaluation.outsidePeriod == 1)
        #expect(evaluation[unit: "cb-a"]?.meetings.count == 1)
    }

    @Test func withoutAPeriodTheDataDecides() {
        let evaluation = evaluate([
            regular("cb-a", "2024-03-20"), regular("cb-b", "2024-05-02", present: 18, speakers: 9),
        ])
        #expect(evaluation.period == DateRange(from: day("2024-03-20"), to: day("2024-05-02")))
        #expect(evaluate([]).period == nil)
    }

    @Test func committeeSummariesAddUpTheirBranches() throws {
        let evaluation = evaluate([
            regular("cb-a", "2024-01-10", present: 10, speakers: 5),
            regular(
                "cb-b", "2024-01-11", scores: [10, 10, 10, 10, 10], self: "Trung bình", present: 18, speakers: 4,
                supervisor: nil),
            regular("cb-c", "2024-01-12", present: 20, speakers: 10),
        ])
        let committee = try #require(evaluation[unit: "db"])
        #expect(committee.branches == ["cb-a", "cb-b"])
        #expect(committee.summary.meetings == 2)
        #expect(committee.summary.averageTotal == 75)
        #expect(committee.summary.ratings == ["Tốt": 1, "Trung bình": 1])
        #expect(committee.summary.speakingRate == 9.0 / 28.0)
        #expect(committee.summary.attendanceRate == 28.0 / 30.0)
        #expect(committee.summary.supervised == 1)
        #expect(committee.summary.supervisable == 2)
        #expect(evaluation.scorecards.map(\.unit.id) == ["db", "cb-a", "cb-b", "cb-c"])
    }

    @Test func blocReportFiguresAndTheirBranches() {
        let evaluation = evaluate(
            [
                regular("cb-a", "2024-01-10", scores: [13, 15, 30, 20, 20], present: 10, speakers: 2, study: false),
                regular("cb-b", "2024-01-11", present: 18, speakers: 9),
                thematic("cb-b", "2024-01-12", present: 18, speakers: 9),
                regular("cb-c", "2024-04-12", present: 20, speakers: 10, affairs: false),
            ], period: DateRange(from: day("2024-01-01"), to: day("2024-06-30")))
        let report = BlocReport(evaluation)
        #expect(report.summary.meetings == 4)
        #expect(report.overrated.map(\.counted.branch) == ["cb-a"])
        #expect(report.overrated.map(\.date) == [day("2024-01-10")])
        #expect(report.overrated.first.map { $0.counted.meeting(in: evaluation).meeting.date } == day("2024-01-10"))
        #expect(report.overrated.first?.blockers == [.notFull(criterion: 1, points: 13, max: 15)])
        #expect(report.skippedPoliticalStudy.map(\.branch) == ["cb-a"])
        #expect(report.skippedCurrentAffairs.map(\.branch) == ["cb-c"])
        #expect(report.branchesBelowSpeakingTarget.map(\.branch) == ["cb-a"])
        #expect(report.speakingBuckets[2].branches == ["cb-a"])  // 20% to 30%
        #expect(report.speakingBuckets[5].branches == ["cb-b", "cb-c"])  // 50% and more
        #expect(report.thematicByQuarter.map(\.branchesWith) == [["cb-b"], []])
        #expect(report.thematicByQuarter.first?.branchesWithout == ["cb-a", "cb-c"])
        #expect(report.committeeAttendance.first?.supervised == 3)
        #expect(report.unitCounts.map(\.units) == [["cb-c"], ["db"], ["cb-a", "cb-b"]])
        let q2 = BlocReport(evaluation, quarter: PeriodPart(year: 2024, number: 2, kind: .quarter))
        #expect(q2.summary.meetings == 1)
        #expect(q2.overrated.isEmpty)
        #expect(q2.branchesByFinding[.missingRegularMeeting] == ["cb-a", "cb-b", "cb-c"])
    }
}
