import ChiboModel
import ChiboSupport

/// A folder a command is about to replace (`build --output`) or fill with releases (`publish --root`),
/// checked before anything is written. A build swaps its output folder as a whole, so an output that
/// is, holds or lies inside the content or theme folder, `/`, the home folder, or a folder of someone
/// else's files would lose data; each is refused. Symbolic links are followed first, so the checks
/// apply to the folder that would really change, and a link to a folder keeps being a link.
public struct OutputTarget: Sendable, Equatable {
    /// What the folder is for: the option that names it and what must be in it already.
    public enum Kind: Sendable {
        /// `build --output`: empty, or a previous output (it has a `.chibo-build` file).
        case outputFolder
        /// `publish --root`: empty, or a previous root (`releases/` and the `current` link).
        case releaseRoot

        var option: String { self == .outputFolder ? "--output" : "--root" }
    }

    /// The path as given.
    public let path: String
    /// The absolute path with every symbolic link in it followed: the folder that changes.
    public let resolved: String

    /// Checks `path` against the content and theme folders, `/`, the home folder and what the folder
    /// holds already; throws the refusal that says what writing there would have deleted.
    public init(
        _ path: String, kind: Kind, content: String, theme: String,
        homes: [String] = OutputTarget.homeFolders()
    ) throws(OutputRefusal) {
        self.path = path
        self.resolved = try Self.resolve(path, option: kind.option)
        let shown = resolved == path ? "" : " (\(resolved.printable))"
        let start = "refusing to \(kind == .outputFolder ? "build into" : "publish to") \(path.printable)\(shown)"
        let startVi = "không \(kind == .outputFolder ? "dựng vào" : "xuất bản vào") \(path.printable)\(shown)"
        if resolved == "/" {
            throw OutputRefusal(
                "\(start): it is the root folder /; \(kind.option) must name a folder of its own",
                "\(startVi): đây là thư mục gốc /; \(kind.option) phải chỉ một thư mục riêng")
        }
        for (name, nameVi, folder) in [("content", "nội dung", content), ("theme", "giao diện", theme)] {
            guard let other = try? Self.resolve(folder, option: "--\(name)") else { continue }
            let deleted = " (\(Self.summary(of: other)))"
            let deletedVi = " (\(Self.summary(of: other, in: .vi)))"
            if other == resolved {
                throw OutputRefusal(
                    "\(start): it is the \(name) folder; replacing it would delete the \(name)\(deleted)",
                    "\(startVi): đây là thư mục \(nameVi); thay thư mục này sẽ xóa mất \(nameVi)\(deletedVi)")
            }
            if Self.isInside(other, resolved) {
                throw OutputRefusal(
                    "\(start): it contains the \(name) folder \(other.printable); "
                        + "replacing it would delete the \(name)\(deleted)",
                    "\(startVi): thư mục này chứa thư mục \(nameVi) \(other.printable); thay nó sẽ xóa mất \(nameVi)\(deletedVi)"
                )
            }
            if Self.isInside(resolved, other) {
                throw OutputRefusal(
                    "\(start): it lies inside the \(name) folder \(other.printable), "
                        + "which would read it back as \(name); choose a folder outside it",
                    "\(startVi): thư mục này nằm trong thư mục \(nameVi) \(other.printable), nên sẽ bị đọc lại như "
                        + "\(nameVi); hãy chọn một thư mục ở ngoài")
            }
        }
        for home in homes where home == resolved {
            throw OutputRefusal(
                "\(start): it is the home folder; replacing it would delete \(Self.summary(of: home))",
                "\(startVi): đây là thư mục nhà; thay nó sẽ xóa mất \(Self.summary(of: home, in: .vi))")
        }
        switch kind {
        case .outputFolder:
            let foreign = Self.foreignEntries(output: resolved)
            guard foreign.isEmpty else {
                throw OutputRefusal(
                    "\(start): it is not a previous output (it has no .chibo-build file) and a build "
                        + "replaces it as a whole, which would delete \(Self.list(foreign)); "
                        + "empty it or choose another folder",
                    "\(startVi): đây không phải thư mục đầu ra của lần dựng trước (không có tệp .chibo-build), mà "
                        + "mỗi lần dựng thay cả thư mục, nên sẽ xóa mất \(Self.list(foreign, in: .vi)); hãy làm trống "
                        + "thư mục hoặc chọn thư mục khác")
            }
        case .releaseRoot:
            let foreign = Self.foreignEntries(root: resolved)
            guard foreign.isEmpty else {
                throw OutputRefusal(
                    "\(start): it holds what chibo did not make, \(Self.list(foreign)); a release root "
                        + "holds only releases/ (whose oldest folders publish deletes) and the current link; "
                        + "empty it or choose another folder",
                    "\(startVi): thư mục này chứa những thứ chibo không tạo ra, \(Self.list(foreign, in: .vi)); thư "
                        + "mục phát hành chỉ chứa releases/ (publish xóa các bản cũ nhất trong đó) và liên kết "
                        + "current; hãy làm trống thư mục hoặc chọn thư mục khác")
            }
        }
    }

    /// The folder `path` names with every symbolic link followed: the real path of its deepest
    /// existing ancestor, then the rest. A link to nothing, or a path through a file, is refused.
    public static func resolve(_ path: String, option: String = "--output") throws(OutputRefusal) -> String {
        var absolute = path
        if !absolute.hasPrefix("/") {
            guard let folder = try? Syscalls.currentFolder() else {
                throw OutputRefusal(
                    "cannot resolve \(option) \(path.printable): the current folder is unreadable",
                    "không xác định được \(option) \(path.printable): không đọc được thư mục hiện tại")
            }
            absolute = folder + "/" + path
        }
        var existing = absolute
        var rest: [Substring] = []
        while true {
            let kind: Syscalls.Kind?
            do {
                kind = try Syscalls.kind(existing)
            } catch {
                throw OutputRefusal(
                    "cannot use \(path.printable) as \(option): \(error.description)",
                    "không dùng được \(path.printable) làm \(option): \(error.vietnamese)")
            }
            if kind != nil { break }
            guard let slash = existing.lastIndex(of: "/") else { break }
            rest.insert(existing[existing.index(after: slash)...], at: 0)
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
        let real: String
        do {
            real = try Syscalls.realPath(existing)
        } catch {
            let target = Syscalls.linkTarget(existing).map { " to \($0.printable)" } ?? ""
            let targetVi = Syscalls.linkTarget(existing).map { " tới \($0.printable)" } ?? ""
            throw OutputRefusal(
                "refusing to use \(path.printable) as \(option): \(existing.printable) is a symbolic link\(target)"
                    + ", which cannot be followed (\(error.reason)); create the folder it names or remove the link",
                "không dùng \(path.printable) làm \(option): \(existing.printable) là một liên kết\(targetVi) không theo "
                    + "được (\(error.reason)); hãy tạo thư mục mà nó chỉ tới hoặc xóa liên kết")
        }
        var parts = real.split(separator: "/")
        for part in rest where part != "." && !part.isEmpty {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        if !rest.isEmpty, Syscalls.exists(real), !Syscalls.isFolder(real) {
            throw OutputRefusal(
                "cannot use \(path.printable) as \(option): \(real.printable) is a file, not a folder",
                "không dùng được \(path.printable) làm \(option): \(real.printable) là một tệp, không phải thư mục")
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `$HOME` and the user's home folder in the password database, resolved.
    public static func homeFolders() -> [String] {
        var homes: [String] = []
        if let home = Syscalls.environment("HOME") { homes.append(home) }
        if let home = Syscalls.homeFolderOfUser() { homes.append(home) }
        return homes.filter { !$0.isEmpty }.compactMap { try? resolve($0) }
    }

    /// Whether `path` lies strictly inside `folder` (both absolute and resolved).
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }

    /// What is in an existing output folder that no build made; empty when it is missing, empty or a
    /// previous output.
    static func foreignEntries(output: String) -> [String] {
        guard Syscalls.isFolder(output), let names = try? Syscalls.entries(output) else {
            return Syscalls.exists(output) ? [output] : []
        }
        if (try? Syscalls.kind(output + "/.chibo-build")) == .file { return [] }
        return names.sorted()
    }

    /// What is in an existing release root that `publish` did not make: anything but `releases/`
    /// (holding only release folders and staging folders), the `current` link, the lock and the
    /// temporary link made while switching.
    static func foreignEntries(root: String) -> [String] {
        guard Syscalls.isFolder(root), let names = try? Syscalls.entries(root) else {
            return Syscalls.exists(root) ? [root] : []
        }
        var foreign: [String] = []
        for name in names.sorted() {
            let kind = try? Syscalls.kind(root + "/" + name)
            switch name {
            case "releases" where Syscalls.isFolder(root + "/releases"):
                let releases = (try? Syscalls.entries(root + "/releases")) ?? []
                foreign += releases.sorted().filter { !Releases.isReleaseName($0) && !$0.hasPrefix(".new-") }
                    .map { "releases/" + $0 }
            case "current" where kind == .link, ".chibo.lock" where kind == .file: continue
            case _ where name.hasPrefix(".current-") && kind == .link: continue
            default: foreign.append(name)
            }
        }
        return foreign
    }

    /// `site.yaml, units.csv, meetings/ and 4 more (7 entries)`: a few names in a folder and the count.
    static func summary(of folder: String, in language: Language = .en) -> String {
        guard let names = try? Syscalls.entries(folder) else { return folder.printable }
        if names.isEmpty { return "\(folder.printable), \(language == .vi ? "thư mục trống" : "which is empty")" }
        return "\(folder.printable): \(list(names.sorted(), in: language))"
    }

    /// The first few names and how many there are in all.
    static func list(_ names: [String], in language: Language = .en) -> String {
        let shown = names.prefix(4).map(\.printable).joined(separator: ", ")
        if language == .vi {
            let more = names.count > 4 ? " và \(FieldValue.number(names.count - 4).text(in: .vi)) mục khác" : ""
            return "\(shown)\(more) (\(FieldValue.number(names.count).text(in: .vi)) mục)"
        }
        let more = names.count > 4 ? " and \(names.count - 4) more" : ""
        return "\(shown)\(more) (\(names.count) entr\(names.count == 1 ? "y" : "ies"))"
    }

}

/// Why a command will not write where it was told to: a usage error (exit status 2), found before
/// anything is written.
public struct OutputRefusal: UsageRefusal, Equatable {
    public var description: String
    public var vietnamese: String

    public init(_ description: String, _ vietnamese: String) {
        self.description = description
        self.vietnamese = vietnamese
    }
}
