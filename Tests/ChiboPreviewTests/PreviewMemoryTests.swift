import ChiboModel
import ChiboSite
import ChiboTestSupport
import Foundation
import Synchronization
import Testing

@testable import ChiboPreview

/// The preview's site in memory: after any series of edits, what the builds sent, applied one after
/// another, is byte for byte a clean `chibo build --no-precompress`; a build with errors changes
/// nothing; and the frames on the pipe read back as they were written.
@Suite struct PreviewMemoryTests {
    struct Edit: Sendable, CustomTestStringConvertible {
        var name: String
        /// Whether the build after it has an error (and so changes nothing).
        var fails = false
        /// At most this many files are sent (nil: no bound), so that a build sends what changed only.
        var sendsAtMost: Int?
        /// At most this many pages are rendered (nil: no bound): a build renders the pages the change
        /// touches, not the others.
        var rendersAtMost: Int?
        var apply: @Sendable (_ content: String, _ theme: String) throws -> Void
        var testDescription: String { name }
    }

    static let day = Day(parsing: "2024-04-10") ?? Day.fromDaysSinceEpoch(0)

    static func replace(_ file: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old), "\(file) has no \(old)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
    }

    static let edits: [Edit] = [
        Edit(name: "nothing", sendsAtMost: 0) { _, _ in },
        Edit(name: "one meeting row") { content, _ in
            try replace(
                content + "/meetings/2024-q1.csv", "cb-van-phong;10/01/2024;thường kỳ;;;10;4;",
                "cb-van-phong;10/01/2024;thường kỳ;;;10;5;")
        },
        Edit(name: "a guidance page's text", sendsAtMost: 40, rendersAtMost: 10) { content, _ in
            try replace(content + "/guidance/hoc-tap.md", "Học tập.", "Học tập và làm theo.")
        },
        Edit(name: "a broken meeting row", fails: true) { content, _ in
            try replace(
                content + "/meetings/2024-q1.csv", "cb-van-phong;10/01/2024;thường kỳ;;;10;5;",
                "cb-van-phong;10/01/2024;thường kỳ;;;10;99;")
        },
        Edit(name: "the row mended") { content, _ in
            try replace(
                content + "/meetings/2024-q1.csv", "cb-van-phong;10/01/2024;thường kỳ;;;10;99;",
                "cb-van-phong;10/01/2024;thường kỳ;;;10;4;")
        },
        Edit(name: "a large attachment added") { content, _ in
            try Data(Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x41, count: PreviewBuild.storedSize))
                .write(to: URL(fileURLWithPath: content + "/guidance/lon.pdf"))
        },
        Edit(name: "a guidance page added") { content, _ in
            try "---\ntitle: Trang mới\n---\n\nMột trang mới.\n".write(
                toFile: content + "/guidance/trang-moi.md", atomically: true, encoding: .utf8)
        },
        Edit(name: "the page and the attachment removed") { content, _ in
            try FileManager.default.removeItem(atPath: content + "/guidance/trang-moi.md")
            try FileManager.default.removeItem(atPath: content + "/guidance/lon.pdf")
        },
        Edit(name: "a UI string") { _, theme in
            try replace(theme + "/i18n/vi.yaml", "\nfooter_note: ", "\nfooter_note: Mới. ")
        },
        Edit(name: "base_path") { content, _ in
            let site = content + "/site.yaml"
            try (String(contentsOfFile: site, encoding: .utf8) + "base_path: /so-tay/\n")
                .write(toFile: site, atomically: true, encoding: .utf8)
        },
    ]

    /// Every file of a built folder, by relative path (the build's own records, dotfiles, left out).
    static func files(_ folder: String) -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: folder)?.allObjects ?? [] {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + name
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !name.split(separator: "/").contains(where: { $0.hasPrefix(".") })
            else { continue }
            result[name] = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }
        return result
    }

    /// The site as the preview serves it, each stored file read from its copy.
    static func served(_ files: [String: PreviewBuild.File]) -> [String: [UInt8]] {
        files.mapValues { file in
            switch file {
            case .memory(let bytes): bytes
            case .stored(let path, _): FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
            }
        }
    }

    /// One build as the child makes it, its frames read back as the preview reads them.
    static func build(
        content: String, theme: String, folder: String, memory: inout PreviewBuild.Memory
    ) -> (report: PreviewBuild.Report, changes: [PreviewBuild.Change], sent: Int) {
        let sent = Mutex<[UInt8]>([])
        let last = PreviewBuild.build(
            content: content, theme: theme, folder: folder, date: Self.day, memory: &memory
        ) { bytes in sent.withLock { $0 += bytes } }
        var pipe = sent.withLock { $0 } + last
        var reader = PreviewBuild.FrameReader { count in
            guard !pipe.isEmpty else { return nil }
            defer { pipe.removeFirst(min(count, pipe.count)) }
            return Array(pipe.prefix(count))
        }
        var changes: [PreviewBuild.Change] = []
        var files = 0
        while let (kind, path, body) = reader.next() {
            switch kind {
            case .file:
                changes.append(.file(path, .memory(body)))
                files += 1
            case .stored:
                let text = String(decoding: body, as: UTF8.self).split(separator: " ")
                changes.append(
                    .file(
                        path,
                        .stored(path: folder + "/" + PreviewBuild.storeName + "/" + text[1], size: Int(text[0]) ?? -1)))
                files += 1
            case .removed:
                changes.append(.removed(path))
            case .report:
                let report = (try? JSONDecoder().decode(PreviewBuild.Report.self, from: Data(body))) ?? .init()
                return (report, changes, files)
            }
        }
        Issue.record("no report")
        return (.init(), changes, files)
    }

    @Test func eachEditGivesTheCleanBuildsBytes() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let content = folder.path + "/content"
        let theme = folder.path + "/theme"
        let preview = folder.path + "/preview"
        try FileManager.default.copyItem(atPath: PackagePaths.fixtures + "/scorecard-site", toPath: content)
        try FileManager.default.copyItem(atPath: PackagePaths.theme, toPath: theme)
        try FileManager.default.createDirectory(atPath: preview, withIntermediateDirectories: false)
        var memory = PreviewBuild.Memory()
        var site: [String: PreviewBuild.File] = [:]
        let first = Self.build(content: content, theme: theme, folder: preview, memory: &memory)
        #expect(first.report.full && first.report.diagnostics.allSatisfy { $0.severity != .error })
        site = Preview.applying(first.changes, to: [:])
        for (index, edit) in Self.edits.enumerated() {
            try edit.apply(content, theme)
            let before = memory
            let built = Self.build(content: content, theme: theme, folder: preview, memory: &memory)
            #expect(!built.report.full, "\(edit.name)")
            let failed = built.report.diagnostics.contains { $0.severity == .error }
            #expect(
                failed == edit.fails,
                "\(edit.name): \(built.report.diagnostics.filter { $0.severity == .error }.map { $0.line(language: .en) })"
            )
            if failed {
                #expect(memory.inputs == before.inputs && memory.hashes == before.hashes, "\(edit.name)")
                continue
            }
            if let most = edit.sendsAtMost {
                #expect(built.sent <= most, "\(edit.name): \(built.sent) files sent")
            }
            if let most = edit.rendersAtMost {
                let rendered = built.report.pages - built.report.kept
                #expect(rendered <= most, "\(edit.name): \(rendered) of \(built.report.pages) pages rendered")
            }
            #expect(built.report.kept > 0 || edit.name == "a UI string" || edit.name == "base_path", "\(edit.name)")
            site = Preview.applying(built.changes, to: site)
            var clean = Build(
                contentPath: content, themePath: theme, outputPath: folder.path + "/clean-\(index)",
                buildDate: Self.day)
            clean.precompress = false
            _ = try clean.run()
            let (served, expected) = (Self.served(site), Self.files(folder.path + "/clean-\(index)"))
            #expect(expected.count > 50, "\(edit.name): \(expected.count) files in the clean build")
            #expect(served.keys.sorted() == expected.keys.sorted(), "\(edit.name)")
            for (path, bytes) in served where expected[path] != bytes {
                Issue.record("\(edit.name): \(path) differs from the clean build's")
            }
        }
        // The large attachment went to the store, not the pipe.
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: preview + "/" + PreviewBuild.storeName)).isEmpty)
    }

    @Test func framesReadBackAndBrokenOnesEndTheReading() {
        var bytes =
            PreviewBuild.frame(.file, path: "van-ban/index.html", body: Array("<p>á</p>".utf8))
            + PreviewBuild.frame(.removed, path: "cu/index.html")
            + PreviewBuild.frame(.report, body: Array("{}".utf8))
        // Read one byte at a time: a frame may come in any number of pieces.
        var reader = PreviewBuild.FrameReader { _ in
            guard !bytes.isEmpty else { return nil }
            return [bytes.removeFirst()]
        }
        #expect(reader.next()?.path == "van-ban/index.html")
        let removed = reader.next()
        #expect(removed?.kind == .removed && removed?.path == "cu/index.html" && removed?.body == [])
        #expect(reader.next()?.body == Array("{}".utf8))
        #expect(reader.next() == nil)
        // A path past the bound, an unknown kind, a frame cut short: the reading ends.
        for broken in [
            [PreviewBuild.Kind.file.rawValue, 0xFF, 0xFF, 0xFF, 0x7F], [0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            Array(PreviewBuild.frame(.file, path: "a", body: [1, 2, 3]).dropLast()),
        ] {
            var rest = broken
            var reader = PreviewBuild.FrameReader { count in
                guard !rest.isEmpty else { return nil }
                defer { rest.removeFirst(min(count, rest.count)) }
                return Array(rest.prefix(count))
            }
            #expect(reader.next() == nil)
        }
    }

    @Test func changesReplaceAddAndRemove() {
        let site: [String: PreviewBuild.File] = ["a": .memory([1]), "b": .memory([2])]
        let next = Preview.applying([.file("a", .memory([3])), .removed("b"), .file("c", .memory([4]))], to: site)
        #expect(next == ["a": .memory([3]), "c": .memory([4])])
    }
}
