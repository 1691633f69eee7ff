import ChiboModel
import ChiboSite
import ChiboSupport
import Foundation

/// One build of the preview, in a child process (`chibo preview-build`, a command not listed in the
/// help): the child builds as `chibo build` does, without the compressed copies, and writes what it
/// found into a report the preview reads. Content that crashes or hangs a reader ends the child, and
/// the preview, still running, says so and builds again when a file changes.
public enum PreviewBuild {
    /// What the child reports.
    struct Report: Codable, Sendable {
        var pages = 0
        var kept = 0
        var basePath = "/"
        var diagnostics: [Diagnostic] = []
        /// The output could not be written: the system's reason.
        var failure: String?
    }

    enum Outcome: Sendable {
        case finished(Report)
        /// The child ended without a report: killed by a signal, or stopped at its time limit.
        case stopped(en: String, vi: String)
    }

    /// The child's side: builds `content` into `output` and writes the report to `report`; the exit
    /// status is 0 whenever the report was written.
    public static func runInChild(
        content: String, theme: String?, output: String, date: Day, report: String, parent: Int32
    ) -> Int32 {
        // Nothing outlives the preview, nothing is made that another user could read, and nothing is
        // made outside the preview's private folder: the folder of the output must be there, a folder
        // (not a link) of this user's, mode 0700. When the preview has ended and removed it, the build
        // stops here rather than make it again.
        Syscalls.makeFilesPrivate()
        guard Syscalls.dieWithParent(parent) else { return 1 }
        let folder = output.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        guard (try? Syscalls.kind(folder)) == .folder, let owner = try? Syscalls.ownership(folder),
            owner.user == Syscalls.userID, owner.mode & 0o077 == 0
        else { return 1 }
        var build = Build(contentPath: content, themePath: theme, outputPath: output, buildDate: date)
        build.precompress = false
        var result = Report()
        do {
            let outcome = try build.run()
            result.diagnostics = outcome.diagnostics.sorted
            result.pages = outcome.pages
            result.kept = outcome.kept
        } catch {
            result.failure = "\(error)"
        }
        result.basePath = build.readBasePath()
        do {
            let data = try JSONEncoder().encode(result)
            try Syscalls.writeFile(report, [UInt8](data))
            return 0
        } catch {
            return 1
        }
    }

    /// The preview's side: runs the child and waits for it at most `seconds`.
    static func runChild(
        content: String, theme: String?, output: String, date: Day, folder: String, seconds: Double,
        running: (Int32) -> Void
    ) -> Outcome {
        let report = folder + "/report.json"
        try? Syscalls.remove(report)
        guard let executable = Syscalls.executablePath() else {
            return .stopped(en: "chibo's own program is not found", vi: "không tìm thấy chương trình chibo")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "preview-build", "--content", content, "--output", output, "--report", report, "--date",
                date.description, "--parent", String(Syscalls.processID),
            ] + (theme.map { ["--theme", $0] } ?? [])
        var environment = ProcessInfo.processInfo.environment
        // A crash ends the child at once, without Swift's backtrace on the preview's terminal.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            return .stopped(
                en: "chibo could not start a build: \(error.localizedDescription)",
                vi: "chibo không bắt đầu dựng trang được: \(error.localizedDescription)")
        }
        running(process.processIdentifier)
        defer { running(0) }
        if ended.wait(timeout: .now() + seconds) == .timedOut {
            Syscalls.kill(process.processIdentifier)
            ended.wait()
            return .stopped(
                en: "it took more than \(Int(seconds)) seconds",
                vi: "quá \(FieldValue.number(Int(seconds)).text(in: .vi)) giây")
        }
        if process.terminationReason == .uncaughtSignal {
            return .stopped(
                en: "chibo's reader crashed: signal \(process.terminationStatus)",
                vi: "bộ đọc của chibo bị lỗi đột ngột: tín hiệu \(process.terminationStatus)")
        }
        guard let bytes = try? Syscalls.readFile(report),
            let decoded = try? JSONDecoder().decode(Report.self, from: Data(bytes))
        else {
            return .stopped(
                en: "the build ended with status \(process.terminationStatus) and no report",
                vi: "lần dựng kết thúc với mã \(process.terminationStatus) mà không có báo cáo")
        }
        return .finished(decoded)
    }
}
