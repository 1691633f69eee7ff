/// One meeting record of a branch, as the committee's spreadsheet gives it.
///
/// Stored compactly, for the millions a nation's records hold: the counts and the row in 32 bits
/// each, the rank in 16, the flags in one byte, and what few records give (a topic, a preparer, a
/// note, remarks; a workbook's sheet; a number too wide for its field) behind one reference each,
/// nil when the record gives none of it. Every property reads and writes as a plain field would.
public struct Meeting: Sendable, Hashable {
    public var branch: UnitID
    /// The rating the branch gave itself (tự xếp loại), a rating name of the rubric.
    public var selfRating: RatingName
    /// The committee member who attended and guided the meeting, if any. Kept inline: most records
    /// of a subordinate branch name one.
    public var supervisor: String?
    /// Points per criterion of the rubric for `kind`, criterion 1 first.
    public var scores: [Int]
    /// The file of `location`.
    private var file: String
    /// The topic, preparer, note and remarks; nil when all are nil.
    private var texts: Boxed<MeetingTexts>?
    /// The sheet and column name of `location` and the numbers too wide for their fields; nil when
    /// there are none.
    private var extras: Boxed<MeetingExtras>?
    public var date: Day
    /// `location.line`, `location.column`, `present` and `speakers`, or `Meeting.wide` when the
    /// value is in `extras`.
    private var line32: Int32
    private var column32: Int32
    private var present32: Int32
    private var speakers32: Int32
    /// `selfRank`, `Meeting.noRank` for nil, or `Meeting.wideRank` when the value is in `extras`.
    private var selfRank16: Int16
    public var kind: MeetingKind
    private var flags: Flags

    private struct Flags: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        static let politicalStudy = Flags(rawValue: 1)
        static let currentAffairs = Flags(rawValue: 2)
        static let usedIT = Flags(rawValue: 4)
    }

    private static let wide = Int32.min
    private static let noRank = Int16.max
    private static let wideRank = Int16.min

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
        self.scores = scores
        self.selfRating = selfRating
        self.supervisor = supervisor
        file = location.file
        var extras = MeetingExtras(sheet: location.sheet, columnName: location.columnName)
        (line32, extras.line) = Self.split(location.line)
        (column32, extras.column) = Self.split(location.column)
        (present32, extras.present) = Self.split(present)
        (speakers32, extras.speakers) = Self.split(speakers)
        (selfRank16, extras.selfRank) = Self.split(rank: selfRank)
        self.extras = Boxed(unlessEmpty: extras)
        texts = Boxed(unlessEmpty: MeetingTexts(topic: topic, preparer: preparer, note: note, remarks: remarks))
        var flags: Flags = []
        if politicalStudy { flags.insert(.politicalStudy) }
        if currentAffairs { flags.insert(.currentAffairs) }
        if usedIT { flags.insert(.usedIT) }
        self.flags = flags
    }

    /// The topic of a thematic meeting.
    public var topic: String? {
        get { texts?.value.topic }
        set { updateTexts { $0.topic = newValue } }
    }

    /// The member who prepared the topic.
    public var preparer: String? {
        get { texts?.value.preparer }
        set { updateTexts { $0.preparer = newValue } }
    }

    public var note: String? {
        get { texts?.value.note }
        set { updateTexts { $0.note = newValue } }
    }

    /// What the committee member who attended wrote of the meeting (nhận xét của người dự).
    public var remarks: String? {
        get { texts?.value.remarks }
        set { updateTexts { $0.remarks = newValue } }
    }

    /// Members present.
    public var present: Int {
        get { present32 == Self.wide ? extras?.value.present ?? 0 : Int(present32) }
        set {
            let (narrow, wide) = Self.split(newValue)
            present32 = narrow
            if wide != nil || extras?.value.present != nil { updateExtras { $0.present = wide } }
        }
    }

    /// Members who spoke.
    public var speakers: Int {
        get { speakers32 == Self.wide ? extras?.value.speakers ?? 0 : Int(speakers32) }
        set {
            let (narrow, wide) = Self.split(newValue)
            speakers32 = narrow
            if wide != nil || extras?.value.speakers != nil { updateExtras { $0.speakers = wide } }
        }
    }

    /// The position of `selfRating` among the ratings of the rubric for `kind`, 0 the best, as the
    /// records reader found it when it read the name; nil for a meeting made without it, whose
    /// evaluation looks the name up.
    public var selfRank: Int? {
        get {
            switch selfRank16 {
            case Self.noRank: nil
            case Self.wideRank: extras?.value.selfRank
            default: Int(selfRank16)
            }
        }
        set {
            let (narrow, wide) = Self.split(rank: newValue)
            selfRank16 = narrow
            if wide != nil || extras?.value.selfRank != nil { updateExtras { $0.selfRank = wide } }
        }
    }

    /// Political-ideological study held (Hướng dẫn 08-HD/ĐUK).
    public var politicalStudy: Bool {
        get { flags.contains(.politicalStudy) }
        set { setFlag(.politicalStudy, newValue) }
    }

    /// Current affairs and document briefing held.
    public var currentAffairs: Bool {
        get { flags.contains(.currentAffairs) }
        set { setFlag(.currentAffairs, newValue) }
    }

    /// Information technology used in the meeting.
    public var usedIT: Bool {
        get { flags.contains(.usedIT) }
        set { setFlag(.usedIT, newValue) }
    }

    /// The record's row.
    public var location: SourceLocation {
        get {
            let extras = extras?.value
            var location = SourceLocation(file: file, sheet: extras?.sheet, columnName: extras?.columnName)
            // Set, not passed to the initializer, which would raise a line or column below 1 that a
            // setter stored.
            location.line = line32 == Self.wide ? extras?.line ?? 1 : Int(line32)
            location.column = column32 == Self.wide ? extras?.column ?? 1 : Int(column32)
            return location
        }
        set {
            file = newValue.file
            let (line, wideLine) = Self.split(newValue.line)
            let (column, wideColumn) = Self.split(newValue.column)
            line32 = line
            column32 = column
            let old = extras?.value
            if newValue.sheet != old?.sheet || newValue.columnName != old?.columnName || wideLine != old?.line
                || wideColumn != old?.column
            {
                updateExtras { extras in
                    extras.sheet = newValue.sheet
                    extras.columnName = newValue.columnName
                    extras.line = wideLine
                    extras.column = wideColumn
                }
            }
        }
    }

    public var total: Int { scores.reduce(0, +) }

    /// Share of present members who spoke; nil when nobody was present.
    public var speakingRate: Double? { present > 0 ? Double(speakers) / Double(present) : nil }

    /// Equal when every property is: the locations as `SourceLocation` compares them.
    public static func == (lhs: Meeting, rhs: Meeting) -> Bool {
        lhs.branch == rhs.branch && lhs.date == rhs.date && lhs.kind == rhs.kind && lhs.scores == rhs.scores
            && lhs.selfRating == rhs.selfRating && lhs.supervisor == rhs.supervisor && lhs.flags == rhs.flags
            && lhs.present == rhs.present && lhs.speakers == rhs.speakers && lhs.selfRank == rhs.selfRank
            && lhs.texts?.value == rhs.texts?.value && lhs.location == rhs.location
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(branch)
        hasher.combine(date)
        hasher.combine(kind)
        hasher.combine(scores)
        hasher.combine(selfRating)
        hasher.combine(supervisor)
        hasher.combine(flags)
        hasher.combine(present)
        hasher.combine(speakers)
        hasher.combine(selfRank)
        hasher.combine(texts?.value)
        hasher.combine(location)
    }

    /// `value` as kept inline, or `wide` inline and the value for `extras` when it does not fit.
    private static func split(_ value: Int) -> (Int32, Int?) {
        if let narrow = Int32(exactly: value), narrow != wide { return (narrow, nil) }
        return (wide, value)
    }

    private static func split(rank: Int?) -> (Int16, Int?) {
        guard let rank else { return (noRank, nil) }
        if let narrow = Int16(exactly: rank), narrow != noRank, narrow != wideRank { return (narrow, nil) }
        return (wideRank, rank)
    }

    private mutating func setFlag(_ flag: Flags, _ on: Bool) {
        if on { flags.insert(flag) } else { flags.remove(flag) }
    }

    /// A new box for the texts changed by `change` (the old one may be shared with other meetings).
    private mutating func updateTexts(_ change: (inout MeetingTexts) -> Void) {
        var value = texts?.value ?? MeetingTexts()
        change(&value)
        texts = Boxed(unlessEmpty: value)
    }

    private mutating func updateExtras(_ change: (inout MeetingExtras) -> Void) {
        var value = extras?.value ?? MeetingExtras()
        change(&value)
        extras = Boxed(unlessEmpty: value)
    }
}

extension Meeting {
    /// The box of the topic, preparer, note and remarks, for the records reader to share one box
    /// among the records that repeat them; a box of none is kept as nil.
    package var textsBox: Boxed<MeetingTexts>? {
        get { texts }
        set { texts = newValue.flatMap { $0.value.isEmpty ? nil : $0 } }
    }

    /// The box of the location's sheet and column name and the wide numbers, for the records reader to
    /// share one box among the rows of a sheet.
    package var extrasBox: Boxed<MeetingExtras>? { extras }

    /// Takes `box` for the meeting's own box of extras when it holds the same; the meeting is unchanged.
    package mutating func share(extras box: Boxed<MeetingExtras>) {
        if box.value == extras?.value { extras = box }
    }
}

/// An immutable value behind one reference, which copies of a meeting share: what a meeting holds of
/// what few records give, so that one without it carries 8 bytes (nil) rather than the value's width.
package final class Boxed<Value: Sendable & Hashable>: Sendable, Hashable {
    package let value: Value

    package init(_ value: Value) { self.value = value }

    /// Equal when the values are.
    package static func == (lhs: Boxed, rhs: Boxed) -> Bool { lhs === rhs || lhs.value == rhs.value }

    package func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension Boxed where Value: EmptyByDefault {
    /// A box of `value`, nil when `value` is empty.
    package convenience init?(unlessEmpty value: Value) {
        if value.isEmpty { return nil }
        self.init(value)
    }
}

/// A value with an empty state, which a meeting keeps as no box at all.
package protocol EmptyByDefault {
    var isEmpty: Bool { get }
}

/// The texts of a meeting that most records leave empty.
package struct MeetingTexts: Sendable, Hashable, EmptyByDefault {
    package var topic: String?
    package var preparer: String?
    package var note: String?
    package var remarks: String?

    package init(topic: String? = nil, preparer: String? = nil, note: String? = nil, remarks: String? = nil) {
        self.topic = topic
        self.preparer = preparer
        self.note = note
        self.remarks = remarks
    }

    package var isEmpty: Bool { topic == nil && preparer == nil && note == nil && remarks == nil }
}

/// The parts of a meeting's location that only a workbook's row has, and the numbers too wide for
/// the 32 (a rank: 16) bits a meeting keeps them in, each nil when the meeting holds it inline.
package struct MeetingExtras: Sendable, Hashable, EmptyByDefault {
    package var sheet: String?
    package var columnName: String?
    package var line: Int?
    package var column: Int?
    package var present: Int?
    package var speakers: Int?
    package var selfRank: Int?

    package var isEmpty: Bool {
        sheet == nil && columnName == nil && line == nil && column == nil && present == nil && speakers == nil
            && selfRank == nil
    }
}
