// libFuzzer harnesses of chibo's readers, one binary: CHIBO_FUZZ_HARNESS names the harness
// (csv, units-csv, meetings-csv, site-yaml, rubric-yaml, plan-yaml, front-matter, markdown, template,
// workbook-zip, sheet-xml, preview-request).
// Built only with CHIBO_FUZZ=1 (see Package.swift and `make fuzz`), with -sanitize=fuzzer,address.
import CChiboFuzzMeter
import ChiboModel
import Foundation
import Yams

@testable import ChiboContent
@testable import ChiboPreview
@testable import ChiboRender

enum Harness: String, CaseIterable {
    case csv, unitsCSV = "units-csv", meetingsCSV = "meetings-csv", siteYAML = "site-yaml",
        rubricYAML = "rubric-yaml", planYAML = "plan-yaml", frontMatter = "front-matter", markdown, template,
        workbookZip = "workbook-zip", sheetXML = "sheet-xml", previewRequest = "preview-request"
}

/// What one input may cost: peak heap growth above 50 × its size plus this allowance fails
/// (the allowance covers fixed buffers: libyaml's, cmark's, the first use of Swift metadata).
let allowance = 4 << 20
let factor = 50

nonisolated(unsafe) var harness = Harness.csv
nonisolated(unsafe) var scratch = ""
nonisolated(unsafe) var organization = Organization(units: [])
nonisolated(unsafe) var rubricsByKind: [MeetingKind: Rubric] = [:]
nonisolated(unsafe) var measuring = false

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>)
    -> CInt
{
    let name = ProcessInfo.processInfo.environment["CHIBO_FUZZ_HARNESS"] ?? ""
    guard let chosen = Harness(rawValue: name) else {
        let names = Harness.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set CHIBO_FUZZ_HARNESS to one of: \(names)\n".utf8))
        exit(2)
    }
    harness = chosen
    // The organisation and rubrics of the scorecard fixture, for the meetings and plans readers.
    let fixture = ProcessInfo.processInfo.environment["CHIBO_FUZZ_FIXTURE"] ?? "Tests/Fixtures/scorecard-site"
    var loadProblems = Diagnostics()
    // Without them a harness would run and pass while checking next to nothing (every meeting's branch
    // unknown, no preview to answer, no heap limit): each is a reason not to start.
    guard let content = ContentLoader.load(from: fixture, diagnostics: &loadProblems) else {
        refuse("the fixture \(fixture) does not load: \(loadProblems.items.map(\.description))")
    }
    organization = content.organization
    rubricsByKind = Dictionary(content.rubrics.map { ($0.appliesTo, $0) }, uniquingKeysWith: { a, _ in a })
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    scratch = base + "/chibo-fuzz-\(getpid())"
    do {
        try FileManager.default.createDirectory(atPath: scratch + "/guidance", withIntermediateDirectories: true)
    } catch {
        refuse("cannot make the scratch folder \(scratch): \(error)")
    }
    atexit { try? FileManager.default.removeItem(atPath: scratch) }
    if harness == .previewRequest {
        do {
            preview = try Preview(contentPath: fixture, themePath: "site-theme")
        } catch {
            refuse("no preview of \(fixture) to answer the requests: \(error)")
        }
        atexit { preview?.stop() }
    }
    measuring = chibo_fuzz_meter_install() != 0
    if !measuring { refuse("the heap meter cannot be installed (build with -sanitize=fuzzer,address)") }
    return 0
}

/// Stops before fuzzing: a harness that cannot check what it is for must not report a pass.
func refuse(_ reason: String) -> Never {
    FileHandle.standardError.write(Data("chibo-fuzz: \(reason)\n".utf8))
    exit(2)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    chibo_fuzz_meter_begin()
    run(harness, bytes)
    let growth = chibo_fuzz_meter_peak_growth()
    if measuring && growth > factor * size + allowance {
        FileHandle.standardError.write(
            Data(
                "==chibo-fuzz== MEMORY: the \(harness.rawValue) reader's heap grew by \(growth) bytes for an input of \(size) bytes (limit \(factor) × size + \(allowance))\n"
                    .utf8))
        abort()
    }
    return 0
}

func text(_ bytes: [UInt8], _ file: String) -> String? {
    var diagnostics = Diagnostics()
    return SourceText.decode(bytes, file: file, diagnostics: &diagnostics)
}

func run(_ harness: Harness, _ bytes: [UInt8]) {
    var diagnostics = Diagnostics()
    switch harness {
    case .csv:
        guard let text = text(bytes, "t.csv") else { return }
        _ = try? CSVTable.parse(text)
    case .unitsCSV:
        guard let text = text(bytes, "units.csv"),
            let table = Records.fromCSV(text, file: "units.csv", fields: UnitsLoader.fields, diagnostics: &diagnostics)
        else { return }
        _ = Organization(units: UnitsLoader.check(table.records, diagnostics: &diagnostics))
    case .meetingsCSV:
        guard let text = text(bytes, "meetings/m.csv"),
            let table = Records.fromCSV(
                text, file: "meetings/m.csv", fields: MeetingsLoader.fields, extra: MeetingsLoader.criterionColumn,
                diagnostics: &diagnostics)
        else { return }
        for record in table.records {
            _ = MeetingReader(RecordContext(organization: organization, rubrics: Array(rubricsByKind.values))).read(
                record, diagnostics: &diagnostics)
        }
    case .siteYAML:
        // SiteLoader reads only from a folder: the input is written to site.yaml in a tmpfs folder.
        FileManager.default.createFile(atPath: scratch + "/site.yaml", contents: Data(bytes))
        _ = SiteLoader.load(ContentFolder(path: scratch), diagnostics: &diagnostics)
    case .rubricYAML:
        guard let text = text(bytes, "rubrics/r.yaml") else { return }
        let yaml = YAMLSource(file: "rubrics/r.yaml", lineOffset: 0)
        guard let root = yaml.parse(text, diagnostics: &diagnostics) else { return }
        _ = RubricsLoader.read(root, yaml: yaml, diagnostics: &diagnostics)
    case .planYAML:
        guard let text = text(bytes, "plans/p.yaml") else { return }
        let yaml = YAMLSource(file: "plans/p.yaml", lineOffset: 0)
        guard let root = yaml.parse(text, diagnostics: &diagnostics) else { return }
        _ = PlansLoader.read(
            root, yaml: yaml, slug: "p", context: RecordContext(organization: organization), diagnostics: &diagnostics)
    case .frontMatter:
        // The document reader is private to GuidanceLoader: the input is guidance/a/doc.md of a tmpfs folder.
        try? FileManager.default.createDirectory(atPath: scratch + "/guidance/a", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: scratch + "/guidance/a/doc.md", contents: Data(bytes))
        let result = GuidanceLoader.load(ContentFolder(path: scratch), diagnostics: &diagnostics)
        _ = result.documents.count
    case .markdown:
        guard let text = text(bytes, "guidance/a/doc.md") else { return }
        markdown(text)
    case .template:
        guard let text = text(bytes, "templates/main.mustache") else { return }
        template(text)
    case .workbookZip: workbookZip(bytes)
    case .sheetXML: sheetXML(bytes)
    case .previewRequest:
        previewRequest(bytes)
    }
}

func markdown(_ text: String) {
    // The document beside a page with a heading, a draft and a section: the content loader's checks.
    var guidance = GuidanceLoader.Result()
    guidance.documents = [
        GuidanceDocument(sourcePath: "guidance/a/doc.md", slugPath: ["a", "doc"], title: "t", body: text),
        GuidanceDocument(
            sourcePath: "guidance/a/other.md", slugPath: ["a", "other"], title: "o", number: "12-HD/BTGTW",
            body: "## Mục 1\n"),
        GuidanceDocument(
            sourcePath: "guidance/a/draft.md", slugPath: ["a", "draft"], title: "d", draft: true, body: ""),
    ]
    guidance.sections = [
        GuidanceSection(sourcePath: "guidance/a", slugPath: ["a"], title: "a", indexPath: "guidance/a/_index.md")
    ]
    var diagnostics = Diagnostics()
    _ = GuidanceMarkdown.check(&guidance, diagnostics: &diagnostics)
    let document = guidance.documents[0].markdown
    let headings = document.headings(shift: 1)
    let references = [
        Folding.documentNumberKey("12-HD/BTGTW"): CrossReferenceTarget(
            number: "12-HD/BTGTW", url: "/a/other/", title: "Hướng dẫn", source: "guidance/a/other.md")
    ]
    for unsafe in [false, true] {
        let options = MarkdownRenderOptions(
            unsafeHTML: unsafe, crossReferences: references, source: "guidance/a/doc.md",
            linkURLs: ["guidance/a/other.md": "/a/other/", "guidance/a/_index.md": "/a/"], headingShift: 1)
        _ = MarkdownHTML.render(document, options: options)
    }
    _ = DocumentNumbers.mentions(in: text)
    let sections = SearchDocument.sections(of: document, headings: headings)
    let search = SearchDocument(
        title: "t", url: "/a/doc/", group: "a", kind: "k", number: nil, sections: sections)
    _ = SearchIndex.terms(of: search)
    _ = SearchIndex.words(text)
}
