import ChiboModel
import ChiboSupport
import ChiboTemplate

/// The site theme: its templates parsed, its UI strings and static assets, made once and shared by
/// every page rendered in parallel. The files are read by `ThemeLoader` on the content side.
public struct Theme: Sendable {
    /// The theme folder as given, used in diagnostics.
    public let path: String
    /// The templates, parsed; each page kind compiles its own for its model.
    let library: TemplateLibrary
    /// Template sources by name, for the tests' reference renderer and the pages' input hashes.
    let sources: [String: String]
    /// UI strings from `i18n/<language>.yaml`, all text shown by the templates.
    public let strings: [String: String]
    /// The file the UI strings come from, for diagnostics about them.
    let stringsFile: String
    /// Files of `static/`, by path relative to it.
    public let assets: [String: [UInt8]]

    /// Parses the templates; syntax errors, features chibo's templates do not support and partials
    /// that name no template are diagnostics at their tag, and the theme is nil.
    public init?(_ files: ThemeFiles, diagnostics: inout Diagnostics) {
        guard let library = TemplateLibrary.parse(files.templates, file: files.templateFile, diagnostics: &diagnostics)
        else { return nil }
        self.path = files.path
        self.library = library
        self.sources = files.templates
        self.strings = files.strings
        self.stringsFile = files.stringsFile
        self.assets = files.assets
    }

    public func hasTemplate(_ name: String) -> Bool { library.hasTemplate(name) }

    /// A UI string the pages' code shows: a case of `UIString`, every one of which `chibo check`
    /// finds in the theme before anything is rendered.
    func string(_ key: UIString) -> String { strings[key.rawValue] ?? key.rawValue }

    /// Compiles a template for the model type it shows; `globals` are the names every page has
    /// besides `t`, the UI strings (`assets`). A name the model does not have, a UI string the theme
    /// does not have, are errors at the tag.
    func compile<M: TemplateModel>(
        _ name: String, for type: M.Type, globals: [String: [String: String]] = [:], diagnostics: inout Diagnostics
    ) -> CompiledTemplate<M>? {
        library.compile(name, for: type, globals: globals.merging(["t": strings]) { $1 }, diagnostics: &diagnostics)
    }
}
