/// A unit's figures for one calendar year: what `data/scorecards.json` lists per unit as `years`,
/// so that a user's own tools can read the history.
public struct YearFigures: Sendable, Hashable {
    public var year: Int
    /// The part of the year with records (see `BlocReports`).
    public var range: DateRange
    /// The branch's meetings and findings of the year; for a committee, its branches'.
    public var summary: Summary
    /// The codes of the year's findings, each once, in the order of the codes: the meetings' and
    /// the months and quarters without a meeting.
    public var findingCodes: [FindingCode]
}

extension BlocReports {
    /// A unit's figures in every year with records, earliest first: the years it (or, for a
    /// committee, a branch of it) has a meeting or a finding in.
    public func history(of unit: UnitID) -> [YearFigures] {
        years.compactMap { report in report.year.flatMap { figuresByYear[$0]?[unit] } }
    }

    /// Every unit's figures in `evaluation`, a year's, over `range`: those with a meeting or a
    /// finding in it.
    static func figures(_ evaluation: Evaluation, range: DateRange) -> [UnitID: YearFigures] {
        var result: [UnitID: YearFigures] = [:]
        for card in evaluation.scorecards {
            let cards = card.branches.isEmpty ? [card] : card.branches.compactMap { evaluation[unit: $0] }
            var codes = Set(card.findings.map(\.code))
            for branch in cards {
                for evaluated in branch.meetings { codes.formUnion(evaluated.findings.map(\.code)) }
            }
            guard card.summary.meetings > 0 || !codes.isEmpty else { continue }
            result[card.unit.id] = YearFigures(
                year: range.from.year, range: range, summary: card.summary, findingCodes: codes.sorted())
        }
        return result
    }
}
