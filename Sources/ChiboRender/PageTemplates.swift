import ChiboModel
import ChiboTemplate

/// A theme template compiled for its page model, or why it cannot render.
struct PageTemplate<Model: TemplateModel>: Sendable {
    let name: String
    let compiled: Result<CompiledTemplate<Model>, Diagnostics>

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

    /// Compiles each template the theme has; the errors of those it has are returned now, and a
    /// missing one is an error when a page needs it.
    static func compile(_ theme: Theme, globals: [String: [String: String]]) -> (PageTemplates, Diagnostics) {
        var diagnostics = Diagnostics()
        func make<M: TemplateModel>(_ name: String, _ type: M.Type) -> PageTemplate<M> {
            guard theme.hasTemplate(name) else {
                var missing = Diagnostics()
                missing.error(
                    SourceLocation(file: "\(theme.path)/templates/\(name).mustache"),
                    "the theme has no template `\(name)`")
                return PageTemplate(name: name, compiled: .failure(missing))
            }
            let compiled = theme.compile(name, for: type, globals: globals)
            if case .failure(let problems) = compiled { diagnostics.append(contentsOf: problems) }
            return PageTemplate(name: name, compiled: compiled)
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
            schedule: make("schedule", SchedulePage.self), plan: make("plan", PlanPage.self))
        return (templates, diagnostics)
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

    var path: String
    /// A page that lists every unit (the units index, the reports): its model and text grow with
    /// the whole organisation, so such pages are rendered one at a time to bound memory.
    var large = false
    /// Builds the model, hashes it with `salt` (the templates and the tool); when `keep` takes that
    /// hash, the page is not rendered.
    var render: @Sendable (_ salt: UInt64, _ keep: PageReuse?) -> Result<Outcome, Diagnostics>
    /// For the tests: the template's name, and the page's model in the form swift-mustache reads.
    var reference: @Sendable () -> (template: String, model: Any)

    init<M: PageModel>(
        path: String, template: PageTemplate<M>, large: Bool = false, model: @escaping @Sendable () -> M
    ) {
        self.path = path
        self.large = large
        self.reference = { (template.name, model().oracleValue) }
        self.render = { salt, keep in
            let page = model()
            var hasher = StableHasher()
            hasher.combine(salt)
            hasher.combine(page.templateDigest)
            let inputs = hasher.value
            if let keep, keep.reuse(path, inputs) { return .success(.kept(inputs: inputs)) }
            return template.render(page).map { .made($0, inputs: inputs) }
        }
    }
}

/// How a build keeps the previous build's file of a page whose inputs did not change.
public struct PageReuse: Sendable {
    /// Stands for what every page depends on besides its model: the chibo binary, the build's options.
    public var salt: UInt64
    /// Keeps the previous file (and its compressed copies) at this path when it was made from these
    /// inputs; false when it was not, or cannot be kept.
    public var reuse: @Sendable (_ path: String, _ inputs: UInt64) -> Bool
    /// The paths under a folder that the previous build's manifest lists, with their inputs hashes.
    public var previous: @Sendable (_ folder: String) -> [(path: String, inputs: UInt64)]
    /// A hash of what the data files read of the content (its files outside `guidance/`); nil when
    /// unknown, and the data files are then made again.
    public var dataInputs: UInt64?

    public init(
        salt: UInt64, dataInputs: UInt64? = nil,
        previous: @escaping @Sendable (String) -> [(path: String, inputs: UInt64)] = { _ in [] },
        reuse: @escaping @Sendable (String, UInt64) -> Bool
    ) {
        self.salt = salt
        self.dataInputs = dataInputs
        self.previous = previous
        self.reuse = reuse
    }

    /// Keeps every one of `paths` made from `inputs`; returns those kept. The others must be made.
    func keep(_ paths: [String], inputs: UInt64) -> Set<String> {
        Set(paths.filter { reuse($0, inputs) })
    }

    /// The file beside the output listing each page's inputs hash: `HEX PATH` per line.
    public static let manifest = ".chibo-pages"

    public static func manifestText(_ inputs: [String: UInt64]) -> String {
        inputs.sorted { $0.key < $1.key }.map { Self.hex($0.value) + " " + $0.key + "\n" }.joined()
    }

    public static func parseManifest(_ text: String) -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            guard let space = line.firstIndex(of: " "), let value = UInt64(line[..<space], radix: 16) else { continue }
            result[String(line[line.index(after: space)...])] = value
        }
        return result
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
