/// Monthly charts drawn as inline SVG at build time: no chart library, no script. Colours come
/// from the stylesheet through class names, so dark mode and print work.
enum Chart {
    /// A number as SVG writes it: to a tenth, with a point.
    static func n(_ value: Double) -> String { Format.decimal(value, places: 1).replacing(ascii: ",", with: ".") }

    /// A chart's opening tag, with the title and description a screen reader names it by.
    static func open(
        _ classes: String, width: Double, height: Double, id: String, title: String, description: String
    ) -> String {
        "<svg class=\"\(classes)\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
            + "aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<title id=\"\(id)-title\">\(HTML.escape(title))</title><desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>"
    }

    struct Month {
        var label: String
        /// Average total of the month's regular meetings, if any.
        var total: Double?
        /// Speaking rate of the month's meetings, 0 to 1, if any.
        var rate: Double?
        /// The worst computed rating of the month's regular meetings, 0 the best: a bar below the
        /// best is drawn apart (outlined and hatched, not by colour alone), since a high total
        /// with a required criterion short is not the best rating.
        var rank: Int? = nil
    }

    /// A rating's band of totals: from `min` up to the next better rating's minimum.
    struct Band {
        var name: String
        var min: Int
    }

    /// The left axis's lowest total: ten under the lesser of the second-best rating's minimum and
    /// the lowest monthly average, on a multiple of ten, so that the bands a branch moves between
    /// fill the chart and a fall from the best rating to the next is a visible step, not a few
    /// pixels at the top of a 0 to 100 scale.
    static func floor(_ months: [Month], bands: [Band]) -> Int {
        let lowest = months.compactMap(\.total).min().map { Int($0.rounded(.down)) } ?? Int.max
        let second = bands.count > 1 ? bands[1].min : (bands.first?.min ?? 0)
        let low = min(lowest, second)
        return max(0, (low / 10) * 10 - 10)
    }

    /// Bars of the monthly total against the rating bands (left axis, from `floor` to `maxTotal`,
    /// each band shaded and named at its minimum) and a line of the speaking rate (right axis, 0 to
    /// 100%) with the target as a dashed line.
    static func monthly(
        _ months: [Month], maxTotal: Int, bands: [Band] = [], target: Double, title: String, description: String
    ) -> String {
        let width = 640.0
        let height = 260.0
        // Room for the axes' labels at the size a phone draws them (22 units, see site.css).
        let left = 48.0
        let right = 60.0
        let top = 16.0
        let bottom = 36.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let slot = months.isEmpty ? plotWidth : plotWidth / Double(months.count)
        let low = Double(floor(months, bands: bands))
        let scale = Double(max(maxTotal, 1)) - low
        func y(_ fraction: Double) -> Double { top + plotHeight * (1 - min(max(fraction, 0), 1)) }
        /// A total's height as a fraction of the axis.
        func level(_ total: Double) -> Double { (total - low) / max(scale, 1) }

        var svg = open("chart", width: width, height: height, id: "chart", title: title, description: description)
        // The rating bands, best first, each from its minimum to the next better one's: shaded in
        // turn and named, with a line and the total at each minimum.
        var upper = Double(maxTotal)
        // The bands' names go over the bars, drawn last.
        var labels = ""
        for (index, band) in bands.enumerated() where Double(band.min) < upper {
            let lower = max(Double(band.min), low)
            guard lower < upper else { break }
            svg +=
                "<rect class=\"band band-\(index % 2)\" x=\"\(n(left))\" y=\"\(n(y(level(upper))))\" width=\"\(n(plotWidth))\" height=\"\(n(y(level(lower)) - y(level(upper))))\"/>"
            labels +=
                "<text class=\"band-name\" x=\"\(n(left + 6))\" y=\"\(n(y(level(upper)) + 20))\">\(HTML.escape(band.name))</text>"
            upper = lower
            if lower <= low { break }
        }
        var ticks = Set([Int(low), maxTotal])
        for band in bands where Double(band.min) > low && band.min < maxTotal { ticks.insert(band.min) }
        for tick in ticks.sorted() {
            let fraction = level(Double(tick))
            svg +=
                "<line class=\"grid\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(fraction)))\" y2=\"\(n(y(fraction)))\"/>"
            svg +=
                "<text class=\"axis\" x=\"\(n(left - 6))\" y=\"\(n(y(fraction) + 4))\" text-anchor=\"end\">\(tick)</text>"
        }
        for step in 0...4 {
            let fraction = Double(step) / 4
            svg +=
                "<text class=\"axis\" x=\"\(n(width - right + 6))\" y=\"\(n(y(fraction) + 4))\">\(Int(fraction * 100))%</text>"
        }
        for (index, month) in months.enumerated() {
            let x = left + slot * Double(index)
            if let total = month.total {
                let barTop = y(level(total))
                let below = (month.rank ?? 0) > 0 ? " below-best" : ""
                svg +=
                    "<rect class=\"bar\(below)\" x=\"\(n(x + slot * 0.2))\" y=\"\(n(barTop))\" width=\"\(n(slot * 0.6))\" height=\"\(n(top + plotHeight - barTop))\"/>"
            }
            // With more than a year of months, a phone shows every other label (`thin` ones hidden).
            let thin = months.count > 12 && index % 2 == 1 ? " thin" : ""
            svg +=
                "<text class=\"axis month\(thin)\" x=\"\(n(x + slot / 2))\" y=\"\(n(height - bottom + 20))\" text-anchor=\"middle\">\(HTML.escape(month.label))</text>"
        }
        svg += labels
        // The rate line's points, as SVG numbers, each at the middle of its month's slot.
        let points = months.enumerated().compactMap { index, month in
            month.rate.map { (x: n(left + slot * (Double(index) + 0.5)), y: n(y($0))) }
        }
        if !points.isEmpty {
            svg += "<polyline class=\"rate\" points=\"\(points.map { "\($0.x),\($0.y)" }.joined(separator: " "))\"/>"
            for point in points {
                svg += "<circle class=\"rate-dot\" cx=\"\(point.x)\" cy=\"\(point.y)\" r=\"3.5\"/>"
            }
        }
        svg +=
            "<line class=\"target\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(target)))\" y2=\"\(n(y(target)))\"/>"
        svg += "</svg>"
        return svg
    }

    /// A line of a rates chart: its values by slot (nil where a slot has no figure) and the class
    /// that draws it (each line has its own dash and mark, so that none is told by colour alone).
    struct Series {
        var name: String
        var values: [Double?]
    }

    /// Lines of rates from 0 to 100% over labelled slots (the report's quarters across the years),
    /// each series drawn with its own dash and point mark, and `current` slot's label in bold.
    static func rates(
        _ series: [Series], labels: [String], current: Int?, title: String, description: String, id: String
    ) -> String {
        let width = 640.0
        let height = 260.0
        // Room for "100%" at the size a phone draws the axis (22 units, see site.css).
        let left = 72.0
        let right = 16.0
        let top = 16.0
        let bottom = 36.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let slot = labels.isEmpty ? plotWidth : plotWidth / Double(labels.count)
        func y(_ fraction: Double) -> Double { top + plotHeight * (1 - min(max(fraction, 0), 1)) }

        var svg = open("chart rates", width: width, height: height, id: id, title: title, description: description)
        for step in 0...4 {
            let fraction = Double(step) / 4
            svg +=
                "<line class=\"grid\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(fraction)))\" y2=\"\(n(y(fraction)))\"/>"
            svg +=
                "<text class=\"axis\" x=\"\(n(left - 6))\" y=\"\(n(y(fraction) + 4))\" text-anchor=\"end\">\(Int(fraction * 100))%</text>"
        }
        for (index, label) in labels.enumerated() {
            // A phone shows every other quarter's label (`thin` ones hidden), always the page's own.
            let thin = labels.count > 4 && index % 2 == 1 && index != current ? " thin" : ""
            let strong = index == current ? " current" : ""
            svg +=
                "<text class=\"axis month\(thin)\(strong)\" x=\"\(n(left + slot * (Double(index) + 0.5)))\" y=\"\(n(height - bottom + 20))\" text-anchor=\"middle\">\(HTML.escape(label))</text>"
        }
        for (number, line) in series.enumerated() {
            let points = line.values.enumerated().compactMap { index, value in
                value.map { (x: n(left + slot * (Double(index) + 0.5)), y: n(y($0))) }
            }
            guard !points.isEmpty else { continue }
            svg +=
                "<polyline class=\"series series-\(number)\" points=\"\(points.map { "\($0.x),\($0.y)" }.joined(separator: " "))\"/>"
            for point in points {
                // Each series has its own mark: a circle, a square, a diamond, a triangle.
                switch number % 4 {
                case 0: svg += "<circle class=\"mark mark-\(number)\" cx=\"\(point.x)\" cy=\"\(point.y)\" r=\"4\"/>"
                case 1:
                    svg +=
                        "<rect class=\"mark mark-\(number)\" x=\"\(point.x)\" y=\"\(point.y)\" width=\"7\" height=\"7\" transform=\"translate(-3.5 -3.5)\"/>"
                case 2:
                    svg +=
                        "<rect class=\"mark mark-\(number)\" x=\"\(point.x)\" y=\"\(point.y)\" width=\"7\" height=\"7\" transform=\"rotate(45 \(point.x) \(point.y)) translate(-3.5 -3.5)\"/>"
                default:
                    svg +=
                        "<path class=\"mark mark-\(number)\" d=\"M\(point.x) \(point.y) m0 -5 l4.5 8 h-9 z\"/>"
                }
            }
        }
        svg += "</svg>"
        return svg
    }

    /// One bar of a bar chart: its label above it and its value, beside the previous period's.
    struct Bar {
        var label: String
        var value: Int
        var previous: Int?
    }

    /// Horizontal bars, one per row, each under its label (so that a long label needs no margin
    /// and reads on a phone), the period's bar solid with its value at its end and the previous
    /// period's, where there is one, outlined and hatched under it; scaled to the largest value.
    static func bars(_ rows: [Bar], title: String, description: String, id: String) -> String {
        let width = 640.0
        let hasPrevious = rows.contains { $0.previous != nil }
        let bar = 16.0
        let label = 24.0
        let gap = 12.0
        let rowHeight = label + bar + (hasPrevious ? bar + 2 : 0) + gap
        let height = Double(rows.count) * rowHeight + 4
        let room = 90.0
        let largest = Double(max(1, rows.map { max($0.value, $0.previous ?? 0) }.max() ?? 1))
        func length(_ value: Int) -> Double { (width - room) * Double(value) / largest }

        var svg = open("chart bars", width: width, height: height, id: id, title: title, description: description)
        for (index, row) in rows.enumerated() {
            let top = Double(index) * rowHeight
            svg += "<text class=\"bar-label\" x=\"0\" y=\"\(n(top + label - 6))\">\(HTML.escape(row.label))</text>"
            var y = top + label
            svg +=
                "<rect class=\"bar-now\" x=\"0\" y=\"\(n(y))\" width=\"\(n(max(length(row.value), 1)))\" height=\"\(n(bar))\"/>"
            svg +=
                "<text class=\"axis bar-value\" x=\"\(n(length(row.value) + 6))\" y=\"\(n(y + bar - 3))\">\(Format.count(row.value))</text>"
            if let previous = row.previous {
                y += bar + 2
                svg +=
                    "<rect class=\"bar-before\" x=\"0\" y=\"\(n(y))\" width=\"\(n(max(length(previous), 1)))\" height=\"\(n(bar))\"/>"
                svg +=
                    "<text class=\"axis bar-value\" x=\"\(n(length(previous) + 6))\" y=\"\(n(y + bar - 3))\">\(Format.count(previous))</text>"
            }
        }
        svg += "</svg>"
        return svg
    }
}
