import ChiboModel
import ChiboRender
import ChiboSupport
import ChiboTestSupport
import Foundation
import Testing

@testable import ChiboSite

/// `OutputTarget`: every relation between an output folder and the folders a build must not delete.
@Suite struct OutputGuardTests {
    /// A content folder, a theme folder and room for outputs, all under one temporary folder.
    static func folders() throws -> TempFolder {
        try TempFolder([
            "proj/content/site.yaml": minimalSiteYAML,
            "proj/content/guidance/a.md": "---\ntitle: A\n---\nNội dung.\n",
            "proj/theme/templates/x.mustache": "x",
            "mine/notes.txt": "không phải của chibo",
        ])
    }

    static func refusal(_ output: String, in folder: TempFolder, kind: OutputTarget.Kind = .outputFolder) -> String? {
        do {
            _ = try OutputTarget(
                folder.path + "/" + output, kind: kind, content: folder.path + "/proj/content",
                theme: folder.path + "/proj/theme", homes: [folder.path + "/home"])
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        ("proj/content", "it is the content folder"),
        ("proj/content/guidance/out", "it lies inside the content folder"),
        ("proj/content/guidance", "it lies inside the content folder"),
        ("proj", "it contains the content folder"),
        ("proj/theme", "it is the theme folder"),
        ("proj/theme/templates", "it lies inside the theme folder"),
        ("home", "it is the home folder"),
        ("mine", "it is not a previous output"),
        ("proj/content/../content/.", "it is the content folder"),
    ])
    func refusesWhatABuildWouldDelete(output: String, reason: String) throws {
        let folder = try Self.folders()
        defer { folder.remove() }
        try FileManager.default.createDirectory(
            atPath: folder.path + "/home/.config", withIntermediateDirectories: true)
        let message = try #require(Self.refusal(output, in: folder))
        #expect(message.contains(reason), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test func theMessageNamesWhatWouldBeDeleted() throws {
        let folder = try Self.folders()
        defer { folder.remove() }
        let same = try #require(Self.refusal("proj/content", in: folder))
        #expect(same.contains("guidance, site.yaml (2 entries)"), "\(same)")
        for index in 0..<6 { try folder.write("mine/f\(index).txt", "x") }
        let foreign = try #require(Self.refusal("mine", in: folder))
        #expect(foreign.contains("f0.txt, f1.txt, f2.txt, f3.txt and 3 more (7 entries)"), "\(foreign)")
    }

    @Test func theRootFolderIsRefused() throws {
        let folder = try Self.folders()
        defer { folder.remove() }
        #expect(throws: OutputRefusal.self) {
            try OutputTarget("/", kind: .outputFolder, content: folder.path + "/proj/content", theme: folder.path)
        }
        #expect(throws: OutputRefusal.self) {
            try OutputTarget("/", kind: .releaseRoot, content: folder.path + "/proj/content", theme: folder.path)
        }
    }

    @Test func theRealHomeFoldersAreRefused() throws {
        let homes = OutputTarget.homeFolders()
        #expect(!homes.isEmpty)
        for home in homes {
            #expect(throws: OutputRefusal.self) {
                try OutputTarget(home, kind: .outputFolder, content: "/nonexistent/content", theme: "/nonexistent/t")
            }
        }
    }

    @Test(arguments: ["public", "new/deeper/public", "empty"])
    func aNewAnEmptyOrAPreviousOutputIsFine(output: String) throws {
        let folder = try Self.folders()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/empty", withIntermediateDirectories: true)
        #expect(Self.refusal(output, in: folder) == nil)
        try folder.write(output + "/index.html", "cũ")
        try folder.write(output + "/.chibo-build", "0\n")
        #expect(Self.refusal(output, in: folder) == nil)
    }

    @Test func linksAreFollowedBeforeComparing() throws {
        let folder = try Self.folders()
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/to-content", withDestinationPath: "proj/content")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/to-proj", withDestinationPath: "proj")
        #expect(Self.refusal("to-content", in: folder)?.contains("it is the content folder") == true)
        #expect(Self.refusal("to-proj/content/guidance/x", in: folder)?.contains("inside the content folder") == true)
        #expect(Self.refusal("to-proj", in: folder)?.contains("it contains the content folder") == true)
        // A link to nothing is refused, naming the link.
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/dangling", withDestinationPath: "nowhere")
        let dangling = try #require(Self.refusal("dangling", in: folder))
        #expect(dangling.contains("is a symbolic link to nowhere"), "\(dangling)")
        // A path through a file is refused too.
        #expect(Self.refusal("mine/notes.txt/public", in: folder)?.contains("Not a directory") == true)
    }

    @Test func aReleaseRootMustHoldOnlyReleases() throws {
        let folder = try Self.folders()
        defer { folder.remove() }
        let releases = Releases(root: folder.path + "/root")
        _ = try releases.publish([OutputFile(path: "index.html", text: "1")], keep: 3)
        #expect(Self.refusal("root", in: folder, kind: .releaseRoot) == nil)
        #expect(Self.refusal("mine", in: folder, kind: .releaseRoot)?.contains("notes.txt (1 entry)") == true)
        try folder.write("root/releases/ghi-chu.txt", "x")
        let message = try #require(Self.refusal("root", in: folder, kind: .releaseRoot))
        #expect(message.contains("releases/ghi-chu.txt"), "\(message)")
        #expect(Self.refusal("proj/content/r", in: folder, kind: .releaseRoot) != nil)
    }

    @Test func aRefusedBuildWritesNothing() throws {
        let folder = try Self.folders()
        defer { folder.remove() }
        let build = Build(
            contentPath: folder.path + "/proj/content", themePath: PackagePaths.theme,
            outputPath: folder.path + "/proj/content/guidance/out", buildDate: Day(year: 2024, month: 5, day: 1))
        let before = OutputTests.snapshot(folder.path)
        #expect(throws: OutputRefusal.self) { try build.run() }
        #expect(throws: OutputRefusal.self) { try build.publish(root: folder.path + "/proj", keep: 2) }
        #expect(OutputTests.snapshot(folder.path) == before)
    }

    @Test func aLinkedOutputStaysALinkAndItsTargetIsReplaced() throws {
        let folder = try Self.folders()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/srv/site", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/public", withDestinationPath: "srv/site")
        let build = Build(
            contentPath: folder.path + "/proj/content", themePath: PackagePaths.theme,
            outputPath: folder.path + "/public", buildDate: Day(year: 2024, month: 5, day: 1))
        for _ in 0..<2 {
            #expect(try build.run().published)
            #expect(Syscalls.linkTarget(folder.path + "/public") == "srv/site")
            #expect(FileManager.default.fileExists(atPath: folder.path + "/srv/site/van-ban/a/index.html"))
            try folder.write("proj/content/guidance/b.md", "---\ntitle: B\n---\n")
        }
        #expect(FileManager.default.fileExists(atPath: folder.path + "/srv/site/van-ban/b/index.html"))
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/srv")
        #expect(beside.sorted() == [".site.lock", "site"])
    }
}

/// System failures say what failed, where, and the operating system's reason, on one line.
@Suite struct SystemErrorTests {
    @Test func theDescriptionHasThePathAndTheReason() {
        let failure = SystemError("write", "/srv/public/index.html.gz", errno: ENOSPC)
        #expect(failure.description == "cannot write /srv/public/index.html.gz: No space left on device")
        #expect(failure.reason == "No space left on device")
        let missing = SystemError("read the folder", "/srv/gone", errno: ENOENT)
        #expect(missing.description == "cannot read the folder /srv/gone: No such file or directory")
    }

    @Test func aControlCharacterInThePathIsShownAsAnEscape() {
        let failure = SystemError("write", "/srv/a\nb\u{202E}.html", errno: EACCES)
        #expect(failure.description == #"cannot write /srv/a\nb\u{202E}.html: Permission denied"#)
    }

    @Test func aWriteIntoAMissingFolderReportsThePathAndTheOSReason() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.path + "/missing/index.html"
        do {
            try Syscalls.writeFile(path, [1, 2, 3])
            Issue.record("wrote into a folder that is not there")
        } catch {
            #expect(error == SystemError("write", path, errno: ENOENT))
            #expect(error.path == path)
            #expect(error.reason == String(cString: strerror(ENOENT)))
            #expect(error.description == "cannot write \(path): No such file or directory")
        }
    }

    @Test func aPathThroughAFileIsNotADirectory() throws {
        let folder = try TempFolder(["file": "x"])
        defer { folder.remove() }
        #expect(throws: SystemError("write", folder.path + "/file/index.html", errno: ENOTDIR)) {
            try Syscalls.writeFile(folder.path + "/file/index.html", [1])
        }
        // mkdir's own reason, on the part of the path that is in the way.
        #expect(throws: SystemError("create the folder", folder.path + "/file", errno: EEXIST)) {
            try FileSystem.makeFolders(folder.path + "/file/a/b")
        }
    }

    @Test func aNameTooLongSaysSo() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.path + "/" + String(repeating: "a", count: 300)
        do {
            try Syscalls.writeFile(path, [1])
            Issue.record("a 300-byte name was written")
        } catch {
            #expect(error.errno == ENAMETOOLONG)
            #expect(error.description.hasSuffix(": File name too long"))
        }
    }

    @Test func aStagingFileThatCannotBeWrittenFailsThePublishWithTheReason() throws {
        let folder = try TempFolder(["out/.chibo-build": "0\n"])
        defer { folder.remove() }
        let long = String(repeating: "a", count: 300) + ".html"
        do {
            try OutputWriter.publish([OutputFile(path: long, text: "x")], to: folder.path + "/out")
            Issue.record("published a file whose name is too long")
        } catch {
            let failure = try #require(error.systemError, "\(error)")
            #expect(failure.errno == ENAMETOOLONG)
            #expect(failure.path.hasSuffix(long))
        }
        #expect(folder.read("out/.chibo-build") == "0\n")
    }

    /// A full disk, made with a 200 KB tmpfs; skipped (passes) where mounting is not permitted.
    @Test func aFullDiskSaysNoSpaceLeftOnDevice() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let mountPoint = folder.path + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard Self.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=200k", "tmpfs", mountPoint]) == 0 else {
            // Reported as skipped by the framework; the same failure is made through the seam below.
            try Test.cancel("a tmpfs cannot be mounted here (mount needs root and a kernel that allows it)")
        }
        defer { _ = Self.run("/usr/bin/umount", [mountPoint]) }
        var generator = SystemRandomNumberGenerator()
        let files = (0..<4).map { index in
            OutputFile(
                path: "f\(index).bin", bytes: (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        do {
            try OutputWriter.publish(files, to: mountPoint + "/public")
            Issue.record("400 KB fitted into 200 KB")
        } catch {
            let failure = try #require(error.systemError, "\(error)")
            #expect(failure.errno == ENOSPC)
            #expect(failure.description.hasSuffix(": No space left on device"), "\(failure)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: mountPoint)
        #expect(!left.contains { $0.contains(".new-") }, "\(left)")
    }

    /// Every failure the system can give a publish, made where the tests run through the syscall
    /// seam: each operation that writes the new site fails with each errno, at its first call and at a
    /// later one. The publish throws that errno with the path and the OS's words; the previous output
    /// stays byte for byte, and no staging folder is left.
    @Test(arguments: [
        (Syscalls.Faults.Operation.write, 0), (.write, 3), (.makeFolder, 0), (.makeFolder, 1), (.rename, 0),
    ])
    func everyFailureOfAPublishLeavesThePreviousOutput(operation: Syscalls.Faults.Operation, after: Int) throws {
        for code in [ENOSPC, EDQUOT, EIO, EACCES, EROFS] {
            let folder = try TempFolder()
            defer {
                Syscalls.Faults.clear(under: folder.path)
                folder.remove()
            }
            let output = folder.path + "/public"
            let old = [OutputFile(path: "index.html", bytes: Array("cũ".utf8))]
            try OutputWriter.publish(old, to: output)
            let before = try Self.snapshot(output)
            let files = (0..<6).map { OutputFile(path: "muc-\($0)/index.html", bytes: Array("mới \($0)".utf8)) }
            Syscalls.Faults.plan(operation, under: folder.path, errno: code, after: after)
            do {
                try OutputWriter.publish(files, to: output)
                Issue.record("\(operation) failing with \(code) after \(after) calls did not fail the publish")
            } catch {
                let failure = try #require(error.systemError, "\(error)")
                #expect(failure.errno == code, "\(failure)")
                #expect(failure.path.hasPrefix(folder.path), "\(failure)")
                #expect(failure.description.hasSuffix(": " + Syscalls.reason(code)), "\(failure)")
            }
            Syscalls.Faults.clear(under: folder.path)
            #expect(try Self.snapshot(output) == before, "\(operation) \(code): the previous output changed")
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            #expect(left.filter { $0.contains(".new-") || $0.contains(".old-") } == [], "\(left)")
        }
    }

    /// Every file under `path` with its bytes.
    static func snapshot(_ path: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder), !isFolder.boolValue
            else { continue }
            files[name] = try Syscalls.readFile(path + "/" + name)
        }
        #expect(!files.isEmpty, "nothing under \(path)")
        return files
    }

    static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite struct SourceDateEpochTests {
    @Test(arguments: [
        ("0", "1970-01-01"), ("1712700000", "2024-04-10"), ("1712683200", "2024-04-10"),
        ("1712681999", "2024-04-09"), ("0001712700000", "2024-04-10"), ("253402275599", "9999-12-31"),
    ])
    func decimalSecondsGiveTheDayInVietnam(text: String, day: String) throws {
        #expect(try Build.day(sourceDateEpoch: text).description == day)
    }

    @Test(arguments: [
        "nan", "inf", "-inf", "1e300", "1.5", "-1", "-99999999999999", "", " 1", "1 ", "+1", "0x10", "253402275600",
        "99999999999999999999999", "１２",
    ])
    func anythingElseIsRefusedNamingTheVariableAndValue(text: String) {
        #expect(throws: InvalidBuildDate(value: text)) { try Build.day(sourceDateEpoch: text) }
        let message = InvalidBuildDate(value: text).description
        #expect(message.hasPrefix("SOURCE_DATE_EPOCH must be"))
        #expect(message.hasSuffix("it is \"\(text)\""))
    }

    @Test func todayReadsTheVariable() throws {
        #expect(try Build.today(environment: ["SOURCE_DATE_EPOCH": "1712700000"]).description == "2024-04-10")
        #expect(throws: InvalidBuildDate.self) { try Build.today(environment: ["SOURCE_DATE_EPOCH": "nan"]) }
        #expect(try Build.today(environment: [:]).year >= 2024)
    }
}

@Suite struct NginxConfigTests {
    @Test func quotingEscapesBackslashesAndQuotes() {
        #expect(NginxConfig.quoted("/srv/a b") == "\"/srv/a b\"")
        #expect(NginxConfig.quoted("/srv/\"x\"\\y") == "\"/srv/\\\"x\\\"\\\\y\"")
    }

    @Test func aRootWithASpaceIsQuoted() throws {
        let config = try NginxConfig(root: "/srv/trang nội bộ/current", basePath: "/so-tay/")
        #expect(config.text.contains("root \"/srv/trang nội bộ/current\";"))
        #expect(config.text.contains("rewrite \"^/so-tay(/.*)$\" $1 last;"))
    }

    @Test(arguments: [
        ("--root", "relative/path"), ("--root", "/srv/a;b"), ("--root", "/srv/a{"), ("--root", "/srv/a}"),
        ("--root", "/srv/$document_root"), ("--root", "/srv/a\nb"), ("--root", "/srv/a\u{7F}"),
        ("--server-name", "a.example;"), ("--server-name", "a{"), ("--server-name", "a\nb"),
        ("--server-name", "~^www\\.(.+)$"), ("--server-name", ""), ("--server-name", "-a.example"),
        ("--server-name", "a..example"), ("--server-name", "\"a\""),
        ("--listen", "127.0.0.1;"), ("--listen", "127.0.0.1 {"), ("--listen", "127.0.0.1\n"),
        ("--listen", "localhost"), ("--listen", "unix:/run/x.sock"), ("--listen", "127.0.0.1:80"),
        ("--listen", "300.1.1.1"),
    ])
    func invalidOptionsAreRefusedNamingTheOption(option: String, value: String) {
        do {
            _ = try NginxConfig(
                root: option == "--root" ? value : "/srv/public",
                serverName: option == "--server-name" ? value : "_",
                address: option == "--listen" ? value : nil)
            Issue.record("\(option) \(value) was accepted")
        } catch {
            #expect(error.option == option)
            #expect(error.description.hasPrefix(option + " \""))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func validOptionsAreWrittenAsNginxReadsThem() throws {
        let config = try NginxConfig(
            root: "/srv/public", port: 8080, serverName: "so-tay.example *.example.org .example.net www.example.*",
            address: "::1")
        #expect(config.text.contains("listen [::1]:8080;"))
        #expect(config.text.contains("server_name so-tay.example *.example.org .example.net www.example.*;"))
        #expect(try NginxConfig(root: "/srv", address: "[::1]").address == "[::1]")
        #expect(try NginxConfig(root: "/srv", address: "127.0.0.1").address == "127.0.0.1")
        #expect(throws: InvalidNginxOption.self) { try NginxConfig(root: "/srv", basePath: "/a b/") }
    }

    @Test func everyAttachmentTypeIsMappedOnce() throws {
        let text = try NginxConfig(root: "/srv/public").text
        let extensions = NginxConfig.types.flatMap(\.extensions)
        #expect(Set(extensions).count == extensions.count)
        for kind in AttachmentKind.allCases {
            for name in kind.extensions {
                #expect(NginxConfig.types.contains { $0.mediaType == kind.mediaType && $0.extensions.contains(name) })
            }
            #expect(text.contains("        \(kind.mediaType) "))
        }
        let downloads = AttachmentKind.allCases.filter { !$0.isImage }.flatMap(\.extensions)
        let images = AttachmentKind.allCases.filter(\.isImage).flatMap(\.extensions)
        #expect(text.contains(NginxConfig.quoted(NginxConfig.attachmentPattern(downloads.sorted()))))
        #expect(text.contains(NginxConfig.quoted(NginxConfig.attachmentPattern(images.sorted()))))
        #expect(text.contains("add_header Content-Disposition attachment;"))
    }
}

extension PublishFailure {
    /// The system's failure it holds, if it is one.
    var systemError: SystemError? {
        switch self {
        case .system(let failure): failure
        case .refused, .output: nil
        }
    }
}
