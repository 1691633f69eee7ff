// `make template-bench`: renders a large page (a 3,000-row table with nested sections and partials,
// inside the base layout by inheritance) with chibo's compiled templates and with swift-mustache,
// and prints the medians of 5 runs.
import ChiboModel
import ChiboTemplate
import ChiboTemplateOracle
import Foundation
import Mustache

struct Figures: TemplateModel {
    var meetings: String
    var average: String
    var rate: String
    var below: Bool
    static let templateFields = TemplateFields<Figures>([
        "meetings": .text(\.meetings), "average_total": .text(\.average), "speaking_rate": .text(\.rate),
        "speaking_below": .flag(\.below),
    ])
}

struct Unit: TemplateModel {
    var name: String
    var url: String
    var level: String
    var isCommittee: Bool
    var members: String
    var rating: String?
    var figures: Figures
    var tags: [String]
    static let templateFields = TemplateFields<Unit>([
        "name": .text(\.name), "url": .text(\.url), "level": .text(\.level), "is_committee": .flag(\.isCommittee),
        "members": .text(\.members), "latest_rating": .optional(\.rating), "figures": .model(\.figures),
        "tags": .list(\.tags),
    ])
}

struct Group: TemplateModel {
    var id: String
    var title: String
    var url: String?
    var units: [Unit]
    static let templateFields = TemplateFields<Group>([
        "id": .text(\.id), "title": .text(\.title), "url": .optional(\.url), "units": .list(\.units),
    ])
}

struct Site: TemplateModel {
    var title: String
    var organization: String
    static let templateFields = TemplateFields<Site>(["title": .text(\.title), "organization": .text(\.organization)])
}

struct NavItem: TemplateModel {
    var url: String
    var label: String
    var current: Bool
    static let templateFields = TemplateFields<NavItem>([
        "url": .text(\.url), "label": .text(\.label), "current": .flag(\.current),
    ])
}

struct UnitsPage: TemplateModel {
    var pageTitle: String
    var site: Site
    var nav: [NavItem]
    var groups: [Group]
    static let templateFields = TemplateFields<UnitsPage>([
        "page_title": .text(\.pageTitle), "site": .model(\.site), "nav": .list(\.nav), "by_committee": .list(\.groups),
    ])
}

let sources: [String: String] = [
    "base": """
    {{% CONTENT_TYPE: HTML }}
    <!DOCTYPE html>
    <html lang="vi">
    <head>
    <title>{{page_title}} · {{site.title}}</title>
    <link rel="stylesheet" href="{{assets.site_css}}">
    </head>
    <body>
    <a class="skip-link" href="#main">{{t.skip_to_content}}</a>
    <nav class="site-nav" aria-label="{{t.nav_label}}">
    <ul>
    {{#nav}}
    <li><a href="{{url}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>
    {{/nav}}
    </ul>
    </nav>
    <main id="main" class="wrap">
    {{$content}}{{/content}}
    </main>
    <footer><p>{{site.organization}}</p></footer>
    {{$scripts}}{{/scripts}}
    </body>
    </html>

    """,
    "units": """
    {{% CONTENT_TYPE: HTML }}
    {{<base}}
    {{$content}}
    <h1>{{page_title}}</h1>
    {{#by_committee}}
    <h3 id="{{id}}">{{#url}}<a href="{{.}}">{{title}}</a>{{/url}}{{^url}}{{title}}{{/url}}</h3>
    {{>unit-rows}}
    {{/by_committee}}
    {{/content}}
    {{/base}}

    """,
    "unit-rows": """
    {{% CONTENT_TYPE: HTML }}
    <div class="table-wrap" tabindex="0">
    <table class="units">
    <thead>
    <tr><th scope="col">{{t.col_unit}}</th><th scope="col">{{t.col_members}}</th></tr>
    </thead>
    <tbody>
    {{#units}}
    <tr><th scope="row"><a href="{{url}}">{{name}}</a>{{#is_committee}} <span class="muted">({{level}})</span>\
    {{/is_committee}}</th><td class="num">{{members}}</td><td class="num">{{figures.meetings}}</td>\
    <td class="num">{{figures.average_total}}</td><td>{{#latest_rating}}{{.}}{{/latest_rating}}\
    {{^latest_rating}}–{{/latest_rating}}</td><td class="num{{#figures.speaking_below}} below\
    {{/figures.speaking_below}}">{{figures.speaking_rate}}</td><td>{{#tags}}<span>{{.}}</span>{{/tags}}</td></tr>
    {{/units}}
    </tbody>
    </table>
    </div>

    """,
]

let globals = [
    "t": ["skip_to_content": "Bỏ qua", "nav_label": "Điều hướng", "col_unit": "Đơn vị", "col_members": "Đảng viên"],
    "assets": ["site_css": "/css/site.css?v=1"],
]

func makePage() -> UnitsPage {
    var groups: [Group] = []
    for g in 0..<30 {
        var units: [Unit] = []
        for u in 0..<100 {
            let n = g * 100 + u
            units.append(
                Unit(
                    name: "Chi bộ số \(n) — Khối \"Cơ quan\" & <Doanh nghiệp>", url: "/don-vi/\(n)/",
                    level: "Đảng bộ cơ sở", isCommittee: n % 7 == 0, members: "\(n % 90 + 3)",
                    rating: n % 3 == 0 ? nil : "Hoàn thành tốt nhiệm vụ",
                    figures: Figures(
                        meetings: "\(n % 12)", average: "\(n % 100).5", rate: "\(n % 100)%", below: n % 4 == 0),
                    tags: n % 5 == 0 ? [] : ["Quý \(n % 4 + 1)", "Năm 2026"]))
        }
        groups.append(Group(id: "g\(g)", title: "Đảng bộ \(g)", url: g % 2 == 0 ? "/dang-bo/\(g)/" : nil, units: units))
    }
    return UnitsPage(
        pageTitle: "Đơn vị", site: Site(title: "Chi bộ", organization: "Đảng ủy Khối"),
        nav: (0..<6).map { NavItem(url: "/m\($0)/", label: "Mục \($0)", current: $0 == 2) }, groups: groups)
}

struct ByteHTML: MustacheContentType {
    func escapeText(_ text: String) -> String { escapeHTML(text) }
}

func median(_ runs: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[runs / 2]
}

let iterations = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 10
let page = makePage()
var diagnostics = Diagnostics()
guard let library = TemplateLibrary.parse(sources, file: { "templates/\($0).mustache" }, diagnostics: &diagnostics),
    let template = library.compile("units", for: UnitsPage.self, globals: globals, diagnostics: &diagnostics)
else {
    print(diagnostics.items.map(\.description).joined(separator: "\n"))
    exit(1)
}

MustacheContentTypes.register(ByteHTML(), named: "HTML")
var mustache = MustacheLibrary()
for (name, text) in sources { try mustache.register(text, named: name) }
var root: [String: Any] = [:]
for (key, table) in globals { root[key] = table }
if let values = page.oracleValue as? [String: Any] { root.merge(values) { _, model in model } }

let ours = template.render(page)
let theirs = Array((mustache.render(root, withTemplate: "units") ?? "").utf8)
guard ours == theirs else {
    print("template-bench: the outputs differ (\(ours.count) and \(theirs.count) bytes)")
    exit(1)
}

var sink = 0
let compiledTime = median(5) {
    for _ in 0..<iterations { sink &+= template.render(page).count }
}
if ProcessInfo.processInfo.environment["TEMPLATE_BENCH_ONLY_COMPILED"] != nil {
    print(String(format: "templates: compiled %.3f s", compiledTime))
    exit(0)
}
let mustacheTime = median(5) {
    for _ in 0..<iterations { sink &+= (mustache.render(root, withTemplate: "units") ?? "").utf8.count }
}
print(
    String(
        format:
            "templates: compiled %.3f s, swift-mustache %.2f s, %.0f x faster (%d renders of %d bytes, medians of 5)",
        compiledTime, mustacheTime, mustacheTime / compiledTime, iterations, ours.count))
if sink == 42 { print("") }
