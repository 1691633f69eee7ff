import ArgumentParser
import ChiboModel
import ChiboPreview
import ChiboSite
import ChiboSupport
import Foundation

@main
struct Chibo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chibo",
        abstract: "Builds the bloc committee's intranet site from its content folder.",
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, PublishCommand.self, RollbackCommand.self,
            NginxConfigCommand.self, HtpasswdCommand.self, PreviewBuildCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )

    /// Usage errors exit with status 2, as the content format's command-line section says: a
    /// `UsageRefusal` thrown by any command, and the options that do not parse.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let refusal as any UsageRefusal {
            Console.refuse(refusal)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 1 || error is ExitCode {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

struct PathOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    var content = "content"

    @Option(name: .long, help: "The theme folder (default: site-theme beside the content folder).")
    var theme: String?

    @Option(
        name: .long,
        help: "The build date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today in Vietnam).",
        transform: { text in
            guard let day = Day(parsing: text) else { throw ValidationError("--date takes a date, YYYY-MM-DD") }
            return day
        })
    var date: Day?

    /// The build these options describe; an invalid `SOURCE_DATE_EPOCH` (when there is no `--date`) is a
    /// usage error.
    func build(output: String) throws -> Build {
        let day = try date ?? Build.today()
        return Build(contentPath: content, themePath: theme, outputPath: output, buildDate: day)
    }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Validate the content and publish the site into the output folder.")

    @OptionGroup var paths: PathOptions

    @Option(name: .long, help: "The output folder, replaced as a whole only when the build succeeds.")
    var output = "public"

    @Flag(
        name: .long,
        help: "Leave out the .gz and .br copies of text files (a quick preview, or nginx compressing on the fly).")
    var noPrecompress = false

    @Flag(name: .long, help: "Leave out the search index files (the search page stays); for benchmarks.")
    var noSearch = false

    func run() throws {
        var build = try paths.build(output: output)
        build.precompress = !noPrecompress
        build.search = !noSearch
        let report: Build.Outcome
        do {
            report = try build.run()
        } catch let refusal as any UsageRefusal {
            throw refusal
        } catch {
            Console.printLine("error: cannot publish to \(output): \(error)")
            throw ExitCode(1)
        }
        if report.unchanged {
            for warning in report.storedWarnings { Console.printLine(warning) }
            Console.printLine("nothing changed since \(output) was built; it is left as it is")
            return
        }
        Console.print(report.diagnostics)
        guard report.published else { throw ExitCode(1) }
        Console.printLine(
            "built \(report.pages) pages, \(report.fileCount) files into \(output) (\(report.written) written, "
                + "\(report.reused) unchanged, \(report.kept) pages kept without rendering)")
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the content and the theme without writing anything.")

    @OptionGroup var paths: PathOptions

    func run() throws {
        let report = try paths.build(output: "").check()
        Console.print(report.diagnostics)
        if report.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Build into ROOT/releases/<time>/ and point ROOT/current at it atomically.")

    @OptionGroup var paths: PathOptions

    @Option(name: .long, help: "The folder that holds releases/ and the current link nginx serves.")
    var root: String

    @Option(name: .long, help: "How many releases to keep.")
    var keep = 5

    func validate() throws {
        guard keep >= 1 else { throw ValidationError("--keep must be 1 or more") }
    }

    func run() throws {
        let report: Build.Outcome
        do {
            report = try paths.build(output: "").publish(root: root, keep: keep)
        } catch let refusal as any UsageRefusal {
            throw refusal
        } catch {
            Console.printLine("error: cannot publish to \(root): \(error)")
            throw ExitCode(1)
        }
        Console.print(report.diagnostics)
        guard report.published, let release = report.release else { throw ExitCode(1) }
        Console.printLine("published release \(release); \(root)/current points at it")
    }
}

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback", abstract: "Point ROOT/current back at the previous release.")

    @Option(name: .long, help: "The folder that holds releases/ and the current link.")
    var root: String

    func run() throws {
        do {
            let release = try Releases(root: root).rollback()
            Console.printLine("\(root)/current now points at release \(release)")
        } catch {
            Console.printLine("error: \(error)")
            throw ExitCode(1)
        }
    }
}

struct NginxConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nginx-config", abstract: "Print an nginx server block that serves the published site.")

    @Option(name: .long, help: "The folder nginx serves: the output folder, or ROOT/current after `publish`.")
    var root: String = "public"

    @Option(name: .long, help: "The port to listen on.")
    var port = 80

    @Option(name: .long, help: "The server name.")
    var serverName = "_"

    @Option(name: .long, help: "The content folder, for its base_path and restricted folders.")
    var content = "content"

    @Option(name: .long, help: "Listen on this address only, e.g. 127.0.0.1 (default: every address).")
    var listen: String?

    @Flag(name: .long, help: "Leave out brotli_static (when the brotli module is not installed).")
    var noBrotli = false

    @Option(
        name: .long,
        help: "The password file for the folders `restricted:` names (make it with `chibo htpasswd FILE USER`).")
    var htpasswd: String?

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
    }

    func run() throws {
        let absolute = Self.absolutePath(root)
        let passwordFile = htpasswd.map(Self.absolutePath)
        // The options first: a wrong one is named before anything is read.
        _ = try NginxConfig(root: absolute, port: port, serverName: serverName, brotli: !noBrotli, address: listen)
        _ = try passwordFile.map { try NginxConfig.validRoot($0, option: "--htpasswd") }
        // The base path and the restricted folders come from site.yaml: a block made without them
        // would serve the restricted folders to anyone, so a site.yaml that does not read stops here.
        let (read, diagnostics) = Build(contentPath: content).readSettings()
        guard let settings = read, !diagnostics.hasErrors else {
            Console.print(diagnostics)
            Console.printLine(
                "error: nginx-config reads base_path and restricted from \(content)/site.yaml (--content DIR)")
            throw ExitCode(read == nil && diagnostics.items.contains { $0.code == .fileMissing } ? 2 : 1)
        }
        do {
            // Every refusal here (InvalidNginxOption, UsageProblem) goes on to `main` as it is.
            var config = try NginxConfig(
                root: absolute, port: port, serverName: serverName, basePath: settings.basePath, brotli: !noBrotli,
                address: listen)
            switch (settings.restricted, passwordFile) {
            case (let restriction?, let file?):
                config = try config.restricting(restriction, passwordFile: file)
                if !Syscalls.exists(file) {
                    Console.printLine(
                        "note: \(file) does not exist yet; make it with `chibo htpasswd \(file) USER` before nginx "
                            + "serves the site")
                }
            case (let restriction?, nil):
                let folders = restriction.folders.map { "/" + $0.rawValue + "/" }.joined(separator: ", ")
                throw UsageProblem(
                    "site.yaml restricts \(folders) to signed-in readers: give the password file with --htpasswd "
                        + "FILE (make it with `chibo htpasswd FILE USER`), or nginx would serve them to anyone")
            case (nil, _?):
                throw UsageProblem(
                    "--htpasswd is given but site.yaml has no `restricted:`, so nothing would ask for a password: "
                        + "name the folders in site.yaml (`restricted: {paths: [don-vi, bao-cao, data]}`) or leave "
                        + "out --htpasswd")
            case (nil, nil): break
            }
            print(config.text, terminator: "")
        }
    }

    static func absolutePath(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}

/// Why `chibo htpasswd` changes nothing: the password is missing, too short or mistyped.
struct HtpasswdRefusal: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// A usage error the command line finds after parsing, with the reason.
struct UsageProblem: UsageRefusal {
    var description: String
    init(_ description: String) { self.description = description }
}

struct HtpasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "htpasswd",
        abstract: "Add a reader to nginx's password file, or give one a new password.",
        discussion: """
            The password is read from the terminal without echo, twice; from standard input (one line) when \
            that is not a terminal. It is stored as a yescrypt hash, which nginx checks through the C \
            library. The file is replaced atomically and keeps its permissions and owner; a new one is \
            made 0640, group www-data when root runs this.
            """)

    @Argument(help: "The password file (as `chibo nginx-config --htpasswd` names it).")
    var file: String

    @Argument(help: "The user name readers sign in with.")
    var user: String

    func validate() throws {
        if file.isEmpty {
            throw ValidationError("the password file is empty: give its path, e.g. /etc/nginx/chibo.htpasswd")
        }
        if file.hasSuffix("/") || Syscalls.isFolder(file) {
            throw ValidationError("\(file.printable) is a folder: give the path of the password file in it")
        }
        if let problem = PasswordFile.userProblem(user) {
            throw ValidationError("the user name \(MessageText.quoted(user)) \(problem)")
        }
    }

    func run() throws {
        let user = self.user.precomposedStringWithCanonicalMapping
        let interactive = Syscalls.standardInputIsTerminal
        // The echo stays off from the first prompt to the last answer: nothing typed ahead is shown.
        let answer: Result<String, HtpasswdRefusal> = Syscalls.withoutEcho { ask in
            guard let password = ask("Mật khẩu cho \(user): ") else {
                return .failure(HtpasswdRefusal("no password on standard input"))
            }
            if let problem = PasswordFile.passwordProblem(password) {
                return .failure(HtpasswdRefusal("the password \(problem)"))
            }
            if interactive, ask("Nhập lại mật khẩu: ") != password {
                return .failure(HtpasswdRefusal("the two passwords differ"))
            }
            return .success(password)
        }
        let password: String
        switch answer {
        case .success(let typed): password = typed
        case .failure(let refusal):
            Console.printLine("error: \(refusal.reason); nothing was changed")
            throw ExitCode(1)
        }
        do {
            let hash = try PasswordFile.hash(password)
            let outcome = try PasswordFile.set(path: file, user: user, hash: hash)
            switch outcome.change {
            case .created where outcome.groupSet:
                Console.printLine("created \(file) with \(user) (mode 0640, group www-data)")
            case .created:
                Console.printLine(
                    "created \(file) with \(user) (mode 0640); nginx's workers must be able to read it: "
                        + "chgrp www-data \(file)")
            case .added: Console.printLine("added \(user) to \(file)")
            case .replaced: Console.printLine("changed the password of \(user) in \(file)")
            }
            if outcome.ownerLost {
                Console.printLine(
                    "note: \(file) now belongs to you, and its group may have changed (only root keeps another "
                        + "user's): nginx's workers must still be able to read it (ls -l \(file))")
            }
        } catch {
            Console.printLine("error: \(error)")
            throw ExitCode(1)
        }
    }
}

/// Diagnostics on standard error, one per line, coloured only on a terminal.
enum Console {
    static var isTerminal: Bool { Syscalls.standardErrorIsTerminal }

    static func print(_ diagnostics: Diagnostics) {
        for diagnostic in diagnostics.sorted {
            let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
            printLine(diagnostic.line(colour: isTerminal ? (colour, "\u{1B}[0m") : nil))
        }
        let errors = diagnostics.errors.count
        if errors > 0 { printLine("\(errors) error\(errors == 1 ? "" : "s"); nothing was published") }
    }

    /// A line on standard error: every message of the tool, diagnostics and summaries alike.
    static func printLine(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Ends the command for a usage error: `error: ...` on standard error, exit status 2.
    static func refuse(_ refusal: any UsageRefusal) -> Never {
        printLine("error: \(refusal)")
        Foundation.exit(2)
    }

}

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a live preview that rebuilds on every change and shows the errors on the pages.")

    @OptionGroup var paths: PathOptions

    @Option(name: .long, help: "The port to serve on.")
    var port = 1313

    @Option(name: .long, help: "The IPv4 address to listen on; 127.0.0.1, this computer only, unless told.")
    var listen = "127.0.0.1"

    @Option(
        name: .long,
        help:
            "The most seconds one build may take before it is stopped (default: ten times the last build, 60 to 1800).")
    var buildTimeout: Int?

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        guard Syscalls.isIPv4Address(listen) else { throw ValidationError("--listen takes an IPv4 address") }
        if let buildTimeout, !(1...86_400).contains(buildTimeout) {
            throw ValidationError("--build-timeout must be from 1 to 86400 seconds")
        }
    }

    func run() throws {
        // The build date: --date, else SOURCE_DATE_EPOCH, else today in Vietnam at each rebuild.
        let fixed =
            try paths.date
            ?? (ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] == nil ? nil : Build.today())
        // The preview asks nobody for a password: beyond this computer, restricted folders would be open.
        if !listen.hasPrefix("127."),
            let restriction = Build(contentPath: paths.content).readSettings().settings?.restricted
        {
            let folders = restriction.folders.map { "/" + $0.rawValue + "/" }.joined(separator: ", ")
            Console.printLine(
                "warning: the preview serves \(folders) without a password to anyone who reaches \(listen):\(port); "
                    + "`restricted:` is enforced by nginx (chibo nginx-config --htpasswd), not by chibo serve")
        }
        // What the preview writes is the site, restricted folders included: for this user alone.
        Syscalls.makeFilesPrivate()
        let preview: Preview
        do {
            preview = try Preview(
                contentPath: paths.content, themePath: paths.theme, buildTimeLimit: buildTimeout.map(Double.init))
        } catch {
            Console.printLine("error: \(error)")
            throw ExitCode(1)
        }
        preview.removeOnCrash()
        let (address, port) = (listen, UInt16(port))
        let server = Thread {
            do throws(Preview.CannotListen) {
                try preview.run(
                    address: address, port: port, today: { fixed ?? (try? Build.today()) ?? Build().buildDate },
                    log: { Console.printLine($0) })
            } catch {
                preview.stop()
                Console.refuse(error)
            }
        }
        server.start()
        // Ctrl-C, SIGTERM and SIGHUP remove the private folder of the site and end the preview.
        let signals = Syscalls.onTermination { _ in
            preview.stop()
            Console.printLine("stopped")
            Syscalls.exitNow(0)
        }
        withExtendedLifetime(signals) { dispatchMain() }
    }
}

/// The preview's build in a child process (see `PreviewBuild`): not for people, so not in the help.
struct PreviewBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview-build", abstract: "One build of chibo serve, in its own process.", shouldDisplay: false)

    @OptionGroup var paths: PathOptions

    @Option(name: .long, help: "The output folder.")
    var output: String

    @Option(name: .long, help: "Where the report of the build goes.")
    var report: String

    @Option(name: .long, help: "The process id of the preview that started this build.")
    var parent: Int32

    func run() throws {
        let day = try paths.build(output: output).buildDate
        let status = PreviewBuild.runInChild(
            content: paths.content, theme: paths.theme, output: output, date: day, report: report, parent: parent)
        if status != 0 { throw ExitCode(status) }
    }
}
