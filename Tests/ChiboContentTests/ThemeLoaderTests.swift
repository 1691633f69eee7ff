import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboContent

/// The theme is read by the content folder's rules: hidden files and editors' litter left out, no
/// link out of the theme, text in UTF-8 and NFC, YAML errors at their line and column.
@Suite struct ThemeLoaderTests {
    func load(_ folder: TempFolder) -> (ThemeFiles?, Diagnostics) {
        var diagnostics = Diagnostics()
        let files = ThemeLoader.load(from: folder.path, diagnostics: &diagnostics)
        return (files, diagnostics)
    }

    @Test func readsTemplatesStringsAndAssetsButNotHiddenFiles() throws {
        let folder = try TempFolder([
            "i18n/vi.yaml": "hello: Xin cha\u{300}o\n",
            "templates/page.mustache": "{{t.hello}}",
            "templates/partials/nav.mustache": "<nav></nav>",
            "templates/.page.mustache.swp": "x",
            "templates/notes.txt": "not a template",
            "static/site.css": "body{}",
            "static/img/logo.svg": "<svg/>",
            "static/.DS_Store": "x",
            "static/site.css~": "an editor's backup",
            "static/.hidden/secret.css": "x",
        ])
        defer { folder.remove() }
        let (loaded, diagnostics) = load(folder)
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items)")
        let files = try #require(loaded)
        #expect(files.templates.keys.sorted() == ["page", "partials/nav"])
        #expect(files.assets.keys.sorted() == ["img/logo.svg", "site.css"])
        // Read as NFC, as every content file is.
        #expect(files.strings["hello"]?.unicodeScalars.count == "Xin chào".unicodeScalars.count)
        #expect(files.stringsFile == folder.path + "/i18n/vi.yaml")
        #expect(files.path == folder.path)
    }

    @Test func yamlErrorsInTheUIStringsAreLocated() throws {
        let folder = try TempFolder([
            "i18n/vi.yaml": "hello: Xin chào\nlist:\n  - one\nhello: again\n",
            "templates/page.mustache": "x",
        ])
        defer { folder.remove() }
        let (files, diagnostics) = load(folder)
        #expect(files == nil)
        let error = try #require(diagnostics.errors.first)
        #expect(error.location.file == folder.path + "/i18n/vi.yaml")
        #expect(error.location.line == 4)
        #expect(error.code == .duplicateKey)
        #expect(error.message.contains("`hello`"))
    }

    @Test func aUIStringThatIsAListIsAnErrorAtIt() throws {
        let folder = try TempFolder([
            "i18n/vi.yaml": "hello: Xin chào\nlist:\n  - one\n",
            "templates/page.mustache": "x",
        ])
        defer { folder.remove() }
        let (files, diagnostics) = load(folder)
        #expect(files == nil)
        #expect(diagnostics.errors.map(\.location.line) == [3])
        #expect(diagnostics.errorCodes == [.wrongShape])
    }

    @Test func aTemplateThatIsNotUTF8IsAnErrorAtItsByte() throws {
        let folder = try TempFolder(["i18n/vi.yaml": "a: b\n"])
        defer { folder.remove() }
        try folder.write("templates/page.mustache", Array("ok\nbad \u{FF}".utf8.dropLast(2)) + [0xFF])
        let (files, diagnostics) = load(folder)
        #expect(files == nil)
        let error = try #require(diagnostics.errors.first)
        #expect(error.location.file == folder.path + "/templates/page.mustache")
        #expect(error.location.line == 2)
        #expect(error.code == .fileNotUTF8)
    }

    @Test func aLinkOutOfTheThemeIsRefused() throws {
        let outside = try TempFolder(["secret.css": "x", "templates/page.mustache": "y"])
        defer { outside.remove() }
        let folder = try TempFolder(["i18n/vi.yaml": "a: b\n", "templates/page.mustache": "x"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/static", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/templates/leak.mustache", withDestinationPath: outside.path + "/secret.css")
        let (files, diagnostics) = load(folder)
        #expect(files == nil)
        let messages = diagnostics.errors.map(\.description)
        #expect(diagnostics.errorCodes == [.linkOutside, .linkOutside], "\(messages)")
        #expect(messages.contains { $0.hasPrefix(folder.path + "/static:") && $0.contains("outside the theme folder") })
        #expect(
            messages.contains {
                $0.hasPrefix(folder.path + "/templates/leak.mustache:") && $0.contains("outside the theme folder")
            })
    }

    @Test func aThemeWithoutTemplatesOrStringsSaysWhatIsMissing() throws {
        let folder = try TempFolder(["static/site.css": "x"])
        defer { folder.remove() }
        let (files, diagnostics) = load(folder)
        #expect(files == nil)
        #expect(diagnostics.errorCodes == [.fileMissing, .fileMissing])
        #expect(
            diagnostics.errors.map(\.description) == [
                "\(folder.path)/i18n/vi.yaml:1:1: error: the theme needs its UI strings in this file",
                "\(folder.path)/templates:1:1: error: the theme has no .mustache templates",
            ])
    }
}
