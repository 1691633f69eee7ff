import ChiboModel
import ChiboSite
import ChiboTestSupport
import Foundation
import Testing

/// A build beside a previous output keeps the pages whose inputs did not change; after every kind of
/// edit its output is byte for byte a clean build's.
@Suite struct IncrementalTests {
    struct Edit: Sendable, CustomTestStringConvertible {
        var name: String
        /// Whether a page may be kept after it (false: every page shows what changed).
        var keepsPages: Bool
        /// Files besides pages that must be kept without being made again: the data files after an
        /// edit of the guidance, the search index after one of the data.
        var keepsOthers: Int = 0
        var apply: @Sendable (_ content: String, _ theme: String) throws -> Void
        var testDescription: String { name }
    }

    static func replace(_ file: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old), "\(file) has no \(old)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
    }

    static let edits: [Edit] = [
        Edit(name: "one meeting row", keepsPages: true, keepsOthers: 2) { content, _ in
            try replace(
                content + "/meetings/2024-q1.csv", "cb-van-phong;10/01/2024;thường kỳ;;;10;4;",
                "cb-van-phong;10/01/2024;thường kỳ;;;10;5;")
        },
        Edit(name: "a unit's name", keepsPages: true) { content, _ in
            try replace(content + "/units.csv", "Chi bộ Văn phòng Sở", "Chi bộ Văn phòng Sở Y tế")
        },
        Edit(name: "a guidance page's text", keepsPages: true, keepsOthers: 4) { content, _ in
            try replace(content + "/guidance/hoc-tap.md", "Học tập.", "Học tập và làm theo.")
        },
        Edit(name: "a guidance page's title", keepsPages: true) { content, _ in
            try replace(
                content + "/guidance/hoc-tap.md", "title: Hướng dẫn học tập", "title: Hướng dẫn học tập nghị quyết")
        },
        Edit(name: "the CSS", keepsPages: false) { _, theme in
            let css = theme + "/static/site.css"
            try (String(contentsOfFile: css, encoding: .utf8) + "\n.moi { color: red; }\n")
                .write(toFile: css, atomically: true, encoding: .utf8)
        },
        Edit(name: "a UI string", keepsPages: false) { _, theme in
            try replace(theme + "/i18n/vi.yaml", "\nfooter_note: ", "\nfooter_note: Mới. ")
        },
        Edit(name: "base_path", keepsPages: false) { content, _ in
            let site = content + "/site.yaml"
            try (String(contentsOfFile: site, encoding: .utf8) + "base_path: /so-tay/\n")
                .write(toFile: site, atomically: true, encoding: .utf8)
        },
    ]

    /// Every file under `folder`, by relative path, with its bytes (the build's own records left out).
    static func files(_ folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: folder)?.allObjects ?? [] {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                name != ".chibo-build"
            else { continue }
            result[name] = FileManager.default.contents(atPath: path)
        }
        return result
    }

    @Test func eachEditGivesTheCleanBuildsBytes() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let content = folder.path + "/content"
        let theme = folder.path + "/theme"
        try FileManager.default.copyItem(atPath: PackagePaths.root + "/Tests/Fixtures/scorecard-site", toPath: content)
        try FileManager.default.copyItem(atPath: PackagePaths.theme, toPath: theme)
        func build(_ output: String, tool: String = "chibo-test") throws -> Build.Outcome {
            var build = Build(contentPath: content, themePath: theme, outputPath: folder.path + "/" + output)
            build.toolIdentity = tool
            return try build.run()
        }
        let first = try build("public")
        #expect(first.published && first.kept == 0)
        for (index, edit) in Self.edits.enumerated() {
            try edit.apply(content, theme)
            let incremental = try build("public")
            #expect(incremental.published, "\(edit.name)")
            let clean = try build("clean-\(index)")
            #expect(clean.kept == 0)
            let (a, b) = (Self.files(folder.path + "/public"), Self.files(folder.path + "/clean-\(index)"))
            // Two empty folders are alike too: the clean build must have written the site.
            #expect(b.count > 50, "\(edit.name): \(b.count) files in the clean build")
            #expect(a.keys.sorted() == b.keys.sorted(), "\(edit.name)")
            for (path, bytes) in a where b[path] != bytes {
                Issue.record("\(edit.name): \(path) differs from the clean build's")
            }
            #expect(incremental.keptFiles - incremental.kept >= edit.keepsOthers, "\(edit.name)")
            if edit.keepsPages {
                #expect(incremental.kept > 0, "\(edit.name): no page was kept")
                #expect(incremental.kept < incremental.pages, "\(edit.name): every page was kept")
            } else {
                #expect(incremental.kept == 0, "\(edit.name): \(incremental.kept) pages kept")
            }
        }
        // A new chibo binary renders every page again.
        try Self.replace(content + "/guidance/hoc-tap.md", "làm theo", "làm theo gương")
        let newTool = try build("public", tool: "chibo-next")
        #expect(newTool.published && newTool.kept == 0)
        let same = try build("public", tool: "chibo-next")
        #expect(same.unchanged || same.kept == same.pages)
    }
}
