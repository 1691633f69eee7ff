import ChiboModel
import ChiboSupport
import ChiboTemplate

/// A theme template compiled for its page model, or why it cannot render. The outcome is kept as a
/// value because pages render on every core: each job hands back its problems, as `Parallel` does.
struct PageTemplate<Model: TemplateModel>: Sendable {
    let name: String
    let compiled: Result<CompiledTemplate<Model>, Diagnostics>
    /// The problems of a template the theme lacks, which no one has reported yet: the plan reports
    /// them once, when a page needs the template. A template that did not compile was reported
    /// when the theme was compiled; nil then, and when it compiled.
    var unreported: Diagnostics? = nil

    func render(_ model: Model) -> Result<[UInt8], Diagnostics> {
        compiled.map { $0.render(model) }
    }
}

/// Every page template of the theme, each compiled once per build for the model it shows.
struct PageTemplates: Sendable {
    /// A hash of the theme's templates, UI strings and the names every page has: a page depends on
    /// them besides its model.
    let digest: UInt64
    let home: PageTemplate<HomePage>
    let section: PageTemplate<SectionPageModel>
    let document: PageTemplate<DocumentPage>
    let documentItem: PageTemplate<DocumentSummary>
    let search: PageTemplate<SearchPage>
    let notFound: PageTemplate<NotFoundPage>
    let units: PageTemplate<UnitsPage>
    let scorecard: PageTemplate<ScorecardPage>
    let committee: PageTemplate<CommitteePage>
    let report: PageTemplate<ReportPage>
    let schedule: PageTemplate<SchedulePage>
    let plan: PageTemplate<PlanPage>
    let list: PageTemplate<ListPage>
    let letter: PageTemplate<LetterPage>
    /// The review letter's paragraphs, plain text, in `LetterPages.paragraphTemplates` order.
    let letterParagraphs: [PageTemplate<LetterFigures>]

    /// Compiles each template the theme has; the errors of those it has are returned now, once, and
    /// a missing one is an error when a page needs it (`PageTemplate.unreported`).
    static func compile(_ theme: Theme, globals: [String: [String: String]], diagnostics: inout Diagnostics)
        -> PageTemplates
    {
        func make<M: TemplateModel>(_ name: String, _ type: M.Type) -> PageTemplate<M> {
            guard theme.hasTemplate(name) else {
                var missing = Diagnostics()
                missing.error(
                    SourceLocation(file: "\(theme.path)/templates/\(name).mustache"), .missingTemplate(name))
                return PageTemplate(name: name, compiled: .failure(missing), unreported: missing)
            }
            var problems = Diagnostics()
            guard let compiled = theme.compile(name, for: type, globals: globals, diagnostics: &problems) else {
                diagnostics.append(contentsOf: problems)
                return PageTemplate(name: name, compiled: .failure(problems))
            }
            diagnostics.append(contentsOf: problems)
            return PageTemplate(name: name, compiled: .success(compiled))
        }
        var hasher = StableHasher()
        for (name, text) in theme.sources.sorted(by: { $0.key < $1.key }) {
            hasher.combine(name)
            hasher.combine(text)
        }
        for (name, values) in globals.merging(["t": theme.strings], uniquingKeysWith: { $1 }).sorted(by: {
            $0.key < $1.key
        }) {
            hasher.combine(name)
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
        let templates = PageTemplates(
            digest: hasher.value,
            home: make("home", HomePage.self), section: make("section", SectionPageModel.self),
            document: make("document", DocumentPage.self), documentItem: make("doc-item", DocumentSummary.self),
            search: make("search", SearchPage.self), notFound: make("404", NotFoundPage.self),
            units: make("units", UnitsPage.self), scorecard: make("scorecard", ScorecardPage.self),
            committee: make("committee", CommitteePage.self), report: make("report", ReportPage.self),
            schedule: make("schedule", SchedulePage.self), plan: make("plan", PlanPage.self),
            list: make("list", ListPage.self), letter: make("letter", LetterPage.self),
            letterParagraphs: LetterPages.paragraphTemplates.map { make($0, LetterFigures.self) })
        return templates
    }
}

/// One page to render: where it goes, and how to make its bytes (its model, then its template).
struct PageJob: Sendable {
    enum Outcome {
        /// The page's bytes, and the hash of what they were made from.
        case made([UInt8], inputs: UInt64)
        /// The page's inputs are those of the previous build, whose file is kept.
        case kept(inputs: UInt64)
    }

    /// The catalogue's entry of the file: what it is, whether the sitemap lists it.
    let output: SiteOutput
    var path: String
    /// Whether the file is an HTML page (in the sitemap, and in the tests' reference rendering);
    /// false for a document made beside one.
    var isPage: Bool { output.isPage }
    /// A page that lists every unit (the units index, the reports): its model and text grow with
    /// the whole organisation, so such pages are rendered one at a time to bound memory.
    var large = false
    /// A page made from the data alone (`SiteRenderer.Plan.dataPagesDigest`), none of the guidance
    /// but its documents' numbers: a build may keep them all at once (`PageReuse.keepAsBefore`).
    var fromData = false
    /// Builds the model and, in a build that can keep pages (`keep`), hashes it with `salt` (the
    /// templates and the tool); when `keep` takes that hash, the page is not rendered.
    var render: @Sendable (_ salt: UInt64, _ keep: PageReuse?) -> Result<Outcome, Diagnostics>
    /// For the tests: the template's name and the page's model (nil for a file that is not a page),
    /// which the oracle tests give swift-mustache.
    var reference: @Sendable () -> (template: String, model: (any TemplateModel)?)
    /// The template's name and, when the theme lacks it, its problems: a page whose template failed
    /// fails without them, and the renderer reports them once for all its pages.
    var template: (name: String, unreported: Diagnostics?)? = nil

    init<M: PageModel>(
        _ output: SiteOutput, path: String, template: PageTemplate<M>, large: Bool = false,
        model: @escaping @Sendable () -> M
    ) {
        self.output = output
        self.path = path
        self.large = large
        // The page's address, from where it goes: `don-vi/x/index.html` is `/base/don-vi/x/`.
        let index = SiteOutput.pageFileName
        let relative = path.hasSuffix(index) ? String(path.dropLast(index.count)) : path
        @Sendable func made() -> M {
            var page = model()
            page.layout.pageURL = SiteURLs.absolute(page.layout.base + relative, baseURL: page.layout.baseURL)
            page.layout.isRestricted = page.layout.restriction?.covers(path) ?? false
            return page
        }
        self.reference = { (template.name, made()) }
        self.template = (template.name, template.unreported)
        let failed = if case .failure = template.compiled { true } else { false }
        self.render = { salt, keep in
            // Reported once: when the theme was compiled, or by the renderer for a missing template.
            guard !failed else { return .failure(Diagnostics()) }
            let page = made()
            // Without a previous output to keep from, no manifest is written: nothing to hash.
            guard let keep else { return template.render(page).map { .made($0, inputs: 0) } }
            var hasher = StableHasher()
            hasher.combine(salt)
            hasher.combine(page.templateDigest)
            let inputs = hasher.value
            if keep.reuse(path, inputs) { return .success(.kept(inputs: inputs)) }
            return template.render(page).map { .made($0, inputs: inputs) }
        }
    }

    /// A file that is not a page: `bytes` makes it, `inputs` is the hash of what they are made from.
    init(_ output: SiteOutput, path: String, inputs: UInt64, bytes: @escaping @Sendable () -> [UInt8]) {
        self.output = output
        self.path = path
        self.reference = { ("", nil) }
        self.render = { salt, keep in
            guard let keep else { return .success(.made(bytes(), inputs: 0)) }
            var hasher = StableHasher()
            hasher.combine(salt)
            hasher.combine(inputs)
            let hash = hasher.value
            if keep.reuse(path, hash) { return .success(.kept(inputs: hash)) }
            return .success(.made(bytes(), inputs: hash))
        }
    }

    /// A file that cannot be made: what its model needs did not render.
    init(_ output: SiteOutput, path: String, failed problems: Diagnostics) {
        self.output = output
        self.path = path
        self.reference = { ("", nil) }
        self.render = { _, _ in .failure(problems) }
    }
}
