/// A unit's figures for one calendar year: what `data/scorecards.json` lists per unit as `years`,
/// so that a user's own tools can read the history.
public struct YearFigures: Sendable, Hashable {
    public var year: Int
    /// The branch's meetings of the year; for a committee, its branches'.
    public var summary: Summary
    /// The codes of the year's findings, each once, in the order of the codes: the meetings' and
    /// the months and quarters without a meeting.
    public var findingCodes: [FindingCode]
}

extension Evaluation {
    /// A unit's figures by calendar year, earliest first, for every year it (or, for a committee,
    /// a branch of it) has a meeting or a finding in.
    public func years(_ card: Scorecard) -> [YearFigures] {
        var cards = [card]
        if !card.branches.isEmpty {
            let wanted = Set(card.branches)
            cards = scorecards.filter { wanted.contains($0.unit.id) }
        }
        var summaries: [Int: Summary] = [:]
        var codes: [Int: Set<FindingCode>] = [:]
        for branch in cards {
            for evaluated in branch.meetings {
                let year = evaluated.meeting.date.year
                summaries[year, default: Summary()].add(evaluated, unit: branch.unit)
                codes[year, default: []].formUnion(evaluated.findings.map(\.code))
            }
            for finding in branch.findings {
                let year: Int? =
                    if case .missingIn(let part) = finding.detail { part.year } else { finding.date?.year }
                if let year {
                    codes[year, default: []].insert(finding.code)
                    if summaries[year] == nil { summaries[year] = Summary() }
                }
            }
        }
        return summaries.keys.sorted().map { year in
            YearFigures(
                year: year, summary: summaries[year] ?? Summary(), findingCodes: (codes[year] ?? []).sorted())
        }
    }
}
