import ChiboModel
import Testing

@testable import ChiboContent
@testable import ChiboRender

@Suite struct RecordWorkbookTests {
    static let rubric = Rubric(
        id: "thuong-ky", title: "Thường kỳ", appliesTo: .regular,
        criteria: [Criterion(id: 1, title: "Chuẩn bị", max: 15), Criterion(id: 2, title: "Nội dung", max: 30)],
        ratings: [RatingBand(name: "Tốt", minTotal: 40), RatingBand(name: "Đạt", minTotal: 0)])
    static let organization = Organization(units: [
        Unit(id: "db-a", name: "Đảng bộ A", kind: .committee, sector: .agency),
        Unit(id: "cb-a1", name: "Chi bộ A1", kind: .branch, sector: .agency, parent: "db-a", members: 10),
    ])

    /// The workbook reads back, by chibo's own reader, as a records sheet whose header is the meeting
    /// columns with the rubric's criteria, beside its instructions and its lists.
    @Test func theWorkbookReadsBackWithItsHeader() throws {
        let bytes = RecordWorkbook.make(Self.rubric, organization: Self.organization, help: ["Hướng dẫn"])
        var diagnostics = Diagnostics()
        var workbook = try #require(Workbook.open(bytes, file: "mau.xlsx", diagnostics: &diagnostics))
        #expect(workbook.sheets.map(\.name) == ["Biên bản", "_Hướng dẫn", "_Danh sách"])
        #expect(workbook.sheets.map(\.isHidden) == [false, false, true])
        var rows: [[String]] = []
        try workbook.read(workbook.sheets[0], row: { _, cells in rows.append(cells.map(\.text)) }, problem: { _ in })
        #expect(
            rows == [
                [
                    "Mã chi bộ", "Ngày", "Loại", "Chủ đề", "Người chuẩn bị", "Có mặt", "Phát biểu", "TC1", "TC2",
                    "Tự xếp loại", "Chính trị tư tưởng", "Thời sự", "CNTT", "Cấp ủy dự", "Ghi chú",
                    "Nhận xét của người dự",
                ]
            ])
        var lists: [[String]] = []
        try workbook.read(workbook.sheets[2], row: { _, cells in lists.append(cells.map(\.text)) }, problem: { _ in })
        #expect(lists == [["Mã chi bộ", "Tên chi bộ", "Tự xếp loại"], ["cb-a1", "Chi bộ A1", "Tốt"], ["Đạt"]])
        #expect(diagnostics.items.isEmpty)
    }

    @Test func theSameInputGivesTheSameBytes() {
        let first = RecordWorkbook.make(Self.rubric, organization: Self.organization, help: ["Hướng dẫn"])
        #expect(first == RecordWorkbook.make(Self.rubric, organization: Self.organization, help: ["Hướng dẫn"]))
        #expect(first.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    }
}

@Suite struct RubricSourceTests {
    @Test func aRubricsSourceNamesADocumentNumberAsAWhole() {
        #expect(GuidancePages.names("14-QĐ/TU", in: "Quy định số 14-QĐ/TU (thang điểm mẫu)"))
        #expect(GuidancePages.names("14-QĐ/TU", in: "quy dinh so 14-qd/tu"))
        #expect(!GuidancePages.names("4-QĐ/TU", in: "Quy định số 14-QĐ/TU"))
        #expect(!GuidancePages.names("14-QĐ/TU", in: "Quy định số 14-QĐ/TUV"))
        #expect(!GuidancePages.names("14-QĐ/TU", in: ""))
    }
}
