import ChiboContent
import ChiboModel
import ChiboRender
import ChiboSupport
import Foundation
import Synchronization

/// The build pipeline: load the content and the theme, render every page in memory, and publish
/// the output folder only when there is no error.
public struct Build: Sendable {
    public var contentPath: String
    public var themePath: String?
    public var outputPath: String
    /// The day of the build; `data/*.json` say it and the schedule marks past and upcoming by it.
    public var buildDate: Day
    /// Whether text files get their `.gz` and `.br` copies (`build --no-precompress` leaves them out).
    public var precompress = true
    /// Names the chibo binary that builds: a page the previous build made is kept only when the
    /// same binary made it. Its size and modification time by default.
    public var toolIdentity = Build.binaryIdentity
    /// Whether the search index files are written (`build --no-search` leaves them out, for benchmarks).
    public var search = true

    /// A build of `contentPath` into `outputPath`; without `buildDate`, today in Vietnam by the clock
    /// (the command line passes `--date` or `Build.today()`, which reads `SOURCE_DATE_EPOCH`).
    public init(
        contentPath: String = "content", themePath: String? = nil, outputPath: String = "public",
        buildDate: Day? = nil
    ) {
        self.contentPath = contentPath
        self.themePath = themePath
        self.outputPath = outputPath
        self.buildDate = buildDate ?? Build.day(secondsSinceEpoch: Int(Date().timeIntervalSince1970))
    }

    /// `SOURCE_DATE_EPOCH` when set (reproducible builds), else today in Vietnam (UTC+7); a value that
    /// is not a whole number of seconds within years 1970 to 9999 is refused, never guessed at.
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(InvalidBuildDate) -> Day
    {
        if let text = environment["SOURCE_DATE_EPOCH"] { return try day(sourceDateEpoch: text) }
        return day(secondsSinceEpoch: Int(Date().timeIntervalSince1970))
    }

    /// The latest `SOURCE_DATE_EPOCH` accepted: 9999-12-31 23:59:59 in Vietnam.
    public static let latestSourceDateEpoch = 253_402_275_599

    /// The day in Vietnam of a `SOURCE_DATE_EPOCH` value: as reproducible-builds.org defines it, a
    /// decimal integer of seconds since 1970-01-01 00:00 UTC (what `date +%s` prints), here from 0 up
    /// to `latestSourceDateEpoch`.
    public static func day(sourceDateEpoch text: String) throws(InvalidBuildDate) -> Day {
        let bytes = Array(text.utf8)
        let significant = bytes.drop { $0 == UInt8(ascii: "0") }
        guard !bytes.isEmpty, significant.count <= 12, bytes.allSatisfy({ (0x30...0x39).contains($0) }),
            let seconds = Int(String(decoding: significant.isEmpty ? [0x30] : significant, as: UTF8.self)),
            seconds <= latestSourceDateEpoch
        else { throw InvalidBuildDate(value: text) }
        return day(secondsSinceEpoch: seconds)
    }

    /// The day in Vietnam (UTC+7) at a time in seconds since 1970-01-01 00:00 UTC.
    static func day(secondsSinceEpoch seconds: Int) -> Day {
        let shifted = seconds + 7 * 3600
        return Day.fromDaysSinceEpoch(shifted >= 0 ? shifted / 86400 : (shifted - 86399) / 86400)
    }

    /// What a build, a check or a publish did: its diagnostics, the files it made and what it wrote.
    public struct Outcome: Sendable {
        public var diagnostics: Diagnostics
        public var files: [OutputFile]
        /// True when the output folder was replaced.
        public var published: Bool
        /// Pages and files made (without the precompressed copies).
        public var pages = 0
        public var fileCount = 0
        /// Files written anew and files reused unchanged from the previous output.
        public var written = 0
        public var reused = 0
        /// Pages not rendered at all: their inputs were those of the previous build.
        public var kept = 0
        /// Files kept so, pages and others: the data files, the search index.
        public var keptFiles = 0
        /// The release name, for `publish`.
        public var release: String?
        /// True when nothing the build reads changed since the output was built: nothing was done.
        public var unchanged = false
        /// The warnings of the build that made the unchanged output.
        public var storedWarnings: [Diagnostic] = []
    }

    /// The theme folder: the one given, else `site-theme/` beside the content folder, else `./site-theme`.
    public var resolvedThemePath: String {
        if let themePath { return themePath }
        let beside = URL(fileURLWithPath: contentPath).standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent("site-theme").path
        if FileManager.default.fileExists(atPath: beside) { return beside }
        return "site-theme"
    }

    /// Loads, validates and renders; nothing is written.
    public func render() -> Outcome {
        var diagnostics = Diagnostics()
        let renderer = prepare(diagnostics: &diagnostics)
        guard let renderer else { return Outcome(diagnostics: diagnostics, files: [], published: false) }
        let (files, renderDiagnostics) = Timings.measure("render") { renderer.render() }
        diagnostics.append(contentsOf: renderDiagnostics)
        var report = Outcome(diagnostics: diagnostics, files: diagnostics.hasErrors ? [] : files, published: false)
        report.pages = report.files.filter { $0.path.hasSuffix(".html") }.count
        report.fileCount = report.files.count
        return report
    }

    /// Loads and checks the content and the theme, and compiles the templates, without rendering a
    /// page: every problem `render()` would report.
    public func check() -> Outcome {
        var diagnostics = Diagnostics()
        if let loaded = load(diagnostics: &diagnostics) {
            diagnostics.append(
                contentsOf: Timings.measure("check theme") {
                    SiteRenderer.check(theme: loaded.theme, settings: loaded.content.settings)
                })
        }
        return Outcome(diagnostics: diagnostics, files: [], published: false)
    }

    /// The content and the theme as read, the evaluation and the schedule.
    struct Loaded {
        var content: Content
        var theme: Theme
        var evaluation: Evaluation
        var schedule: Schedule
    }

    /// The renderer of the content (nil when the content or the theme cannot be read at all), with
    /// the bloc reports computed; every problem so far added to `diagnostics`.
    func prepare(diagnostics: inout Diagnostics) -> SiteRenderer? {
        load(diagnostics: &diagnostics).map { renderer($0) }
    }

    /// The renderer of loaded content: the bloc reports are computed here, before any page.
    func renderer(_ loaded: Loaded, reports known: BlocReports? = nil) -> SiteRenderer {
        let reports =
            known ?? Timings.measure("bloc report") { BlocReports(loaded.evaluation, content: loaded.content) }
        // The records are in the evaluations now: the renderer does not hold them, so that those of
        // a year are let go with its pages (see `BlocReports`).
        var content = loaded.content
        content.meetings = []
        var renderer = SiteRenderer(
            content: content, theme: loaded.theme, evaluation: loaded.evaluation, reports: reports,
            schedule: loaded.schedule, buildDate: buildDate)
        renderer.includeSearch = search
        return renderer
    }

    /// The renderer of the content, or nil when it has errors: content with errors is checked
    /// against the theme, not rendered, as rendering finds nothing more. What was loaded is let go
    /// here, so that the renderer alone holds what it needs.
    func rendererUnlessErrors(diagnostics: inout Diagnostics) -> SiteRenderer? {
        var cache = MemoryCache()
        return rendererUnlessErrors(diagnostics: &diagnostics, cache: &cache)
    }

    /// `rendererUnlessErrors(diagnostics:)` with what `cache` holds of the content's data, its
    /// evaluation and its bloc reports, each made when it holds none.
    func rendererUnlessErrors(diagnostics: inout Diagnostics, cache: inout MemoryCache) -> SiteRenderer? {
        guard let loaded = load(diagnostics: &diagnostics, cache: &cache) else { return nil }
        guard !diagnostics.hasErrors else {
            diagnostics.append(contentsOf: SiteRenderer.check(theme: loaded.theme, settings: loaded.content.settings))
            return nil
        }
        let reports =
            cache.reports ?? Timings.measure("bloc report") { BlocReports(loaded.evaluation, content: loaded.content) }
        cache.reports = reports
        return renderer(loaded, reports: reports)
    }

    /// Loads the content and the theme and evaluates the meetings (nil when the content or the theme
    /// cannot be read at all); every problem so far added to `diagnostics`.
    func load(diagnostics: inout Diagnostics) -> Loaded? {
        var cache = MemoryCache()
        return load(diagnostics: &diagnostics, cache: &cache)
    }

    /// `load(diagnostics:)` with what `cache` holds of the content's data and its evaluation, each
    /// made when it holds none.
    func load(diagnostics: inout Diagnostics, cache: inout MemoryCache) -> Loaded? {
        let content = Timings.measure("load content") {
            ContentLoader.load(from: contentPath, data: &cache.data, diagnostics: &diagnostics)
        }
        let theme = Timings.measure("load theme") {
            ThemeLoader.load(from: resolvedThemePath, diagnostics: &diagnostics).flatMap {
                Theme($0, diagnostics: &diagnostics)
            }
        }
        // The evaluation is made even when the content has errors, so that `check` compiles the
        // theme against it and one run reports every error.
        guard let content, let theme else { return nil }
        // The content's warnings about its dates, which need the build date; after the theme's
        // problems, as they have always been listed.
        ContentLoader.checkDates(content, buildDate: buildDate, diagnostics: &diagnostics)
        let evaluation =
            cache.evaluation
            ?? Timings.measure("evaluate") {
                Evaluation.evaluate(
                    organization: content.organization, rubrics: content.rubrics, meetings: content.meetings,
                    settings: content.settings)
            }
        cache.evaluation = evaluation
        let schedule = Schedule(plans: content.plans, organization: content.organization)
        return Loaded(content: content, theme: theme, evaluation: evaluation, schedule: schedule)
    }

    /// The binary running, as its size and modification time.
    public static var binaryIdentity: String {
        guard let executable = Syscalls.executablePath(),
            let binary = try? FileManager.default.attributesOfItem(atPath: executable)
        else { return "" }
        return "\(executable) \(binary[.size] ?? 0) \(binary[.modificationDate] ?? 0)"
    }

    /// What every page depends on besides its model and the theme: the binary and the options.
    var toolSalt: UInt64 {
        var hasher = StableHasher()
        hasher.combine(toolIdentity)
        hasher.combine(precompress)
        return hasher.value
    }

    /// Renders and, when there is no error, replaces the output folder atomically. An output folder
    /// that `OutputTarget` refuses throws its `OutputRefusal` before anything is read or written.
    public func run() throws -> Outcome {
        let target = try OutputTarget(
            outputPath, kind: .outputFolder, content: contentPath, theme: resolvedThemePath)
        let fingerprint = Timings.measure("fingerprint") {
            InputFingerprint.compute(
                content: contentPath, theme: resolvedThemePath, date: buildDate, precompress: precompress,
                search: search) as (fingerprint: String, data: UInt64)
        }
        if let stored = InputFingerprint.stored(in: target.resolved), stored.fingerprint == fingerprint.fingerprint {
            OutputWriter.removeStale(besides: target.resolved)
            var report = Outcome(diagnostics: Diagnostics(), files: [], published: true)
            report.unchanged = true
            report.storedWarnings = stored.warnings
            return report
        }
        var diagnostics = Diagnostics()
        guard var renderer = rendererUnlessErrors(diagnostics: &diagnostics) else {
            return Outcome(diagnostics: diagnostics, files: [], published: false)
        }
        renderer.retiresYears = true
        // Pages go to the staging folder as they are rendered, so memory holds only those in flight.
        let counts = Mutex((pages: 0, files: 0))
        // Each kind of failure goes on as itself: a refused output is a usage error for the command.
        let summary: OutputWriter.WriteCounts?
        do throws(PublishFailure) {
            summary = try OutputWriter.publish(to: target.resolved, precompress: precompress) { staging in
                let renderDiagnostics = Timings.measure("render and write") {
                    let reuse = PageReuse(
                        salt: toolSalt, dataInputs: fingerprint.data, previous: { staging.previous(under: $0) },
                        reuse: { staging.keep($0, inputs: $1) })
                    return renderer.render(reuse: reuse) { file in
                        counts.withLock {
                            $0.files += 1
                            if file.path.hasSuffix(".html") { $0.pages += 1 }
                        }
                        staging.write(file)
                    }
                }
                diagnostics.append(contentsOf: renderDiagnostics)
                guard !diagnostics.hasErrors else { return false }
                staging.write(InputFingerprint.record(fingerprint.fingerprint, warnings: diagnostics.items))
                counts.withLock { $0.files += 1 }
                return true
            }
        } catch {
            throw error.underlying
        }
        var report = Outcome(diagnostics: diagnostics, files: [], published: summary != nil)
        report.written = summary?.written ?? 0
        report.reused = summary?.reused ?? 0
        report.kept = summary?.kept ?? 0
        report.keptFiles = summary?.keptFiles ?? 0
        let keptFiles = report.keptFiles
        (report.pages, report.fileCount) = counts.withLock { ($0.pages + report.kept, $0.files + keptFiles) }
        return report
    }

    /// Renders and, when there is no error, adds a release under `root` and makes it live. A root
    /// that `OutputTarget` refuses throws its `OutputRefusal` before anything is written.
    public func publish(root: String, keep: Int) throws -> Outcome {
        _ = try OutputTarget(root, kind: .releaseRoot, content: contentPath, theme: resolvedThemePath)
        var report = render()
        guard !report.diagnostics.hasErrors else { return report }
        report.release = try Releases(root: root).publish(report.files, keep: keep)
        report.published = true
        return report
    }

    /// A fingerprint of every input file (names, sizes, times), the build date and the binary: when it
    /// is unchanged, a rebuild would make the same files. What `chibo serve` polls.
    public func inputFingerprint() -> String {
        InputFingerprint.compute(
            content: contentPath, theme: resolvedThemePath, date: buildDate, precompress: precompress, search: search)
    }

    /// The content's `base_path`, for the nginx configuration: read from `site.yaml` alone; "/" when
    /// it cannot be read.
    /// The settings of `site.yaml` alone, with what is wrong in it; nil when it cannot be read.
    public func readSettings() -> (settings: SiteSettings?, diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        let settings = ContentLoader.settings(from: contentPath, diagnostics: &diagnostics)
        return (settings, diagnostics)
    }

    public func readBasePath() -> String {
        var diagnostics = Diagnostics()
        return ContentLoader.settings(from: contentPath, diagnostics: &diagnostics)?.basePath ?? "/"
    }
}

/// A `SOURCE_DATE_EPOCH` that is not a build date: a usage error (exit status 2).
public struct InvalidBuildDate: UsageRefusal, Equatable {
    /// The variable's value as it was set.
    public var value: String

    public var description: String {
        let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
        return "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 00:00 UTC (as `date +%s` "
            + "prints it), from 0 to \(Build.latestSourceDateEpoch) (the year 9999); it is \"\(shown.printable)\""
    }

    public var vietnamese: String {
        let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
        return "SOURCE_DATE_EPOCH phải là số giây tính từ 1970-01-01 00:00 UTC (như `date +%s` in ra), từ 0 đến "
            + "\(Build.latestSourceDateEpoch) (năm 9999); giá trị hiện tại là \"\(shown.printable)\""
    }
}
