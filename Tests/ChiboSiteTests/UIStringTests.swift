import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboRender
@testable import ChiboSite

/// The UI strings the pages show are all checked before anything is rendered.
@Suite struct UIStringTests {
    /// The keys of the theme's `i18n/vi.yaml` are exactly the keys the pages' code shows (`UIString`,
    /// which `Theme.string` takes, so that the code can name no other) and the keys the templates
    /// name (`t.KEY`): none missing, none left over.
    @Test func theThemesStringsAreTheOnesTheCodeAndTheTemplatesUse() throws {
        let theme = PackagePaths.theme
        let strings = try String(contentsOfFile: theme + "/i18n/vi.yaml", encoding: .utf8)
        let keys = Set(
            strings.split(separator: "\n").compactMap { $0.firstMatch(of: /^([a-z0-9_]+):/)?.output.1 }.map(String.init)
        )
        var named: Set<String> = []
        for file in try FileManager.default.subpathsOfDirectory(atPath: theme + "/templates")
        where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: theme + "/templates/" + file, encoding: .utf8)
            for match in text.matches(of: /\bt\.([a-z0-9_]+)/) { named.insert(String(match.output.1)) }
        }
        let code = Set(UIString.allCases.map(\.rawValue))
        #expect(keys.count > 300 && named.count > 150 && code.count > 150, "\(keys.count) \(named.count) \(code.count)")
        #expect(Set(SiteRenderer.requiredStrings) == code)
        #expect(code.subtracting(keys).sorted() == [], "keys the code shows that the theme lacks")
        #expect(named.subtracting(keys).sorted() == [], "keys the templates name that the theme lacks")
        #expect(keys.subtracting(code).subtracting(named).sorted() == [], "keys of vi.yaml nothing shows")
    }

    /// Every case of `UIString` is shown by some code: by name in the pages' code, or through one of
    /// the domain values' switches in `UIString.swift` (a finding's label, a sector's name).
    @Test func everyUIStringIsShownBySomeCode() throws {
        let folder = PackagePaths.root + "/Sources/ChiboRender"
        var code = ""
        var declaration = ""
        for file in try FileManager.default.subpathsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            if file.hasSuffix("/UIString.swift") {
                // Past the cases: the switches of the domain values' strings.
                declaration = String(text[(text.range(of: "static func")?.lowerBound ?? text.endIndex)...])
            } else {
                code += text
            }
        }
        #expect(!declaration.isEmpty)
        let unused = UIString.allCases.filter { key in
            let name = "\(key)"
            let pattern = try? Regex("\\." + name + "\\b")
            return pattern.map { !code.contains($0) && !declaration.contains($0) } ?? true
        }
        #expect(unused.map(\.rawValue) == [])
    }

    /// Every UI string a page shows is either required (checked before rendering) or named by a
    /// template (checked when it compiles): a string the theme has but neither names, replaced by a
    /// marker, shows on no page of the bundled or fixture sites.
    @Test(arguments: ["content", "Tests/Fixtures/scorecard-site", "Tests/Fixtures/small-site"])
    func noPageShowsAUIStringNoCheckCovers(site: String) throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let theme = folder.path + "/theme"
        try FileManager.default.copyItem(atPath: PackagePaths.theme, toPath: theme)
        var templates = ""
        for file in try FileManager.default.subpathsOfDirectory(atPath: theme + "/templates") {
            templates += (try? String(contentsOfFile: theme + "/templates/" + file, encoding: .utf8)) ?? ""
        }
        let required = Set(SiteRenderer.requiredStrings)
        let strings = theme + "/i18n/vi.yaml"
        let lines = try String(contentsOfFile: strings, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map { line -> String in
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("#"), !line.hasPrefix(" ") else {
                return String(line)
            }
            let key = String(line[..<colon])
            if required.contains(key) || templates.contains("t." + key) { return String(line) }
            return key + ": \"UNCHECKED-STRING " + key + "\""
        }
        try lines.joined(separator: "\n").write(toFile: strings, atomically: true, encoding: .utf8)
        let report = Build(
            contentPath: PackagePaths.root + "/" + site, themePath: theme, outputPath: "",
            buildDate: Day(year: 2024, month: 6, day: 30)
        ).render()
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics.errors)")
        #expect(report.files.count > 10)
        for file in report.files where file.bytes.count < 5_000_000 {
            let shows = String(decoding: file.bytes, as: UTF8.self).contains("UNCHECKED-STRING")
            #expect(!shows, "\(file.path) shows a UI string no check covers")
        }
    }

    @Test func aUIStringThePagesShowMustBeInTheTheme() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let theme = folder.path + "/theme"
        try FileManager.default.copyItem(atPath: PackagePaths.theme, toPath: theme)
        let strings = theme + "/i18n/vi.yaml"
        let text = try String(contentsOfFile: strings, encoding: .utf8)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.hasPrefix("report_intro:")
        }
        try kept.joined(separator: "\n").write(toFile: strings, atomically: true, encoding: .utf8)
        let report = try Build(
            contentPath: PackagePaths.content, themePath: theme, outputPath: folder.path + "/public"
        ).run()
        #expect(!report.published)
        let error = report.diagnostics.errors.first { $0.catalogued == .requiredUIString("report_intro") }
        #expect(error?.location.file.hasSuffix("theme/i18n/vi.yaml") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/public/index.html"))
    }
}
