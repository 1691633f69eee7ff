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
    /// A unit's figures in every year with records, earliest first, from each year's evaluation:
    /// the years it (or, for a committee, a branch of it) has a meeting or a finding in.
    public func history(of unit: UnitID) -> [YearFigures] {
        years.compactMap { report in
            guard let year = report.year, let card = report.evaluation[unit: unit] else { return nil }
            let cards = card.branches.isEmpty ? [card] : card.branches.compactMap { report.evaluation[unit: $0] }
            var codes = Set(card.findings.map(\.code))
            for branch in cards {
                for evaluated in branch.meetings { codes.formUnion(evaluated.findings.map(\.code)) }
            }
            guard card.summary.meetings > 0 || !codes.isEmpty else { return nil }
            return YearFigures(year: year, range: report.range, summary: card.summary, findingCodes: codes.sorted())
        }
    }
}
