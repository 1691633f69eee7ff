import ChiboModel
import Testing

@testable import ChiboContent

/// The records reader keeps what records repeat once: texts, rows of points and the boxes a meeting
/// keeps its rarer parts in.
@Suite struct SharedValuesTests {
    typealias SourceLocation = ChiboModel.SourceLocation

    static func meeting(
        line: Int, note: String? = nil, topic: String? = nil, sheet: String? = nil, present: Int = 9
    ) -> Meeting {
        Meeting(
            branch: "cb-a", date: Day(year: 2024, month: 1, day: line) ?? .distantPast, kind: .regular, topic: topic,
            present: present, speakers: 3, scores: [15, 15, 30, 20, 20], selfRating: "Tốt", note: note,
            location: SourceLocation(file: "meetings/2024.xlsx", line: line, sheet: sheet))
    }

    @Test func theRowsOfASheetShareOneBox() {
        var shared = SharedValues()
        let first = shared.share(Self.meeting(line: 2, sheet: "Quý 1 năm 2024"))
        let second = shared.share(Self.meeting(line: 3, sheet: "Quý 1 năm 2024"))
        let other = shared.share(Self.meeting(line: 4, sheet: "Quý 2 năm 2024"))
        let wide = shared.share(Self.meeting(line: 5, sheet: "Quý 1 năm 2024", present: Int.max))
        #expect(first.extrasBox != nil && first.extrasBox === second.extrasBox)
        #expect(other.extrasBox !== first.extrasBox && wide.extrasBox !== first.extrasBox)
        #expect(second.location == SourceLocation(file: "meetings/2024.xlsx", line: 3, sheet: "Quý 1 năm 2024"))
        #expect(wide.present == Int.max && wide.location.sheet == "Quý 1 năm 2024")
        #expect(shared.share(Self.meeting(line: 6)).extrasBox == nil)
    }

    @Test func recordsThatRepeatTheirTextsShareOneBox() {
        var shared = SharedValues()
        let note = "Chi bộ tự đánh giá nghiêm túc"
        let first = shared.share(Self.meeting(line: 2, note: note))
        let second = shared.share(Self.meeting(line: 3, note: note))
        let topic = shared.share(Self.meeting(line: 4, note: note, topic: "Chủ đề"))
        #expect(first.textsBox != nil && first.textsBox === second.textsBox)
        #expect(topic.textsBox !== first.textsBox)
        #expect(second.note == note && topic.note == note && topic.topic == "Chủ đề")
        #expect(first == Self.meeting(line: 2, note: note))
        #expect(shared.share(Self.meeting(line: 5)).textsBox == nil)
    }
}
