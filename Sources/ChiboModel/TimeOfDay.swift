import ChiboSupport

/// A time of day in hours and minutes, Vietnam time: when a sample meeting starts.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// A time from 00:00 to 23:59, or nil.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// `H:MM` or `HH:MM` in 24 hours, ASCII digits only (no sign, no spaces), or nil.
    public init?(parsing text: String) {
        let parts = text.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(isDigit) })
        else { return nil }
        let number = { (digits: Substring.UTF8View.SubSequence) in digits.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        self.init(hour: number(parts[0]), minute: number(parts[1]))
    }

    /// Minutes since midnight.
    public var minutes: Int { hour * 60 + minute }

    /// `HH:MM`, e.g. `08:00`.
    public var description: String { hour.zeroPadded(2) + ":" + minute.zeroPadded(2) }

    /// `HHMM`, as iCalendar writes a time before its seconds.
    public var compact: String { hour.zeroPadded(2) + minute.zeroPadded(2) }

    /// The time `hours` later the same day, or nil past midnight.
    public func adding(hours: Int) -> TimeOfDay? { TimeOfDay(hour: hour + hours, minute: minute) }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute) }
}
