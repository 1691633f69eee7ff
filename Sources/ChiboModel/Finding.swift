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

/// Why a finding was raised, in numbers; the theme turns it into a sentence.
public enum FindingDetail: Sendable, Hashable {
    /// The self-rating is better than the computed one; `blockers` say what keeps the meeting from it.
    case overrated(selfRating: RatingName, computed: RatingName, blockers: [RatingBlocker])
    case underrated(selfRating: RatingName, computed: RatingName)
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
    public var branch: UnitID
    /// The meeting the finding is about; nil for branch-level findings.
    public var date: Day?
    public var kind: MeetingKind?
    public var detail: FindingDetail

    public init(code: FindingCode, branch: UnitID, date: Day? = nil, kind: MeetingKind? = nil, detail: FindingDetail) {
        self.code = code
        self.branch = branch
        self.date = date
        self.kind = kind
        self.detail = detail
    }
}
