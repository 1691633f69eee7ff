import ChiboModel
import ChiboSupport

/// The machine-readable outputs of the reporting part: `data/scorecards.json` (the output contract)
/// and `data/findings.csv` for staff who work in spreadsheets.
extension ScorecardPages {
    func scorecardsJSON(generated: Day) -> OutputFile {
        let period: JSON =
            evaluation.period.map {
                .object([("from", .string($0.from.description)), ("to", .string($0.to.description))])
            }
            ?? .object([("from", .null), ("to", .null)])
        // Written a unit at a time, twice (counted, then into an array of its size): a nation's
        // file is hundreds of megabytes.
        let bytes = SizedBytes.make { sized in
            var writer = JSON.ObjectWriter(sized)
            writer.member("generated", .string(generated.description))
            writer.member("period", period)
            writer.array("units", evaluation.scorecards) { card in
                let unit = card.unit
                var pairs: [(String, JSON)] = [
                    ("id", .string(unit.id.rawValue)),
                    ("name", .string(unit.name)),
                    ("kind", .string(unit.kind.rawValue)),
                    ("sector", .string(unit.sector.rawValue)),
                    ("parent", .optional(unit.parent?.rawValue)),
                    ("members", .optional(unit.members)),
                    ("url", .string(unitURL(unit.id))),
                ]
                if unit.isBranch {
                    pairs.append(
                        (
                            "meetings",
                            .array(
                                card.meetings.map { evaluated in
                                    .object([
                                        ("date", .string(evaluated.meeting.date.description)),
                                        ("kind", .string(evaluated.meeting.kind.rawValue)),
                                        ("total", .int(evaluated.total)),
                                        ("max", .int(evaluated.max)),
                                        ("rating", .string(evaluated.rating.rawValue)),
                                        ("self_rating", .string(evaluated.meeting.selfRating.rawValue)),
                                        ("speaking_rate", .optional(evaluated.speakingRate.map(Format.jsonRate))),
                                        ("present", .int(evaluated.meeting.present)),
                                        ("speakers", .int(evaluated.meeting.speakers)),
                                        ("scores", .array(evaluated.meeting.scores.map { .int($0) })),
                                        ("political_study", .bool(evaluated.meeting.politicalStudy)),
                                        ("current_affairs", .bool(evaluated.meeting.currentAffairs)),
                                        ("used_it", .bool(evaluated.meeting.usedIT)),
                                        ("supervised", .bool(evaluated.meeting.supervisor != nil)),
                                        ("findings", .array(evaluated.findings.map { .string($0.code.rawValue) })),
                                    ])
                                })
                        ))
                }
                pairs.append(("findings", .array(card.findingCodes.map { .string($0.rawValue) })))
                pairs.append(("summary", summaryJSON(card.summary)))
                // The unit's history by calendar year, in the summary's shape (issue 31, part 7).
                pairs.append(
                    (
                        "years",
                        .array(
                            units.reports.history(of: card.unit.id).map { year in
                                .object([
                                    ("year", .int(year.year)), ("summary", summaryJSON(year.summary)),
                                    ("findings", .array(year.findingCodes.map { .string($0.rawValue) })),
                                ])
                            })
                    ))
                return .object(pairs)
            }
            return writer.finish()
        }
        return OutputFile(path: SiteOutput.scorecardsData.path(), bytes: bytes)
    }

    /// A summary as `data/scorecards.json` writes it, for the period and for each year.
    func summaryJSON(_ summary: Summary) -> JSON {
        let ratings: [(String, JSON)] = evaluation.ratingNames.map { ($0.rawValue, .int(summary.ratings[$0] ?? 0)) }
        return .object([
            ("meetings", .int(summary.meetings)),
            ("average_total", .optional(summary.averageTotal.map { ($0 * 100).rounded() / 100 })),
            ("ratings", .object(ratings)),
            ("speaking_rate", .optional(summary.speakingRate.map(Format.jsonRate))),
            ("attendance_rate", .optional(summary.attendanceRate.map(Format.jsonRate))),
            ("supervised_meetings", .int(summary.supervised)),
        ])
    }

    /// The header of `data/findings.csv`, a column each.
    static let csvColumns: [UIString] = [
        .csvUnitId, .csvUnitName, .csvCommittee, .csvDate, .csvMeetingKind, .csvCode, .csvLabel, .csvMessage,
    ]

    /// One row per finding; UTF-8 with a BOM and CRLF line ends, as Excel opens it.
    func findingsCSV() -> OutputFile {
        // Written a row at a time, twice (counted, then into an array of its size): a nation's
        // file is hundreds of megabytes.
        let bytes = SizedBytes.make { sized in
            var bytes = sized
            bytes.append([0xEF, 0xBB, 0xBF])
            var body = ""
            func row(_ cells: [String]) {
                body += cells.map(Self.csvField).joined(separator: ",")
                body += "\r\n"
                if body.utf8.count > 1 << 20 {
                    bytes.append(body)
                    body = ""
                }
            }
            row(Self.csvColumns.map { theme.string($0) })
            for card in evaluation.scorecards where card.unit.isBranch {
                let committee = card.unit.parent.map(unitName) ?? ""
                var findings = card.meetings.flatMap(\.findings)
                findings.append(contentsOf: card.findings)
                for finding in findings {
                    row([
                        card.unit.id.rawValue, card.unit.name, committee, finding.date?.vietnamese ?? "",
                        finding.kind.map(kindLabel) ?? "", finding.code.rawValue, text.label(finding.code),
                        text.message(finding),
                    ])
                }
            }
            bytes.append(body)
            return bytes
        }
        return OutputFile(path: SiteOutput.findingsTable.path(), bytes: bytes)
    }

    /// One cell of a CSV file chibo writes, quoted when it holds a separator, a quote or a line end.
    /// A cell that Excel or LibreOffice would read as a formula (OWASP's CSV-injection rule: it
    /// starts, after any spaces, with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
    /// `'`, so that a unit named `=HYPERLINK(...)` stays text.
    static func csvField(_ value: String) -> String {
        let first = value.unicodeScalars.first { $0 != " " }
        let formula = first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        let cell = formula ? "'" + value : value
        guard formula || cell.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else { return cell }
        return "\"" + cell.replacing(ascii: "\"", with: "\"\"") + "\""
    }
}
