import ChiboModel
import ChiboSupport
import Testing

/// Rules that keep what a careless or hostile editor writes from reaching the site as something else.
@Suite struct HostileInputTests {
    @Test(arguments: [
        ("a.pdf", AttachmentKind.pdf), ("Mẫu.DOCX", .docx), ("anh.JPG", .jpeg), ("anh.jpeg", .jpeg), ("x.webp", .webp),
    ])
    func attachmentKindComesFromTheExtension(name: String, kind: AttachmentKind) {
        #expect(AttachmentKind(fileName: name) == kind)
    }

    @Test(arguments: [
        "evil.html", "evil.htm", "logo.svg", "a.js", "a.css", "a.xhtml", "a.mjs", "noext", ".pdf", "a.exe",
    ])
    func kindsThatCouldRunScriptAreNotAttachments(name: String) {
        #expect(AttachmentKind(fileName: name) == nil)
    }

    @Test func attachmentsAreRecognisedByTheirFirstBytes() {
        #expect(AttachmentKind.pdf.matches(Array("%PDF-1.7\n".utf8)))
        #expect(!AttachmentKind.pdf.matches(Array("<html><script>".utf8)))
        #expect(AttachmentKind.png.matches([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]))
        #expect(!AttachmentKind.png.matches(Array("<svg onload=x>".utf8)))
        #expect(AttachmentKind.docx.matches([0x50, 0x4B, 0x03, 0x04, 0x14]))
        #expect(AttachmentKind.webp.matches(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)))
        #expect(!AttachmentKind.webp.matches(Array("RIFF\u{0}\u{0}\u{0}\u{0}AVI ".utf8)))
        #expect(AttachmentKind.txt.matches(Array("Biên bản\r\n\tmẫu".utf8)))
        #expect(!AttachmentKind.txt.matches([0x41, 0x00, 0x42]))
        #expect(!AttachmentKind.csv.matches([0xFF, 0xFE, 0x41]))
    }

    @Test func controlCharactersAreFoundWithTheirPlace() {
        #expect("Chi bộ\tVăn phòng\r\n".firstRefusedCharacter == nil)
        let found = "một\nhai\u{1B}[31m".firstRefusedCharacter
        #expect(found?.scalar == "\u{1B}")
        #expect(found?.lines == 1)
        #expect(found?.column == 4)
        #expect("x\u{85}".firstRefusedCharacter?.scalar == "\u{85}")
        #expect("x\u{7F}".firstRefusedCharacter?.scalar == "\u{7F}")
        #expect("Đảng ủy".firstRefusedCharacter == nil)
    }

    @Test func longURLPartsAreRefused() {
        #expect(Folding.urlLengthProblem(["van-ban", String(repeating: "a", count: 200)]) == nil)
        #expect(Folding.urlLengthProblem([String(repeating: "a", count: 201)]) != nil)
        #expect(Folding.urlLengthProblem(Array(repeating: String(repeating: "a", count: 150), count: 14)) != nil)
    }

    @Test func periodsAreCountedInMonths() throws {
        let day = { (text: String) in try #require(Day(parsing: text)) }
        #expect(DateRange(from: try day("2024-01-31"), to: try day("2024-02-01")).monthCount == 2)
        #expect(DateRange(from: try day("2024-01-01"), to: try day("2033-12-31")).monthCount == 120)
    }
}
