import Testing

@testable import ChiboRender

/// What chibo writes into XML holds only XML 1.0's characters (issue 27: a unit name with U+FFFF
/// made the record workbooks malformed).
@Suite struct XMLTextTests {
    /// XML 1.0's `Char`, every range and both sides of each boundary.
    @Test func theCharProductionIsExact() {
        let refused: [ClosedRange<UInt32>] = [0x0...0x8, 0xB...0xC, 0xE...0x1F, 0xD800...0xDFFF, 0xFFFE...0xFFFF]
        let allowed: [ClosedRange<UInt32>] = [0x9...0xA, 0xD...0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF]
        for range in refused {
            for value in range { #expect(!XMLText.isChar(value), "\(value)") }
        }
        for range in allowed {
            for value in [range.lowerBound, range.upperBound] { #expect(XMLText.isChar(value), "\(value)") }
        }
        #expect(!XMLText.isChar(0x11_0000))
        #expect(!XMLText.isChar(UInt32.max))
    }

    @Test func everyScalarThatIsNoCharBecomesTheReplacementCharacter() {
        let refused: [ClosedRange<UInt32>] = [0x0...0x8, 0xB...0xC, 0xE...0x1F, 0xFFFE...0xFFFF]
        for range in refused {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else {
                    Issue.record("\(value) is no scalar")
                    continue
                }
                #expect(XMLText.escape("a" + String(scalar) + "<b") == "a\u{FFFD}&lt;b", "\(value)")
            }
        }
    }

    @Test func charactersAndMarkupAreKept() {
        // U+FDD0 is a noncharacter but an XML Char: the readers refuse it, the writer need not.
        let kept = "\u{FFFD}\u{EFFF}\u{10FFFD}" + String(Unicode.Scalar(0xFDD0 as UInt32) ?? "?")
        #expect(
            XMLText.escape("Chi bộ \"A\" & <B>\t'x'\n" + kept) == "Chi bộ &quot;A&quot; &amp; &lt;B&gt;\t'x'\n" + kept)
    }
}
