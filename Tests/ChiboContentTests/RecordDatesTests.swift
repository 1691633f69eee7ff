import ChiboContent
import ChiboModel
import Testing

/// The content's warnings about its records' dates, raised by the content stage.
@Suite struct RecordDatesTests {
    static func meeting(_ text: String, line: Int) throws -> Meeting {
        Meeting(
            branch: "cb", date: try #require(Day(parsing: text)), kind: .regular, present: 1, speakers: 0, scores: [],
            selfRating: "Tốt", location: SourceLocation(file: "meetings/a.csv", line: line, column: 1))
    }

    /// Records outside the period are no warning: they are reported in their year's report.
    @Test func recordsAfterTheBuildAreOneWarningAndRecordsOutsideThePeriodNone() throws {
        var settings = SiteSettings(title: "T", organization: "O")
        settings.period = DateRange(
            from: try #require(Day(parsing: "2024-01-01")), to: try #require(Day(parsing: "2024-06-30")))
        var content = Content(settings: settings)
        content.meetings = [
            try Self.meeting("2024-03-01", line: 2), try Self.meeting("2024-09-02", line: 4),
            try Self.meeting("2024-08-01", line: 3), try Self.meeting("2023-12-31", line: 5),
        ]
        var diagnostics = Diagnostics()
        ContentLoader.checkDates(
            content, buildDate: try #require(Day(parsing: "2024-07-15")), diagnostics: &diagnostics)
        #expect(diagnostics.items.map(\.code) == [.futureMeeting])
        #expect(diagnostics.items.allSatisfy { $0.severity == .warning })
        #expect(
            diagnostics.items.map(\.description) == [
                "meetings/a.csv:3:1: warning: 2 meeting records are dated after the build date 15/07/2024 "
                    + "(this one 01/08/2024); is the year right?"
            ])
        diagnostics = Diagnostics()
        content.meetings = [try Self.meeting("2024-03-01", line: 2)]
        ContentLoader.checkDates(
            content, buildDate: try #require(Day(parsing: "2024-07-15")), diagnostics: &diagnostics)
        #expect(diagnostics.items.isEmpty)
    }
}
