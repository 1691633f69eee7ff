extension Day {
    /// The calendar month the day is in.
    public var monthPart: PeriodPart { PeriodPart(year: year, number: month, kind: .month) }
    /// The calendar quarter the day is in.
    public var quarterPart: PeriodPart { PeriodPart(year: year, number: quarter, kind: .quarter) }
}

/// A calendar month or quarter of the reporting period.
public struct PeriodPart: Sendable, Hashable, Comparable {
    public var year: Int
    /// 1 to 12 for a month, 1 to 4 for a quarter.
    public var number: Int
    public var kind: Kind

    /// A calendar month or a calendar quarter.
    public enum Kind: Sendable, Hashable {
        case month
        case quarter
    }

    public init(year: Int, number: Int, kind: Kind) {
        self.year = year
        self.number = number
        self.kind = kind
    }

    public static func < (lhs: PeriodPart, rhs: PeriodPart) -> Bool { (lhs.year, lhs.number) < (rhs.year, rhs.number) }

    /// `2024-03` for a month, `2024-q1` for a quarter.
    public var slug: String {
        switch kind {
        case .month: "\(year)-\(number.zeroPadded(2))"
        case .quarter: "\(year)-q\(number)"
        }
    }

    /// The first and the last day.
    public var range: DateRange {
        let (firstMonth, lastMonth) = kind == .quarter ? ((number - 1) * 3 + 1, (number - 1) * 3 + 3) : (number, number)
        let from = Day(year: year, month: firstMonth, day: 1) ?? Day.distantPast
        let to = Day(year: year, month: lastMonth, day: Day.daysIn(month: lastMonth, year: year)) ?? Day.distantPast
        return DateRange(from: from, to: to)
    }
}
