import ChiboModel
import ChiboSupport

/// Finding messages in the reader's language, from the theme's UI strings: each says exactly why
/// ("Tự xếp loại Tốt nhưng tiêu chí 1 (13/15), 4 (8/10) chưa đạt điểm tối đa").
struct FindingText: Sendable {
    let theme: Theme

    func label(_ code: FindingCode) -> String { theme.string(.findingLabel(code)) }

    /// A year's or a quarter's report as a comparison names it: "năm 2023", "quý I/2024"; nil for
    /// the period's report.
    func name(of report: BlocReport) -> String? {
        if let quarter = report.quarter { return part(quarter) }
        return report.year.map { Format.fill(theme.string(.yearLabel), ["year": String($0)]) }
    }

    func part(_ part: PeriodPart) -> String {
        Format.fill(
            theme.string(part.kind == .quarter ? .quarterLabel : .monthLabel),
            [
                "number": String(part.number), "roman": Format.roman(part.number), "year": String(part.year),
                "month": Format.monthNumber(part.number),
            ])
    }

    func message(_ finding: Finding) -> String {
        let template = theme.string(.findingMessage(finding.code))
        switch finding.detail {
        case .overrated(let selfRating, let computed, let blockers):
            return Format.fill(
                template, ["self": selfRating.rawValue, "computed": computed.rawValue, "reasons": reasons(blockers)])
        case .underrated(let selfRating, let computed):
            return Format.fill(template, ["self": selfRating.rawValue, "computed": computed.rawValue])
        case .rate(let count, let of, let target):
            let rate = of > 0 ? Double(count) / Double(of) : 0
            return Format.fill(
                template,
                [
                    "count": String(count), "of": String(of), "rate": Format.percent(rate),
                    "target": Format.percent(target),
                ])
        case .missingItem, .noSupervisor:
            return template
        case .missingIn(let period):
            return Format.fill(template, ["part": part(period)])
        }
    }

    func reasons(_ blockers: [RatingBlocker]) -> String {
        var parts: [String] = []
        var notFull: [String] = []
        for blocker in blockers {
            switch blocker {
            case .total(let total, let required):
                parts.append(
                    Format.fill(theme.string(.reasonTotal), ["total": String(total), "required": String(required)]))
            case .notFull(let criterion, let points, let max):
                notFull.append("\(criterion) (\(points)/\(max))")
            case .belowMinimum(let criterion, let points, let required):
                parts.append(
                    Format.fill(
                        theme.string(.reasonBelowMin),
                        ["criterion": String(criterion), "points": String(points), "required": String(required)]))
            }
        }
        if !notFull.isEmpty {
            parts.insert(
                Format.fill(
                    theme.string(.reasonNotFull), ["list": notFull.joined(separator: theme.string(.listSeparator))]
                ),
                at: 0)
        }
        return parts.joined(separator: theme.string(.reasonSeparator))
    }
}
