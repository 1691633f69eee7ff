import ChiboModel
import ChiboSupport
import Foundation
import Synchronization

/// Renders the whole site from the model: every page through the theme, plus assets and
/// `sitemap.xml`, handed to the caller file by file as they are made, or collected in memory.
public struct SiteRenderer: Sendable {
    public let content: Content
    public let theme: Theme
    public let evaluation: Evaluation
    public let schedule: Schedule
    /// The bloc report of the period and of each quarter.
    public let reports: BlocReports
    /// The day of the build, written as `generated` in the data files; the schedule marks past and
    /// upcoming sessions by it.
    public let buildDate: Day
    let urls: SiteURLs
    /// Whether the search index files are emitted (the search page is, either way).
    public var includeSearch = true
    /// Whether each year's records are let go for good once its pages are rendered, so that the
    /// search index and the other pages are made without them: the build that writes as it
    /// renders sets it, and its renderer renders once.
    public var retiresYears = false

    public init(
        content: Content, theme: Theme, evaluation: Evaluation, reports: BlocReports, schedule: Schedule,
        buildDate: Day
    ) {
        self.content = content
        self.theme = theme
        self.evaluation = evaluation
        self.reports = reports
        self.schedule = schedule
        self.buildDate = buildDate
        self.urls = SiteURLs(basePath: content.settings.basePath)
    }

    /// The theme's static file also published at the site's root, under its own name.
    static let rootIcon = SiteOutput.rootIcon.path()

    /// UI strings the Swift side reads; a theme without one of them is an error.
    static var requiredStrings: [String] { UIString.allCases.map(\.rawValue) }

    /// Every output file, or the diagnostics that stop the build.
    public func render() -> (files: [OutputFile], diagnostics: Diagnostics) {
        let collected = Mutex<[OutputFile]>([])
        let diagnostics = render { file in collected.withLock { $0.append(file) } }
        return (collected.withLock { $0 }.sorted { $0.path < $1.path }, diagnostics)
    }

    /// What rendering will make, decided before any page is rendered: the compiled templates, one
    /// job per page (each builds its model when run), the search index and the data files.
    struct Plan: Sendable {
        var diagnostics = Diagnostics()
        var templates: PageTemplates
        var assets: AssetTable
        var pages: [PageJob] = []
        /// The pages of each report, made and rendered a report at a time before `pages`; none when
        /// the plan deferred the data pages (they are in `dataPages`).
        var batches: [PageBatch] = []
        /// For the tests: every page, the batches' included.
        var everyPage: [PageJob] { pages + batches.flatMap { $0.jobs() } }
        /// The public index, and the restricted pages' one when the site has restricted folders.
        var search: [SearchIndex]
        /// For the tests: the review letters, whose paragraphs the `letter-*` templates render.
        var letters: LetterPages?
        /// For the tests: each guidance document's list entry model, which `doc-item` renders once.
        var documentItems: @Sendable () -> [DocumentSummary]
        /// The data files, made on one core while the others render pages.
        var dataFiles: [DataFile]
        /// A hash of what the data pages read of the guidance: the documents' numbers, with the
        /// address, title and kind of each (what a finding's guidance and a letter cite).
        var documentsDigest: UInt64 = 0
        /// The data pages' jobs, when the plan deferred them (else they are in `pages`).
        var dataPages: @Sendable () -> [PageJob] = { [] }
        var dataPaths: [String] { dataFiles.map(\.path) }
    }

    /// The pages of one report (its page, lists, rankings and letter), made when the batch's turn
    /// comes and let go once they are rendered; after a year's last, its evaluation is let go: no
    /// more than one report's pages and one year's evaluation are held.
    struct PageBatch: Sendable {
        var jobs: @Sendable () -> [PageJob]
        /// Lets the evaluation go; for good (`retiresYears`) when true.
        var done: @Sendable (_ retire: Bool) -> Void
    }

    /// A file of the catalogue's data files (`SiteOutput.Reuse.contentData`): where it goes, and how
    /// it is made when the previous build's copy cannot be kept.
    struct DataFile: Sendable {
        var output: SiteOutput
        var path: String
        var make: @Sendable () -> OutputFile
    }

    /// The theme against the pages: every UI string the code shows and every template compiled for
    /// its page model. What `chibo check` adds to the content's own checks; nothing is rendered.
    /// It needs only the theme and the settings: the templates compile against the models' types.
    public static func check(theme: Theme, settings: SiteSettings) -> Diagnostics {
        var diagnostics = Diagnostics()
        _ = compileTemplates(theme, urls: SiteURLs(basePath: settings.basePath), &diagnostics)
        return diagnostics
    }

    private static func compileTemplates(_ theme: Theme, urls: SiteURLs, _ diagnostics: inout Diagnostics) -> (
        PageTemplates, AssetTable
    ) {
        for key in Self.requiredStrings where theme.strings[key] == nil {
            diagnostics.error(SourceLocation(file: theme.stringsFile), .requiredUIString(key))
        }
        let assets = AssetTable(theme.assets, urls: urls)
        let templates = PageTemplates.compile(theme, globals: ["assets": assets.urlsByKey], diagnostics: &diagnostics)
        return (templates, assets)
    }

    /// `jobs` marked as made from the data alone.
    static func fromData(_ jobs: [PageJob]) -> [PageJob] {
        jobs.map {
            var job = $0
            job.fromData = true
            return job
        }
    }

    /// Compiles the templates, renders the guidance bodies and lists every page to make; the data
    /// pages' jobs in `Plan.dataPages` instead of `pages` when `deferringDataPages`.
    func plan(deferringDataPages: Bool = false) -> Plan {
        var diagnostics = Diagnostics()
        let (templates, assets) = Self.compileTemplates(theme, urls: urls, &diagnostics)
        let guidance = GuidancePages(content: content, urls: urls, theme: theme)
        let built = Timings.measure("guidance markdown") {
            guidance.build(itemTemplate: templates.documentItem, diagnostics: &diagnostics)
        }
        let samples = SchedulePages(
            schedule: schedule, evaluation: evaluation, urls: urls, theme: theme, today: buildDate,
            baseURL: content.settings.baseURL)
        let units = UnitFigures(
            evaluation: evaluation, reports: reports, settings: content.settings, urls: urls, theme: theme,
            documents: built.numbers)
        let scorecards = ScorecardPages(units: units, rubrics: content.rubrics) { samples.sessions(of: $0) }
        let report = ReportPages(units: units, reports: reports)
        let layout = LayoutContext(
            settings: content.settings, theme: theme, urls: urls, hasData: !scorecards.isEmpty,
            hasReport: !scorecards.isEmpty && evaluation.period != nil, hasSchedule: !samples.isEmpty,
            buildDate: buildDate)

        let theme = self.theme
        var pages = [
            PageJob(.home, path: SiteOutput.home.path(), template: templates.home) {
                guidance.homePage(built, layout: layout, schedule: samples)
            }
        ]
        pages.append(contentsOf: guidance.pages(built, layout: layout, templates: templates))
        let searchPage = PageJob(.searchPage, path: SiteOutput.searchPage.path(), template: templates.search) {
            guidance.searchPage(built, layout: layout)
        }
        let letters = LetterPages(
            evaluation: evaluation, reports: reports, schedule: schedule, settings: content.settings, urls: urls,
            theme: theme, documents: built.numbers, buildDate: buildDate)
        // The pages made from the data alone: the units, the reports, the schedule, the letters. Their
        // jobs cost (each letter's text is written here): deferred, they are made only when needed.
        // The reports' pages, their lists, rankings and letters, a batch for each report: the
        // period's, then each year's and its quarters', in the order of the years. A year's
        // evaluation is let go after its last quarter.
        let reports = self.reports
        var batches: [PageBatch] = []
        func batch(_ one: BlocReport, last: Bool) -> PageBatch {
            PageBatch(
                jobs: {
                    // The report with its lists, made again now and let go with the batch.
                    let full = one.complete()
                    return Self.fromData(
                        report.pages([full], layout: layout, templates: templates)
                            + letters.jobs([full], layout: layout, templates: templates))
                },
                done: { retire in
                    guard last else { return }
                    if retire { one.retireEvaluation() } else { one.releaseEvaluation() }
                })
        }
        if let period = reports.period {
            batches.append(batch(period, last: false))
            for year in reports.years {
                let group = [year] + reports.yearQuarters.filter { $0.quarter?.year == year.year }
                batches += group.indices.map { batch(group[$0], last: $0 == group.count - 1) }
            }
        }
        // The pages made from the data alone: the units, the reports, the schedule, the letters. Their
        // jobs cost (each letter's text is written here): deferred, they are made only when needed.
        var dataPages: @Sendable () -> [PageJob] = { [] }
        if deferringDataPages {
            pages.append(searchPage)
            let deferred = batches
            batches = []
            dataPages = {
                Self.fromData(
                    scorecards.pages(layout: layout, templates: templates)
                        + samples.pages(layout: layout, templates: templates))
                    + deferred.flatMap { $0.jobs() }
            }
        } else {
            // The units' pages are a batch too, after the reports': made once no year's evaluation
            // is held (at the nation's size their jobs are a hundred megabytes).
            batches.append(
                PageBatch(
                    jobs: { Self.fromData(scorecards.pages(layout: layout, templates: templates)) }, done: { _ in }))
            pages.append(searchPage)
            pages.append(contentsOf: Self.fromData(samples.pages(layout: layout, templates: templates)))
        }
        pages.append(
            PageJob(.notFound, path: SiteOutput.notFound.path(), template: templates.notFound) {
                NotFoundPage(layout: layout.page(title: theme.string(.notFoundTitle), current: nil))
            })
        // What is restricted is indexed apart, under a restricted folder: the public index names none of it.
        let documents =
            guidance.searchDocuments(built) + scorecards.searchDocuments() + report.searchDocuments()
            + samples.searchDocuments()
        let restriction = content.settings.restricted
        let base = urls.basePath
        func isRestricted(_ document: SearchDocument) -> Bool {
            guard let restriction, document.url.hasPrefix(base) else { return false }
            return restriction.covers(document.url.dropFirst(base.count))
        }
        var search = [SearchIndex(documents: documents.filter { !isRestricted($0) })]
        if let restriction {
            search.append(
                SearchIndex(
                    documents: documents.filter(isRestricted), folder: SearchIndex.restrictedFolder(restriction)))
        }
        let buildDate = self.buildDate
        let rubrics = content.rubrics
        let organization = evaluation.organization
        // Every entry of the catalogue, and where it is made: the data files here, in its order.
        var dataFiles: [DataFile] = []
        for output in SiteOutput.allCases {
            switch output {
            case .home, .notFound, .searchPage: continue  // above
            case .guidance: continue  // guidance.pages
            case .unitsDirectory, .ratingList, .unit, .report, .reportList, .findingList, .ranking:
                continue  // scorecards.pages
            case .letter, .letterDocument: continue  // letters.jobs
            case .schedule, .plan, .planList, .audience: continue  // samples.pages
            case .searchIndex, .restrictedSearchIndex: continue  // search, in render(reuse:emit:)
            case .asset, .rootIcon, .guidanceFile, .sitemap, .pageManifest: continue  // render(reuse:emit:)
            case .buildRecord: continue  // ChiboSite's build
            case .scheduleData, .calendar:
                guard !samples.isEmpty else { continue }
                dataFiles.append(
                    DataFile(output: output, path: output.path()) {
                        output == .calendar ? samples.calendar() : samples.json()
                    })
            case .scorecardsData, .findingsTable:
                guard !scorecards.isEmpty else { continue }
                dataFiles.append(
                    DataFile(output: output, path: output.path()) {
                        output == .findingsTable
                            ? scorecards.findingsCSV() : scorecards.scorecardsJSON(generated: buildDate)
                    })
            case .recordWorkbook:
                guard !scorecards.isEmpty else { continue }
                for rubric in rubrics {
                    dataFiles.append(
                        DataFile(output: output, path: RecordWorkbook.path(rubric)) {
                            let help = UIString.recordHelp.map {
                                Format.fill(
                                    theme.string($0),
                                    ["rubric": rubric.id, "kind": theme.string(UIString.label(rubric.appliesTo))])
                            }
                            return OutputFile(
                                path: RecordWorkbook.path(rubric),
                                bytes: RecordWorkbook.make(rubric, organization: organization, help: help))
                        })
                }
            }
        }
        var documentsHasher = StableHasher()
        for (key, target) in built.numbers.sorted(by: { $0.key < $1.key }) {
            for field in [
                key, target.number, target.url, target.title, target.source, target.kind.map { "\($0)" } ?? "",
                target.date?.description ?? "", target.issuer ?? "",
            ] {
                documentsHasher.combine(field)
            }
        }
        return Plan(
            diagnostics: diagnostics, templates: templates, assets: assets, pages: pages, batches: batches,
            search: search,
            letters: letters,
            documentItems: {
                built.pages.values.sorted { $0.document.sourcePath < $1.document.sourcePath }
                    .map { guidance.summary($0, built) }
            },
            dataFiles: dataFiles, documentsDigest: documentsHasher.value, dataPages: dataPages)
    }

    /// Renders the whole site and hands each file to `emit` as soon as it is made, from any thread,
    /// so that no more than the pages in flight are held in memory. Returns the diagnostics; when
    /// they hold an error, what was emitted must not be published. With `reuse`, a page whose inputs
    /// are those of the previous build is kept instead of rendered.
    public func render(reuse: PageReuse? = nil, emit sink: @Sendable (OutputFile) -> Void) -> Diagnostics {
        let plan = plan(deferringDataPages: reuse?.keepAsBefore != nil)
        var diagnostics = plan.diagnostics
        let (templates, search) = (plan.templates, plan.search)
        var pages = plan.pages
        // Errors found so far mean nothing will be published: render on for more errors, emit nothing.
        let writing = !diagnostics.hasErrors
        @Sendable func emit(_ file: OutputFile) { if writing { sink(file) } }
        // Nor is anything kept from the previous output.
        let reuse = writing ? reuse : nil
        plan.assets.files.forEach(emit)
        // Browsers ask for /favicon.ico whatever icon a page declares: the theme's is there too.
        if let icon = theme.assets[Self.rootIcon] { emit(OutputFile(path: Self.rootIcon, bytes: icon)) }

        // Every page depends on the templates and, in a build that keeps unchanged pages, the tool.
        var saltHasher = StableHasher()
        saltHasher.combine(templates.digest)
        saltHasher.combine(reuse?.salt ?? 0)
        // Public pages mark their links into restricted folders, which the page models do not hold.
        let restriction = content.settings.restricted
        let marks = restriction.map {
            SignInMarks(restriction: $0, basePath: urls.basePath, text: theme.string(.signinNeeded))
        }
        if let restriction, let marks {
            saltHasher.combine(restriction.folders.map(\.rawValue).joined(separator: "/"))
            saltHasher.combine(marks.mark)
        }
        let salt = saltHasher.value
        let inputs = Mutex<[String: UInt64]>([:])
        @Sendable func emitPage(_ file: OutputFile) {
            guard let marks, let restriction, file.path.hasSuffix(".html"), !restriction.covers(file.path) else {
                return emit(file)
            }
            emit(OutputFile(path: file.path, bytes: marks.apply(file.bytes)))
        }
        // First each report's batch: its pages are made and rendered and let go, and a year's
        // evaluation and records after its last, so that the search index and the other pages are
        // made without them. What the sitemap and the diagnostics need of a page is kept, without
        // its model.
        var rendered: [(Rendered, Diagnostics?)] = []
        for batch in plan.batches {
            let jobs = batch.jobs()
            let failures = Timings.measure("pages of a report") {
                Self.renderInParallel(jobs, salt: salt, reuse: reuse, inputs: inputs, emit: emitPage)
            }
            rendered += zip(jobs, failures).map { (Rendered($0), $1) }
            batch.done(retiresYears)
            Syscalls.returnFreeMemory()
        }
        // The search index spreads its own work over the cores, then the pages do. Its files depend on
        // the documents it indexes only: when they are the previous build's, the files are kept.
        for index in search {
            let searchInputs = reuse == nil ? 0 : index.digest(salt: salt)
            let searchKept =
                reuse.map { reuse in
                    reuse.keep(
                        reuse.previous(index.folder + "/").filter { $0.inputs == searchInputs }.map(\.path),
                        inputs: searchInputs)
                } ?? []
            if !includeSearch {
                // A build without the index (`--no-search`) keeps none of it.
            } else if searchKept.isEmpty {
                for file in Timings.measure("search index", { index.files() }) {
                    emit(file)
                    inputs.withLock { $0[file.path] = searchInputs }
                }
            } else {
                inputs.withLock { for path in searchKept { $0[path] = searchInputs } }
            }
        }
        // The data files are made on one core while the others render pages, unless what they read
        // (the content outside the guidance, the UI strings, the date, the tool) is the previous build's.
        var dataHasher = StableHasher()
        dataHasher.combine(salt)
        dataHasher.combine(reuse?.dataInputs ?? 0)
        dataHasher.combine(buildDate.description)
        let dataInputs = dataHasher.value
        let dataKept = reuse.flatMap { $0.dataInputs == nil ? nil : $0.keep(plan.dataPaths, inputs: dataInputs) } ?? []
        inputs.withLock { for path in plan.dataPaths { $0[path] = dataInputs } }
        // The data pages, all kept at once when what they are made from is the previous build's:
        // the manifest lists them (`dataPageKey`) with whether the sitemap does.
        var keepsDataPages = false
        var keptDataPages: [(path: String, inSitemap: Bool)] = []
        if let reuse, let keepAsBefore = reuse.keepAsBefore {
            if reuse.dataInputs != nil {
                var hasher = StableHasher()
                hasher.combine(dataInputs)
                hasher.combine(plan.documentsDigest)
                let dataPagesInputs = hasher.value
                keepsDataPages = reuse.reuse(PageReuse.dataPagesKey, dataPagesInputs)
                inputs.withLock { $0[PageReuse.dataPagesKey] = dataPagesInputs }
            }
            let listed = reuse.previous(PageReuse.dataPageKey)
            if keepsDataPages, !listed.isEmpty {
                for entry in listed {
                    let path = String(entry.path.dropFirst(PageReuse.dataPageKey.count))
                    guard let hash = keepAsBefore(path) else {
                        keepsDataPages = false
                        break
                    }
                    inputs.withLock { $0[path] = hash }
                    keptDataPages.append((path, entry.inputs == 1))
                }
            } else {
                keepsDataPages = false
            }
            if !keepsDataPages {
                keptDataPages = []
                pages += plan.dataPages()
            }
        }
        let dataFiles = plan.dataFiles
        let failures = Timings.measure("pages") {
            Self.renderInParallel(
                pages, salt: salt, reuse: reuse, keepsDataPages: keepsDataPages, inputs: inputs,
                emit: emitPage
            ) {
                for file in dataFiles where !dataKept.contains(file.path) { emit(file.make()) }
            }
        }
        var sitemap: [String] = []
        var missingTemplates: Set<String> = []
        rendered += zip(pages, failures).map { (Rendered($0), $1) }
        for (page, failure) in rendered {
            if let failure {
                diagnostics.append(contentsOf: failure)
                // A template the theme lacks, once for all the pages that need it.
                if let template = page.template, let unreported = template.unreported,
                    missingTemplates.insert(template.name).inserted
                {
                    diagnostics.append(contentsOf: unreported)
                }
            } else if page.output.inSitemap && !(restriction?.covers(page.path) ?? false) {
                sitemap.append(page.path)
            }
            if page.fromData, reuse?.keepAsBefore != nil {
                let inSitemap = page.output.inSitemap && !(restriction?.covers(page.path) ?? false)
                inputs.withLock { $0[PageReuse.dataPageKey + page.path] = inSitemap ? 1 : 0 }
            }
        }
        for page in keptDataPages {
            if page.inSitemap { sitemap.append(page.path) }
            inputs.withLock { $0[PageReuse.dataPageKey + page.path] = page.inSitemap ? 1 : 0 }
        }
        let index = SiteOutput.pageFileName
        sitemap = sitemap.map { urls.file($0.hasSuffix(index) ? String($0.dropLast(index.count)) : $0) }
        for file in content.staticFiles {
            emit(OutputFile(path: ([SiteURLs.guidanceRoot] + file.slugPath).joined(separator: "/"), bytes: file.bytes))
        }
        emit(
            OutputFile(path: SiteOutput.sitemap.path(), text: Self.sitemap(sitemap, baseURL: content.settings.baseURL)))
        if reuse != nil {
            emit(OutputFile(path: PageReuse.manifest, text: PageReuse.manifestText(inputs.withLock { $0 })))
        }
        return Self.unique(diagnostics)
    }

    /// A page rendered: what the sitemap, the diagnostics and the manifest need of it, without its model.
    struct Rendered {
        var output: SiteOutput
        var path: String
        var template: (name: String, unreported: Diagnostics?)?
        var fromData: Bool

        init(_ job: PageJob) {
            (output, path, template, fromData) = (job.output, job.path, job.template, job.fromData)
        }
    }

    /// Renders every page on every core and emits each as it is done. Each job builds its own
    /// context, so nothing that is not `Sendable` crosses between threads. Returns, for each job,
    /// nil when it rendered, else its diagnostics.
    static func renderInParallel(
        _ jobs: [PageJob], salt: UInt64, reuse: PageReuse?, keepsDataPages: Bool = false,
        inputs: borrowing Mutex<[String: UInt64]>,
        emit: @Sendable (OutputFile) -> Void,
        alongside extra: @Sendable () -> Void = {}
    ) -> [Diagnostics?] {
        let failures = Mutex([Diagnostics?](repeating: nil, count: jobs.count))
        @Sendable func render(_ index: Int) {
            let job = jobs[index]
            if keepsDataPages, job.fromData, let hash = reuse?.keepAsBefore?(job.path) {
                inputs.withLock { $0[job.path] = hash }
                return
            }
            switch job.render(salt, reuse) {
            case .success(.made(let bytes, let hash)):
                emit(OutputFile(path: job.path, bytes: bytes))
                inputs.withLock { $0[job.path] = hash }
            case .success(.kept(let hash)): inputs.withLock { $0[job.path] = hash }
            case .failure(let problems): failures.withLock { $0[index] = problems }
            }
        }
        let large = jobs.indices.filter { jobs[$0].large }
        let small = jobs.indices.filter { !jobs[$0].large }
        DispatchQueue.concurrentPerform(iterations: small.count + 1) { iteration in
            // The extra work and then the large pages, one after another, go first on one core, so
            // they run beside the other pages rather than after them, and never two at once.
            guard iteration > 0 else {
                extra()
                large.forEach(render)
                return
            }
            render(small[iteration - 1])
        }
        return failures.withLock { $0 }
    }

    /// One diagnostic per problem: the letters' jobs each carry the problems of the paragraph
    /// templates they could not render, which were reported with the templates.
    static func unique(_ diagnostics: Diagnostics) -> Diagnostics {
        var seen: Set<Diagnostic> = []
        var result = Diagnostics()
        result.append(contentsOf: diagnostics.items.filter { seen.insert($0).inserted })
        return result
    }

    static func sitemap(_ paths: [String], baseURL: String?) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths.sorted() {
            xml += "  <url><loc>" + XMLText.escape(SiteURLs.absolute(path, baseURL: baseURL)) + "</loc></url>\n"
        }
        xml += "</urlset>\n"
        return xml
    }
}

/// Theme assets published under `assets/` with a hash of their content in the name, so that
/// browsers may cache them for ever.
struct AssetTable: Sendable {
    var files: [OutputFile] = []
    /// Template names (`site_css`) to URLs.
    var urlsByKey: [String: String] = [:]

    init(_ assets: [String: [UInt8]], urls: SiteURLs) {
        for (name, bytes) in assets.sorted(by: { $0.key < $1.key }) {
            let hashed = Self.fingerprinted(name, bytes)
            let path = SiteOutput.assetsFolder + "/" + hashed
            files.append(OutputFile(path: path, bytes: bytes))
            let key = name.map { $0.isLetter || $0.isNumber ? $0 : "_" }
            urlsByKey[String(key)] = urls.file(path)
        }
    }

    /// `css/site.css` → `css/site.3f9a1c2b.css`.
    static func fingerprinted(_ name: String, _ bytes: [UInt8]) -> String {
        let hash = Fingerprint.hex(bytes)
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return name + "." + hash }
        return name[..<dot] + "." + hash + name[dot...]
    }
}

/// A short content hash (64-bit FNV-1a), for asset names.
public enum Fingerprint {
    public static func hex(_ bytes: [UInt8]) -> String {
        String(FNV1a.hash(bytes).hex16.prefix(10))
    }
}

/// What every page's layout needs: site, navigation.
struct LayoutContext: Sendable {
    let settings: SiteSettings
    let theme: Theme
    let urls: SiteURLs
    /// Whether the content has units, so that unit pages exist.
    var hasData = false
    /// Whether there are meetings in a period, so that the report exists.
    var hasReport = false
    /// Whether the content has sample-meeting plans.
    var hasSchedule = false
    /// The day of the build, in the printed footer of every page.
    var buildDate: Day?

    /// The navigation: home, guidance, and the units and the report when the content has data. The
    /// home page introduces the items past the first two, each with its `intro`.
    var navigation: [(key: UIString, intro: UIString?, url: String)] {
        var items: [(key: UIString, intro: UIString?, url: String)] = [
            (.navHome, nil, urls.page([])), (.navGuidance, nil, urls.page([SiteURLs.guidanceRoot])),
        ]
        if hasData { items.append((.navUnits, .navUnitsIntro, urls.page([ScorecardPages.unitsRoot]))) }
        if hasReport { items.append((.navReport, .navReportIntro, urls.page([ScorecardPages.reportRoot]))) }
        if hasSchedule { items.append((.navSchedule, .navScheduleIntro, urls.page([SchedulePages.root]))) }
        return items
    }

    func page(title: String, current: String?, description: String? = nil, breadcrumb: [(String, String)] = [])
        -> LayoutModel
    {
        LayoutModel(
            site: LayoutModel.Site(title: settings.title, organization: settings.organization),
            base: settings.basePath, homeURL: urls.page([]),
            nav: navigation.map { item in
                LayoutModel.NavItem(label: theme.string(item.key), url: item.url, current: item.url == current)
            },
            pageTitle: title, searchURL: urls.page([SearchIndex.page]),
            description: description ?? settings.organization,
            breadcrumb: breadcrumb.map { Crumb(title: $0.0, url: $0.1) }, buildDate: buildDate?.vietnamese ?? "",
            baseURL: settings.baseURL, restriction: settings.restricted)
    }
}
