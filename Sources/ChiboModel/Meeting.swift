/// One meeting record of a branch, as the committee's spreadsheet gives it.
public struct Meeting: Sendable, Hashable {
    public var branch: String
    public var date: Day
    public var kind: MeetingKind
    /// The topic of a thematic meeting.
    public var topic: String?
    /// The member who prepared the topic.
    public var preparer: String?
    /// Members present.
    public var present: Int
    /// Members who spoke.
    public var speakers: Int
    /// Points per criterion of the rubric for `kind`, criterion 1 first.
    public var scores: [Int]
    /// The rating the branch gave itself (tự xếp loại), a rating name of the rubric.
    public var selfRating: String
    /// Political-ideological study held (Hướng dẫn 08-HD/ĐUK).
    public var politicalStudy: Bool
    /// Current affairs and document briefing held.
    public var currentAffairs: Bool
    /// Information technology used in the meeting.
    public var usedIT: Bool
    /// The committee member who attended and guided the meeting, if any.
    public var supervisor: String?
    public var note: String?
    /// The record's row.
    public var location: SourceLocation

    public init(
        branch: String, date: Day, kind: MeetingKind, topic: String? = nil, preparer: String? = nil, present: Int,
        speakers: Int, scores: [Int], selfRating: String, politicalStudy: Bool = false, currentAffairs: Bool = false,
        usedIT: Bool = false, supervisor: String? = nil, note: String? = nil,
        location: SourceLocation = SourceLocation(file: "meetings.csv")
    ) {
        self.branch = branch
        self.date = date
        self.kind = kind
        self.topic = topic
        self.preparer = preparer
        self.present = present
        self.speakers = speakers
        self.scores = scores
        self.selfRating = selfRating
        self.politicalStudy = politicalStudy
        self.currentAffairs = currentAffairs
        self.usedIT = usedIT
        self.supervisor = supervisor
        self.note = note
        self.location = location
    }

    public var total: Int { scores.reduce(0, +) }

    /// Share of present members who spoke; nil when nobody was present.
    public var speakingRate: Double? { present > 0 ? Double(speakers) / Double(present) : nil }
}

/// The codes of findings; fixed by the content format, computed, never typed in.
public enum FindingCode: String, Sendable, Hashable, CaseIterable, Comparable {
    case overrated
    case underrated
    case missingPoliticalStudy = "missing-political-study"
    case missingCurrentAffairs = "missing-current-affairs"
    case lowSpeakingRate = "low-speaking-rate"
    case lowAttendance = "low-attendance"
    case noSupervisor = "no-supervisor"
    case missingRegularMeeting = "missing-regular-meeting"
    case missingThematicMeeting = "missing-thematic-meeting"

    /// Whether the code is raised for a branch as a whole rather than for one meeting.
    public var isBranchLevel: Bool { self == .missingRegularMeeting || self == .missingThematicMeeting }

    public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// A calendar month or quarter of the reporting period.
extension Day {
    /// The calendar month the day is in.
    public var monthPart: PeriodPart { PeriodPart(year: year, number: month, kind: .month) }
    /// The calendar quarter the day is in.
    public var quarterPart: PeriodPart { PeriodPart(year: year, number: quarter, kind: .quarter) }
}

public struct PeriodPart: Sendable, Hashable, Comparable {
    public var year: Int
    /// 1 to 12 for a month, 1 to 4 for a quarter.
    public var number: Int
    public var kind: Kind

    /// A calendar month or a calendar quarter.
    public enum Kind: Sendable, Hashable {
        case month
        case quarter
    }

    public init(year: Int, number: Int, kind: Kind) {
        self.year = year
        self.number = number
        self.kind = kind
    }

    public static func < (lhs: PeriodPart, rhs: PeriodPart) -> Bool { (lhs.year, lhs.number) < (rhs.year, rhs.number) }

    /// `2024-03` for a month, `2024-q1` for a quarter.
    public var slug: String {
        switch kind {
        case .month: "\(year)-\(number.zeroPadded(2))"
        case .quarter: "\(year)-q\(number)"
        }
    }

    /// The first and the last day.
    public var range: DateRange {
        let (firstMonth, lastMonth) = kind == .quarter ? ((number - 1) * 3 + 1, (number - 1) * 3 + 3) : (number, number)
        let from = Day(year: year, month: firstMonth, day: 1) ?? Day.distantPast
        let to = Day(year: year, month: lastMonth, day: Day.daysIn(month: lastMonth, year: year)) ?? Day.distantPast
        return DateRange(from: from, to: to)
    }
}

/// Why a finding was raised, in numbers; the theme turns it into a sentence.
public enum FindingDetail: Sendable, Hashable {
    /// The self-rating is better than the computed one; `blockers` say what keeps the meeting from it.
    case overrated(selfRating: String, computed: String, blockers: [RatingBlocker])
    case underrated(selfRating: String, computed: String)
    /// A share below its target: `count` of `of` (speakers of present, present of members).
    case rate(count: Int, of: Int, target: Double)
    /// A regular meeting without an item it must have.
    case missingItem
    /// A subordinate branch's meeting no committee member attended.
    case noSupervisor
    /// A month or quarter of the period with no meeting of the kind.
    case missingIn(PeriodPart)
}

/// Something the committee should look at, computed from the records.
public struct Finding: Sendable, Hashable {
    public var code: FindingCode
    public var branch: String
    /// The meeting the finding is about; nil for branch-level findings.
    public var date: Day?
    public var kind: MeetingKind?
    public var detail: FindingDetail

    public init(code: FindingCode, branch: String, date: Day? = nil, kind: MeetingKind? = nil, detail: FindingDetail) {
        self.code = code
        self.branch = branch
        self.date = date
        self.kind = kind
        self.detail = detail
    }
}
