import ChiboModel
import ChiboRender
import ChiboSite
import ChiboTestSupport
import Foundation
import Testing

@Suite struct OutputTests {
    static func snapshot(_ path: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let manager = FileManager.default
        for case let relative as String in manager.enumerator(atPath: path)?.allObjects ?? [] {
            if let data = manager.contents(atPath: path + "/" + relative) { result[relative] = data }
        }
        return result
    }

    @Test func badContentLeavesThePublishedOutputUntouched() throws {
        let folder = try TempFolder([
            "content/site.yaml": minimalSiteYAML,
            "content/guidance/a.md": "---\ntitle: A\n---\nNội dung.\n",
        ])
        defer { folder.remove() }
        let build = Build(
            contentPath: folder.path + "/content", themePath: PackagePaths.theme, outputPath: folder.path + "/public")
        #expect(try build.run().published)
        let before = Self.snapshot(folder.path + "/public")
        #expect(before["van-ban/a/index.html"] != nil)

        try folder.write("content/guidance/a.md", "---\ntitle: A\n---\n[hỏng](khong-co.md)\n")
        try folder.write("content/guidance/b.md", "---\ntitle: [\n---\n")
        let report = try build.run()
        #expect(!report.published)
        #expect(report.diagnostics.errors.count == 2)
        #expect(Self.snapshot(folder.path + "/public") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(".") && !$0.hasSuffix(".lock") }
        #expect(leftovers.isEmpty)
    }

    @Test func aSecondBuildReplacesTheWholeFolder() throws {
        let folder = try TempFolder([
            "content/site.yaml": minimalSiteYAML,
            "content/guidance/a.md": "---\ntitle: A\n---\n",
        ])
        defer { folder.remove() }
        let build = Build(
            contentPath: folder.path + "/content", themePath: PackagePaths.theme, outputPath: folder.path + "/public")
        _ = try build.run()
        try FileManager.default.removeItem(atPath: folder.path + "/content/guidance/a.md")
        try folder.write("content/guidance/b.md", "---\ntitle: B\n---\n")
        #expect(try build.run().published)
        let files = Self.snapshot(folder.path + "/public")
        #expect(files["van-ban/b/index.html"] != nil)
        #expect(files["van-ban/a/index.html"] == nil)
    }
}

/// The real executable, as a clerk runs it.
@Suite struct CommandLineTests {
    static let executable = PackagePaths.root + "/.build/debug/chibo"

    struct Run {
        var status: Int32
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // The language chibo chooses when nothing asks for English: Vietnamese.
        var environment = ProcessInfo.processInfo.environment
        for name in ["LANGUAGE", "LC_ALL", "LC_MESSAGES"] { environment[name] = nil }
        environment["LANG"] = "C.UTF-8"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self))
    }

    @Test func exitStatuses() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable), "build the chibo product first")
        let folder = try TempFolder([
            "good/site.yaml": minimalSiteYAML,
            "bad/site.yaml": "title: A\n",
            "bad/guidance/a.md": "---\ntitle: A\norder: x\n---\n",
        ])
        defer { folder.remove() }
        let theme = PackagePaths.theme
        let good = try Self.run([
            "build", "--content", folder.path + "/good", "--output", folder.path + "/out", "--theme", theme,
        ])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/index.html"))

        let check = try Self.run(["check", "--content", folder.path + "/good", "--theme", theme])
        #expect(check.status == 0)

        let bad = try Self.run([
            "build", "--content", folder.path + "/bad", "--output", folder.path + "/out2", "--theme", theme,
        ])
        #expect(bad.status == 1)
        let lines = bad.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("site.yaml:1:1: error: " + DiagnosticMessage.needs("siteOrganization").text(in: .vi)))
        // Vietnamese by default, as the catalogue words it; the line format and keyword as ever.
        #expect(
            lines.contains("guidance/a.md:3:8: error: " + DiagnosticMessage.notAWholeNumber(key: "order").text(in: .vi))
        )
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out2"))

        let usage = try Self.run(["build", "--no-such-option"])
        #expect(usage.status == 2)
        let missing = try Self.run(["frobnicate"])
        #expect(missing.status == 2)
    }
}

@Suite struct PathSafetyTests {
    @Test func nothingIsWrittenOutsideTheOutputFolder() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        for path in ["../escape.html", "a/../../escape.html", "/etc/escape.html", "a//b.html", "./a.html", ""] {
            #expect(throws: PublishFailure.output(.leadsOutsideTheOutput(path: path))) {
                try OutputWriter.publish([OutputFile(path: path, text: "x")], to: folder.path + "/public")
            }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".lock") }
        #expect(names.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "/etc/escape.html"))
    }

    @Test func compressedCopiesRoundTripAndKeepTheOriginalsTime() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let text = String(repeating: "Đảng ủy Khối — sinh hoạt chi bộ. ", count: 200)
        try OutputWriter.publish(
            [OutputFile(path: "a.html", text: text), OutputFile(path: "small.html", text: "nhỏ")],
            to: folder.path + "/out")
        let manager = FileManager.default
        let base = folder.path + "/out/"
        #expect(manager.fileExists(atPath: base + "a.html.gz"))
        #expect(manager.fileExists(atPath: base + "a.html.br"))
        #expect(!manager.fileExists(atPath: base + "small.html.gz"))
        let times = try [base + "a.html", base + "a.html.gz", base + "a.html.br"].map {
            try manager.attributesOfItem(atPath: $0)[.modificationDate] as? Date
        }
        #expect(times[0] != nil && times[0] == times[1] && times[1] == times[2])
        let gzip = try #require(manager.contents(atPath: base + "a.html.gz"))
        #expect(gzip.starts(with: [0x1F, 0x8B]))
        #expect(gzip.count < text.utf8.count / 5)
    }
}

@Suite struct UnchangedRebuildTests {
    @Test func aRebuildWithNoChangeLeavesEveryFileAlone() throws {
        let folder = try TempFolder([
            "content/site.yaml": minimalSiteYAML,
            "content/guidance/a.md": "---\ntitle: A\n---\nNội dung.\n",
        ])
        defer { folder.remove() }
        let day = Day(year: 2024, month: 5, day: 1) ?? Day.distantPast
        let build = Build(
            contentPath: folder.path + "/content", themePath: PackagePaths.theme, outputPath: folder.path + "/public",
            buildDate: day)
        let first = try build.run()
        #expect(first.published && !first.unchanged)
        let page = folder.path + "/public/van-ban/a/index.html"
        let before = try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date
        let second = try build.run()
        #expect(second.unchanged)
        #expect(second.files.isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date == before)

        try folder.write("content/guidance/a.md", "---\ntitle: A mới\n---\nNội dung.\n")
        let third = try build.run()
        #expect(!third.unchanged)
        #expect(folder.read("public/van-ban/a/index.html")?.contains("A mới") == true)
        var later = build
        later.buildDate = Day(year: 2024, month: 5, day: 2) ?? Day.distantPast
        #expect(!(try later.run()).unchanged)
    }
}

@Suite struct StreamedBuildTests {
    func site() throws -> TempFolder {
        try TempFolder([
            "content/site.yaml": minimalSiteYAML,
            "content/guidance/a.md": "---\ntitle: A\n---\n" + String(repeating: "Nội dung dài của trang. ", count: 200),
        ])
    }

    @Test func withoutPrecompressionNoCopiesAreWrittenAndTheNextFullBuildMakesThem() throws {
        let folder = try site()
        defer { folder.remove() }
        var build = Build(
            contentPath: folder.path + "/content", themePath: PackagePaths.theme, outputPath: folder.path + "/public",
            buildDate: Day(year: 2024, month: 5, day: 1) ?? Day.distantPast)
        build.precompress = false
        let plain = try build.run()
        #expect(plain.published && plain.pages > 0 && plain.fileCount > plain.pages)
        let page = folder.path + "/public/van-ban/a/index.html"
        #expect(FileManager.default.fileExists(atPath: page))
        #expect(!FileManager.default.fileExists(atPath: page + ".gz"))
        build.precompress = true
        let full = try build.run()
        #expect(!full.unchanged)
        #expect(FileManager.default.fileExists(atPath: page + ".gz"))
        #expect(FileManager.default.fileExists(atPath: page + ".br"))
    }

    @Test func withoutSearchNoIndexFilesAreWrittenAndTheNextFullBuildWritesThem() throws {
        let folder = try site()
        defer { folder.remove() }
        var build = Build(
            contentPath: folder.path + "/content", themePath: PackagePaths.theme, outputPath: folder.path + "/public",
            buildDate: Day(year: 2024, month: 5, day: 1) ?? Day.distantPast)
        build.search = false
        let manager = FileManager.default
        let index = folder.path + "/public/search"
        #expect(try build.run().published)
        #expect(!manager.fileExists(atPath: index))
        // The search page itself stays.
        #expect(manager.fileExists(atPath: folder.path + "/public/tim-kiem/index.html"))
        build.search = true
        let full = try build.run()
        #expect(!full.unchanged)
        let shards = try manager.contentsOfDirectory(atPath: index + "/terms")
        #expect(
            !shards.isEmpty && shards.allSatisfy { $0.hasSuffix(".json") || $0.hasSuffix(".gz") || $0.hasSuffix(".br") }
        )
        #expect(manager.fileExists(atPath: index + "/numbers.json"))
    }

    @Test func aTemplateErrorFoundWhileWritingLeavesNothingBehind() throws {
        let folder = try site()
        defer { folder.remove() }
        // A theme whose document template names a value no page has: found only while pages render.
        let theme = folder.path + "/theme"
        try FileManager.default.copyItem(atPath: PackagePaths.theme, toPath: theme)
        let document = theme + "/templates/document.mustache"
        let text = try String(contentsOfFile: document, encoding: .utf8)
        try text.replacingOccurrences(of: "{{{body}}}", with: "{{{body}}}{{khong_co}}")
            .write(toFile: document, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: folder.path + "/public", withIntermediateDirectories: true)
        try "cũ".write(toFile: folder.path + "/public/index.html", atomically: true, encoding: .utf8)
        // A previous output: only those are replaced.
        try "0\n".write(toFile: folder.path + "/public/.chibo-build", atomically: true, encoding: .utf8)
        let report = try Build(
            contentPath: folder.path + "/content", themePath: theme, outputPath: folder.path + "/public"
        ).run()
        #expect(!report.published)
        #expect(
            report.diagnostics.errors.contains { $0.catalogued == .unknownTemplateName("khong_co", page: "document") })
        #expect(folder.read("public/index.html") == "cũ")
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!beside.contains { $0.hasPrefix(".public.new-") })
    }

    @Test func gzipBytesDependOnlyOnTheInput() throws {
        let text = Array(String(repeating: "Hướng dẫn số 08-HD/ĐUK về sinh hoạt chi bộ. ", count: 500).utf8)
        let first = try #require(Compression.gzip(text))
        #expect(Compression.gzip(text) == first)
        // gzip magic, deflate, no flags (no name), a zero time.
        #expect(Array(first.prefix(8)) == [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00])
        // Input that does not shrink to half still compresses (the larger buffer is taken).
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<50_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let packed = try #require(Compression.gzip(noise))
        #expect(packed.count > noise.count / 2)
        #expect(try #require(Compression.brotli(noise)).count > noise.count / 2)
    }
}
