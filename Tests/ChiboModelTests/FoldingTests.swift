import ChiboModel
import ChiboSupport
import Testing

@Suite struct FoldingTests {
    @Test(arguments: [
        ("Đảng ủy", "dang-uy"),
        ("Bước 2: Khai mạc", "buoc-2-khai-mac"),
        ("Phòng, chống tham nhũng, tiêu cực", "phong-chong-tham-nhung-tieu-cuc"),
        ("  --Ủy ban   nhân dân-- ", "uy-ban-nhan-dan"),
        ("Quy định 14-QĐ/TU", "quy-dinh-14-qd-tu"),
        ("ĐÀO TẠO", "dao-tao"),
        ("!!!", ""),
    ])
    func slugs(text: String, slug: String) {
        #expect(Folding.slug(text) == slug)
    }

    @Test func foldingRemovesEveryMarkAndMapsDStroke() {
        #expect(Folding.fold("Tham nhũng, tiêu cực") == "tham nhung, tieu cuc")
        #expect(Folding.fold("Đảng ủy Khối") == "dang uy khoi")
        // NFD input folds the same as NFC input.
        #expect(Folding.fold("Đa\u{0300}o ta\u{0323}o") == "dao tao")
    }

    @Test func documentNumberKeysIgnoreCaseDiacriticsAndSpaces() {
        #expect(Folding.documentNumberKey("08-HD/ĐUK") == Folding.documentNumberKey("08-hd/đuk"))
        #expect(Folding.documentNumberKey("08-HD/ĐUK") == Folding.documentNumberKey("08-HD/DUK"))
        #expect(Folding.documentNumberKey("14-QĐ/TU") == "14-QD/TU")
        #expect(Folding.documentNumberKey("14-QĐ/TU") != Folding.documentNumberKey("14-QĐ/TW"))
    }

    @Test func nfcComposes() {
        #expect("Đa\u{0300}o".nfc == "Đào")
    }
}

@Suite struct DayTests {
    @Test func readsBothWritings() throws {
        let iso = try #require(Day(parsing: "2024-03-05"))
        #expect(Day(parsing: "05/03/2024") == iso)
        #expect(Day(parsing: "5/3/2024") == iso)
        #expect(Day(parsing: " 2024-03-05 ") == iso)
        #expect(iso.description == "2024-03-05")
        #expect(iso.vietnamese == "05/03/2024")
        #expect(iso.quarter == 1)
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "31/04/2024", "2024-13-01", "2024/01/01", "1/1/24", "", "hôm nay"])
    func rejectsInvalidDays(text: String) {
        #expect(Day(parsing: text) == nil)
    }

    /// The reading over bytes keeps what the reading through `Int(_:)` accepted and refused.
    @Test func readsOverBytesAsBefore() throws {
        #expect(Day(parsing: "\t2024-03-05\r\n") == Day(year: 2024, month: 3, day: 5))
        #expect(Day(parsing: "+024-+3-05") == Day(year: 24, month: 3, day: 5))
        for text in ["2024-3-05", "05/03/+024", "٢٠٢٤-03-05", "2024-03-05x", "05/03/2024/1", "05-03/2024", "0/3/2024"] {
            #expect(Day(parsing: text) == nil, "\(text)")
        }
        let day = try #require(Day(parsing: "31/12/9999"))
        #expect((day.year, day.month, day.day) == (9999, 12, 31))
        #expect(Day(parsing: "01/01/0001") == Day.distantPast)
        #expect(Day.distantPast < day && Day(parsing: "30/12/9999")?.next == day)
    }

    /// The shortcut by the end bytes never keeps white space that the full trim removes.
    @Test func trimmingByEndBytes() {
        let spaces = [
            "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}",
            "\u{3000}", " ", "\t",
        ]
        for space in spaces {
            #expect((space + "kỳ" + space).trimmingSpaces == "kỳ")
            #expect(("đ" + space).trimmingSpaces == "đ")
            #expect((space + "Đ").trimmingSpaces == "Đ")
        }
        #expect("thường kỳ".trimmingSpaces == "thường kỳ")
        #expect("“x”".trimmingSpaces == "“x”")
    }

    @Test func leapYears() {
        #expect(Day(parsing: "29/02/2024") != nil)
        #expect(Day(parsing: "29/02/2100") == nil)
        #expect(Day(parsing: "29/02/2000") != nil)
    }
}
