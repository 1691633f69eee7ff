/// A theme as read from its folder: the template sources, the UI strings and the static files.
/// Reading it is the content side's work (`ThemeLoader`); parsing the templates is the renderer's.
public struct ThemeFiles: Sendable {
    /// The theme folder as given, without a trailing slash; diagnostics name files under it.
    public var path: String
    /// Template sources by name: the path under `templates/` without `.mustache`, e.g. `partials/nav`.
    public var templates: [String: String]
    /// UI strings by key, NFC: all text the templates and the pages show.
    public var strings: [String: String]
    /// The file the UI strings come from, as diagnostics name it: `PATH/i18n/vi.yaml`.
    public var stringsFile: String
    /// Files of `static/`, by path relative to it.
    public var assets: [String: [UInt8]]

    public init(
        path: String, templates: [String: String], strings: [String: String], stringsFile: String? = nil,
        assets: [String: [UInt8]] = [:]
    ) {
        self.path = path
        self.templates = templates
        self.strings = strings
        self.stringsFile = stringsFile ?? "\(path)/i18n/vi.yaml"
        self.assets = assets
    }

    /// Where diagnostics name the template `name`.
    public func templateFile(_ name: String) -> String { "\(path)/templates/\(name).mustache" }
}
