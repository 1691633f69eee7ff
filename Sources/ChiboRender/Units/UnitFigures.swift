import ChiboModel
import ChiboSupport

/// What the units' pages and the report's show of a unit and of a summary: the labels of levels,
/// sectors and kinds, the findings with their guidance, the figures against the targets, a unit's
/// row and a list of units with their figures.
struct UnitFigures: NamesUnits, Sendable {
    let evaluation: Evaluation
    /// The reports of the period and of every year, for a unit's history.
    let reports: BlocReports
    let settings: SiteSettings
    let urls: SiteURLs
    let theme: Theme
    /// Guidance pages by document number key, for links from findings.
    let documents: [String: CrossReferenceTarget]
    let text: FindingText

    init(
        evaluation: Evaluation, reports: BlocReports, settings: SiteSettings, urls: SiteURLs, theme: Theme,
        documents: [String: CrossReferenceTarget]
    ) {
        self.evaluation = evaluation
        self.reports = reports
        self.settings = settings
        self.urls = urls
        self.theme = theme
        self.documents = documents
        self.text = FindingText(theme: theme)
    }

    // MARK: - Labels

    func levelLabel(_ level: UnitLevel) -> String { theme.string(UIString.label(level)) }
    func sectorLabel(_ sector: Sector) -> String { theme.string(UIString.label(sector)) }
    func kindLabel(_ kind: MeetingKind) -> String { theme.string(UIString.label(kind)) }

    // MARK: - Findings

    func finding(_ finding: Finding) -> FindingModel {
        let guidance = settings.findingGuidance[finding.code].flatMap {
            documents[Folding.documentNumberKey($0.number)]
        }
        return FindingModel(
            code: finding.code.rawValue, label: text.label(finding.code), message: text.message(finding),
            guidanceURL: guidance?.url, guidanceNumber: guidance?.number)
    }

    func findingCounts(_ summary: Summary) -> [FindingCount] {
        FindingCode.allCases.compactMap { code in
            guard let count = summary.findings[code], count > 0 else { return nil }
            return FindingCount(code: code.rawValue, label: text.label(code), count: Format.count(count))
        }
    }

    func ratings(_ counts: [RatingName: Int]) -> [RatingCount] {
        evaluation.ratingNames.map { RatingCount(name: $0.rawValue, count: Format.count(counts[$0] ?? 0)) }
    }

    func figures(_ summary: Summary) -> FiguresModel {
        FiguresModel(
            meetings: Format.count(summary.meetings),
            regular: Format.count(summary.regularMeetings),
            thematic: Format.count(summary.thematicMeetings),
            averageTotal: Format.decimal(summary.averageTotal),
            speakingRate: Format.percent(summary.speakingRate),
            speakingBelow: summary.isSpeakingBelow(settings.targets),
            attendanceRate: Format.percent(summary.attendanceRate),
            attendanceBelow: summary.isAttendanceBelow(settings.targets),
            speakingTarget: Format.percent(settings.targets.speakingRate),
            attendanceTarget: Format.percent(settings.targets.attendanceRate),
            supervised: Format.count(summary.supervised),
            supervisable: Format.count(summary.supervisable),
            supervisedShare: Format.percent(summary.supervisedShare),
            hasSupervisable: summary.supervisable > 0,
            politicalStudy: Format.count(summary.politicalStudy),
            currentAffairs: Format.count(summary.currentAffairs),
            usedIT: Format.count(summary.usedIT),
            findingsTotal: Format.count(summary.findings.values.reduce(0, +)))
    }

    func unitSummary(_ card: Scorecard) -> UnitRow {
        let unit = card.unit
        return UnitRow(
            id: unit.id.rawValue, name: unit.name, url: unitURL(unit.id), level: levelLabel(unit.level),
            sector: sectorLabel(unit.sector), members: unit.members.map(String.init) ?? "–",
            isCommittee: unit.kind == .committee, branchCount: Format.count(card.branches.count),
            latestRating: card.latestRating?.rawValue, figures: figures(card.summary),
            ratings: ratings(card.summary.ratings))
    }

    /// A list of branches with their figures, one row each: `units` in the order given, those with a
    /// scorecard in `evaluation`, each looked up when its page renders rather than copied.
    func unitList(
        _ output: SiteOutput, _ folder: [String], title: String, intro: String? = nil, units ids: [UnitID],
        in evaluation: Evaluation
    ) -> RowList {
        let units = ids.filter { evaluation[unit: $0] != nil }
        let columns: [UIString] = [
            .colCommittee, .colMembers, .colMeetings, .colAverage, .colSpeakingRate, .colFindings,
        ]
        return RowList(
            output: output, folder: folder, title: title, intro: intro,
            columns: [ListPage.Column(title: theme.string(.colUnit))]
                + columns.enumerated().map { ListPage.Column(title: theme.string($1), numeric: $0 > 0) },
            count: units.count,
            rows: { range in
                units[range].compactMap { evaluation[unit: $0] }.map { card in
                    let summary = card.summary
                    return ListPage.Row(
                        head: unitCell(card.unit.id),
                        cells: [
                            committeeCell(card.unit.id),
                            ListPage.Cell(text: card.unit.members.map(String.init) ?? "–", numeric: true),
                            ListPage.Cell(text: Format.count(summary.meetings), numeric: true),
                            ListPage.Cell(text: Format.decimal(summary.averageTotal), numeric: true),
                            ListPage.Cell(text: Format.percent(summary.speakingRate), numeric: true),
                            ListPage.Cell(text: Format.count(summary.findings.values.reduce(0, +)), numeric: true),
                        ])
                }
            })
    }
}

/// A page family that shows units through `UnitFigures`: its values and functions, by their names.
protocol ShowsUnitFigures: NamesUnits {
    var units: UnitFigures { get }
}

extension ShowsUnitFigures {
    var evaluation: Evaluation { units.evaluation }
    var settings: SiteSettings { units.settings }
    var urls: SiteURLs { units.urls }
    var theme: Theme { units.theme }
    var documents: [String: CrossReferenceTarget] { units.documents }
    var text: FindingText { units.text }

    func levelLabel(_ level: UnitLevel) -> String { units.levelLabel(level) }
    func sectorLabel(_ sector: Sector) -> String { units.sectorLabel(sector) }
    func kindLabel(_ kind: MeetingKind) -> String { units.kindLabel(kind) }
    func finding(_ finding: Finding) -> FindingModel { units.finding(finding) }
    func findingCounts(_ summary: Summary) -> [FindingCount] { units.findingCounts(summary) }
    func ratings(_ counts: [RatingName: Int]) -> [RatingCount] { units.ratings(counts) }
    func figures(_ summary: Summary) -> FiguresModel { units.figures(summary) }
    func unitSummary(_ card: Scorecard) -> UnitRow { units.unitSummary(card) }

    func unitList(
        _ output: SiteOutput, _ folder: [String], title: String, intro: String? = nil, units: [UnitID],
        in evaluation: Evaluation
    ) -> RowList {
        self.units.unitList(output, folder, title: title, intro: intro, units: units, in: evaluation)
    }
}
