/// A figure of a report beside its value in the previous period of the same length, as a reader
/// compares them: a share by the percentage points between the printed values (29,8% to 31,2% is
/// 1,4 points), a count by its difference.
public struct Change: Sendable, Hashable {
    public enum Measure: Sendable, Hashable {
        /// A share from 0 to 1, printed to a tenth of a percent.
        case share
        case count
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

    /// The difference as printed: tenths of a percentage point for a share, units for a count.
    public var steps: Int {
        switch measure {
        case .share: Int((value * 1000).rounded()) - Int((previous * 1000).rounded())
        case .count: Int(value.rounded()) - Int(previous.rounded())
        }
    }

    public var direction: Direction { steps > 0 ? .up : steps < 0 ? .down : .same }
}

extension BlocReports {
    /// The report of the period of the same length just before `report`: the quarter before a
    /// quarter of the period; nil for the first quarter and for the whole period, which have no
    /// earlier period of their length in the content.
    public func previous(of report: BlocReport) -> BlocReport? {
        guard let quarter = report.quarter, let index = quarters.firstIndex(where: { $0.quarter == quarter }),
            index > 0
        else { return nil }
        let previous = quarters[index - 1]
        // Only the quarter just before: a gap of a quarter without records is not compared across.
        guard let part = previous.quarter, part.range.to.next == quarter.range.from else { return nil }
        return previous
    }
}
