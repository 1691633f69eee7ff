import ChiboModel
import ChiboSupport

/// Reads a content folder into the model, collecting every problem as a diagnostic.
public enum ContentLoader {
    /// The content of the folder at `path`, every problem added to `diagnostics`; nil when
    /// `site.yaml` could not be read. Callers must not publish when `diagnostics.hasErrors`.
    public static func load(from path: String, diagnostics: inout Diagnostics) -> Content? {
        var data: DataPart?
        return load(from: path, data: &data, diagnostics: &diagnostics)
    }

    /// What `load` reads outside `guidance/`: `site.yaml`, the units, rubrics, meeting records and
    /// plans, with their problems. A process that builds again and again (the preview's) keeps it
    /// while those files are unchanged, and reads the guidance alone.
    public struct DataPart: Sendable {
        var settings: SiteSettings?
        var settingsDiagnostics: Diagnostics
        /// The content's data: its guidance left empty.
        var content: Content
        var dataDiagnostics: Diagnostics
    }

    /// `load(from:diagnostics:)`, the content outside `guidance/` taken from `data` when it is given,
    /// else read and put there. The diagnostics are those of reading everything, in the same order.
    public static func load(from path: String, data: inout DataPart?, diagnostics: inout Diagnostics) -> Content? {
        let folder = ContentFolder(path: path)
        guard folder.isDirectory("") || folder.isDirectory(".") else {
            diagnostics.error(
                SourceLocation(file: "."), .fileMissing(folder.exists("") ? "isFile" : "noFolder", name: path))
            return nil
        }
        let kept = data
        let settings: SiteSettings?
        if let kept {
            settings = kept.settings
            diagnostics.append(contentsOf: kept.settingsDiagnostics)
        } else {
            var settingsDiagnostics = Diagnostics()
            settings = SiteLoader.load(folder, diagnostics: &settingsDiagnostics)
            diagnostics.append(contentsOf: settingsDiagnostics)
            data = DataPart(
                settings: settings, settingsDiagnostics: settingsDiagnostics,
                content: Content(settings: settings ?? SiteSettings(title: "", organization: "")),
                dataDiagnostics: Diagnostics())
        }
        // The guidance and the units file are read at once, on two cores; their diagnostics are
        // given in the same order as reading one after the other.
        let (guidanceRead, unitsRead) = Parallel.both(
            {
                var diagnostics = Diagnostics()
                var guidance = GuidanceLoader.load(folder, diagnostics: &diagnostics)
                let numbers = GuidanceMarkdown.check(&guidance, diagnostics: &diagnostics)
                return ((guidance, numbers), diagnostics)
            },
            {
                var diagnostics = Diagnostics()
                guard kept == nil else { return ((Organization, RejectedUnits)??.none, diagnostics) }
                let units = UnitsLoader.load(folder, diagnostics: &diagnostics)
                return (units, diagnostics)
            })
        let (guidance, numbers) = guidanceRead.0
        diagnostics.append(contentsOf: guidanceRead.1)
        // The data is read even when site.yaml is broken, so that one run reports every error.
        var content = Content(
            settings: settings ?? SiteSettings(title: "", organization: ""), sections: guidance.sections,
            documents: guidance.documents, staticFiles: guidance.staticFiles)
        content.documentNumbers = numbers
        // A guidance file with errors of its own may hold the number: say nothing more about it.
        if guidance.unreadable.isEmpty { checkFindingGuidance(content, diagnostics: &diagnostics) }
        if let kept {
            diagnostics.append(contentsOf: kept.dataDiagnostics)
            content.organization = kept.content.organization
            content.rubrics = kept.content.rubrics
            content.meetings = kept.content.meetings
            content.plans = kept.content.plans
        } else {
            var dataDiagnostics = unitsRead.1
            DataFiles.check(folder, diagnostics: &dataDiagnostics)
            loadData(folder, units: unitsRead.0, into: &content, diagnostics: &dataDiagnostics)
            diagnostics.append(contentsOf: dataDiagnostics)
            data?.dataDiagnostics = dataDiagnostics
            data?.content.organization = content.organization
            data?.content.rubrics = content.rubrics
            data?.content.meetings = content.meetings
            data?.content.plans = content.plans
        }
        return settings == nil ? nil : content
    }

    /// Only the settings of the folder at `path` (its `site.yaml`), for what needs no more.
    public static func settings(from path: String, diagnostics: inout Diagnostics) -> SiteSettings? {
        SiteLoader.load(ContentFolder(path: path), diagnostics: &diagnostics)
    }

    /// Units, rubrics and meetings. A folder with none of them is a guidance-only site; once any
    /// exists, the units file and the rubrics are required.
    static func loadData(
        _ folder: ContentFolder, units: (Organization, RejectedUnits)??, into content: inout Content,
        diagnostics: inout Diagnostics
    ) {
        // The units file read already, or read here.
        let loaded = units ?? UnitsLoader.load(folder, diagnostics: &diagnostics)
        let organization = loaded?.0
        // With no units file every record would name an unknown unit: its one error says it all.
        let rejected = loaded?.1 ?? .unreadable("units.csv")
        let (rubrics, rubricsComplete) = RubricsLoader.load(folder, diagnostics: &diagnostics)
        let hasMeetings =
            folder.list("meetings").contains(where: MeetingsLoader.isMeetingsFile)
            || folder.list("plans").contains { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        let hasRubrics = folder.list("rubrics").contains { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        guard organization != nil || hasRubrics || hasMeetings else { return }
        if organization == nil {
            diagnostics.error(SourceLocation(file: "units.csv"), .fileMissing("units"))
        }
        if !hasRubrics {
            diagnostics.error(SourceLocation(file: "rubrics"), .fileMissing("rubrics"))
        }
        if let file = loaded?.1.unreadableFile, hasMeetings {
            diagnostics.warning(
                SourceLocation(file: file), .uncheckedRecords(unitsFile: file))
        }
        content.organization = organization ?? Organization(units: [])
        content.rubrics = rubrics
        let context = RecordContext(
            organization: content.organization, rejected: rejected, rubrics: rubrics, rubricsComplete: rubricsComplete)
        content.meetings = MeetingsLoader.load(folder, context: context, diagnostics: &diagnostics)
        content.plans = PlansLoader.load(folder, context: context, diagnostics: &diagnostics)
        checkPeriod(&content, diagnostics: &diagnostics)
    }

    /// Each `finding_guidance` entry names the number of a published guidance document.
    static func checkFindingGuidance(_ content: Content, diagnostics: inout Diagnostics) {
        for (code, reference) in content.settings.findingGuidance.sorted(by: { $0.key < $1.key })
        where content.documentNumbers[Folding.documentNumberKey(reference.number)] == nil {
            diagnostics.error(
                reference.location, .unknownNumber(reference.number, key: "finding_guidance.\(code.rawValue)"))
        }
    }

    /// The period against the records' dates: a configured period that reaches more than a year
    /// beyond the records is probably mistyped (a warning); without one, records that span more
    /// than the longest period hold a mistyped date: each outermost record is an error and is left
    /// out, until the rest fit.
    static func checkPeriod(_ content: inout Content, diagnostics: inout Diagnostics) {
        guard content.settings.period == nil else {
            warnAboutPeriod(content, diagnostics: &diagnostics)
            return
        }
        var sorted = content.meetings.indices.sorted { content.meetings[$0].date < content.meetings[$1].date }[...]
        var outliers: Set<Int> = []
        while let first = sorted.first, let last = sorted.last,
            DateRange(from: content.meetings[first].date, to: content.meetings[last].date).monthCount
                > DateRange.longestInYears * 12
        {
            // The mistyped one lies far from the others: further from the middle record.
            let middle = content.meetings[sorted[sorted.startIndex + sorted.count / 2]].date
            let before = DateRange(from: content.meetings[first].date, to: middle).monthCount
            let isFirst = before > DateRange(from: middle, to: content.meetings[last].date).monthCount
            let outlier = isFirst ? first : last
            let meeting = content.meetings[outlier]
            diagnostics.error(
                meeting.location,
                .recordsSpan(
                    from: content.meetings[first].date, to: content.meetings[last].date,
                    years: DateRange.longestInYears,
                    suspect: meeting.date))
            outliers.insert(outlier)
            if isFirst { sorted.removeFirst() } else { sorted.removeLast() }
        }
        if !outliers.isEmpty {
            content.meetings = content.meetings.indices.filter { !outliers.contains($0) }.map { content.meetings[$0] }
        }
    }

    /// The records' dates against the day of the build: records dated after the build (a mistyped
    /// year) are a warning at the first. Records outside a configured period are not: they are
    /// reported in their year's report.
    public static func checkDates(_ content: Content, buildDate: Day, diagnostics: inout Diagnostics) {
        let future = content.meetings.filter { $0.date > buildDate }.sorted { $0.location < $1.location }
        if let first = future.first {
            diagnostics.warning(
                first.location, .futureMeetings(count: future.count, buildDate: buildDate, first: first.date))
        }
    }

    static func warnAboutPeriod(_ content: Content, diagnostics: inout Diagnostics) {
        guard let period = content.settings.period, let first = content.meetings.min(by: { $0.date < $1.date }),
            let last = content.meetings.max(by: { $0.date < $1.date })
        else { return }
        let before = DateRange(from: period.from, to: first.date).monthCount - 1
        let after = DateRange(from: last.date, to: period.to).monthCount - 1
        if before > 12 || after > 12 {
            diagnostics.warning(
                content.settings.periodLocation ?? content.settings.location,
                .periodBeyondRecords(
                    from: period.from, to: period.to, months: max(before, after), first: first.date, last: last.date))
        }
    }
}
