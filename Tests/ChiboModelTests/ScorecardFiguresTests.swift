import ChiboModel
import Testing

/// The scorecard's figures that the pages show, computed in the model.
@Suite struct ScorecardFiguresTests {
    @Test func theLatestRatingIsTheLastMeetingsAndAMonthAveragesItsRegularMeetings() throws {
        let evaluation = evaluate(
            [
                regular("cb-a", "2024-01-03", present: 10, speakers: 2),
                thematic("cb-a", "2024-01-20", present: 10, speakers: 6),
                regular("cb-a", "2024-02-05", scores: [13, 15, 30, 18, 20], present: 4, speakers: 1),
            ], period: DateRange(from: day("2024-01-01"), to: day("2024-03-31")))
        let card = try #require(evaluation[unit: "cb-a"])
        #expect(card.latestRating == "Khá")
        #expect(card.meetings.map(\.isOverrated) == [false, false, true])
        let figures = card.monthly(evaluation.months)
        #expect(figures.map(\.month) == evaluation.months)
        #expect(figures.map(\.averageRegularTotal) == [100, 96, nil])
        #expect(figures.map(\.speakingRate) == [0.4, 0.25, nil])
        #expect(evaluation[unit: "cb-b"]?.latestRating == nil)
    }

    @Test func aRateIsBelowItsTargetOnlyWhenKnown() {
        var summary = Summary()
        let targets = Targets(speakingRate: 0.3, attendanceRate: 0.85)
        #expect(!summary.isSpeakingBelow(targets) && !summary.isAttendanceBelow(targets))
        summary.present = 10
        summary.speakers = 2
        summary.members = 12
        #expect(summary.isSpeakingBelow(targets) && summary.isAttendanceBelow(targets))
        summary.speakers = 3
        summary.members = 11
        #expect(!summary.isSpeakingBelow(targets) && !summary.isAttendanceBelow(targets))
    }

    /// A self-rating is resolved once, by the reader: the evaluation takes the rank it found.
    @Test func theEvaluationTakesTheSelfRankTheReaderFound() throws {
        var meeting = regular("cb-a", "2024-01-10", scores: [13, 15, 30, 18, 20], self: "not a rating name")
        meeting.selfRank = 0
        let evaluated = try #require(evaluate([meeting])[unit: "cb-a"]?.meetings.first)
        #expect(evaluated.selfRank == 0 && evaluated.isOverrated)
        meeting.selfRank = nil
        meeting.selfRating = "tốt"
        #expect(try #require(evaluate([meeting])[unit: "cb-a"]?.meetings.first).selfRank == 0)
    }
}
