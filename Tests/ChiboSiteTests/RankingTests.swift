import ChiboModel
import Testing

@testable import ChiboRender

/// The rankings of the scorecard fixture: one grassroots committee (Sở Y tế, two branches) and two
/// grassroots branches (Sở Tài chính, Điện lực, the only one with a record in 2023-12).
@Suite struct RankingTests {
    static func reports() throws -> (q1: BlocReport, q4: BlocReport, all: BlocReports) {
        let reports = try PageModelTests.reports()
        let q1 = try #require(reports.yearQuarters.first { $0.quarter?.slug == "2024-q1" })
        let q4 = try #require(reports.yearQuarters.first { $0.quarter?.slug == "2023-q4" })
        return (q1, q4, reports)
    }

    static func ranking(_ rankings: [Ranking], _ figure: Ranking.Figure, _ level: UnitLevel) throws -> Ranking {
        try #require(rankings.first { $0.figure == figure && $0.level == level })
    }

    @Test func theBestComesFirstAndTiesShareARank() throws {
        let (q1, q4, _) = try Self.reports()
        let rankings = Ranking.all(q1, previous: q4)
        // Supervision is the committees' only: 6 figures for committees, 5 for grassroots branches.
        #expect(rankings.count == 11)
        #expect(!rankings.contains { $0.figure == .supervision && $0.level == .grassrootsBranch })

        // Speaking: Sở Tài chính 29 of 77 present (37,7%) before Điện lực 15 of 47 (31,9%).
        let speaking = try Self.ranking(rankings, .speaking, .grassrootsBranch)
        #expect(speaking.entries.map(\.unit) == ["cb-so-tai-chinh", "cb-dien-luc"])
        #expect(speaking.entries.map(\.rank) == [1, 2])
        #expect(abs((speaking.entries[0].value ?? 0) - 29.0 / 77) < 1e-9)

        // Attendance turns the order: Điện lực 47 of 48 before Sở Tài chính 77 of 80.
        let attendance = try Self.ranking(rankings, .attendance, .grassrootsBranch)
        #expect(attendance.entries.map(\.unit) == ["cb-dien-luc", "cb-so-tai-chinh"])

        // Both held political study at every regular meeting, and missed none: one rank for both,
        // in the units file's order.
        for figure in [Ranking.Figure.politicalStudy, .missed] {
            let tied = try Self.ranking(rankings, figure, .grassrootsBranch)
            #expect(tied.entries.map(\.rank) == [1, 1])
            #expect(tied.entries.map(\.unit) == ["cb-so-tai-chinh", "cb-dien-luc"])
        }

        // The committee's supervision is its branches' meetings with a committee member: 4 of 6.
        let supervision = try Self.ranking(rankings, .supervision, .committee)
        #expect(supervision.entries.map(\.unit) == ["db-so-y-te"])
        #expect(abs((supervision.entries[0].value ?? 0) - 4.0 / 6) < 1e-9)
    }

    @Test func lowerRanksBetterForOverratingAndMissedMeetings() {
        #expect(!Ranking.Figure.overrated.higherIsBetter)
        #expect(!Ranking.Figure.missed.higherIsBetter)
        #expect(Ranking.Figure.supervision.higherIsBetter)
        #expect(Ranking.Figure.missed.measure == .count)
    }

    @Test func unitsWithoutMeetingsComeLastUnranked() throws {
        let (_, q4, _) = try Self.reports()
        let rankings = Ranking.all(q4, previous: nil)
        // In 2023-12 only Điện lực met: Sở Tài chính, first in the units file, goes after it.
        let speaking = try Self.ranking(rankings, .speaking, .grassrootsBranch)
        #expect(speaking.entries.map(\.unit) == ["cb-dien-luc", "cb-so-tai-chinh"])
        #expect(speaking.entries.map(\.rank) == [1, nil])
        #expect(speaking.entries[1].value == nil)
        // Its missed meetings are counted, but it is not ranked on them either.
        let missed = try Self.ranking(rankings, .missed, .grassrootsBranch)
        #expect(missed.entries.map(\.rank) == [1, nil])
        #expect(missed.entries.last?.value == 2)
        let committee = try Self.ranking(rankings, .speaking, .committee)
        #expect(committee.entries.map(\.rank) == [nil])
    }

    @Test func aChangeNeedsDataInBothPeriods() throws {
        let (q1, q4, reports) = try Self.reports()
        // The fixture's quarters differ in length, so no report of it has a previous one.
        #expect(reports.previous(of: q1)?.range == nil)
        #expect(reports.rankings(of: q1).allSatisfy { $0.entries.allSatisfy { $0.previous == nil } })

        let speaking = try Self.ranking(Ranking.all(q1, previous: q4), .speaking, .grassrootsBranch)
        let finance = speaking.entries[0]
        let power = speaking.entries[1]
        // Sở Tài chính had no meeting in 2023-12: no change, never a zero.
        #expect(finance.previous == nil)
        #expect(speaking.change(finance) == nil)
        // Điện lực: 4 of 12 (33,3%) to 15 of 47 (31,9%), down 1,4 points as printed.
        let change = try #require(speaking.change(power))
        #expect(change.steps == -14)
        #expect(change.direction == .down)

        let missed = try Self.ranking(Ranking.all(q1, previous: q4), .missed, .grassrootsBranch)
        // Sở Tài chính missed 2023-12's regular meeting and 2023-q4's thematic one; none in 2024-q1.
        let finance2 = try #require(missed.entries.first { $0.unit == "cb-so-tai-chinh" })
        #expect(missed.change(finance2)?.steps == -2)
    }

    @Test func theListsPrintTheVietnameseWay() throws {
        let (q1, q4, reports) = try Self.reports()
        let (scorecards, _) = try PageModelTests.pages()
        let pages = ReportPages(units: scorecards.units, reports: reports)
        let ranking = try Self.ranking(Ranking.all(q1, previous: q4), .speaking, .grassrootsBranch)
        let list = pages.rankingList(q1, ranking, previous: "quý IV/2023")
        #expect(list.folder == ["bao-cao", "2024-q1", "xep-hang", "phat-bieu-chi-bo-co-so"])
        let rows = list.labelled(0..<list.count)
        #expect(
            rows.map { $0.cells.map(\.text) } == [
                ["1", "37,7%", "–", "–"], ["2", "31,9%", "33,3%", "giảm 1,4 điểm %"],
            ])
        #expect(rows[1].cells[3].direction == "down")
        #expect(rows[0].cells[3].direction == "")
    }
}
