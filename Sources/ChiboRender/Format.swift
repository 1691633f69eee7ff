import ChiboModel
import ChiboSupport

/// Numbers as Vietnamese readers write them: a comma before decimals, a percent sign.
enum Format {
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
        guard fraction > 0 else { return sign + String(whole) }
        var digits = fraction.zeroPadded(places)
        while digits.hasSuffix("0") { digits.removeLast() }
        return sign + String(whole) + "," + digits
    }

    /// A share for JSON: at most four decimals, a dot.
    static func jsonRate(_ share: Double) -> Double {
        (share * 10000).rounded() / 10000
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
