import ChiboModel
import ChiboSupport

/// The draft of the committee's review letter for the period and for each quarter
/// (`bao-cao/du-thao-cong-van/` and `bao-cao/du-thao-cong-van.docx`, the same under each quarter):
/// the figures decided by `ReviewLetter`, the wording of the theme's `letter-*` templates, the head
/// and foot from `letter:` in `site.yaml`, laid out as Hướng dẫn 36-HD/VPTW lays out a letter.
struct LetterPages: NamesUnits, Sendable {
    let evaluation: Evaluation
    let reports: BlocReports
    let schedule: Schedule
    let settings: SiteSettings
    let urls: SiteURLs
    let theme: Theme
    /// Guidance pages by document number key: the documents the letter cites.
    let documents: [String: CrossReferenceTarget]
    let buildDate: Day

    static let folder = SiteOutput.letterFolder
    /// How many rows of each annex, and how many remarks, the page shows: enough for the bundled
    /// site's, few enough that a province's page stays far under the 300 KB bound.
    static let pageAnnexRows = 100
    static let pageRemarks = 100

    /// The theme's paragraph templates, in the letter's order: the subject line, the opening, the
    /// strengths and weaknesses of regular and of thematic meetings, the requests.
    static let paragraphTemplates = [
        "letter-subject", "letter-opening", "letter-regular-strengths", "letter-regular-weaknesses",
        "letter-thematic-strengths", "letter-thematic-weaknesses", "letter-requests",
    ]

    var isEmpty: Bool { reports.period == nil || evaluation.organization.units.isEmpty }

    /// The page's folder and the document's path, beside the report of `report`.
    static func folder(_ report: BlocReport) -> [String] {
        [ScorecardPages.reportRoot] + (report.slug.map { [$0] } ?? []) + [folder]
    }

    static func documentPath(_ report: BlocReport) -> String { folder(report).joined(separator: "/") + ".docx" }

    func documentURL(_ report: BlocReport) -> String { urls.file(Self.documentPath(report)) }

    /// The letter page and Word document of each report of `list`. The letter's text is made
    /// here, once, from the compiled paragraph templates; a template that cannot render fails both
    /// files.
    func jobs(_ list: [BlocReport], layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        guard !isEmpty else { return [] }
        var jobs: [PageJob] = []
        for report in list {
            let path = SiteURLs.pageFile(Self.folder(report))
            switch text(report, templates: templates) {
            case .failure(let problems):
                jobs.append(PageJob(.letter, path: path, failed: problems))
                jobs.append(PageJob(.letterDocument, path: Self.documentPath(report), failed: problems))
            case .success(let (letter, _)):
                let page = self.page(report, letter: letter, layout: layout)
                jobs.append(PageJob(.letter, path: path, template: templates.letter) { page })
                let properties = LetterDocument.Properties(title: letter.title, created: buildDate)
                jobs.append(
                    PageJob(.letterDocument, path: Self.documentPath(report), inputs: letter.digest(properties)) {
                        LetterDocument.make(letter, properties: properties)
                    })
            }
        }
        return jobs
    }

    /// The letter's figures for the templates, and for the tests, with the annexes the figures
    /// refer to, numbered in the order the letter mentions them.
    func figures(_ report: BlocReport) -> LetterFigures { drafted(report).figures }

    func drafted(_ report: BlocReport) -> (figures: LetterFigures, annexes: [LetterText.Annex], review: ReviewLetter) {
        let report = report.complete()
        let review = ReviewLetter(report, evaluation: report.evaluation, schedule: schedule)
        let derived = settings.letter.derived(from: settings.organization)
        let shortName = derived.shortName ?? settings.organization
        let documents = LetterFigures.Documents(
            scoring: cited(.overrated), study: cited(.missingPoliticalStudy), procedure: cited(.missingCurrentAffairs),
            speaking: cited(.lowSpeakingRate), attendance: cited(.lowAttendance), supervision: cited(.noSupervisor))
        let summary = report.summary
        var annexes = Annexes(pages: self, shortName: shortName)
        let study = LetterFigures.Study(
            skipped: !review.skippedStudy.isEmpty, branches: Format.count(review.skippedStudy.count),
            meetings: Format.count(review.skippedStudy.map(\.count).reduce(0, +)),
            requiredFrom: settings.politicalStudyRequiredFrom.map(Format.date),
            annex: annexes.add(
                theme.string(.letterAnnexStudy), review.skippedStudy.map { ($0.branch, $0.count) }))
        // The period before, for "tăng 1,4 điểm % so với quý I/2024" or "so với năm 2023"; none for the first.
        let previous = reports.previous(of: report)
        let since = previous.map(rangeName)
        var regular = kind(review.regular, annexes: &annexes, previous: previous?[.regular].summary, since: since)
        regular.hasWeaknesses = regular.hasWeaknesses || !review.skippedStudy.isEmpty || review.supervision == .missed
        var thematic = kind(review.thematic, annexes: &annexes, previous: previous?[.thematic].summary, since: since)
        thematic.hasWeaknesses = thematic.hasWeaknesses || !review.thematicGaps.isEmpty
        let kinds = [review.regular, review.thematic]
        let supervised = rate(
            summary.supervisedShare, target: review.targets.supervisionRate,
            previous: previous?.summary.supervisedShare, since: since)
        let figures = LetterFigures(
            period: period(report), inPeriod: inPeriod(report), from: Format.date(report.range.from),
            to: Format.date(report.range.to),
            board: [derived.board ?? "", shortName].filter { !$0.isEmpty }.joined(separator: " "),
            shortName: shortName,
            plans: review.plans.enumerated().map { index, cited in
                plan(cited, last: index == review.plans.count - 1)
            },
            regular: regular, thematic: thematic, study: study,
            thematicGaps: review.thematicGaps.enumerated().map { index, gap in
                LetterFigures.Gap(
                    quarter: FindingText(theme: theme).part(gap.quarter),
                    branches: Format.count(gap.branchesWithout.count), last: index == review.thematicGaps.count - 1)
            },
            supervision: LetterFigures.Supervision(
                measured: review.supervision != .none, above: supervised.above, change: supervised.change,
                met: review.supervision == .met,
                missed: review.supervision == .missed, share: supervised.value, target: supervised.target,
                supervised: Format.count(summary.supervised), supervisable: Format.count(summary.supervisable),
                committeesWithGaps: Format.count(
                    report.committeeAttendance.filter { !$0.branchesNeverSupervised.isEmpty }.count)),
            documents: documents, hasWeaknesses: review.hasWeaknesses,
            planGaps: review.plans.contains { $0.compliant < $0.committees },
            overrated: kinds.contains(where: \.overrated),
            speakingMissed: kinds.contains { $0.speaking == .missed },
            attendanceMissed: kinds.contains { $0.attendance == .missed },
            itMissed: kinds.contains { $0.it == .missed },
            topRating: regular.hasMeetings ? regular.topRating : thematic.topRating,
            topMinimum: regular.hasMeetings ? regular.topMinimum : thematic.topMinimum,
            topRequiredFull: regular.hasMeetings ? regular.topRequiredFull : thematic.topRequiredFull)
        return (figures, annexes.items, review)
    }

    /// The annexes of one letter as the figures name them: each a table of branches, numbered from 1.
    struct Annexes {
        let pages: LetterPages
        let shortName: String
        var items: [LetterText.Annex] = []

        /// A table of `rows` (branch, meetings) under `title`, and its number; nil with no rows.
        mutating func add(_ title: String, _ rows: [(branch: UnitID, meetings: Int)]) -> String? {
            guard !rows.isEmpty else { return nil }
            let organization = pages.evaluation.organization
            // In the units file's order, so that a committee's branches stand together.
            let rows = rows.sorted {
                organization.position(of: $0.branch) ?? 0 < organization.position(of: $1.branch) ?? 0
            }
            let number = items.count + 1
            items.append(
                LetterText.Annex(
                    label: Format.fill(pages.theme.string(.letterAnnexLabel), ["n": String(number)]),
                    title: title,
                    columns: [
                        UIString.letterAnnexColNumber, .letterAnnexColBranch, .letterAnnexColCommittee,
                        .letterAnnexColMeetings,
                    ].map(pages.theme.string),
                    rows: rows.enumerated().map { index, row in
                        [
                            String(index + 1), organization.name(of: row.branch),
                            organization[row.branch]?.parent.map { organization.name(of: $0) } ?? shortName,
                            Format.count(row.meetings),
                        ]
                    }
                        // The total, as a clerk checks the annex against the sentence: "Cộng, 52 chi bộ, 76".
                        + [
                            [
                                "", pages.theme.string(.letterAnnexTotal),
                                Format.fill(
                                    pages.theme.string(.letterAnnexTotalBranches),
                                    ["count": Format.count(rows.count)]),
                                Format.count(rows.map(\.meetings).reduce(0, +)),
                            ]
                        ]))
            return String(number)
        }
    }

    /// A share against its target, as the letter words it.
    func rate(_ share: Double?, target: Double, previous: Double? = nil, since: String? = nil)
        -> LetterFigures.Rate
    {
        let verdict = ReviewLetter.Verdict(share, target: target)
        // "Above" as printed: 30,04% against 30% reads "đạt", not "vượt".
        let above = share.map { ($0 * 1000).rounded() > (target * 1000).rounded() } ?? false
        let change = since.flatMap { since in
            Change(share, previous: previous, measure: .share).map {
                Format.fill(
                    theme.string(.letterChange),
                    ["change": Format.change($0, unit: nil, theme: theme), "since": since])
            }
        }
        return LetterFigures.Rate(
            value: Format.percent(share), target: Format.percent(target), met: verdict == .met,
            missed: verdict == .missed, above: above, change: change)
    }

    /// The letter of `report` as text: its paragraph templates rendered with its figures, split into
    /// paragraphs, under the part headings; with the figures, for the tests.
    func text(_ report: BlocReport, templates: PageTemplates) -> Result<(LetterText, LetterFigures), Diagnostics> {
        let (figures, annexes, _) = drafted(report)
        var rendered: [String: [String]] = [:]
        var problems = Diagnostics()
        for (name, template) in zip(Self.paragraphTemplates, templates.letterParagraphs) {
            switch template.render(figures) {
            case .success(let bytes): rendered[name] = Self.paragraphs(String(decoding: bytes, as: UTF8.self))
            case .failure(let failure): problems.append(contentsOf: failure)
            }
        }
        guard !problems.hasErrors else { return .failure(problems) }
        func body(_ name: String) -> [LetterText.Paragraph] {
            (rendered[name] ?? []).map { LetterText.Paragraph(style: .body, text: $0) }
        }
        var paragraphs = body("letter-opening")
        var part = 0
        func heading(_ key: UIString) {
            part += 1
            paragraphs.append(
                LetterText.Paragraph(style: .heading, text: Format.fill(theme.string(key), ["n": String(part)])))
        }
        heading(.letterPartRegular)
        paragraphs += body("letter-regular-strengths") + body("letter-regular-weaknesses")
        heading(.letterPartThematic)
        paragraphs += body("letter-thematic-strengths") + body("letter-thematic-weaknesses")
        let requests = body("letter-requests")
        if !requests.isEmpty {
            heading(.letterPartRequests)
            paragraphs += requests
        }
        // A Party letter ends with "./." after its last sentence.
        if let last = paragraphs.indices.last(where: { paragraphs[$0].style == .body }) {
            var text = paragraphs[last].text
            if text.hasSuffix(".") { text.removeLast() }
            paragraphs[last].text = text + "./."
        }
        let derived = settings.letter.derived(from: settings.organization)
        // Without `letter.date`, the date is the clerk's to write when the letter is signed.
        let blank = { (width: Int) in String(repeating: "\u{00A0}", count: width) }
        let day = settings.letter.date
        let date = Format.fill(
            theme.string(derived.place == nil ? .letterDate : .letterPlaceDate),
            [
                "place": derived.place ?? "", "day": day.map { Format.dayNumber($0.day) } ?? blank(4),
                "month": day.map { Format.monthNumber($0.month) } ?? blank(4),
                "year": day.map { String($0.year) } ?? blank(6),
            ])
        let subject = rendered["letter-subject"]?.joined(separator: " ") ?? ""
        let copies = derived.copies ?? []
        let letter = LetterText(
            draftMark: theme.string(.letterDraftMark), party: theme.string(.letterParty),
            superior: derived.superior.map { $0.uppercased() },
            issuerLines: settings.letter.issuerLines?.map { $0.uppercased() }
                ?? Self.issuerLines((derived.issuer ?? "").uppercased()),
            number: Format.fill(
                theme.string(.letterNumber),
                ["blank": String(repeating: "\u{00A0}", count: 7), "code": derived.code ?? ""]),
            placeDate: date, subject: subject, recipientsLabel: theme.string(.letterRecipients),
            recipients: derived.recipients ?? [], paragraphs: paragraphs,
            onBehalf: (derived.onBehalf ?? "").uppercased(), signerTitle: (derived.signerTitle ?? "").uppercased(),
            signer: derived.signer, copiesLabel: theme.string(.letterCopies),
            copies: copies.enumerated().map { index, line in
                "- " + line + (index == copies.count - 1 ? "." : ",")
            },
            title: theme.string(.letterTitle) + " " + subject, annexes: annexes,
            annexAttached: Format.fill(
                theme.string(.letterAnnexAttached),
                [
                    "blank": String(repeating: "\u{00A0}", count: 7), "code": derived.code ?? "",
                    "board": figures.board,
                ]))
        return .success((letter, figures))
    }

    /// The issuing body's name on the lines a letter's head prints it, when `letter.issuer_lines`
    /// does not give them: one line when it is short; otherwise two, broken where the longer line
    /// is shortest, before "VÀ" when that is nearly as short, never leaving a word alone.
    static func issuerLines(_ name: String, width: Int = 28) -> [String] {
        let words = name.split(separator: " ").map(String.init)
        guard name.count > width, words.count >= 4 else { return [name] }
        var best: (score: Int, at: Int) = (Int.max, 2)
        for at in 2...(words.count - 2) {
            let first = words[..<at].joined(separator: " ")
            let second = words[at...].joined(separator: " ")
            // A break before a conjunction reads as the name is said; it may be a few letters longer.
            let bonus = ["VÀ", "VA"].contains(words[at]) ? 6 : 0
            let score = max(first.count, second.count) - bonus
            if score < best.score { best = (score, at) }
        }
        return [words[..<best.at].joined(separator: " "), words[best.at...].joined(separator: " ")]
    }

    /// A template's output as paragraphs: split at blank lines, each line break and run of spaces
    /// inside a paragraph one space, empty paragraphs left out. Theme authors write a paragraph over
    /// as many lines as they like, and a section that shows nothing leaves nothing.
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        func flush() {
            let words = current.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }) }
            if !words.isEmpty { result.append(words.joined(separator: " ")) }
            current = []
        }
        // A line ends at LF, CR LF (one Character in Swift) or CR.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                flush()
            } else {
                current.append(line)
            }
        }
        flush()
        return result
    }

    // MARK: - Figures

    /// A report's range as a comparison names it: "quý I/2024", "năm 2023".
    func rangeName(_ report: BlocReport) -> String { FindingText(theme: theme).name(of: report) ?? period(report) }

    /// "năm 2024", "quý I năm 2024", or "từ ngày 01/01/2024 đến ngày 30/06/2025".
    func period(_ report: BlocReport) -> String {
        let range = report.range
        if let quarter = report.quarter, quarter.range == range {
            let roman = ["I", "II", "III", "IV"][max(0, min(3, quarter.number - 1))]
            return Format.fill(
                theme.string(.letterPeriodQuarter), ["roman": roman, "year": String(quarter.year)])
        }
        if range.from.month == 1, range.from.day == 1, range.to.month == 12, range.to.day == 31,
            range.from.year == range.to.year
        {
            return Format.fill(theme.string(.letterPeriodYear), ["year": String(range.from.year)])
        }
        return Format.fill(
            theme.string(.letterPeriodRange), ["from": Format.date(range.from), "to": Format.date(range.to)])
    }

    /// The period as a sentence opens with it: "Trong năm 2024", "Từ ngày 01/01/2024 đến ngày 31/3/2024".
    func inPeriod(_ report: BlocReport) -> String {
        let period = period(report)
        if period
            == Format.fill(
                theme.string(.letterPeriodRange),
                ["from": Format.date(report.range.from), "to": Format.date(report.range.to)])
        {
            return period.prefix(1).uppercased() + period.dropFirst()
        }
        return Format.fill(theme.string(.letterInPeriod), ["period": period])
    }

    /// The guidance document `finding_guidance` names for a code, as the letter cites it.
    func cited(_ code: FindingCode) -> LetterFigures.Document? {
        guard let reference = settings.findingGuidance[code] else { return nil }
        let target = documents[Folding.documentNumberKey(reference.number)]
        // Without a guidance page, the kind is the one the number names ("HD" a guidance).
        let kind = (target?.kind ?? DocumentKind(number: reference.number)).map {
            theme.string(.documentKind($0))
        }
        let citation = Format.fill(
            theme.string(.letterCitation),
            ["kind": kind ?? theme.string(.letterDocument), "number": target?.number ?? reference.number])
        var parts = [citation]
        if let date = target?.date { parts.append("ngày " + Format.date(date)) }
        let text = parts.joined(separator: ", ") + (target?.issuer.map { " của " + $0 } ?? "")
        return LetterFigures.Document(
            number: target?.number ?? reference.number, citation: text, title: target?.title ?? reference.number)
    }

    func plan(_ cited: ReviewLetter.CitedPlan, last: Bool) -> LetterFigures.Plan {
        let plan = cited.plan
        var topic = plan.title
        if Folding.fold(topic).hasPrefix("ke hoach ") { topic = String(topic.dropFirst("Kế hoạch ".count)) }
        topic = topic.prefix(1).lowercased() + topic.dropFirst()
        let groups = cited.groups.enumerated().map { index, group in
            LetterFigures.SessionGroup(
                hosts: group.hosts.zeroPadded(2), kind: theme.string(UIString.label(group.kind)).lowercased(),
                audienceSize: group.audienceSize.zeroPadded(2), audience: audience(group.audience),
                last: index == cited.groups.count - 1)
        }
        return LetterFigures.Plan(
            number: plan.number, title: plan.title, topic: topic, issued: plan.issued.map(Format.date), groups: groups,
            rule: plan.rule.map {
                LetterFigures.Rule(
                    threshold: String($0.threshold), below: $0.below.zeroPadded(2),
                    atOrAbove: $0.atOrAbove.zeroPadded(2))
            },
            committees: Format.count(cited.committees), compliant: Format.count(cited.compliant),
            nonCompliant: Format.count(cited.nonCompliant.count),
            nonCompliantNames: Format.list(cited.nonCompliant.map { evaluation.organization.name(of: $0) }),
            hasCommittees: cited.committees > 0, allCompliant: cited.nonCompliant.isEmpty, isOver: cited.isOver,
            last: last)
    }

    /// "chi bộ cơ sở loại hình doanh nghiệp".
    func audience(_ audience: Audience) -> String {
        let level = theme.string(.audience(audience.level))
        guard !audience.sectors.isEmpty else { return level }
        let sectors = audience.sectors.map { theme.string(UIString.label($0)).lowercased() }
        return Format.fill(
            theme.string(.letterAudienceSectors), ["level": level, "sectors": sectors.joined(separator: ", ")])
    }

    func kind(
        _ review: ReviewLetter.KindReview, annexes: inout Annexes, previous: Summary? = nil, since: String? = nil
    ) -> LetterFigures.Kind {
        let figures = review.figures
        let summary = figures.summary
        func share(_ count: Int) -> Double? { summary.meetings > 0 ? Double(count) / Double(summary.meetings) : nil }
        let targets = evaluation.targets
        let name = theme.string(UIString.label(figures.kind)).lowercased()
        let best = review.rubric?.ratings.first
        let overrating = review.overrating
        var causes: [LetterFigures.OverratingCause] = []
        func cause(
            _ counted: ReviewLetter.Counted, notFull: String? = nil, belowTotal: String? = nil,
            ratings: String? = nil
        ) {
            guard !counted.isEmpty else { return }
            causes.append(
                LetterFigures.OverratingCause(
                    meetings: Format.count(counted.count), branches: Format.count(counted.branches.count),
                    notFull: notFull, belowTotal: belowTotal, ratings: ratings, first: causes.isEmpty, last: false))
        }
        cause(
            overrating.notFull,
            notFull: Format.list(overrating.notFullCriteria.map(String.init), conjunction: "hoặc"))
        cause(overrating.belowTotal, belowTotal: String(overrating.minimumTotal))
        cause(
            overrating.other,
            ratings: Format.list(overrating.otherRatings.map { "“\($0.rawValue)”" }, conjunction: "hoặc"))
        if !causes.isEmpty { causes[causes.count - 1].last = true }
        let overratedAnnex = annexes.add(
            Format.fill(theme.string(.letterAnnexOverrated), ["kind": name]), overrating.all.byBranch)
        let weaknesses = review.criterionWeaknesses.map { criterion in
            LetterFigures.CriterionWeakness(
                meetings: Format.count(criterion.short.count), branches: Format.count(criterion.short.branches.count),
                phrase: criterion.phrase ?? "",
                annex: annexes.add(
                    Format.fill(
                        theme.string(.letterAnnexCriterion),
                        ["kind": name, "id": String(criterion.criterion.id), "title": criterion.criterion.title]),
                    criterion.short.byBranch))
        }
        let strengths = review.criterionStrengths.compactMap(\.phrase)
        let currentAffairsAnnex =
            review.currentAffairs == .missed
            ? annexes.add(theme.string(.letterAnnexCurrentAffairs), review.withoutCurrentAffairs.byBranch) : nil
        return LetterFigures.Kind(
            name: name, hasMeetings: review.hasMeetings, meetings: Format.count(summary.meetings),
            branches: Format.count(figures.branches.count),
            speaking: rate(
                summary.speakingRate, target: targets.speakingRate, previous: previous?.speakingRate, since: since),
            speakingBelow: Format.count(figures.belowSpeakingTarget.count),
            attendance: rate(
                summary.attendanceRate, target: targets.attendanceRate, previous: previous?.attendanceRate,
                since: since),
            attendanceBelow: Format.count(figures.belowAttendanceTarget.count),
            currentAffairs: review.currentAffairs == .none
                ? LetterFigures.Rate(value: "", target: "", met: false, missed: false, above: false)
                : rate(
                    share(summary.currentAffairs), target: targets.currentAffairsRate,
                    previous: previous.flatMap {
                        $0.meetings > 0 ? Double($0.currentAffairs) / Double($0.meetings) : nil
                    },
                    since: since),
            currentAffairsWithout: Format.count(review.withoutCurrentAffairs.count),
            currentAffairsBranches: Format.count(review.withoutCurrentAffairs.branches.count),
            currentAffairsAnnex: currentAffairsAnnex,
            it: review.it == .none
                ? LetterFigures.Rate(value: "", target: "", met: false, missed: false, above: false)
                : rate(
                    share(summary.usedIT), target: targets.itRate,
                    previous: previous.flatMap { $0.meetings > 0 ? Double($0.usedIT) / Double($0.meetings) : nil },
                    since: since),
            itBranches: Format.count(figures.withoutIT.count), overrated: review.overrated,
            overratedMeetings: Format.count(overrating.all.count),
            overratedBranches: Format.count(overrating.all.branches.count), overratedAnnex: overratedAnnex,
            overrating: causes, criterionStrengths: strengths.isEmpty ? nil : strengths.joined(separator: "; "),
            criterionWeaknesses: weaknesses,
            topRating: best?.name.rawValue ?? evaluation.ratingNames.first?.rawValue ?? "",
            topMinimum: String(best?.minTotal ?? 0),
            topRequiredFull: best.flatMap {
                $0.requireFull.isEmpty ? nil : Format.list($0.requireFull.map(String.init))
            },
            hasStrengths: review.strengths, hasWeaknesses: review.weaknesses)
    }

    // MARK: - Page

    func page(_ report: BlocReport, letter: LetterText, layout: LayoutContext) -> LetterPage {
        let report = report.complete()
        let reportURL = urls.page([ScorecardPages.reportRoot] + (report.slug.map { [$0] } ?? []))
        let title = theme.string(.letterTitle) + " · " + period(report)
        var crumbs = [
            (theme.string(.navHome), urls.page([])),
            (theme.string(.reportTitle), urls.page([ScorecardPages.reportRoot])),
        ]
        if report.slug != nil { crumbs.append((rangeName(report), reportURL)) }
        var pageLayout = layout.page(title: title, current: nil, breadcrumb: crumbs)
        pageLayout.printFooter = false
        // The page stays small on any site: each annex shows its first rows (the Word document has
        // them all), and the remarks list the first ones (every scorecard shows its own).
        // The report's own evaluation (its year's), where the remarks' places are.
        let yearly = report.evaluation
        let allRemarks = ReviewLetter.remarks(report, evaluation: yearly).meetings
        let remarks = allRemarks.prefix(Self.pageRemarks).map { remark in
            let meeting = remark.meeting(in: yearly).meeting
            return LetterPage.Remark(
                branch: evaluation.organization.distinctName(of: remark.branch), date: Format.date(meeting.date),
                kind: theme.string(UIString.label(meeting.kind)).lowercased(), text: meeting.remarks ?? "",
                href: meetingURL(remark.branch, date: meeting.date, kind: meeting.kind))
        }
        return LetterPage(
            layout: pageLayout, letter: letter,
            intro: Format.fill(
                theme.string(.letterIntro),
                ["from": Format.date(report.range.from), "to": Format.date(report.range.to)]),
            annexes: letter.annexes.map { annex in
                LetterPage.AnnexTable(
                    label: annex.label, title: annex.title, columns: annex.columns,
                    // The branches' first rows, then the total row, which the annex always ends with.
                    rows: Array(annex.rows.dropLast().prefix(Self.pageAnnexRows)) + annex.rows.suffix(1),
                    more: annex.rows.count - 1 > Self.pageAnnexRows
                        ? Format.fill(
                            theme.string(.letterAnnexMore),
                            ["count": Format.count(annex.rows.count - 1 - Self.pageAnnexRows)]) : nil)
            },
            remarks: Array(remarks),
            moreRemarks: allRemarks.count > Self.pageRemarks
                ? Format.fill(
                    theme.string(.letterRemarksMore), ["count": Format.count(allRemarks.count - Self.pageRemarks)])
                : nil,
            docxURL: documentURL(report), reportURL: reportURL, figures: figureRows(report, reportURL: reportURL))
    }

    /// The report's figures the default wording uses, each with the cell of the report page that
    /// shows it (`ReportPage.KindTable`'s ids), so that a clerk checks the draft against the report.
    func figureRows(_ report: BlocReport, reportURL: String) -> [LetterFigureRow] {
        var rows: [LetterFigureRow] = []
        let table = ReportKindTable.rows(report)
        for kind in MeetingKind.allCases where report[kind].summary.meetings > 0 {
            let column = ReportKindTable.columns.firstIndex(of: kind) ?? 0
            for row in table where row.id != "supervised" {
                rows.append(
                    LetterFigureRow(
                        label: theme.string(row.key) + " · " + theme.string(UIString.label(kind)),
                        value: row.values[column], href: reportURL + "#" + ReportKindTable.id(row.id, kind)))
            }
        }
        rows.append(
            LetterFigureRow(
                label: theme.string(.letterFigureSupervised), value: Format.percent(report.summary.supervisedShare),
                href: reportURL + "#" + ReportKindTable.id("supervised", nil)))
        rows.append(
            LetterFigureRow(
                label: theme.string(.letterFigureStudy), value: Format.count(report.skippedPoliticalStudy.count),
                href: reportURL + "#chinh-tri-tu-tuong"))
        for gap in report.thematicByQuarter where !gap.branchesWithout.isEmpty {
            rows.append(
                LetterFigureRow(
                    label: theme.string(.letterFigureThematicGap) + " · "
                        + FindingText(theme: theme).part(gap.quarter),
                    value: Format.count(gap.branchesWithout.count), href: reportURL + "#chuyen-de-" + gap.quarter.slug))
        }
        return rows
    }
}

extension LetterText {
    /// A stable hash of everything the Word document shows, for keeping it between builds.
    func digest(_ properties: LetterDocument.Properties) -> UInt64 {
        var hasher = StableHasher()
        for text in [draftMark, party, superior ?? ""] + issuerLines + [number, placeDate, subject, recipientsLabel]
            + recipients + [onBehalf, signerTitle, signer ?? "", copiesLabel] + copies + [title]
            + paragraphs.map({ $0.style.rawValue + $0.text }) + [properties.title, properties.created.description]
            + [annexAttached]
        {
            hasher.combine(text)
        }
        for annex in annexes {
            hasher.combine(String(annex.rows.count))
            for text in [annex.label, annex.title] + annex.columns + annex.rows.flatMap({ $0 }) {
                hasher.combine(text)
            }
        }
        return hasher.value
    }
}

/// The report's table by kind of meeting (regular, thematic, both): the figures a review letter
/// states, each cell with an id that the letter's page links to, and beside the previous period's
/// value when there is one.
enum ReportKindTable {
    struct Row {
        var id: String
        /// The UI string of its label.
        var key: UIString
        /// By column: regular, thematic, both.
        var values: [String]
        /// By column: the change since the previous period, nil without one.
        var changes: [Change?] = []
        /// What the change counts: "buổi", "chi bộ"; nil for a share (percentage points).
        var unit: UIString?
    }

    static let columns: [MeetingKind?] = [.regular, .thematic, nil]

    /// `loai-speaking-regular`, `loai-supervised-all`.
    static func id(_ row: String, _ kind: MeetingKind?) -> String { "loai-\(row)-\(kind?.rawValue ?? "all")" }

    /// The table's figures as numbers, by row id and column: shares from 0 to 1, counts.
    static func numbers(_ report: BlocReport) -> [(
        id: String, key: UIString, measure: Change.Measure, values: [Double?]
    )] {
        let summaries = columns.map { $0.map { report[$0].summary } ?? report.summary }
        func share(_ count: (Summary) -> Int) -> [Double?] {
            summaries.map { $0.meetings > 0 ? Double(count($0)) / Double($0.meetings) : nil }
        }
        let overratedBranches = columns.map {
            Double(($0.map { report[$0].overratedBranches } ?? report.branchesByFinding[.overrated] ?? []).count)
        }
        return [
            ("meetings", .letterFigureMeetings, .count, summaries.map { Double($0.meetings) }),
            ("speaking", .letterFigureSpeaking, .share, summaries.map(\.speakingRate)),
            ("attendance", .letterFigureAttendance, .share, summaries.map(\.attendanceRate)),
            ("current-affairs", .letterFigureCurrentAffairs, .share, share(\.currentAffairs)),
            ("it", .letterFigureIt, .share, share(\.usedIT)),
            ("overrated", .letterFigureOverrated, .count, summaries.map { Double($0.findings[.overrated] ?? 0) }),
            ("overrated-branches", .letterFigureOverratedBranches, .count, overratedBranches),
            ("supervised", .letterFigureSupervised, .share, summaries.map(\.supervisedShare)),
        ]
    }

    /// The rows of `report`, each cell beside `previous`'s when it is given and has the figure.
    static func rows(_ report: BlocReport, previous: BlocReport? = nil) -> [Row] {
        let before = previous.map {
            Dictionary(numbers($0).map { ($0.id, $0.values) }, uniquingKeysWith: { a, _ in a })
        }
        return numbers(report).map { row in
            Row(
                id: row.id, key: row.key,
                values: row.values.map { value in
                    row.measure == .share ? Format.percent(value) : value.map { Format.count(Int($0)) } ?? "–"
                },
                changes: row.values.indices.map { column in
                    guard let old = before?[row.id]?[column] else { return nil }
                    return Change(row.values[column], previous: old, measure: row.measure)
                },
                unit: row.id == "meetings" || row.id == "overrated"
                    ? .changeUnitMeetings : row.id == "overrated-branches" ? .changeUnitBranches : nil)
        }
    }
}
