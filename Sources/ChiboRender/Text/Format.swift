import ChiboModel
import ChiboSupport

/// Numbers, dates and lists as a Vietnamese clerk writes them, for the pages and the letter alike:
/// a dot between thousands and a comma before decimals ("1.362", "31,2%"), quarters in Roman
/// numerals, dates as Hướng dẫn 36-HD/VPTW writes them ("20/6/2023", "05/4/2024", "26/01/2024").
enum Format {
    /// 1362 → "1.362"; -5 → "-5".
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "." }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// 963 of 1130 → "963/1.130".
    static func fraction(_ part: Int, of whole: Int) -> String { count(part) + "/" + count(whole) }

    /// 3 → "III".
    static func roman(_ number: Int) -> String {
        let numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = number
        var result = ""
        for (value, numeral) in numerals {
            while rest >= value {
                result += numeral
                rest -= value
            }
        }
        return result
    }

    /// A day of the month or a month as a date in Vietnamese text writes it: a day under 10 and the
    /// months 1 and 2 with a leading zero (Hướng dẫn 36-HD/VPTW), others as they are.
    static func dayNumber(_ day: Int) -> String { day < 10 ? day.zeroPadded(2) : String(day) }
    static func monthNumber(_ month: Int) -> String { month <= 2 ? month.zeroPadded(2) : String(month) }

    /// 2023-06-20 → "20/6/2023"; 2024-01-26 → "26/01/2024"; 2024-04-05 → "05/4/2024".
    static func date(_ day: Day) -> String {
        dayNumber(day.day) + "/" + monthNumber(day.month) + "/" + String(day.year)
    }

    /// Items joined as a sentence lists them: "1", "1 và 2", "1, 2, 4 và 5" (or `conjunction` "hoặc").
    static func list(_ items: [String], conjunction: String = "và") -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + " " + conjunction + " " + last
    }

    /// 0.295 → "29,5%"; 0.3 → "30%".
    static func percent(_ share: Double?) -> String {
        guard let share else { return "–" }
        return decimal(share * 100, places: 1) + "%"
    }

    /// 87.25 → "87,3"; 90 → "90".
    static func decimal(_ value: Double?, places: Int = 1) -> String {
        guard let value, value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let whole = Int(rounded.rounded(.towardZero))
        let fraction = Int(((abs(rounded) - Double(abs(whole))) * scale).rounded())
        let sign = rounded < 0 && whole == 0 ? "-" : ""
        guard fraction > 0 else { return sign + count(whole) }
        var digits = fraction.zeroPadded(places)
        while digits.hasSuffix("0") { digits.removeLast() }
        return sign + count(whole) + "," + digits
    }

    /// A share for JSON: at most four decimals, a dot.
    static func jsonRate(_ share: Double) -> Double {
        (share * 10000).rounded() / 10000
    }

    /// A change as a reader takes it in at a glance: "tăng 2,1 điểm %", "giảm 12 buổi", "không đổi";
    /// `unit` names what a count counts ("buổi"), a share's unit is the percentage point.
    /// A figure as a report prints it: a share as a percentage (31,2%), a count (1.362), a score
    /// to a tenth (92,3).
    static func value(_ value: Double, _ measure: Change.Measure) -> String {
        switch measure {
        case .share: percent(value)
        case .count: count(Int(value.rounded()))
        case .score: decimal(value)
        }
    }

    /// A change as a row shows it: its words and the direction of its mark; nil without one.
    static func mark(_ change: Change?, unit: UIString? = nil, theme: Theme) -> ChangeModel? {
        change.map { ChangeModel(text: Format.change($0, unit: unit, theme: theme), direction: $0.direction.rawValue) }
    }

    static func change(_ change: Change, unit: UIString?, theme: Theme) -> String {
        let steps = change.steps
        let amount =
            switch change.measure {
            case .share: Format.fill(theme.string(.changePoints), ["points": decimal(Double(abs(steps)) / 10)])
            case .count: count(abs(steps)) + (unit.map { " " + theme.string($0) } ?? "")
            case .score: decimal(Double(abs(steps)) / 10) + (unit.map { " " + theme.string($0) } ?? "")
            }
        switch change.direction {
        case .up: return Format.fill(theme.string(.changeUp), ["amount": amount])
        case .down: return Format.fill(theme.string(.changeDown), ["amount": amount])
        case .same: return theme.string(.changeSame)
        }
    }

    /// A template string with `{name}` placeholders filled in, in one pass; unknown names stay as written.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] {
                result += value
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
