import ChiboModel
import ChiboSupport
import Yams

/// Reads `guidance/**/*.md` (front matter and Markdown body) and the other files beside them.
enum GuidanceLoader {
    static let folder = "guidance"
    static let indexFile = "_index.md"

    struct Result {
        var sections: [GuidanceSection] = []
        var documents: [GuidanceDocument] = []
        var staticFiles: [StaticFile] = []
        var unreadable: Set<String> = []
        /// The real paths of the folders walked, so that no folder is walked twice (a loop of links).
        var walked: Set<String> = []
        /// Documents found by the walk, read afterwards on every core: source path and slug path.
        var pending: [(path: String, slugPath: [String])] = []
    }

    static func load(_ content: ContentFolder, diagnostics: inout Diagnostics) -> Result {
        var result = Result()
        guard content.isDirectory(folder) else { return result }
        if content.isLink(folder), let problem = linkProblem(content, folder, isDirectory: true) {
            diagnostics.error(SourceLocation(file: folder), problem)
            return result
        }
        if let real = try? content.resolve(folder) { result.walked.insert(real) }
        walk(content, path: folder, slugPath: [], into: &result, diagnostics: &diagnostics)
        let read = Parallel.map(result.pending) { job in
            var diagnostics = Diagnostics()
            let document = readDocument(content, job.path, slugPath: job.slugPath, diagnostics: &diagnostics)
            return (document: document, diagnostics: diagnostics)
        }
        for (job, outcome) in zip(result.pending, read) {
            diagnostics.append(contentsOf: outcome.diagnostics)
            if let document = outcome.document {
                result.documents.append(document)
            } else {
                result.unreadable.insert(job.path)
            }
        }
        result.pending = []
        // A `slug:` in front matter may take a URL that another page or a section already has.
        var owners: [[String]: String] = [:]
        for section in result.sections { owners[section.slugPath] = section.sourcePath }
        // A section's long list of documents goes on in `trang-2/`, `trang-3/`, ... below it.
        var listed: [[String]: Int] = [:]
        for document in result.documents { listed[Array(document.slugPath.dropLast()), default: 0] += 1 }
        for (path, slugs) in result.sections.map({ ($0.sourcePath, $0.slugPath) })
            + result.documents.map({ ($0.sourcePath, $0.slugPath) })
        where slugs.last.map({ ListPages.isPage($0, of: listed[Array(slugs.dropLast())] ?? 0) }) ?? false {
            diagnostics.error(
                SourceLocation(file: path),
                .urlIsListPage(
                    "/\(slugs.joined(separator: "/"))/", listed: listed[Array(slugs.dropLast())] ?? 0,
                    perPage: ListPages.rows))
        }
        for document in result.documents.sorted(by: { $0.sourcePath < $1.sourcePath }) {
            if let owner = owners[document.slugPath] {
                diagnostics.error(
                    SourceLocation(file: document.sourcePath),
                    .urlOwned("/\(document.slugPath.joined(separator: "/"))/", owner: owner))
            } else {
                owners[document.slugPath] = document.sourcePath
            }
        }
        return result
    }

    private static func walk(
        _ content: ContentFolder, path: String, slugPath: [String], into result: inout Result,
        diagnostics: inout Diagnostics
    ) {
        var section = GuidanceSection(
            sourcePath: path, slugPath: slugPath, title: slugPath.last.map(humanize) ?? "")
        let entries = content.list(path).filter { $0 != indexFile }.map { name in
            Entry(name: name, isDirectory: content.isDirectory(path + "/" + name))
        }
        // Of two names that become one URL, the one already spelt as the URL keeps it.
        var slugOwners: [String: String] = [:]
        for entry in entries where !entry.slug.isEmpty {
            if slugOwners[entry.slug] == nil || entry.isSpeltAsSlug { slugOwners[entry.slug] = entry.name }
        }
        if content.list(path).contains(indexFile) {
            readSectionIndex(content, path + "/" + indexFile, into: &section, diagnostics: &diagnostics)
        }
        for entry in entries {
            let (name, isDirectory, slug) = (entry.name, entry.isDirectory, entry.slug)
            let relative = path + "/" + name
            guard !slug.isEmpty else {
                diagnostics.error(SourceLocation(file: relative), .emptyURLName(name))
                continue
            }
            if let problem = Folding.urlLengthProblem(slugPath + [slug]) {
                diagnostics.error(SourceLocation(file: relative), problem)
                result.unreadable.insert(relative)
                continue
            }
            if let owner = slugOwners[slug], !owner.utf8.elementsEqual(name.utf8) {
                diagnostics.error(
                    SourceLocation(file: relative), .sameSlug(name, owner, slug: slug, lookAlike: name == owner))
                result.unreadable.insert(relative)
                continue
            }
            if content.isLink(relative), let problem = linkProblem(content, relative, isDirectory: isDirectory) {
                diagnostics.error(SourceLocation(file: relative), problem)
                result.unreadable.insert(relative)
                continue
            }
            if isDirectory {
                guard let real = try? content.resolve(relative), result.walked.insert(real).inserted else {
                    diagnostics.error(SourceLocation(file: relative), .linkedTwice(theme: false))
                    result.unreadable.insert(relative)
                    continue
                }
                walk(content, path: relative, slugPath: slugPath + [slug], into: &result, diagnostics: &diagnostics)
            } else if name.hasSuffix(".md") {
                result.pending.append((relative, slugPath + [slug]))
            } else if let file = attachment(content, relative, name: name, diagnostics: &diagnostics) {
                result.staticFiles.append(StaticFile(sourcePath: relative, slugPath: slugPath + [slug], bytes: file))
            }
        }
        result.sections.append(section)
    }

    /// One name in a guidance folder and the last part of the URL it becomes.
    struct Entry {
        var name: String
        var isDirectory: Bool

        var isMarkdown: Bool { !isDirectory && name.hasSuffix(".md") }
        var stem: String { isMarkdown ? String(name.dropLast(3)) : name }
        var slug: String { isDirectory || isMarkdown ? Folding.slug(stem) : GuidanceLoader.fileSlug(name) }
        /// Whether the name is its URL already (`quy-trinh`, `quy-trinh.md`, `mau.pdf`).
        var isSpeltAsSlug: Bool { isDirectory || isMarkdown ? stem == slug : name == slug }
    }

    /// Why the link `relative` is not followed, or nil when it may be: a link must resolve, and stay
    /// inside the content folder (a folder link inside `guidance/`), so that nothing outside the
    /// folder is published and no walk goes on for ever.
    static func linkProblem(_ content: ContentFolder, _ relative: String, isDirectory: Bool) -> DiagnosticMessage? {
        let real: String
        do {
            real = try content.resolve(relative)
        } catch {
            return .linkBroken(isFolder: isDirectory, reason: error.diagnosticReason)
        }
        if !content.contains(real: real) {
            return .linkOutsideContent(to: real, isFolder: isDirectory)
        }
        if isDirectory && !content.contains(real: real, within: folder) {
            return .linkOutsideGuidance(to: real)
        }
        return nil
    }

    /// Files that operating systems and editors leave beside documents; never published.
    static func isLitter(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered == "thumbs.db" || lowered == "desktop.ini" || name.hasPrefix("~$") || name.hasSuffix("~")
    }

    /// The bytes of an attachment, when it is of a kind that may be published (`AttachmentKind`) and
    /// its contents are what its name says; else an error at the file. A web page, an SVG image or a
    /// script beside the guidance would run as the site's own script, so they are refused.
    static func attachment(
        _ content: ContentFolder, _ relative: String, name: String, diagnostics: inout Diagnostics
    ) -> [UInt8]? {
        if isLitter(name) {
            diagnostics.warning(SourceLocation(file: relative), .litter(name))
            return nil
        }
        guard let kind = AttachmentKind(fileName: name) else {
            diagnostics.error(
                SourceLocation(file: relative),
                .attachmentRefused(name, kinds: AttachmentKind.allExtensions.joined(separator: ", ")))
            return nil
        }
        guard let bytes = content.read(relative, diagnostics: &diagnostics) else { return nil }
        guard kind.matches(bytes) else {
            diagnostics.error(
                SourceLocation(file: relative),
                .attachmentMislabelled(
                    name, signature: (kind.signatureDescription, kind.signatureDescriptionVietnamese)))
            return nil
        }
        return bytes
    }

    /// A non-Markdown file keeps its extension: `Mẫu báo cáo.PDF` → `mau-bao-cao.pdf`.
    static func fileSlug(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return Folding.slug(name) }
        let stem = Folding.slug(name[..<dot])
        let ext = Folding.slug(name[name.index(after: dot)...])
        return ext.isEmpty ? stem : stem + "." + ext
    }

    static func humanize(_ slug: String) -> String {
        let words = slug.replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    struct FrontMatter {
        var yaml: String
        var yamlLine: Int
        var body: String
        var bodyLine: Int
    }

    /// Splits `---` front matter from the body; nil when the file does not start with `---`. CRLF and
    /// CR-only line ends are read as LF, so the body's lines keep their numbers.
    static func splitFrontMatter(_ source: String) -> FrontMatter? {
        let text = SourceText.normalizingLineEnds(source)
        func trimmed(_ line: Substring) -> Substring {
            var line = line
            while line.last == "\r" || line.last == " " || line.last == "\t" { line = line.dropLast() }
            return line
        }
        // Walk line by line only as far as the closing `---`; the body is the rest, as it is.
        var start = text.startIndex
        var lineNumber = 0
        var yamlStart: String.Index?
        while start < text.endIndex {
            let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
            let line = trimmed(text[start..<end])
            lineNumber += 1
            let next = end < text.endIndex ? text.index(after: end) : end
            if lineNumber == 1 {
                guard line == "---" else { return nil }
                yamlStart = next
            } else if line == "---" || line == "...", let yamlStart {
                let yaml = String(text[yamlStart..<start])
                var body = String(text[next...])
                if body.hasSuffix("\n") { body.removeLast() }
                return FrontMatter(yaml: yaml, yamlLine: 2, body: body, bodyLine: lineNumber + 1)
            }
            start = next
        }
        return nil
    }

    private static func readDocument(
        _ content: ContentFolder, _ path: String, slugPath: [String], diagnostics: inout Diagnostics
    ) -> GuidanceDocument? {
        guard let text = content.text(path, diagnostics: &diagnostics) else { return nil }
        guard let front = splitFrontMatter(text) else {
            diagnostics.error(SourceLocation(file: path), .frontMatter("none"))
            return nil
        }
        if let control = front.body.firstRefusedCharacter {
            diagnostics.error(
                SourceLocation(file: path, line: front.bodyLine + control.lines, column: control.column),
                .controlInText(control.scalar))
            return nil
        }
        let yaml = YAMLSource(file: path, lineOffset: front.yamlLine - 1)
        var document = GuidanceDocument(
            sourcePath: path, slugPath: slugPath, title: "", body: front.body, bodyLine: front.bodyLine)
        let checkpoint = diagnostics.checkpoint
        guard let root = yaml.parse(front.yaml, diagnostics: &diagnostics) else {
            if !diagnostics.hasErrors(since: checkpoint) {
                diagnostics.error(SourceLocation(file: path, line: 2), .frontMatter("empty"))
            }
            return nil
        }
        guard let pairs = yaml.mapping(root, ("the front matter", "phần đầu trang"), diagnostics: &diagnostics) else {
            return nil
        }
        var title: String?
        for (key, keyNode, value) in pairs {
            switch key {
            case "title": title = yaml.string(value, key: key, diagnostics: &diagnostics)
            case "number":
                document.number = yaml.string(value, key: key, diagnostics: &diagnostics)
                document.numberLocation = yaml.location(value)
            case "issuer": document.issuer = yaml.string(value, key: key, diagnostics: &diagnostics)
            case "date": document.date = yaml.day(value, key: key, diagnostics: &diagnostics)
            case "summary": document.summary = yaml.string(value, key: key, diagnostics: &diagnostics)
            case "order": document.order = yaml.count(value, key: key, diagnostics: &diagnostics)
            case "draft": document.draft = yaml.bool(value, key: key, diagnostics: &diagnostics) ?? false
            case "digest": document.digest = yaml.bool(value, key: key, diagnostics: &diagnostics) ?? false
            case "featured": document.featured = yaml.bool(value, key: key, diagnostics: &diagnostics) ?? false
            case "slug":
                guard let slug = yaml.string(value, key: key, diagnostics: &diagnostics) else { continue }
                if let problem = Folding.urlLengthProblem(Array(document.slugPath.dropLast()) + [slug]) {
                    diagnostics.error(yaml.location(value), problem)
                } else if !slug.isEmpty
                    && slug.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
                {
                    document.slugPath[document.slugPath.count - 1] = slug
                } else {
                    diagnostics.error(yaml.location(value), .badSlug(suggestion: Folding.slug(slug)))
                }
            case "tags": document.tags = yaml.strings(value, key: key, diagnostics: &diagnostics) ?? []
            case "kind":
                if let word = yaml.string(value, key: key, diagnostics: &diagnostics) {
                    if let kind = DocumentKind(rawValue: Folding.slug(word)) {
                        document.kind = kind
                    } else {
                        let names = DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")
                        diagnostics.error(yaml.location(value), .unknownWordOneOf("kind", word, words: names))
                    }
                }
            default:
                diagnostics.warning(yaml.location(keyNode), .unknownKey(key, of: ("front matter", "phần đầu trang")))
            }
        }
        guard let title, !title.trimmingSpaces.isEmpty else {
            if !pairs.contains(where: { $0.key == "title" }) {
                diagnostics.error(yaml.location(root), .needs("frontTitle"))
            } else if let node = pairs.first(where: { $0.key == "title" })?.value, node.string != nil {
                diagnostics.error(yaml.location(node), .needs("emptyTitle"))
            }
            return nil
        }
        document.title = title
        if let number = document.number, number.trimmingSpaces.isEmpty {
            document.number = nil
        }
        return document
    }

    private static func readSectionIndex(
        _ content: ContentFolder, _ path: String, into section: inout GuidanceSection, diagnostics: inout Diagnostics
    ) {
        guard let text = content.text(path, diagnostics: &diagnostics) else { return }
        section.indexPath = path
        guard let front = splitFrontMatter(text) else {
            section.intro = SourceText.normalizingLineEnds(text)
            return
        }
        section.intro = front.body
        section.introLine = front.bodyLine
        let yaml = YAMLSource(file: path, lineOffset: front.yamlLine - 1)
        guard let root = yaml.parse(front.yaml, diagnostics: &diagnostics),
            let pairs = yaml.mapping(root, ("the front matter", "phần đầu trang"), diagnostics: &diagnostics)
        else { return }
        for (key, keyNode, value) in pairs {
            switch key {
            case "title":
                if let title = yaml.string(value, key: key, diagnostics: &diagnostics), !title.isEmpty {
                    section.title = title
                }
            case "summary": section.summary = yaml.string(value, key: key, diagnostics: &diagnostics)
            case "order": section.order = yaml.count(value, key: key, diagnostics: &diagnostics)
            case "featured": section.featured = yaml.bool(value, key: key, diagnostics: &diagnostics) ?? false
            default:
                diagnostics.warning(yaml.location(keyNode), .unknownSectionKey(key))
            }
        }
    }
}
