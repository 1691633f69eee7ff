import ChiboModel
import ChiboSupport

/// Reads a theme folder: `templates/**/*.mustache`, `i18n/<language>.yaml` and `static/**`, by the
/// content folder's rules (no hidden files, no link that leads outside the theme, text in UTF-8 and
/// NFC) and with located YAML errors. Parsing the templates is left to the renderer.
public enum ThemeLoader {
    /// The theme at `path`, or nil when it has no templates or its UI strings cannot be read; every
    /// problem is a diagnostic at `PATH/FILE:LINE:COLUMN`.
    public static func load(from path: String, language: String = "vi", diagnostics: inout Diagnostics)
        -> ThemeFiles?
    {
        let display = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        let folder = ContentFolder(path: path, called: "the theme folder")
        // Files are named relative to the theme; diagnostics name them under its path.
        var problems = Diagnostics()
        defer {
            diagnostics.append(
                contentsOf: problems.items.map { item in
                    var item = item
                    item.location.file = display + "/" + item.location.file
                    return item
                })
        }
        let stringsFile = "i18n/\(language).yaml"
        let strings = readStrings(folder, stringsFile, diagnostics: &problems)
        var templates: [String: String] = [:]
        var walked: Set<String> = []
        let templateFiles = files(folder, under: "templates", walked: &walked, diagnostics: &problems).filter {
            $0.hasSuffix(".mustache")
        }
        for file in templateFiles {
            if let text = folder.text("templates/" + file, diagnostics: &problems) {
                templates[String(file.dropLast(".mustache".count))] = text
            }
        }
        if templateFiles.isEmpty {
            problems.error(SourceLocation(file: "templates"), .fileMissing("templates"))
        }
        var assets: [String: [UInt8]] = [:]
        for file in files(folder, under: "static", walked: &walked, diagnostics: &problems)
        where !GuidanceLoader.isLitter(file.split(separator: "/").last.map(String.init) ?? file) {
            if let bytes = folder.read("static/" + file, diagnostics: &problems) { assets[file] = bytes }
        }
        guard let strings, !problems.hasErrors else { return nil }
        return ThemeFiles(
            path: display, templates: templates, strings: strings, stringsFile: display + "/" + stringsFile,
            assets: assets)
    }

    /// The UI strings: a mapping of keys to one line of text each.
    static func readStrings(_ folder: ContentFolder, _ file: String, diagnostics: inout Diagnostics)
        -> [String: String]?
    {
        guard folder.exists(file) else {
            diagnostics.error(SourceLocation(file: file), .fileMissing("strings"))
            return nil
        }
        guard let text = folder.text(file, diagnostics: &diagnostics) else { return nil }
        let yaml = YAMLSource(file: file, lineOffset: 0)
        let checkpoint = diagnostics.checkpoint
        guard let node = yaml.parse(text, diagnostics: &diagnostics),
            let pairs = yaml.mapping(node, ("the UI strings", "các chuỗi hiển thị"), diagnostics: &diagnostics)
        else {
            if !diagnostics.hasErrors(since: checkpoint) {
                diagnostics.error(SourceLocation(file: file), .wrongShape("uiStrings"))
            }
            return nil
        }
        var strings: [String: String] = [:]
        for pair in pairs {
            if let value = yaml.string(pair.value, key: pair.key, diagnostics: &diagnostics) {
                strings[pair.key] = value
            }
        }
        return diagnostics.hasErrors(since: checkpoint) ? nil : strings
    }

    /// The files under `directory` (relative to the theme), as paths relative to `directory`, sorted;
    /// hidden names left out. A folder that is a link is followed when it stays inside the theme.
    static func files(
        _ folder: ContentFolder, under directory: String, walked: inout Set<String>, diagnostics: inout Diagnostics
    ) -> [String] {
        guard folder.isDirectory(directory) else { return [] }
        let real: String
        do {
            real = try folder.resolve(directory)
        } catch {
            diagnostics.error(
                SourceLocation(file: directory), .linkBroken(isFolder: true, reason: error.diagnosticReason))
            return []
        }
        guard folder.contains(real: real) else {
            diagnostics.error(SourceLocation(file: directory), .linkOutsideTheme(to: real))
            return []
        }
        guard walked.insert(real).inserted else {
            diagnostics.error(SourceLocation(file: directory), .linkedTwice(theme: true))
            return []
        }
        var result: [String] = []
        for name in folder.list(directory) {
            let relative = directory + "/" + name
            if folder.isDirectory(relative) {
                let inner = files(folder, under: relative, walked: &walked, diagnostics: &diagnostics)
                result.append(contentsOf: inner.map { name + "/" + $0 })
            } else {
                result.append(name)
            }
        }
        return result
    }
}
