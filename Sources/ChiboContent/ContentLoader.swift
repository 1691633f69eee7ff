import ChiboModel

/// Reads a content folder into the model, collecting every problem as a diagnostic.
public enum ContentLoader {
    /// The content of the folder at `path`, with all diagnostics; the content is nil when
    /// `site.yaml` could not be read. Callers must not publish when `diagnostics.hasErrors`.
    public static func load(from path: String) -> (content: Content?, diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        let folder = ContentFolder(path: path)
        guard folder.isDirectory("") || folder.isDirectory(".") else {
            diagnostics.error(SourceLocation(file: "."), "the content folder \(path) does not exist")
            return (nil, diagnostics)
        }
        let settings = SiteLoader.load(folder, diagnostics: &diagnostics)
        let guidance = GuidanceLoader.load(folder, diagnostics: &diagnostics)
        guard let settings else { return (nil, diagnostics) }
        var content = Content(
            settings: settings, sections: guidance.sections, documents: guidance.documents,
            staticFiles: guidance.staticFiles)
        content.unreadable = guidance.unreadable
        return (content, diagnostics)
    }
}
