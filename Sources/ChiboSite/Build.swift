import ChiboContent
import ChiboModel
import ChiboRender
import Foundation

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

    public init(
        contentPath: String = "content", themePath: String? = nil, outputPath: String = "public",
        buildDate: Day = Build.today()
    ) {
        self.contentPath = contentPath
        self.themePath = themePath
        self.outputPath = outputPath
        self.buildDate = buildDate
    }

    /// `SOURCE_DATE_EPOCH` when set (reproducible builds), else today in Vietnam (UTC+7).
    public static func today() -> Day {
        let environment = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
        let seconds = environment ?? Date().timeIntervalSince1970
        let days = Int(((seconds + 7 * 3600) / 86400).rounded(.down))
        return Day.fromDaysSinceEpoch(days)
    }

    public struct Report: Sendable {
        public var diagnostics: Diagnostics
        public var files: [OutputFile]
        /// True when the output folder was replaced.
        public var published: Bool
        /// Files written anew and files reused unchanged from the previous output.
        public var written = 0
        public var reused = 0
        /// The release name, for `publish`.
        public var release: String?
        /// True when nothing the build reads changed since the output was built: nothing was done.
        public var unchanged = false
        /// The warnings of the build that made the unchanged output, as printed then.
        public var storedWarnings: [String] = []
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
    public func render() -> Report {
        var diagnostics = Diagnostics()
        let (content, contentDiagnostics) = Timings.measure("load content") { ContentLoader.load(from: contentPath) }
        diagnostics.append(contentsOf: contentDiagnostics)
        let (theme, themeDiagnostics) = Timings.measure("load theme") { Theme.load(from: resolvedThemePath) }
        diagnostics.append(contentsOf: themeDiagnostics)
        // Render even when the content has errors, so that one run reports every error.
        guard let content, let theme else {
            return Report(diagnostics: diagnostics, files: [], published: false)
        }
        let future = content.meetings.filter { $0.date > buildDate }.sorted { $0.location < $1.location }
        if let first = future.first {
            diagnostics.warning(
                first.location,
                "\(future.count) meeting record\(future.count == 1 ? " is" : "s are") dated after the build date "
                    + "\(buildDate.vietnamese) (this one \(first.date.vietnamese)); is the year right?")
        }
        let evaluation = Timings.measure("evaluate") {
            Evaluation.evaluate(
                organization: content.organization, rubrics: content.rubrics, meetings: content.meetings,
                settings: content.settings)
        }
        if evaluation.outsidePeriod > 0, let period = content.settings.period {
            diagnostics.warning(
                content.settings.location,
                "\(evaluation.outsidePeriod) meeting records fall outside the period \(period.from)..\(period.to) and are not counted"
            )
        }
        let schedule = Schedule(plans: content.plans, organization: content.organization)
        let (files, renderDiagnostics) = Timings.measure("render") {
            SiteRenderer(
                content: content, theme: theme, evaluation: evaluation, schedule: schedule, buildDate: buildDate
            ).render()
        }
        diagnostics.append(contentsOf: renderDiagnostics)
        return Report(diagnostics: diagnostics, files: diagnostics.hasErrors ? [] : files, published: false)
    }

    /// Renders and, when there is no error, replaces the output folder atomically.
    public func run() throws -> Report {
        let fingerprint = Timings.measure("fingerprint") {
            InputFingerprint.compute(
                content: contentPath, theme: resolvedThemePath, date: buildDate, precompress: precompress)
        }
        if let stored = InputFingerprint.stored(in: outputPath), stored.fingerprint == fingerprint {
            OutputWriter.removeStale(besides: outputPath)
            var report = Report(diagnostics: Diagnostics(), files: [], published: true)
            report.unchanged = true
            report.storedWarnings = stored.warnings
            return report
        }
        var report = render()
        guard !report.diagnostics.hasErrors else { return report }
        report.files.append(InputFingerprint.record(fingerprint, warnings: report.diagnostics.items))
        let summary = try Timings.measure("write") {
            try OutputWriter.publish(report.files, to: outputPath, precompress: precompress)
        }
        report.published = true
        report.written = summary.written
        report.reused = summary.reused
        return report
    }

    /// Renders and, when there is no error, adds a release under `root` and makes it live.
    public func publish(root: String, keep: Int) throws -> Report {
        var report = render()
        guard !report.diagnostics.hasErrors else { return report }
        report.release = try Releases(root: root).publish(report.files, keep: keep)
        report.published = true
        return report
    }

    /// The content's `base_path`, for the nginx configuration; "/" when the content cannot be read.
    public var basePath: String {
        ContentLoader.load(from: contentPath).content?.settings.basePath ?? "/"
    }
}
