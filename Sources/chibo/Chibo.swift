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
        abstract: say(
            "Builds the bloc committee's intranet site from its content folder.",
            "Dựng trang nội bộ của Đảng ủy Khối từ thư mục nội dung."),
        discussion: say(
            "Messages are in Vietnamese unless --lang en is given, or LANGUAGE, LC_ALL, LC_MESSAGES or LANG starts with en.",
            "Thông báo bằng tiếng Việt; thêm --lang en (hoặc đặt LANG=en_US.UTF-8) để xem bằng tiếng Anh."),
        subcommands: [
            BuildCommand.self, CheckCommand.self, ServeCommand.self, PublishCommand.self, RollbackCommand.self,
            NginxConfigCommand.self, HtpasswdCommand.self, PreviewBuildCommand.self,
        ],
        defaultSubcommand: BuildCommand.self
    )

    /// Usage errors exit with status 2, as the content format's command-line section says: a
    /// `UsageRefusal` thrown by any command, and the options that do not parse. `--lang` is taken out
    /// of the arguments first, anywhere it is: it sets the language of everything the run prints, the
    /// help included.
    static func main() {
        let arguments: [String]
        do {
            (Console.language, arguments) = try Console.language(from: Array(CommandLine.arguments.dropFirst()))
        } catch {
            Console.refuse(error)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let refusal as any UsageRefusal {
            Console.refuse(refusal)
        } catch {
            let code = exitCode(for: error)
            if code == .success && !(error is ExitCode) {
                // The help, the library's headings in the run's language.
                let help = fullMessage(for: error)
                guard !help.isEmpty else { exit(withError: error) }
                print(CommandLineText.help(help, in: Console.language))
                Foundation.exit(0)
            }
            if code.rawValue == 1 || error is ExitCode {
                exit(withError: error)
            }
            let text = CommandLineText.usageError(
                message: message(for: error), full: fullMessage(for: error), in: Console.language)
            Console.printLine(text)
            Foundation.exit(2)
        }
    }
}

struct PathOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(say("The content folder.", "Thư mục nội dung."), valueName: say("content", "thư-mục")))
    var content = "content"

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "The theme folder (default: site-theme beside the content folder).",
                "Thư mục giao diện (mặc định: site-theme bên cạnh thư mục nội dung)."),
            valueName: say("theme", "thư-mục")))
    var theme: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "The build date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today in Vietnam).",
                "Ngày dựng trang, YYYY-MM-DD (mặc định: SOURCE_DATE_EPOCH, nếu không có thì hôm nay theo giờ Việt Nam)."
            ), valueName: say("date", "ngày")),
        transform: { text in
            guard let day = Day(parsing: text) else {
                throw ValidationError(say("--date takes a date, YYYY-MM-DD", "--date cần một ngày, viết YYYY-MM-DD"))
            }
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
        commandName: "build",
        abstract: say(
            "Validate the content and publish the site into the output folder.",
            "Kiểm tra nội dung và xuất bản trang vào thư mục đầu ra."))

    @OptionGroup var paths: PathOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "The output folder, replaced as a whole only when the build succeeds.",
                "Thư mục đầu ra, chỉ được thay toàn bộ khi dựng thành công."), valueName: say("output", "thư-mục")))
    var output = "public"

    @Flag(
        name: .long,
        help: ArgumentHelp(
            say(
                "Leave out the .gz and .br copies of text files (a quick preview, or nginx compressing on the fly).",
                "Không tạo bản nén .gz và .br của các tệp văn bản (để xem nhanh, hoặc khi nginx tự nén).")))
    var noPrecompress = false

    @Flag(
        name: .long,
        help: ArgumentHelp(
            say(
                "Leave out the search index files (the search page stays); for benchmarks.",
                "Không tạo các tệp chỉ mục tìm kiếm (trang tìm kiếm vẫn còn); dùng khi đo hiệu năng.")))
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
            Console.printLine(
                say(
                    "error: cannot publish to \(output): \(error)",
                    "error: không xuất bản được vào \(output): \(Console.text(of: error))"
                ))
            throw ExitCode(1)
        }
        if report.unchanged {
            var warnings = Diagnostics()
            warnings.append(contentsOf: report.storedWarnings)
            Console.print(warnings)
            Console.printLine(
                say(
                    "nothing changed since \(output) was built; it is left as it is",
                    "không có gì thay đổi từ lần dựng \(output) trước; giữ nguyên"))
            return
        }
        Console.print(report.diagnostics)
        guard report.published else { throw ExitCode(1) }
        let number = { (value: Int) in FieldValue.number(value).text(in: .vi) }
        Console.printLine(
            say(
                "built \(report.pages) pages, \(report.fileCount) files into \(output) (\(report.written) written, "
                    + "\(report.reused) unchanged, \(report.kept) pages kept without rendering)",
                "đã dựng \(number(report.pages)) trang, \(number(report.fileCount)) tệp vào \(output) "
                    + "(\(number(report.written)) tệp được ghi, \(number(report.reused)) tệp không đổi, "
                    + "\(number(report.kept)) trang giữ nguyên không cần dựng lại)"))
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: say(
            "Validate the content and the theme without writing anything.",
            "Kiểm tra nội dung và giao diện, không ghi gì."))

    @OptionGroup var paths: PathOptions

    /// How `check` prints the diagnostics.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "text: one line per diagnostic on standard error; json: one JSON document on standard output "
                    + "(see docs/check-json.md).",
                "text: mỗi thông báo một dòng trên standard error; json: một tài liệu JSON trên standard output "
                    + "(xem docs/check-json.md)."), valueName: say("format", "dạng")))
    var format: Format = .text

    func run() throws {
        let report = try paths.build(output: "").check()
        switch format {
        case .text:
            Console.print(report.diagnostics)
        case .json:
            let json = report.diagnostics.json(language: Console.language)
            FileHandle.standardOutput.write(Data(json.utf8))
        }
        if report.diagnostics.hasErrors { throw ExitCode(1) }
    }
}

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: say(
            "Build into ROOT/releases/<time>/ and point ROOT/current at it atomically.",
            "Dựng vào ROOT/releases/<thời điểm>/ rồi chuyển ROOT/current sang bản đó trong một bước."))

    @OptionGroup var paths: PathOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "The folder that holds releases/ and the current link nginx serves.",
                "Thư mục chứa releases/ và liên kết current mà nginx phục vụ."), valueName: say("root", "thư-mục")))
    var root: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            say("How many releases to keep.", "Số bản phát hành được giữ lại."), valueName: say("keep", "số")))
    var keep = 5

    func validate() throws {
        guard keep >= 1 else { throw ValidationError(say("--keep must be 1 or more", "--keep phải từ 1 trở lên")) }
    }

    func run() throws {
        let report: Build.Outcome
        do {
            report = try paths.build(output: "").publish(root: root, keep: keep)
        } catch let refusal as any UsageRefusal {
            throw refusal
        } catch {
            Console.printLine(
                say(
                    "error: cannot publish to \(root): \(error)",
                    "error: không xuất bản được vào \(root): \(Console.text(of: error))"))
            throw ExitCode(1)
        }
        Console.print(report.diagnostics)
        guard report.published, let release = report.release else { throw ExitCode(1) }
        Console.printLine(
            say(
                "published release \(release); \(root)/current points at it",
                "đã xuất bản bản \(release); \(root)/current trỏ tới bản này"))
    }
}

struct RollbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: say(
            "Point ROOT/current back at the previous release.", "Chuyển ROOT/current về bản phát hành trước đó."))

    @Option(
        name: .long,
        help: ArgumentHelp(
            say("The folder that holds releases/ and the current link.", "Thư mục chứa releases/ và liên kết current."),
            valueName: say("root", "thư-mục"))
    )
    var root: String

    func run() throws {
        do {
            let release = try Releases(root: root).rollback()
            Console.printLine(
                say("\(root)/current now points at release \(release)", "\(root)/current giờ trỏ tới bản \(release)"))
        } catch {
            Console.printLine("error: \(Console.text(of: error))")
            throw ExitCode(1)
        }
    }
}

struct NginxConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nginx-config",
        abstract: say(
            "Print an nginx server block that serves the published site.",
            "In ra khối server của nginx để phục vụ trang đã xuất bản."))

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "The folder nginx serves: the output folder, or ROOT/current after `publish`.",
                "Thư mục nginx phục vụ: thư mục đầu ra, hoặc ROOT/current sau khi `publish`."),
            valueName: say("root", "thư-mục")))
    var root: String = "public"

    @Option(
        name: .long,
        help: ArgumentHelp(say("The port to listen on.", "Cổng lắng nghe."), valueName: say("port", "cổng")))
    var port = 80

    @Option(
        name: .long,
        help: ArgumentHelp(say("The server name.", "Tên máy chủ (server_name)."), valueName: say("server-name", "tên")))
    var serverName = "_"

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "The content folder, for its base_path and restricted folders.",
                "Thư mục nội dung, để đọc base_path và các thư mục hạn chế."), valueName: say("content", "thư-mục")))
    var content = "content"

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "Listen on this address only, e.g. 127.0.0.1 (default: every address).",
                "Chỉ lắng nghe trên địa chỉ này, ví dụ 127.0.0.1 (mặc định: mọi địa chỉ)."),
            valueName: say("listen", "địa-chỉ")))
    var listen: String?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            say(
                "Leave out brotli_static (when the brotli module is not installed).",
                "Bỏ brotli_static (khi chưa cài mô-đun brotli).")))
    var noBrotli = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "The password file for the folders `restricted:` names (make it with `chibo htpasswd FILE USER`).",
                "Tệp mật khẩu cho các thư mục mà `restricted:` liệt kê (tạo bằng `chibo htpasswd FILE USER`)."),
            valueName: say("htpasswd", "tệp")))
    var htpasswd: String?

    func validate() throws {
        guard (1...65535).contains(port) else {
            throw ValidationError(say("--port must be from 1 to 65535", "--port phải từ 1 đến 65535"))
        }
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
                say(
                    "error: nginx-config reads base_path and restricted from \(content)/site.yaml (--content DIR)",
                    "error: nginx-config đọc base_path và restricted từ \(content)/site.yaml (--content DIR)"))
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
                        say(
                            "note: \(file) does not exist yet; make it with `chibo htpasswd \(file) USER` before "
                                + "nginx serves the site",
                            "note: \(file) chưa có; hãy tạo bằng `chibo htpasswd \(file) USER` trước khi nginx "
                                + "phục vụ trang"))
                }
            case (let restriction?, nil):
                let folders = restriction.folders.map { "/" + $0.rawValue + "/" }.joined(separator: ", ")
                throw UsageProblem(
                    say(
                        "site.yaml restricts \(folders) to signed-in readers: give the password file with --htpasswd "
                            + "FILE (make it with `chibo htpasswd FILE USER`), or nginx would serve them to anyone",
                        "site.yaml chỉ cho người đã đăng nhập xem \(folders): hãy chỉ tệp mật khẩu bằng --htpasswd "
                            + "FILE (tạo bằng `chibo htpasswd FILE USER`), nếu không nginx sẽ cho bất kỳ ai xem"))
            case (nil, _?):
                throw UsageProblem(
                    say(
                        "--htpasswd is given but site.yaml has no `restricted:`, so nothing would ask for a password: "
                            + "name the folders in site.yaml (`restricted: {paths: [don-vi, bao-cao, data]}`) or leave "
                            + "out --htpasswd",
                        "có --htpasswd nhưng site.yaml không có `restricted:`, nên không có gì đòi mật khẩu: hãy liệt "
                            + "kê các thư mục trong site.yaml (`restricted: {paths: [don-vi, bao-cao, data]}`) hoặc "
                            + "bỏ --htpasswd"))
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

/// A usage error the command line finds after parsing, with the reason, already in the run's
/// language (`say`).
struct UsageProblem: UsageRefusal {
    var description: String
    var vietnamese: String { description }
    init(_ description: String) { self.description = description }
}

struct HtpasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "htpasswd",
        abstract: say(
            "Add a reader to nginx's password file, or give one a new password.",
            "Thêm người đọc vào tệp mật khẩu của nginx, hoặc đổi mật khẩu của một người."),
        discussion: say(
            "The password is read from the terminal without echo, twice; from standard input (one line) when "
                + "that is not a terminal. It is stored as a yescrypt hash, which nginx checks through the C "
                + "library. The file is replaced atomically and keeps its permissions and owner; a new one is "
                + "made 0640, group www-data when root runs this.",
            "Mật khẩu được gõ hai lần, không hiện lên màn hình; được đọc một dòng từ standard input khi không "
                + "gõ từ bàn phím. Mật khẩu được lưu dưới dạng băm yescrypt, loại mà nginx kiểm tra qua thư viện C. "
                + "Tệp được thay trong một bước và giữ nguyên quyền và chủ sở hữu; tệp mới có quyền 0640, nhóm "
                + "www-data khi chạy bằng root."))

    @Argument(
        help: ArgumentHelp(
            say(
                "The password file (as `chibo nginx-config --htpasswd` names it).",
                "Tệp mật khẩu (tệp mà `chibo nginx-config --htpasswd` chỉ tới)."), valueName: say("file", "tệp")))
    var file: String

    @Argument(
        help: ArgumentHelp(
            say("The user name readers sign in with.", "Tên người đọc dùng để đăng nhập."),
            valueName: say("user", "tên")))
    var user: String

    func validate() throws {
        if file.isEmpty {
            throw ValidationError(
                say(
                    "the password file is empty: give its path, e.g. /etc/nginx/chibo.htpasswd",
                    "chưa có tên tệp mật khẩu: hãy cho đường dẫn, ví dụ /etc/nginx/chibo.htpasswd"))
        }
        if file.hasSuffix("/") || Syscalls.isFolder(file) {
            throw ValidationError(
                say(
                    "\(file.printable) is a folder: give the path of the password file in it",
                    "\(file.printable) là một thư mục: hãy cho đường dẫn của tệp mật khẩu trong đó"))
        }
        if let problem = PasswordFile.userProblem(user, in: Console.language) {
            throw ValidationError(
                say(
                    "the user name \(MessageText.quoted(user)) \(problem)",
                    "tên người đọc \(MessageText.quoted(user)) \(problem)"))
        }
    }

    func run() throws {
        let user = self.user.precomposedStringWithCanonicalMapping
        let interactive = Syscalls.standardInputIsTerminal
        // The echo stays off from the first prompt to the last answer: nothing typed ahead is shown.
        let answer: Result<String, HtpasswdRefusal> = Syscalls.withoutEcho { ask in
            guard let password = ask(say("Password for \(user): ", "Mật khẩu cho \(user): ")) else {
                return .failure(
                    HtpasswdRefusal(say("no password on standard input", "không có mật khẩu trên standard input")))
            }
            if let problem = PasswordFile.passwordProblem(password, in: Console.language) {
                return .failure(HtpasswdRefusal(say("the password \(problem)", "mật khẩu \(problem)")))
            }
            if interactive, ask(say("The password again: ", "Nhập lại mật khẩu: ")) != password {
                return .failure(HtpasswdRefusal(say("the two passwords differ", "hai lần nhập mật khẩu không khớp")))
            }
            return .success(password)
        }
        let password: String
        switch answer {
        case .success(let typed): password = typed
        case .failure(let refusal):
            Console.printLine(
                say("error: \(refusal.reason); nothing was changed", "error: \(refusal.reason); không có gì thay đổi"))
            throw ExitCode(1)
        }
        do {
            let hash = try PasswordFile.hash(password)
            let outcome = try PasswordFile.set(path: file, user: user, hash: hash)
            switch outcome.change {
            case .created where outcome.groupSet:
                Console.printLine(
                    say(
                        "created \(file) with \(user) (mode 0640, group www-data)",
                        "đã tạo \(file) với \(user) (quyền 0640, nhóm www-data)"))
            case .created:
                Console.printLine(
                    say(
                        "created \(file) with \(user) (mode 0640); nginx's workers must be able to read it: "
                            + "chgrp www-data \(file)",
                        "đã tạo \(file) với \(user) (quyền 0640); các tiến trình của nginx phải đọc được tệp này: "
                            + "chgrp www-data \(file)"))
            case .added: Console.printLine(say("added \(user) to \(file)", "đã thêm \(user) vào \(file)"))
            case .replaced:
                Console.printLine(
                    say("changed the password of \(user) in \(file)", "đã đổi mật khẩu của \(user) trong \(file)"))
            }
            if outcome.ownerLost {
                Console.printLine(
                    say(
                        "note: \(file) now belongs to you, and its group may have changed (only root keeps another "
                            + "user's): nginx's workers must still be able to read it (ls -l \(file))",
                        "note: \(file) giờ thuộc về bạn, và nhóm của nó có thể đã đổi (chỉ root mới giữ được chủ sở "
                            + "hữu của người khác): các tiến trình của nginx vẫn phải đọc được tệp (ls -l \(file))"))
            }
        } catch {
            Console.printLine("error: \(Console.text(of: error))")
            throw ExitCode(1)
        }
    }
}

/// The text in the run's language (`Console.language`): the help, the progress lines, the refusals.
func say(_ english: String, _ vietnamese: String) -> String {
    Console.say(english, vietnamese)
}

/// Diagnostics on standard error, one per line, coloured only on a terminal.
enum Console {
    static var isTerminal: Bool { Syscalls.standardErrorIsTerminal }

    /// The language of the run: `--lang`, else the locale's (`Language.chosen`). Set once, first
    /// thing in `main`, before any other thread starts.
    nonisolated(unsafe) static var language = Language.vi

    /// The language `--lang LANG` (or `--lang=LANG`) names, else the environment's, and the arguments
    /// without the option.
    static func language(from arguments: [String]) throws(UsageProblem) -> (Language, [String]) {
        var rest: [String] = []
        var option: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                rest += arguments[index...]
                break
            }
            if argument == "--lang" || argument.hasPrefix("--lang=") {
                let value =
                    argument == "--lang"
                    ? (index + 1 < arguments.count ? arguments[index + 1] : "") : String(argument.dropFirst(7))
                guard Language(naming: value) != nil else {
                    // The language of the refusal: the environment's.
                    language = Language.chosen(option: nil, environment: ProcessInfo.processInfo.environment)
                    throw UsageProblem(
                        say(
                            "--lang takes vi or en, not \(MessageText.quoted(value))",
                            "--lang cần vi hoặc en, không phải \(MessageText.quoted(value))"))
                }
                option = value
                index += argument == "--lang" ? 2 : 1
                continue
            }
            rest.append(argument)
            index += 1
        }
        return (Language.chosen(option: option, environment: ProcessInfo.processInfo.environment), rest)
    }

    /// The text in the run's language.
    static func say(_ english: String, _ vietnamese: String) -> String {
        language == .vi ? vietnamese : english
    }

    static func print(_ diagnostics: Diagnostics) {
        for diagnostic in diagnostics.sorted {
            let colour = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
            printLine(diagnostic.line(language: language, colour: isTerminal ? (colour, "\u{1B}[0m") : nil))
        }
        let errors = diagnostics.errors.count
        if errors > 0 {
            printLine(
                say(
                    "\(errors) error\(errors == 1 ? "" : "s"); nothing was published",
                    "\(FieldValue.number(errors).text(in: .vi)) lỗi; chưa xuất bản gì"))
        }
    }

    /// An error in the run's language: its Vietnamese when it has one (`SaidInVietnamese`).
    static func text(of error: any Error) -> String {
        if language == .vi, let said = error as? any SaidInVietnamese { return said.vietnamese }
        return String(describing: error)
    }

    /// A line on standard error: every message of the tool, diagnostics and summaries alike.
    static func printLine(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Ends the command for a usage error: `error: ...` on standard error, exit status 2.
    static func refuse(_ refusal: any UsageRefusal) -> Never {
        printLine("error: " + text(of: refusal))
        Foundation.exit(2)
    }

}

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: say(
            "Serve a live preview that rebuilds on every change and shows the errors on the pages.",
            "Mở bản xem trước, tự dựng lại mỗi khi nội dung thay đổi và hiện lỗi ngay trên trang."))

    @OptionGroup var paths: PathOptions

    @Option(
        name: .long, help: ArgumentHelp(say("The port to serve on.", "Cổng phục vụ."), valueName: say("port", "cổng")))
    var port = 1313

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "The address to listen on, IPv4 or IPv6 (::1 or [::1]); 127.0.0.1, this computer only, unless told. "
                    + "Any other address needs --htpasswd.",
                "Địa chỉ lắng nghe, IPv4 hoặc IPv6 (::1 hoặc [::1]); mặc định 127.0.0.1, chỉ máy này. Địa chỉ khác "
                    + "cần --htpasswd."), valueName: say("listen", "địa-chỉ")))
    var listen = "127.0.0.1"

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "The password file the preview asks readers' names and passwords from (HTTP Basic), the one nginx "
                    + "uses (make it with `chibo htpasswd FILE USER`); needed on any address but 127.0.0.1 and ::1.",
                "Tệp mật khẩu để bản xem trước hỏi tên và mật khẩu (HTTP Basic), chính là tệp của nginx (tạo bằng "
                    + "`chibo htpasswd FILE USER`); bắt buộc với mọi địa chỉ trừ 127.0.0.1 và ::1."),
            valueName: say("htpasswd", "tệp")))
    var htpasswd: String?

    @Option(
        name: .customLong("host"),
        help: ArgumentHelp(
            say(
                "A host name the preview answers as, besides its address (the server's name on the office network).",
                "Tên máy mà bản xem trước chấp nhận, ngoài địa chỉ của nó (tên máy chủ trong mạng cơ quan)."),
            valueName: say("host", "tên-máy")))
    var hosts: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            say(
                "The most seconds one build may take before it is stopped (default: ten times the last build, 60 to "
                    + "1800).",
                "Số giây tối đa cho một lần dựng trước khi bị dừng (mặc định: mười lần thời gian lần dựng trước, từ "
                    + "60 đến 1800)."), valueName: say("build-timeout", "giây")))
    var buildTimeout: Int?

    func validate() throws {
        guard (1...65535).contains(port) else {
            throw ValidationError(say("--port must be from 1 to 65535", "--port phải từ 1 đến 65535"))
        }
        if let buildTimeout, !(1...86_400).contains(buildTimeout) {
            throw ValidationError(
                say("--build-timeout must be from 1 to 86400 seconds", "--build-timeout phải từ 1 đến 86400 giây"))
        }
    }

    func run() throws {
        let access: PreviewAccess
        let passwords: PreviewPasswords?
        do {
            access = try PreviewAccess(listen: listen, htpasswd: htpasswd, hosts: hosts, language: Console.language)
            passwords = try access.passwordFile.map { file throws(PreviewPasswords.Problem) in
                try PreviewPasswords(path: file)
            }
        } catch let problem as PreviewPasswords.Problem {
            throw UsageProblem(say(problem.description, problem.vietnamese))
        } catch {
            // PreviewAccess.Refusal, already in the run's language.
            throw UsageProblem(String(describing: error))
        }
        // The build date: --date, else SOURCE_DATE_EPOCH, else today in Vietnam at each rebuild.
        let fixed: Day?
        do {
            fixed =
                try paths.date
                ?? (ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] == nil ? nil : Build.today())
        } catch let refusal as any UsageRefusal {
            throw refusal
        } catch {
            throw UsageProblem(String(describing: error))
        }
        // What the preview writes is the site, restricted folders included: for this user alone.
        Syscalls.makeFilesPrivate()
        let preview: Preview
        do {
            preview = try Preview(
                contentPath: paths.content, themePath: paths.theme, buildTimeLimit: buildTimeout.map(Double.init),
                language: Console.language)
        } catch {
            Console.printLine("error: \(Console.text(of: error))")
            throw ExitCode(1)
        }
        preview.removeOnCrash()
        let port = UInt16(port)
        let server = Thread {
            do throws(Preview.CannotListen) {
                try preview.run(
                    address: access.address, port: port, hostNames: access.hostNames, passwords: passwords,
                    today: { fixed ?? (try? Build.today()) ?? Build().buildDate }, log: { Console.printLine($0) })
            } catch {
                preview.stop()
                Console.refuse(error)
            }
        }
        server.start()
        // Ctrl-C, SIGTERM and SIGHUP remove the private folder of the site and end the preview.
        let signals = Syscalls.onTermination { _ in
            preview.stop()
            Console.printLine(say("stopped", "đã dừng"))
            Syscalls.exitNow(0)
        }
        withExtendedLifetime(signals) { dispatchMain() }
    }
}

/// The preview's builds in a child process (see `PreviewBuild`): not for people, so not in the help.
struct PreviewBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview-build", abstract: "The builds of chibo serve, in their own process.",
        shouldDisplay: false)

    @Option(name: .long, help: "The content folder.")
    var content = "content"

    @Option(name: .long, help: "The theme folder.")
    var theme: String?

    @Option(name: .long, help: "The preview's private folder.")
    var folder: String

    @Option(name: .long, help: "The process id of the preview that started this process.")
    var parent: Int32

    func run() throws {
        let status = PreviewBuild.serveInChild(content: content, theme: theme, folder: folder, parent: parent)
        if status != 0 { throw ExitCode(status) }
    }
}
