/// A figure of a report beside its value in the previous period of the same length, as a reader
/// compares them: a share by the percentage points between the printed values (29,8% to 31,2% is
/// 1,4 points), a count by its difference.
public struct Change: Sendable, Hashable {
    public enum Measure: Sendable, Hashable {
        /// A share from 0 to 1, printed to a tenth of a percent.
        case share
        case count
        /// A score, printed to a tenth of a point (an average total).
        case score
    }

    public enum Direction: String, Sendable, Hashable {
        case up, down, same
    }

    public var value: Double
    public var previous: Double
    public var measure: Measure

    /// Nil when either value is missing: a period without data is never compared as a zero.
    public init?(_ value: Double?, previous: Double?, measure: Measure) {
        guard let value, let previous, value.isFinite, previous.isFinite else { return nil }
        self.value = value
        self.previous = previous
        self.measure = measure
    }

    /// The difference as printed: tenths of a percentage point for a share, units for a count,
    /// tenths of a point for a score.
    public var steps: Int {
        switch measure {
        case .share: Int((value * 1000).rounded()) - Int((previous * 1000).rounded())
        case .count: Int(value.rounded()) - Int(previous.rounded())
        case .score: Int((value * 10).rounded()) - Int((previous * 10).rounded())
        }
    }

    public var direction: Direction { steps > 0 ? .up : steps < 0 ? .down : .same }
}

extension BlocReports {
    /// The report of the period of the same length just before `report`: the quarter before a
    /// quarter, the year before a year, and for the period the year that ends the day before it
    /// starts, or the quarter, and has as many months. Nil where the content has no such period: the first quarter
    /// or year with records, a year after a gap, a first year that began in a later month.
    public func previous(of report: BlocReport) -> BlocReport? {
        // The period may be a year or a quarter; a year is compared with years, a quarter with quarters.
        let candidates =
            report.quarter != nil ? yearQuarters : report.year != nil ? years : years + yearQuarters
        return candidates.last { $0.range.isJustBefore(report.range) }
    }
}
