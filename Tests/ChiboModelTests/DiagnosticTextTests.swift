import ChiboModel
import ChiboSupport
import Testing

/// What a diagnostic quotes is shown on one line and shortened: a value of the content cannot forge a
/// second diagnostic line, reorder the terminal's text or fill the screen (issue 27).
@Suite struct DiagnosticTextTests {
    /// Every kind of scalar that must be escaped, with its escape.
    static let escapes: [(Unicode.Scalar, String)] =
        ([
            0x0A, 0x0D, 0x09, 0x00, 0x1B, 0x7F, 0x85, 0x9F, 0xA0, 0xAD, 0x200B, 0x200E, 0x2028, 0x2029, 0x202E, 0x2066,
            0x3000, 0xFEFF, 0xE000, 0xFDD0, 0xFFFE, 0xFFFF, 0x10FFFF, 0xE0001,
        ] as [UInt32]).map { value in
            let escape = [0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"][value] ?? "\\u{\(hex(value))}"
            return (Unicode.Scalar(value) ?? "?", escape)
        }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    @Test func everyInvisibleOrLineBreakingScalarIsEscaped() {
        for (scalar, escape) in Self.escapes {
            let text = "a" + String(scalar) + "b"
            #expect(MessageText.oneLine(text) == "a" + escape + "b", "\(scalar.codePoint)")
            #expect(MessageText.quoted(text) == "\"a" + escape + "b\"", "\(scalar.codePoint)")
        }
    }

    @Test func visibleTextIsShownAsItIs() {
        let text = "Chi bộ Văn phòng – “Sở” 😀 e\u{301} ‘x’ …"
        #expect(MessageText.oneLine(text) == text)
        #expect(MessageText.quoted(text) == "\"" + text + "\"")
    }

    @Test func aQuotedValueEndsOnlyAtItsClosingMark() {
        #expect(MessageText.quoted(#"a" b\c"#) == #""a\" b\\c""#)
        #expect(MessageText.quoted("a`b", with: "`") == "`a\\`b`")
        #expect(MessageText.quoted("a\"b", with: "`") == "`a\"b`")
    }

    @Test func escapedTextIsLeftAsItIsWhenPassedAgain() {
        for (scalar, _) in Self.escapes {
            let quoted = MessageText.quoted("x" + String(scalar) + "\"\\")
            #expect(MessageText.oneLine(quoted) == quoted)
        }
    }

    @Test func longValuesAreCutWithAnEllipsis() {
        let long = String(repeating: "ă", count: 200_000)
        let quoted = MessageText.quoted(long)
        #expect(quoted.unicodeScalars.count == MessageText.valueLimit + 3)
        #expect(quoted.hasSuffix("…\""))
        // Escapes count at their printed length, and one is never cut in half.
        let escaped = MessageText.quoted(String(repeating: "\u{202E}", count: 100))
        #expect(escaped == "\"" + String(repeating: "\\u{202E}", count: MessageText.valueLimit / 8) + "…\"")
        // A value of combining marks on one letter is one Character but is cut all the same.
        let marks = "a" + String(repeating: "\u{301}", count: 100_000)
        #expect(MessageText.quoted(marks).unicodeScalars.count == MessageText.valueLimit + 3)
        #expect(MessageText.oneLine(long).unicodeScalars.count == MessageText.lineLimit + 1)
    }

    @Test func aSheetNameCannotForgeASecondDiagnostic() {
        let sheet = "Quý 2\nmeetings/x.csv:1:1: error: forged\u{2028}\u{202E}"
        let diagnostic = Diagnostic(
            .error, SourceLocation(file: "meetings/a.xlsx", line: 3, column: 2, sheet: sheet), .badTime)
        let message = DiagnosticMessage.badTime.text(in: .en)
        #expect(
            diagnostic.description
                == "meetings/a.xlsx:3:2: error: \(message) "
                + #"[sheet "Quý 2\nmeetings/x.csv:1:1: error: forged\u{2028}\u{202E}", cell B3]"#
        )
        #expect(diagnostic.line(colour: ("<", ">")).hasPrefix("meetings/a.xlsx:3:2: <error:> \(message) [sheet"))
    }

    @Test func twoHugeNamesGiveAShortLine() {
        let huge = String(repeating: "Đ", count: 200_000)
        let diagnostic = Diagnostic(
            .error, SourceLocation(file: "units.xlsx", line: 4, column: 2, sheet: huge),
            .duplicateName(huge, first: huge, firstLine: 3))
        #expect(diagnostic.description.unicodeScalars.count < 400)
        #expect(!diagnostic.description.contains("\n"))
    }

    @Test func theMessageAndTheFileAreOneLineWhateverTheyHold() {
        let diagnostic = Diagnostic(
            .warning, SourceLocation(file: "guidance/a\nb.md:1:1: error: x"), .litter("line\none\u{2029}two"))
        #expect(diagnostic.message.hasPrefix(#"`line\none\u{2029}two` is"#))
        #expect(diagnostic.text(in: .vi).hasPrefix(#"`line\none\u{2029}two` là"#))
        #expect(
            diagnostic.description.hasPrefix(#"guidance/a\nb.md:1:1: error: x:1:1: warning: `line\none\u{2029}two`"#))
        let long = Diagnostic(.error, SourceLocation(file: String(repeating: "a", count: 5000)), .badTime)
        #expect(long.description.unicodeScalars.count < MessageText.lineLimit + 20 + long.message.count)
    }
}
