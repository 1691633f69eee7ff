/// A calendar day with no time and no time zone, as committee documents write dates.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `year * 512 + month * 32 + day`: one integer that orders days, so that a meeting carries 4
    /// bytes for its date.
    private let packed: Int32

    public var year: Int { Int(packed) >> 9 }
    public var month: Int { (Int(packed) >> 5) & 0xF }
    public var day: Int { Int(packed) & 0x1F }

    /// A valid day of the proleptic Gregorian calendar, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(uncheckedYear: year, month: month, day: day)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        packed = Int32(year << 9 | month << 5 | day)
    }

    /// 1 January of year 1, earlier than every day in content.
    public static let distantPast = Day(uncheckedYear: 1, month: 1, day: 1)

    /// Reads `YYYY-MM-DD`, `DD/MM/YYYY` or `D/M/YYYY` (surrounding spaces ignored).
    public init?(parsing text: some StringProtocol) {
        let trimmed = text.trimmingSpaces
        var utf8 = Array(trimmed.utf8)
        // Every form is ASCII: a date with any other character is none.
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let parsed: Day? = utf8.withUnsafeMutableBufferPointer { Day.parse(UnsafeBufferPointer($0)) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// The reading of `init(parsing:)` over trimmed ASCII: parts as `Int(_:)` reads them (a `+`
    /// before the digits of `YYYY-MM-DD` included), lengths counted in characters.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        func number(_ range: Range<Int>, plusAllowed: Bool) -> Int? {
            var index = range.lowerBound
            if plusAllowed && index < range.upperBound && bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard index < range.upperBound else { return nil }
            var value = 0
            while index < range.upperBound {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
                index += 1
            }
            return value
        }
        func parts(_ separator: UInt8) -> [Range<Int>] {
            var parts: [Range<Int>] = []
            var start = 0
            for index in 0..<bytes.count where bytes[index] == separator {
                parts.append(start..<index)
                start = index + 1
            }
            parts.append(start..<bytes.count)
            return parts
        }
        if bytes.contains(UInt8(ascii: "-")) {
            let parts = parts(UInt8(ascii: "-"))
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let y = number(parts[0], plusAllowed: true), let m = number(parts[1], plusAllowed: true),
                let d = number(parts[2], plusAllowed: true)
            else { return nil }
            return Day(year: y, month: m, day: d)
        }
        let parts = parts(UInt8(ascii: "/"))
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
            parts[2].count == 4, let d = number(parts[0], plusAllowed: false),
            let m = number(parts[1], plusAllowed: false), let y = number(parts[2], plusAllowed: false)
        else { return nil }
        return Day(year: y, month: m, day: d)
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
        "\(year.zeroPadded(4))-\(month.zeroPadded(2))-\(day.zeroPadded(2))"
    }

    /// `DD/MM/YYYY`, the way Vietnamese documents print dates.
    public var vietnamese: String {
        "\(day.zeroPadded(2))/\(month.zeroPadded(2))/\(year)"
    }

    /// The day after.
    public var next: Day {
        if day < Day.daysIn(month: month, year: year) { return Day(uncheckedYear: year, month: month, day: day + 1) }
        if month < 12 { return Day(uncheckedYear: year, month: month + 1, day: 1) }
        return Day(uncheckedYear: year + 1, month: 1, day: 1)
    }

    /// The calendar quarter, 1 to 4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.packed < rhs.packed }
}
