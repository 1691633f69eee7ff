/// The two kinds of branch meeting.
public enum MeetingKind: String, Sendable, Hashable, CaseIterable {
    /// Sinh hoạt thường kỳ: held every month.
    case regular
    /// Sinh hoạt chuyên đề: on one prepared topic, at least once a quarter.
    case thematic
}

/// One scored criterion of a rubric.
public struct Criterion: Sendable, Hashable {
    /// 1 to N, in order.
    public var id: Int
    public var title: String
    public var max: Int
    /// What the review letter says when nearly every meeting has it at its maximum (`strength:`).
    public var strength: String?
    /// What the review letter says, with the count, when many meetings fall short of its maximum
    /// (`weakness:`, see `Targets.criterionShortShare`).
    public var weakness: String?

    public init(id: Int, title: String, max: Int, strength: String? = nil, weakness: String? = nil) {
        self.id = id
        self.title = title
        self.max = max
        self.strength = strength
        self.weakness = weakness
    }
}

/// The name of a rating as a rubric spells it ("Tốt", "Khá"): what a meeting is rated, by the
/// rubric's bands or by the branch itself. Ratings are ranked by their rubric, not by their names.
public struct RatingName: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }
}

/// A rating and the conditions a meeting must meet to get it.
public struct RatingBand: Sendable, Hashable {
    public var name: RatingName
    public var minTotal: Int
    /// Criteria that must be at their maximum (Quy định 14-QĐ/TU: "Tốt" needs full marks on 1, 2, 4, 5).
    public var requireFull: [Int]
    /// Criteria with a least number of points.
    public var requireMin: [Int: Int]

    public init(name: RatingName, minTotal: Int, requireFull: [Int] = [], requireMin: [Int: Int] = [:]) {
        self.name = name
        self.minTotal = minTotal
        self.requireFull = requireFull
        self.requireMin = requireMin
    }
}

/// Why a meeting does not reach a rating: its total, or a criterion below what the rating asks.
public enum RatingBlocker: Sendable, Hashable {
    /// The total is below the rating's minimum.
    case total(total: Int, required: Int)
    /// A criterion that must be at full marks is not.
    case notFull(criterion: Int, points: Int, max: Int)
    /// A criterion is below the rating's least points for it.
    case belowMinimum(criterion: Int, points: Int, required: Int)
}

/// A scoring rubric (Quy định 14-QĐ/TU): criteria with maximum points, and rating bands, best first.
public struct Rubric: Sendable, Hashable {
    public var id: String
    public var title: String
    public var appliesTo: MeetingKind
    public var source: String
    public var criteria: [Criterion]
    /// Best first; the last matches any total.
    public var ratings: [RatingBand]

    public init(
        id: String, title: String, appliesTo: MeetingKind, source: String = "", criteria: [Criterion],
        ratings: [RatingBand]
    ) {
        self.id = id
        self.title = title
        self.appliesTo = appliesTo
        self.source = source
        self.criteria = criteria
        self.ratings = ratings
    }

    /// The sum of every criterion's maximum.
    public var maxTotal: Int { criteria.reduce(0) { $0 + $1.max } }

    /// The position of a rating name, 0 the best; names match ignoring case and diacritics.
    public func rank(of name: String) -> Int? {
        let key = Folding.fold(name.trimmingSpaces)
        return ratings.firstIndex { Folding.fold($0.name.rawValue) == key }
    }

    /// What keeps `scores` (criterion 1 first) from the rating `band`; empty when it reaches it.
    public func blockers(_ band: RatingBand, scores: [Int]) -> [RatingBlocker] {
        var blockers: [RatingBlocker] = []
        let total = scores.reduce(0, +)
        if total < band.minTotal { blockers.append(.total(total: total, required: band.minTotal)) }
        for id in band.requireFull.sorted() {
            guard let criterion = criteria.first(where: { $0.id == id }) else { continue }
            let points = id - 1 < scores.count ? scores[id - 1] : 0
            if points < criterion.max { blockers.append(.notFull(criterion: id, points: points, max: criterion.max)) }
        }
        for (id, required) in band.requireMin.sorted(by: { $0.key < $1.key }) {
            let points = id - 1 < scores.count ? scores[id - 1] : 0
            if points < required { blockers.append(.belowMinimum(criterion: id, points: points, required: required)) }
        }
        return blockers
    }

    /// The computed rating: the first band, best first, whose minimum total, full-mark criteria and
    /// least points all hold. The last band matches any total, so there is always one.
    public func rating(for scores: [Int]) -> Int {
        ratings.indices.first { blockers(ratings[$0], scores: scores).isEmpty } ?? max(0, ratings.count - 1)
    }
}
