import ChiboModel
import ChiboSupport

/// The schedule's data files: `data/schedule.json` and the calendar `schedule.ics`.
extension SchedulePages {
    /// Every session with its audience, and the plans' findings, as `data/schedule.json`.
    func json() -> OutputFile {
        let sessions: [JSON] = schedule.entries.map { scheduled in
            let session = scheduled.session
            return .object([
                ("plan", .string(session.plan)),
                ("host", .string(session.host.rawValue)),
                ("committee", .optional(session.committee?.rawValue)),
                ("kind", .string(session.kind.rawValue)),
                ("date", .string(session.date.description)),
                ("time", .optional(session.time?.description)),
                ("venue", .optional(session.venue)),
                ("topic", .optional(session.topic)),
                ("audience", .array(scheduled.audience.map { .string($0.rawValue) })),
                ("observers", .array(session.observers.map(JSON.string))),
            ])
        }
        let findings: [JSON] = schedule.findings.map {
            .object([
                ("code", .string($0.code.rawValue)), ("unit", .string($0.unit.rawValue)),
                ("message", .string(message($0))),
            ])
        }
        return OutputFile(
            path: SiteOutput.scheduleData.path(),
            text: JSON.object([("sessions", .array(sessions)), ("findings", .array(findings))]).text)
    }

    /// Every session as an RFC 5545 event in Vietnam time: stable UIDs, DTSTAMP from the plan's
    /// issue date, escaped text, lines folded at 75 octets, CRLF.
    func calendar() -> OutputFile {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//chibo//lich sinh hoat mau//VI", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + ICS.escape(theme.string(.scheduleTitle)),
            "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
            "BEGIN:VTIMEZONE", "TZID:Asia/Ho_Chi_Minh", "X-LIC-LOCATION:Asia/Ho_Chi_Minh", "BEGIN:STANDARD",
            "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700", "TZNAME:ICT", "DTSTART:19700101T000000", "END:STANDARD",
            "END:VTIMEZONE",
        ]
        for scheduled in schedule.entries {
            let session = scheduled.session
            let plan = schedule.plans.first { $0.number == session.plan }
            let stamp = plan?.issued ?? session.date
            let date = ICS.date(session.date)
            lines.append("BEGIN:VEVENT")
            lines.append(
                "UID:"
                    + ICS.escape(
                        "\(plan?.slug ?? "plan")-\(session.date)-\(session.host)-\(session.kind.rawValue)@chibo"))
            lines.append("DTSTAMP:\(ICS.date(stamp))T000000Z")
            if let time = session.time {
                // A sample meeting is taken to last three hours, ending at midnight at the latest.
                let end = time.adding(hours: 3)?.compact ?? "2359"
                lines.append("DTSTART;TZID=Asia/Ho_Chi_Minh:\(date)T\(time.compact)00")
                lines.append("DTEND;TZID=Asia/Ho_Chi_Minh:\(date)T\(end)00")
            } else {
                lines.append("DTSTART;VALUE=DATE:\(date)")
                lines.append("DTEND;VALUE=DATE:\(ICS.date(session.date.next))")
            }
            lines.append("SUMMARY:" + ICS.escape(sessionTitle(session)))
            if let venue = session.venue { lines.append("LOCATION:" + ICS.escape(venue)) }
            var description: [String] = []
            if let topic = session.topic { description.append(topic) }
            description.append(Format.fill(theme.string(.icsAudience), ["count": String(scheduled.audience.count)]))
            if !session.observers.isEmpty {
                description.append(
                    Format.fill(theme.string(.icsObservers), ["names": session.observers.joined(separator: ", ")]))
            }
            description.append(session.plan)
            lines.append("DESCRIPTION:" + ICS.escape(description.joined(separator: "\n")))
            if let baseURL {
                lines.append("URL:" + SiteURLs.absolute(url + "#" + Self.anchor(session), baseURL: baseURL))
            }
            lines.append("CATEGORIES:" + ICS.escape(theme.string(UIString.label(session.kind))))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        let text = lines.map(ICS.fold).joined(separator: "\r\n") + "\r\n"
        return OutputFile(path: SiteOutput.calendar.path(), text: text)
    }
}

/// iCalendar (RFC 5545) text rules.
enum ICS {
    static func date(_ day: Day) -> String { day.year.zeroPadded(4) + day.month.zeroPadded(2) + day.day.zeroPadded(2) }

    /// TEXT values: backslash, semicolon, comma and line ends escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            // RFC 5545 allows no control character in TEXT but the tab.
            case _ where scalar.isControlCharacter: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a character.
    static func fold(_ line: String) -> String {
        var result = ""
        var count = 0
        for character in line {
            let size = character.utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
