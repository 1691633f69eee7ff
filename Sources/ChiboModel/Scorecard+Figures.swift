/// The figures a scorecard shows beyond its summary's counts, and how they compare with the
/// targets: the domain rules the pages used to compute while rendering.
extension EvaluatedMeeting {
    /// Whether the branch rated itself better than the rubric rates the meeting (Quy định 14-QĐ/TU:
    /// the rating needs every condition of its band; the `overrated` finding says which fail).
    public var isOverrated: Bool { selfRank < ratingRank }
}

extension Scorecard {
    /// The computed rating of the branch's latest meeting (by date; on one day a regular meeting
    /// before a thematic one, by the kinds' names), or nil when it has none.
    public var latestRating: RatingName? {
        meetings.max { ($0.meeting.date, $0.meeting.kind.rawValue) < ($1.meeting.date, $1.meeting.kind.rawValue) }?
            .rating
    }

    /// A month's figures of the scorecard's chart.
    public struct MonthFigures: Sendable, Hashable {
        public var month: PeriodPart
        /// The average total of the month's regular meetings; nil without one.
        public var averageRegularTotal: Double?
        /// Speakers as a share of the members present, over every meeting of the month; nil when no
        /// one was present.
        public var speakingRate: Double?
    }

    /// The figures of each of `months`, in order.
    public func monthly(_ months: [PeriodPart]) -> [MonthFigures] {
        months.map { month in
            let inMonth = meetings.filter { month.range.contains($0.meeting.date) }
            let regular = inMonth.filter { $0.meeting.kind == .regular }
            let total = regular.isEmpty ? nil : Double(regular.map(\.total).reduce(0, +)) / Double(regular.count)
            let present = inMonth.map(\.meeting.present).reduce(0, +)
            let rate = present > 0 ? Double(inMonth.map(\.meeting.speakers).reduce(0, +)) / Double(present) : nil
            return MonthFigures(month: month, averageRegularTotal: total, speakingRate: rate)
        }
    }
}

extension Summary {
    /// Whether the speaking rate is below `targets.speakingRate` (Công văn 750-CV/ĐUK: about 30% is
    /// a good result); a summary with no one present is not.
    public func isSpeakingBelow(_ targets: Targets) -> Bool { (speakingRate ?? 1) < targets.speakingRate }

    /// Whether attendance is below `targets.attendanceRate` (Hướng dẫn 12-HD/BTCTW: more than 85%);
    /// a summary without member counts is not.
    public func isAttendanceBelow(_ targets: Targets) -> Bool { (attendanceRate ?? 1) < targets.attendanceRate }
}

extension BlocReport.RateBucket {
    /// Whether every rate of the bucket is below `targets.speakingRate`; the open top bucket never is.
    public func isBelowSpeaking(_ targets: Targets) -> Bool { (upper ?? 2) <= targets.speakingRate }
}

extension BlocReport.CommitteeAttendance {
    /// The share of its branches' meetings a committee member attended; nil without meetings.
    public var supervisedShare: Double? { meetings > 0 ? Double(supervised) / Double(meetings) : nil }
}
