import ChiboModel
import Testing

@Suite struct TimeOfDayTests {
    @Test func readsHoursAndMinutesIn24Hours() {
        #expect(TimeOfDay(parsing: "8:00")?.description == "08:00")
        #expect(TimeOfDay(parsing: "08:05")?.description == "08:05")
        #expect(TimeOfDay(parsing: "23:59")?.compact == "2359")
        #expect(TimeOfDay(parsing: "0:00") == TimeOfDay(hour: 0, minute: 0))
    }

    /// What `Int(_:)` would let through (a sign) and what is not a time at all.
    @Test func refusesAnythingElse() {
        for text in [
            "+5:00", "-1:00", "24:00", "08:60", "8:5", "008:00", " 8:00", "8:00 ", "８:00", "8.00", "8", ":", "",
        ] {
            #expect(TimeOfDay(parsing: text) == nil, "\(text.debugDescription)")
        }
    }

    @Test func addsHoursWithinTheDay() {
        let start = TimeOfDay(hour: 14, minute: 30)
        #expect(start?.adding(hours: 3)?.description == "17:30")
        #expect(start?.adding(hours: 10) == nil)
        #expect(TimeOfDay(hour: 7, minute: 0)! < TimeOfDay(hour: 7, minute: 1)!)
        #expect(TimeOfDay(hour: 1, minute: 2)?.minutes == 62)
    }
}
