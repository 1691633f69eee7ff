/// A calendar day with no time and no time zone, as committee documents write dates.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid day of the proleptic Gregorian calendar, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// 1 January of year 1, earlier than every day in content.
    public static let distantPast = Day(uncheckedYear: 1, month: 1, day: 1)

    /// Reads `YYYY-MM-DD`, `DD/MM/YYYY` or `D/M/YYYY` (surrounding spaces ignored).
    public init?(parsing text: some StringProtocol) {
        let trimmed = text.trimmingSpaces
        if trimmed.contains("-") {
            let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
            else { return nil }
            self.init(year: y, month: m, day: d)
        } else {
            let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                parts[2].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
                let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2])
            else { return nil }
            self.init(year: y, month: m, day: d)
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day `days` after 1970-01-01 (civil-from-days, proleptic Gregorian).
    public static func fromDaysSinceEpoch(_ days: Int) -> Day {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return Day(uncheckedYear: year, month: month, day: day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        "\(Day.pad(year, 4))-\(Day.pad(month, 2))-\(Day.pad(day, 2))"
    }

    /// `DD/MM/YYYY`, the way Vietnamese documents print dates.
    public var vietnamese: String {
        "\(Day.pad(day, 2))/\(Day.pad(month, 2))/\(year)"
    }

    /// The day after.
    public var next: Day {
        if day < Day.daysIn(month: month, year: year) { return Day(uncheckedYear: year, month: month, day: day + 1) }
        if month < 12 { return Day(uncheckedYear: year, month: month + 1, day: 1) }
        return Day(uncheckedYear: year + 1, month: 1, day: 1)
    }

    /// The calendar quarter, 1 to 4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    /// `value` with leading zeros to `width` digits.
    public static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line ends.
    public var trimmingSpaces: String {
        let text = String(self)
        // Most values have nothing to trim: printable ASCII or letters at both ends.
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first.value > 0x20, first.value != 0x7F, last.value > 0x20, last.value != 0x7F,
            first.value < 0x80 || !first.properties.isWhitespace, last.value < 0x80 || !last.properties.isWhitespace
        {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
