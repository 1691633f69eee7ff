import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboRender
@testable import ChiboSite

@Suite struct LetterTests {
    @Test func aTemplatesOutputIsSplitIntoParagraphsAtBlankLines() {
        #expect(
            LetterPages.paragraphs("\n- Ưu điểm: một\nhai  ba.\n\n \n\tBốn\r\nnăm.\n\n\n") == [
                "- Ưu điểm: một hai ba.", "Bốn năm.",
            ])
        #expect(LetterPages.paragraphs("\n \n") == [])
    }

    static func renderer(_ site: String) throws -> SiteRenderer {
        let build = Build(
            contentPath: PackagePaths.root + "/" + site, themePath: PackagePaths.theme, outputPath: "",
            buildDate: Day(year: 2024, month: 12, day: 20) ?? Day.distantPast)
        var diagnostics = Diagnostics()
        let prepared = build.prepare(diagnostics: &diagnostics)
        return try #require(prepared, "\(diagnostics.items)")
    }

    @Test func theBundledLettersFollowTheSourceLettersOrderAndEndWithTheMark() throws {
        let renderer = try Self.renderer("content")
        let plan = renderer.plan()
        let letters = try #require(plan.letters)
        let period = try #require(renderer.reports.period)
        // The reports with their lists, which the letters count.
        for report in ([period] + renderer.reports.quarters).map({ $0.complete() }) {
            let (letter, figures) = try letters.text(report, templates: plan.templates).get()
            let headings = letter.paragraphs.filter { $0.style == .heading }.map(\.text)
            #expect(headings == ["1. Đối với sinh hoạt thường kỳ", "2. Đối với sinh hoạt chuyên đề", "3. Yêu cầu"])
            #expect(letter.paragraphs.last?.text.hasSuffix("./.") == true)
            #expect(letter.paragraphs.filter { $0.text.contains("./.") }.count == 1)
            #expect(letter.number == "Số\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}\u{00A0}-CV/ĐUK")
            // Without `letter.date` the date is the clerk's to write.
            let blank = { (width: Int) in String(repeating: "\u{00A0}", count: width) }
            #expect(letter.placeDate == "Lai Châu, ngày \(blank(4)) tháng \(blank(4)) năm \(blank(6))")
            #expect(letter.signerTitle == "PHÓ BÍ THƯ")
            #expect(letter.issuerLines == ["ĐẢNG ỦY KHỐI CÁC CƠ QUAN", "VÀ DOANH NGHIỆP TỈNH"])
            // The figures the text states are the report's.
            let regular = report[.regular].summary
            #expect(figures.regular.speaking.value == Format.percent(regular.speakingRate))
            #expect(figures.regular.meetings == Format.count(regular.meetings))
            #expect(figures.study.branches == Format.count(report.skippedPoliticalStudy.count))
            let body = letter.paragraphs.map(\.text).joined(separator: " ")
            #expect(body.contains(figures.regular.speaking.value))
            #expect(body.contains("Kế hoạch số 114-KH/ĐUK, ngày 26/01/2024"))
            Self.expectTheClerksVietnamese(letter)
        }
        // The whole year's draft has the source letter's qualitative strengths and both thematic
        // weaknesses, computed from the rubric's words.
        let (letter, _) = try letters.text(period, templates: plan.templates).get()
        let body = letter.paragraphs.map(\.text).joined(separator: " ")
        for phrase in [
            "giữ vững nguyên tắc tập trung dân chủ", "chi ủy đã phân công đảng viên chuẩn bị chuyên đề",
            "việc lựa chọn nội dung chuyên đề còn chưa sát với tình hình thực tế",
            "điều hành của bí thư chi bộ chưa linh hoạt", "Đảng bộ Sở Giáo dục và Đào tạo",
            "quý III/2024", "963/1.130", "1.362 buổi", "ngày 20/6/2023", "vượt mục tiêu 30%",
        ] {
            #expect(body.contains(phrase), "\(phrase)")
        }
        // A plan whose sessions are all past is learnt from, not completed.
        #expect(!body.contains("bổ sung, hoàn thiện kế hoạch"))
        #expect(!letter.annexes.isEmpty)
        for (index, annex) in letter.annexes.enumerated() {
            #expect(annex.label == "Phụ lục \(index + 1)")
            #expect(body.contains("Phụ lục \(index + 1)"))
            #expect(!annex.rows.isEmpty)
        }
    }

    /// What a clerk would correct: a figure opening a sentence, a count without its thousands dot,
    /// "khoảng" before an exact figure, a target in brackets, a quarter in Arabic digits, a month
    /// after February with a leading zero, "các tiêu chí" before one criterion.
    static func expectTheClerksVietnamese(
        _ letter: LetterText, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        for paragraph in letter.paragraphs where paragraph.style == .body {
            let text = paragraph.text
            let sentences = text.split(separator: ". ").map { $0.drop { $0 == "-" || $0 == " " } }
            for sentence in sentences {
                let start = sentence.split(separator: ": ").last ?? sentence
                #expect(
                    start.first?.isNumber != true, "a sentence opens with a figure: \(sentence)",
                    sourceLocation: sourceLocation)
            }
            let patterns: [Regex<Substring>] = [
                #/\d{4,} (?:buổi|chi bộ|đảng)/#, #/khoảng \d/#, #/\((?:mục tiêu|yêu cầu) (?:từ )?\d+(?:,\d+)?%/#,
                #/quý \d/#,
                #/\d{1,2}\/0[3-9]\/\d{4}/#, #/các tiêu chí \d+ /#, #/\d\/\d{4,} (?:buổi|chi bộ)/#,
            ]
            for pattern in patterns {
                #expect(text.firstMatch(of: pattern) == nil, "\(text)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Every meeting a sentence counts has what the sentence says of it, on the bundled and the
    /// fixture content and on generated data of other seeds.
    @Test(arguments: ["content", "Tests/Fixtures/scorecard-site"])
    func everyCountedMeetingSatisfiesItsSentence(_ site: String) throws {
        let renderer = try Self.renderer(site)
        try Self.expectEveryCountedMeetingSatisfiesItsSentence(renderer)
    }

    @Test(arguments: [UInt64(7), 1_234_567])
    func everyCountedMeetingOfGeneratedDataSatisfiesItsSentence(seed: UInt64) throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let generator = PackagePaths.root + "/.build/debug/chibo-gen"
        try #require(
            FileManager.default.isExecutableFile(atPath: generator), "chibo-gen is built by swift build --build-tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: generator)
        process.arguments = ["--preset", "bundled", "--seed", String(seed), "--output", folder.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        try FileManager.default.copyItem(
            atPath: PackagePaths.root + "/content/site.yaml", toPath: folder.path + "/site.yaml")
        let build = Build(
            contentPath: folder.path, themePath: PackagePaths.theme, outputPath: "",
            buildDate: Day(year: 2024, month: 12, day: 20) ?? Day.distantPast)
        var diagnostics = Diagnostics()
        let prepared = build.prepare(diagnostics: &diagnostics)
        let renderer = try #require(prepared, "\(diagnostics.items)")
        try Self.expectEveryCountedMeetingSatisfiesItsSentence(renderer)
    }

    static func expectEveryCountedMeetingSatisfiesItsSentence(_ renderer: SiteRenderer) throws {
        let plan = renderer.plan()
        let letters = try #require(plan.letters)
        let period = try #require(renderer.reports.period)
        var checked = 0
        for report in [period] + renderer.reports.quarters {
            let review = ReviewLetter(report.complete(), evaluation: renderer.evaluation, schedule: renderer.schedule)
            for kind in [review.regular, review.thematic] {
                let overrating = kind.overrating
                for counted in overrating.all.meetings {
                    let evaluated = counted.meeting(in: renderer.evaluation)
                    #expect(evaluated.selfRank < evaluated.ratingRank, "overrated: self-rating above the computed")
                    checked += 1
                }
                for counted in overrating.notFull.meetings {
                    let evaluated = counted.meeting(in: renderer.evaluation)
                    #expect(evaluated.selfRank == 0 && evaluated.total >= overrating.minimumTotal)
                    #expect(
                        overrating.notFullCriteria.contains { id in
                            evaluated.meeting.scores[id - 1] < evaluated.rubric.criteria[id - 1].max
                        })
                }
                for counted in overrating.belowTotal.meetings {
                    let evaluated = counted.meeting(in: renderer.evaluation)
                    #expect(evaluated.selfRank == 0 && evaluated.total < overrating.minimumTotal)
                }
                for counted in overrating.other.meetings {
                    #expect(
                        overrating.otherRatings.contains(counted.meeting(in: renderer.evaluation).meeting.selfRating))
                }
                #expect(
                    overrating.all.count == kind.figures.summary.findings[.overrated] ?? 0,
                    "every overrated meeting is in one of the causes")
                for criterion in kind.criteria {
                    for counted in criterion.short.meetings {
                        let meeting = counted.meeting(in: renderer.evaluation).meeting
                        #expect(meeting.scores[criterion.criterion.id - 1] < criterion.criterion.max)
                        #expect(meeting.kind == kind.figures.kind)
                        checked += 1
                    }
                    let share = Double(criterion.short.count) / Double(criterion.of)
                    let threshold = renderer.evaluation.targets.criterionShortShare
                    #expect(criterion.verdict == (share > threshold ? .weakness : .strength))
                    #expect(criterion.of == kind.figures.summary.meetings)
                }
                for counted in kind.withoutCurrentAffairs.meetings {
                    #expect(!counted.meeting(in: renderer.evaluation).meeting.currentAffairs)
                }
            }
            for cited in review.plans {
                #expect(cited.nonCompliant.count == cited.committees - cited.compliant)
            }
            // The words are the model's counts.
            let (letter, figures) = try letters.text(report, templates: plan.templates).get()
            let body = letter.paragraphs.map(\.text).joined(separator: " ")
            for (kind, words) in [(review.regular, figures.regular), (review.thematic, figures.thematic)] {
                #expect(words.overratedMeetings == Format.count(kind.overrating.all.count))
                for (weakness, criterion) in zip(words.criterionWeaknesses, kind.criterionWeaknesses) {
                    #expect(weakness.meetings == Format.count(criterion.short.count))
                    #expect(weakness.branches == Format.count(criterion.short.branches.count))
                    #expect(body.contains("Ở \(weakness.meetings) buổi sinh hoạt"))
                }
            }
            Self.expectTheClerksVietnamese(letter)
        }
        #expect(checked > 0, "the data has counted meetings to check")
    }

    @Test func numbersDatesAndListsAreWrittenAsAClerkWritesThem() {
        #expect(Format.count(1362) == "1.362")
        #expect(Format.count(999) == "999")
        #expect(Format.count(1_234_567) == "1.234.567")
        #expect(Format.count(-1200) == "-1.200")
        #expect(Format.fraction(963, of: 1130) == "963/1.130")
        #expect(Format.decimal(1362.5) == "1.362,5")
        #expect(Format.percent(0.312) == "31,2%")
        #expect(Format.roman(3) == "III")
        #expect(Format.roman(4) == "IV")
        #expect(Format.date(Day(year: 2023, month: 6, day: 20)!) == "20/6/2023")
        #expect(Format.date(Day(year: 2024, month: 1, day: 26)!) == "26/01/2024")
        #expect(Format.date(Day(year: 2024, month: 4, day: 5)!) == "05/4/2024")
        #expect(Format.list(["1"]) == "1")
        #expect(Format.list(["1", "2"], conjunction: "hoặc") == "1 hoặc 2")
        #expect(Format.list(["1", "2", "4", "5"]) == "1, 2, 4 và 5")
    }

    @Test func aChangeIsTheDifferenceBetweenThePrintedValues() throws {
        // 29,84% is printed 29,8% and 31,16% is 31,2%: a reader sees 1,4 points, not 1,32.
        let share = try #require(Change(0.3116, previous: 0.2984, measure: .share))
        #expect(share.steps == 14 && share.direction == .up)
        #expect(Change(0.3116, previous: nil, measure: .share) == nil)
        let count = try #require(Change(340, previous: 352, measure: .count))
        #expect(count.steps == -12 && count.direction == .down)
        #expect(Change(0.30004, previous: 0.3, measure: .share)?.direction == .same)
        let renderer = try Self.renderer("content")
        let theme = renderer.theme
        #expect(Format.change(share, unit: nil, theme: theme) == "tăng 1,4 điểm %")
        #expect(Format.change(count, unit: .changeUnitMeetings, theme: theme) == "giảm 12 buổi")
        // The quarter before a quarter, across a year's end; the year before the period (2024) and
        // a year; none for the first year or its first quarter.
        let reports = renderer.reports
        #expect(reports.years.map(\.year) == [2023, 2024])
        #expect(reports.previous(of: try #require(reports.period))?.year == 2023)
        #expect(reports.previous(of: reports.years[1])?.year == 2023)
        #expect(reports.previous(of: reports.years[0]) == nil)
        #expect(reports.previous(of: reports.quarters[0])?.quarter == reports.yearQuarters[3].quarter)
        #expect(reports.previous(of: reports.quarters[2])?.quarter == reports.quarters[1].quarter)
        #expect(reports.previous(of: reports.yearQuarters[0]) == nil)
    }

    @Test func aNameTwoBranchesShareIsShownWithItsCommittee() throws {
        let renderer = try Self.renderer("content")
        let organization = renderer.evaluation.organization
        let shared = organization.units.filter { unit in
            organization.units.contains { $0.id != unit.id && $0.name == unit.name }
        }
        #expect(shared.count >= 2, "the bundled units have a name two branches share")
        for unit in shared {
            let parent = try #require(unit.parent)
            #expect(organization.distinctName(of: unit.id) == unit.name + " (" + organization.name(of: parent) + ")")
        }
        #expect(Set(shared.map { organization.distinctName(of: $0.id) }).count == shared.count)
        let alone = try #require(organization.units.first { unit in !shared.contains { $0.id == unit.id } })
        #expect(organization.distinctName(of: alone.id) == alone.name)
    }

    @Test func anIssuersNameBreaksIntoBalancedLinesWithoutALoneWord() {
        #expect(
            LetterPages.issuerLines("ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH") == [
                "ĐẢNG ỦY KHỐI CÁC CƠ QUAN", "VÀ DOANH NGHIỆP TỈNH",
            ])
        #expect(LetterPages.issuerLines("ĐẢNG ỦY KHỐI CƠ QUAN TỈNH") == ["ĐẢNG ỦY KHỐI CƠ QUAN TỈNH"])
        for lines in [
            LetterPages.issuerLines("ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH LAI CHÂU MỞ RỘNG"),
            LetterPages.issuerLines("ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH LAI CHÂU"),
        ] {
            #expect(lines.allSatisfy { $0.split(separator: " ").count >= 2 }, "\(lines)")
        }
    }

    @Test func theWordDocumentKeepsTheSignatureWithTheLastParagraphAndPrintsTheIssuersLines() throws {
        let renderer = try Self.renderer("content")
        let plan = renderer.plan()
        let letters = try #require(plan.letters)
        let period = try #require(renderer.reports.period)
        let (letter, _) = try letters.text(period, templates: plan.templates).get()
        let xml = LetterDocument.document(letter)
        #expect(
            xml.contains(
                "ĐẢNG ỦY KHỐI CÁC CƠ QUAN</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">VÀ DOANH NGHIỆP TỈNH"
            ))
        // The last body paragraph and the blank one after it keep with the signature's table.
        let last = try #require(letter.paragraphs.last?.text)
        let lastParagraph = try #require(xml.range(of: OfficePackage.escape(last)))
        let before = xml[..<lastParagraph.lowerBound]
        let opening = try #require(before.range(of: "<w:p>", options: .backwards))
        #expect(xml[opening.lowerBound..<lastParagraph.lowerBound].contains("<w:keepNext/>"))
        #expect(xml.components(separatedBy: "LetterAnnexLabel\"/>").count - 1 == letter.annexes.count)
        #expect(!xml.contains("ngày 06 tháng 12"))
    }

    @Test func theRemarksOfTheBundledRecordsAreListedUnderTheDraftAndOnTheScorecards() throws {
        let renderer = try Self.renderer("content")
        let files = renderer.render().files
        let page = try #require(files.first { $0.path == "bao-cao/du-thao-cong-van/index.html" })
        let html = String(decoding: page.bytes, as: UTF8.self)
        #expect(html.contains("Nhận xét của cấp ủy dự sinh hoạt"))
        let remarks = ReviewLetter.remarks(try #require(renderer.reports.period), evaluation: renderer.evaluation)
        #expect(remarks.count > 10)
        for counted in remarks.meetings {
            #expect(html.contains(try #require(counted.meeting(in: renderer.evaluation).meeting.remarks)))
        }
        let docx = try #require(files.first { $0.path == "bao-cao/du-thao-cong-van.docx" })
        #expect(!docx.bytes.isEmpty)
        let scorecards = files.filter { $0.path.hasPrefix("don-vi/") && $0.path.hasSuffix("index.html") }
        #expect(scorecards.contains { String(decoding: $0.bytes, as: UTF8.self).contains("Nhận xét của cấp ủy dự:") })
    }

    @Test func theWordDocumentIsTheSameForTheSameLetter() throws {
        let renderer = try Self.renderer("Tests/Fixtures/scorecard-site")
        let first = renderer.render().files.first { $0.path == "bao-cao/du-thao-cong-van.docx" }
        let second = renderer.render().files.first { $0.path == "bao-cao/du-thao-cong-van.docx" }
        let bytes = try #require(first?.bytes)
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(bytes == second?.bytes)
    }

    @Test func aThemeWithoutALetterTemplateFailsTheBuildAtIt() throws {
        let theme = try TempFolder()
        defer { theme.remove() }
        try FileManager.default.removeItem(atPath: theme.path)
        try FileManager.default.copyItem(atPath: PackagePaths.theme, toPath: theme.path)
        try FileManager.default.removeItem(atPath: theme.path + "/templates/letter-requests.mustache")
        let build = Build(
            contentPath: PackagePaths.fixtures + "/scorecard-site", themePath: theme.path, outputPath: "")
        let report = build.render()
        let errors = report.diagnostics.errors.map(\.description)
        #expect(errors.contains { $0.contains("templates/letter-requests.mustache") && $0.contains("has no template") })
        #expect(!report.files.contains { $0.path.hasSuffix("du-thao-cong-van.docx") } || report.diagnostics.hasErrors)
    }
}
