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

    public init(contentPath: String = "content", themePath: String? = nil, outputPath: String = "public") {
        self.contentPath = contentPath
        self.themePath = themePath
        self.outputPath = outputPath
    }

    public struct Report: Sendable {
        public var diagnostics: Diagnostics
        public var files: [OutputFile]
        /// True when the output folder was replaced.
        public var published: Bool
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
        let (content, contentDiagnostics) = ContentLoader.load(from: contentPath)
        diagnostics.append(contentsOf: contentDiagnostics)
        let (theme, themeDiagnostics) = Theme.load(from: resolvedThemePath)
        diagnostics.append(contentsOf: themeDiagnostics)
        // Render even when the content has errors, so that one run reports every error.
        guard let content, let theme else {
            return Report(diagnostics: diagnostics, files: [], published: false)
        }
        let (files, renderDiagnostics) = SiteRenderer(content: content, theme: theme).render()
        diagnostics.append(contentsOf: renderDiagnostics)
        return Report(diagnostics: diagnostics, files: diagnostics.hasErrors ? [] : files, published: false)
    }

    /// Renders and, when there is no error, replaces the output folder atomically.
    public func run() throws -> Report {
        var report = render()
        guard !report.diagnostics.hasErrors else { return report }
        try OutputWriter.publish(report.files, to: outputPath)
        report.published = true
        return report
    }
}
