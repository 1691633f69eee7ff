/// One meeting record of a branch, as the committee's spreadsheet gives it.
public struct Meeting: Sendable, Hashable {
    public var branch: UnitID
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
    public var selfRating: RatingName
    /// The position of `selfRating` among the ratings of the rubric for `kind`, 0 the best, as the
    /// records reader found it when it read the name; nil for a meeting made without it, whose
    /// evaluation looks the name up.
    public var selfRank: Int?
    /// Political-ideological study held (Hướng dẫn 08-HD/ĐUK).
    public var politicalStudy: Bool
    /// Current affairs and document briefing held.
    public var currentAffairs: Bool
    /// Information technology used in the meeting.
    public var usedIT: Bool
    /// The committee member who attended and guided the meeting, if any.
    public var supervisor: String?
    public var note: String?
    /// What the committee member who attended wrote of the meeting (nhận xét của người dự).
    public var remarks: String?
    /// The record's row.
    public var location: SourceLocation

    public init(
        branch: UnitID, date: Day, kind: MeetingKind, topic: String? = nil, preparer: String? = nil, present: Int,
        speakers: Int, scores: [Int], selfRating: RatingName, selfRank: Int? = nil, politicalStudy: Bool = false,
        currentAffairs: Bool = false,
        usedIT: Bool = false, supervisor: String? = nil, note: String? = nil, remarks: String? = nil,
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
        self.selfRank = selfRank
        self.politicalStudy = politicalStudy
        self.currentAffairs = currentAffairs
        self.usedIT = usedIT
        self.supervisor = supervisor
        self.note = note
        self.remarks = remarks
        self.location = location
    }

    public var total: Int { scores.reduce(0, +) }

    /// Share of present members who spoke; nil when nobody was present.
    public var speakingRate: Double? { present > 0 ? Double(speakers) / Double(present) : nil }
}
