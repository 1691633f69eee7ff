/// The grassroots committees, or the grassroots branches, of a report ranked on one of its key
/// figures, each beside its value in the previous period of the same length.
///
/// - A committee's figures are its subordinate branches' meetings summed, as a report's `Summary`
///   counts them; a branch's are its own.
/// - Rank 1 is the best: the highest speaking rate, attendance, political study and supervision,
///   the lowest share of overrated meetings and the fewest meetings missed. Values equal as printed
///   (31,2%, 3 buổi) share a rank, and the next rank skips as many places (1, 1, 3).
/// - A unit without a meeting in the report's range, or without the figure's base (no member count
///   for attendance), is not ranked and comes last, in the units file's order.
public struct Ranking: Sendable, Hashable {
    /// The figures units are ranked on.
    public enum Figure: String, Sendable, Hashable, CaseIterable {
        /// Speakers over members present (750-CV/ĐUK: about 30% is a good result).
        case speaking
        /// Members present over members.
        case attendance
        /// Regular meetings with political study over those that required it (Hướng dẫn 08-HD/ĐUK).
        case politicalStudy
        /// Meetings whose self-rating is above the computed rating, over all meetings.
        case overrated
        /// Subordinate branches' meetings a committee member attended, over those meetings; committees only.
        case supervision
        /// Months without a regular meeting and quarters without a thematic meeting.
        case missed

        /// The first part of the figure's lists' folders.
        public var slug: String {
            switch self {
            case .speaking: "phat-bieu"
            case .attendance: "du-sinh-hoat"
            case .politicalStudy: "chinh-tri-tu-tuong"
            case .overrated: "tu-xep-loai-cao"
            case .supervision: "cap-uy-du"
            case .missed: "thieu-buoi"
            }
        }

        /// A share from 0 to 1, or a count.
        public var measure: Change.Measure { self == .missed ? .count : .share }

        /// Whether a higher value ranks better.
        public var higherIsBetter: Bool { self != .overrated && self != .missed }

        /// Whether units of `level` are ranked on the figure: supervision is the committees' (a
        /// grassroots branch has no committee above it to attend).
        public func applies(to level: UnitLevel) -> Bool { self != .supervision || level == .committee }
    }

    /// The levels ranked: the grassroots committees and the grassroots branches.
    public static let levels: [UnitLevel] = [.committee, .grassrootsBranch]

    /// A unit's row: its rank, its value in the report's range and in the previous period.
    public struct Entry: Sendable, Hashable {
        public var unit: UnitID
        /// 1 for the best; nil for a unit not ranked.
        public var rank: Int?
        /// Meetings in the report's range (a committee's: its branches').
        public var meetings: Int
        public var value: Double?
        /// The value in the previous period; nil without one or without the figure's base in it.
        public var previous: Double?
    }

    public var figure: Figure
    public var level: UnitLevel
    /// The list's folder: the figure's, then the level's (`phat-bieu-dang-bo`, `phat-bieu-chi-bo-co-so`).
    public var slug: String { figure.slug + "-" + (level == .committee ? "dang-bo" : "chi-bo-co-so") }
    /// Best first, then the units not ranked.
    public var entries: [Entry]

    /// The value against the previous one, as the figure measures it; nil when either is missing.
    public func change(_ entry: Entry) -> Change? {
        Change(entry.value, previous: entry.previous, measure: figure.measure)
    }

    /// The number a tie is decided on: the value as printed (tenths of a percent, whole counts).
    static func printed(_ value: Double, _ measure: Change.Measure) -> Int {
        measure == .share ? Int((value * 1000).rounded()) : Int(value.rounded())
    }

    /// The ranking of `figure` at `level` from the units' tallies, in the units file's order.
    init(_ figure: Figure, level: UnitLevel, tallies: [(UnitID, Tally)], previous: [UnitID: Tally]) {
        self.figure = figure
        self.level = level
        var ranked: [(key: Int, entry: Entry)] = []
        var unranked: [Entry] = []
        for (unit, tally) in tallies {
            let value = tally.value(figure)
            let entry = Entry(
                unit: unit, rank: nil, meetings: tally.meetings, value: value,
                previous: previous[unit].flatMap { $0.value(figure) })
            if let value, tally.meetings > 0 {
                let key = Self.printed(value, figure.measure)
                ranked.append((figure.higherIsBetter ? -key : key, entry))
            } else {
                unranked.append(entry)
            }
        }
        // A stable sort: equal values keep the units file's order.
        let sorted = ranked.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
        var result: [Entry] = []
        for (position, item) in sorted.map(\.element).enumerated() {
            var entry = item.entry
            let tied = position > 0 && sorted[position - 1].element.key == item.key
            entry.rank = tied ? result[position - 1].rank : position + 1
            result.append(entry)
        }
        entries = result + unranked
    }

    /// Every ranking of `report`: each figure at each level it applies to, compared with `previous`.
    public static func all(_ report: BlocReport, previous: BlocReport?) -> [Ranking] {
        levels.flatMap { level -> [Ranking] in
            let tallies = report.tallies[level] ?? Tally.units(report.evaluation, range: report.range, level: level)
            let before = Dictionary(
                previous.map { $0.tallies[level] ?? Tally.units($0.evaluation, range: $0.range, level: level) } ?? []
            ) { first, _ in first }
            return Figure.allCases.filter { $0.applies(to: level) }.map {
                Ranking($0, level: level, tallies: tallies, previous: before)
            }
        }
    }

    /// What a unit's figures are computed from, over a report's range.
    struct Tally: Sendable, Hashable {
        /// The meetings in the range, counted as every report counts them.
        var summary = Summary()
        /// Regular meetings that required political study (or held it), and those that held it.
        var studyRequired = 0
        var studyHeld = 0
        var missed = 0

        var meetings: Int { summary.meetings }

        func value(_ figure: Figure) -> Double? {
            switch figure {
            case .speaking: summary.speakingRate
            case .attendance: summary.attendanceRate
            case .politicalStudy: studyRequired > 0 ? Double(studyHeld) / Double(studyRequired) : nil
            case .overrated:
                summary.meetings > 0 ? Double(summary.findings[.overrated] ?? 0) / Double(summary.meetings) : nil
            case .supervision: summary.supervisedShare
            case .missed: Double(missed)
            }
        }

        /// A branch's meetings and branch-level findings in `range`. A regular meeting required
        /// political study when it has the finding for its absence (the rule's start date is the
        /// settings'), or held it.
        mutating func add(_ card: Scorecard, range: DateRange) {
            for evaluated in card.meetings where range.contains(evaluated.meeting.date) {
                let meeting = evaluated.meeting
                summary.add(evaluated, unit: card.unit)
                if meeting.kind == .regular
                    && (meeting.politicalStudy || evaluated.findings.contains { $0.code == .missingPoliticalStudy })
                {
                    studyRequired += 1
                    if meeting.politicalStudy { studyHeld += 1 }
                }
            }
            missed +=
                card.findings.filter {
                    ($0.code == .missingRegularMeeting || $0.code == .missingThematicMeeting)
                        && BlocReport.concerns($0, range)
                }.count
        }

        /// The tally of each unit of `level` in `evaluation` over `range`, in the units file's order: a committee's
        /// from its branches (their meetings are its subordinate branches', whose supervision the
        /// summary counts).
        static func units(_ evaluation: Evaluation, range: DateRange, level: UnitLevel) -> [(UnitID, Tally)] {
            let organization = evaluation.organization
            return organization.units.filter { $0.level == level }.map { unit in
                var tally = Tally()
                if level == .committee {
                    for branch in organization.branches(of: unit.id) {
                        if let card = evaluation[unit: branch.id] { tally.add(card, range: range) }
                    }
                } else if let card = evaluation[unit: unit.id] {
                    tally.add(card, range: range)
                }
                return (unit.id, tally)
            }
        }
    }
}

extension BlocReports {
    /// The rankings of `report`, compared with the period of the same length before it.
    public func rankings(of report: BlocReport) -> [Ranking] { Ranking.all(report, previous: previous(of: report)) }
}
