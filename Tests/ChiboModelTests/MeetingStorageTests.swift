import Testing

@testable import ChiboModel

/// `Meeting` keeps its fields compactly (narrow numbers, boxes for what few records give) and still
/// reads, writes, compares and hashes as the plain struct of its properties does.
@Suite struct MeetingStorageTests {
    /// The model's, not Testing's.
    typealias SourceLocation = ChiboModel.SourceLocation

    /// The plain struct a meeting was: every property stored at its own width, `==` and `hash`
    /// synthesized (the location's as `SourceLocation` defines them).
    struct PlainMeeting: Hashable {
        var branch: UnitID
        var date: Day
        var kind: MeetingKind
        var topic: String?
        var preparer: String?
        var present: Int
        var speakers: Int
        var scores: [Int]
        var selfRating: RatingName
        var selfRank: Int?
        var politicalStudy: Bool
        var currentAffairs: Bool
        var usedIT: Bool
        var supervisor: String?
        var note: String?
        var remarks: String?
        var location: SourceLocation

        init(_ meeting: Meeting) {
            branch = meeting.branch
            date = meeting.date
            kind = meeting.kind
            topic = meeting.topic
            preparer = meeting.preparer
            present = meeting.present
            speakers = meeting.speakers
            scores = meeting.scores
            selfRating = meeting.selfRating
            selfRank = meeting.selfRank
            politicalStudy = meeting.politicalStudy
            currentAffairs = meeting.currentAffairs
            usedIT = meeting.usedIT
            supervisor = meeting.supervisor
            note = meeting.note
            remarks = meeting.remarks
            location = meeting.location
        }
    }

    /// One change of one property, made the same way to a meeting and to its plain struct.
    struct Change: CustomStringConvertible {
        var description: String
        var meeting: @Sendable (inout Meeting) -> Void
        var plain: @Sendable (inout PlainMeeting) -> Void
    }

    static let texts: [String?] = [nil, "", "Ông X", "Nâng cao đạo đức công vụ, văn hóa công sở", nil]
    static let numbers: [Int] = [
        0, 1, 7, -3, Int(Int16.max), Int(Int16.min), Int(Int32.max), Int(Int32.min), Int(Int32.min) + 1, Int.max,
        Int.min, 40,
    ]
    static let ranks: [Int?] = [nil, 0, 3, -1, Int(Int16.max), Int(Int16.min), Int(Int16.min) + 1, Int.max, nil]
    static let locations: [SourceLocation] = [
        SourceLocation(file: "meetings/2024.csv", line: 14),
        SourceLocation(file: "meetings/2024.xlsx", line: 9, column: 3, sheet: "Quý 1", columnName: "Ngày"),
        SourceLocation(file: "meetings/2024.xlsx", line: 9, column: 3, sheet: "Quý 1"),
        SourceLocation(file: "meetings/2024.xlsx", line: Int.max, column: Int(Int32.max) + 1, sheet: ""),
        SourceLocation(file: "m.csv", line: Int(Int32.min), column: 2),
    ]

    /// Every property, each set to values that fit its narrow field, that do not, and nil.
    static let changes: [Change] = {
        var changes: [Change] = []
        func add(
            _ name: String, _ meeting: @escaping @Sendable (inout Meeting) -> Void,
            _ plain: @escaping @Sendable (inout PlainMeeting) -> Void
        ) {
            changes.append(Change(description: name, meeting: meeting, plain: plain))
        }
        for text in texts {
            add("topic \(text ?? "nil")", { $0.topic = text }, { $0.topic = text })
            add("preparer \(text ?? "nil")", { $0.preparer = text }, { $0.preparer = text })
            add("supervisor \(text ?? "nil")", { $0.supervisor = text }, { $0.supervisor = text })
            add("note \(text ?? "nil")", { $0.note = text }, { $0.note = text })
            add("remarks \(text ?? "nil")", { $0.remarks = text }, { $0.remarks = text })
        }
        for number in numbers {
            add("present \(number)", { $0.present = number }, { $0.present = number })
            add("speakers \(number)", { $0.speakers = number }, { $0.speakers = number })
            add("line \(number)", { $0.location.line = number }, { $0.location.line = number })
            add("column \(number)", { $0.location.column = number }, { $0.location.column = number })
        }
        for rank in ranks {
            add("selfRank \(rank.map(String.init) ?? "nil")", { $0.selfRank = rank }, { $0.selfRank = rank })
        }
        for location in locations {
            add("location \(location)", { $0.location = location }, { $0.location = location })
        }
        for name in [nil, "Ngày", "Có mặt"] as [String?] {
            add("columnName \(name ?? "nil")", { $0.location.columnName = name }, { $0.location.columnName = name })
            add("sheet \(name ?? "nil")", { $0.location.sheet = name }, { $0.location.sheet = name })
        }
        for flag in [true, false] {
            add("politicalStudy \(flag)", { $0.politicalStudy = flag }, { $0.politicalStudy = flag })
            add("currentAffairs \(flag)", { $0.currentAffairs = flag }, { $0.currentAffairs = flag })
            add("usedIT \(flag)", { $0.usedIT = flag }, { $0.usedIT = flag })
        }
        for kind in MeetingKind.allCases {
            add("kind \(kind)", { $0.kind = kind }, { $0.kind = kind })
        }
        add("branch", { $0.branch = "cb-b" }, { $0.branch = "cb-b" })
        add("date", { $0.date = day("2024-12-31") }, { $0.date = day("2024-12-31") })
        add("scores", { $0.scores = [1, 2] }, { $0.scores = [1, 2] })
        add("selfRating", { $0.selfRating = "Khá" }, { $0.selfRating = "Khá" })
        add("file", { $0.location.file = "other.csv" }, { $0.location.file = "other.csv" })
        return changes
    }()

    static func start() -> Meeting {
        Meeting(
            branch: "cb-a", date: day("2024-03-05"), kind: .regular, present: 9, speakers: 3,
            scores: [15, 15, 30, 20, 20], selfRating: "Tốt", selfRank: 0, politicalStudy: true,
            location: SourceLocation(file: "meetings/2024.csv", line: 2))
    }

    /// The bound the nation's records are sized by: 3.9 million meetings at 112 bytes each, half
    /// of the 240 the plain struct took. A field added at full width fails here.
    @Test func strideStaysCompact() {
        #expect(MemoryLayout<Meeting>.stride <= 112)
        #expect(MemoryLayout<Day>.size == 4)
    }

    @Test func everyPropertyReadsBackWhatWasSet() {
        for change in Self.changes {
            var meeting = Self.start()
            var plain = PlainMeeting(meeting)
            change.meeting(&meeting)
            change.plain(&plain)
            #expect(PlainMeeting(meeting) == plain, "\(change)")
            #expect(PlainMeeting(meeting).location.columnName == plain.location.columnName, "\(change)")
        }
    }

    @Test func theInitializerKeepsEveryValue() {
        let location = SourceLocation(file: "a.xlsx", line: Int.max, column: 4, sheet: "S", columnName: "Ngày")
        let meeting = Meeting(
            branch: "cb-a", date: day("2024-03-05"), kind: .thematic, topic: "T", preparer: "P", present: Int.min,
            speakers: Int(Int32.max), scores: [1], selfRating: "Khá", selfRank: Int.max, politicalStudy: true,
            currentAffairs: false, usedIT: true, supervisor: "S", note: "N", remarks: "R", location: location)
        #expect(
            [meeting.topic, meeting.preparer, meeting.supervisor, meeting.note, meeting.remarks] == [
                "T", "P", "S", "N", "R",
            ])
        #expect(meeting.present == Int.min && meeting.speakers == Int(Int32.max) && meeting.selfRank == Int.max)
        #expect(meeting.politicalStudy && !meeting.currentAffairs && meeting.usedIT)
        #expect(meeting.location == location && meeting.location.columnName == "Ngày")
        #expect(meeting.location.line == Int.max && meeting.location.column == 4)
    }

    /// Runs of changes, each run from the same start: the meetings compare and hash as their plain
    /// structs do, however their boxes came to be.
    @Test func equalityAndHashAreThoseOfTheValues() {
        var meetings: [Meeting] = []
        var step = 0
        for run in 0..<300 {
            var meeting = Self.start()
            for _ in 0..<(run % 6) {
                step = (step &* 31 &+ 17) % Self.changes.count
                Self.changes[step].meeting(&meeting)
            }
            meetings.append(meeting)
        }
        for (index, left) in meetings.enumerated() {
            for right in meetings[index...] {
                let plainEqual = PlainMeeting(left) == PlainMeeting(right)
                #expect((left == right) == plainEqual)
                if plainEqual { #expect(left.hashValue == right.hashValue) }
            }
        }
        #expect(Set(meetings).count == Set(meetings.map(PlainMeeting.init)).count)
    }

    @Test func aChangedCopyLeavesTheOriginal() {
        var original = Self.start()
        original.topic = "T"
        original.location.sheet = "S"
        var copy = original
        copy.topic = "U"
        copy.location.sheet = nil
        copy.present = Int.max
        #expect(original.topic == "T" && original.location.sheet == "S" && original.present == 9)
        #expect(copy.topic == "U" && copy.location.sheet == nil && copy.present == Int.max)
        copy.topic = "T"
        copy.location.sheet = "S"
        copy.present = 9
        #expect(copy == original && copy.hashValue == original.hashValue)
    }

    @Test func aLocationDifferingOnlyInItsColumnNameIsEqual() {
        var named = Self.start()
        named.location.columnName = "Ngày"
        #expect(named == Self.start())
        #expect(named.hashValue == Self.start().hashValue)
        #expect(named.location.columnName == "Ngày")
    }
}
