// The `template` harness: the template parser, the compiler and a render, on a theme of up to three
// templates cut from the input at lines `=====`: `main`, then `p` and `q` for its partials and parents.
import ChiboModel

@testable import ChiboTemplate

/// A model with every kind of field, nested, so that sections over lists, optionals and models, and
/// names through them, all compile.
struct FuzzLeaf: TemplateModel, Sendable {
    var label = "a <b> & \"c\""
    var flag = true
    var note: String? = "n"
    var tags = ["x", "y"]

    static let templateFields = TemplateFields<FuzzLeaf>([
        "label": .text(\.label), "flag": .flag(\.flag), "note": .optional(\.note), "tags": .list(\.tags),
    ])
}

struct FuzzPage: TemplateModel, Sendable {
    var title = "Tiêu đề"
    var on = true
    var off = false
    var note: String? = nil
    var leaf = FuzzLeaf()
    var maybe: FuzzLeaf? = FuzzLeaf()
    var items = [FuzzLeaf(), FuzzLeaf(label: "2", flag: false, note: nil, tags: [])]

    static let templateFields = TemplateFields<FuzzPage>([
        "title": .text(\.title), "on": .flag(\.on), "off": .flag(\.off), "note": .optional(\.note),
        "leaf": .model(\.leaf), "maybe": .optional(\.maybe), "items": .list(\.items),
    ])
}

func template(_ text: String) {
    let parts = text.components(separatedBy: "\n=====\n")
    var sources: [String: String] = [:]
    for (name, part) in zip(["main", "p", "q"], parts) { sources[name] = part }
    var diagnostics = Diagnostics()
    guard let library = TemplateLibrary.parse(sources, file: { "templates/\($0).mustache" }, diagnostics: &diagnostics)
    else { return }
    let globals = ["t": ["hello": "Xin chào"], "assets": ["site_css": "/a.css"]]
    guard let compiled = library.compile("main", for: FuzzPage.self, globals: globals, diagnostics: &diagnostics)
    else { return }
    _ = compiled.render(FuzzPage())
}
