import ChiboModel
import ChiboTemplate

/// What every page's layout (`base`) shows: site, navigation, breadcrumb, search box.
struct LayoutModel: TemplateModel, Hashable {
    struct Site: TemplateModel, Hashable {
        var title: String
        var organization: String
        static let templateFields = TemplateFields<Self>([
            "title": .text(\.title), "organization": .text(\.organization),
        ])
    }

    struct NavItem: TemplateModel, Hashable {
        var label: String
        var url: String
        var current: Bool
        static let templateFields = TemplateFields<Self>([
            "label": .text(\.label), "url": .text(\.url), "current": .flag(\.current),
        ])
    }

    var site: Site
    var base: String
    var homeURL: String
    var nav: [NavItem]
    var pageTitle: String
    var searchURL: String
    var isSearch = false
    var description: String
    var breadcrumb: [Crumb]
    /// The page's own address (with `base_url` when the site has one), for the printed footer; set
    /// by the page's job, which knows where the page goes.
    var pageURL = ""
    /// The day of the build, as the printed footer gives it.
    var buildDate = ""
    /// `base_url` from the settings, put before the page's address in the footer.
    var baseURL: String?
    /// Whether the printed page ends with its address and the build date; a drafted letter does not.
    var printFooter = true
    /// The site's restricted folders; the page's job sets `isRestricted` from them and its path.
    var restriction: Restriction?
    /// Whether the page is under a restricted folder: it then tells the search page that this tab
    /// has signed in (`signed-in.js`), so that the search looks in the restricted index too.
    var isRestricted = false

    static let templateFields = TemplateFields<Self>([
        "site": .model(\.site),
        "base": .text(\.base),
        "home_url": .text(\.homeURL),
        "nav": .list(\.nav),
        "page_title": .text(\.pageTitle),
        // The home page's title is the site's: the browser's title is then not "X · X".
        "page_is_site": .flag { $0.pageTitle == $0.site.title },
        "search_url": .text(\.searchURL),
        "is_search": .flag(\.isSearch),
        "description": .text(\.description),
        "breadcrumb": .list(\.breadcrumb),
        "has_breadcrumb": .flag { !$0.breadcrumb.isEmpty },
        "page_url": .text(\.pageURL),
        "build_date": .text(\.buildDate),
        "print_footer": .flag(\.printFooter),
        "restricted_page": .flag(\.isRestricted),
    ])
}

/// A breadcrumb entry.
struct Crumb: TemplateModel, Hashable {
    var title: String
    var url: String
    static let templateFields = TemplateFields<Self>(["title": .text(\.title), "url": .text(\.url)])
}

/// A unit named with a link to its page.
struct UnitLink: TemplateModel, Hashable {
    var name: String
    var url: String
    static let templateFields = TemplateFields<Self>(["name": .text(\.name), "url": .text(\.url)])
}

/// A page of the site: its model, which holds the layout's fields too, and the template that shows it.
protocol PageModel: TemplateModel, Hashable {
    var layout: LayoutModel { get set }
}

extension PageModel {
    /// This page's own fields followed by the layout's.
    static func fields(_ own: KeyValuePairs<String, TemplateField<Self>>) -> TemplateFields<Self> {
        TemplateFields(own).including(\.layout)
    }
}
