import ChiboModel
import ChiboTemplate

/// Long lists split into numbered pages, so that no page grows with the organisation: the first
/// page at the list's own URL, the next ones at `.../trang-2/`, `.../trang-3/`, each linked to the
/// previous and the next and to every page by number, with no script.
struct Paging: Sendable {
    /// The folder of page `n` (from 2) below the list's own: `trang-2`.
    static let segment = ListPages.prefix

    /// Rows per page of a list of units or findings; at about 1 KB a row at most, a page stays far
    /// below 300 KB.
    static let rows = ListPages.rows

    /// The list's own folder, as slugs under `base_path`.
    let base: [String]
    /// How many rows the list has, and how many a page holds.
    let items: Int
    let perPage: Int
    /// How many pages the list has, at least one.
    let count: Int

    init(base: [String], items: Int, perPage: Int = Paging.rows) {
        self.base = base
        self.items = items
        self.perPage = perPage
        self.count = ListPages.count(items: items, perPage: perPage)
    }

    /// The positions of the rows page `index` (from 0) shows; empty past the last page.
    func range(_ index: Int) -> Range<Int> {
        min(index * perPage, items)..<min((index + 1) * perPage, items)
    }

    /// The slugs of page `index` (from 0): the list's own for the first.
    func slugs(_ index: Int) -> [String] { index == 0 ? base : base + [Self.segment + String(index + 1)] }

    /// The pages of `items`, at most `perPage` each, and at least one, empty when `items` is.
    static func split<T>(_ items: [T], perPage: Int = Paging.rows) -> [ArraySlice<T>] {
        let paging = Paging(base: [], items: items.count, perPage: perPage)
        return (0..<paging.count).map { items[paging.range($0)] }
    }

    /// The links of page `index`: previous, next, and the numbers (all of them up to nine pages,
    /// else the first, the last and the two either side of this one, with gaps between).
    func pager(_ index: Int, urls: SiteURLs, theme: Theme) -> PagerModel {
        guard count > 1 else { return PagerModel() }
        let shown =
            count <= 9
            ? Array(0..<count)
            : Array(Set([0, count - 1] + ((index - 2)...(index + 2)).filter { $0 >= 0 && $0 < count })).sorted()
        var links: [PagerModel.Link] = []
        for (position, page) in shown.enumerated() {
            if position > 0, page - shown[position - 1] > 1 {
                links.append(PagerModel.Link(number: "…", url: nil, current: false))
            }
            links.append(PagerModel.Link(number: String(page + 1), url: urls.page(slugs(page)), current: page == index))
        }
        return PagerModel(
            isPaged: true,
            label: Format.fill(theme.string(.pagerLabel), ["page": String(index + 1), "pages": String(count)]),
            previous: index > 0 ? urls.page(slugs(index - 1)) : nil,
            next: index + 1 < count ? urls.page(slugs(index + 1)) : nil, links: links)
    }
}

/// The links between the pages of a list (`pager` partial); empty for a list of one page.
struct PagerModel: TemplateModel, Hashable {
    struct Link: TemplateModel, Hashable {
        var number: String
        /// Nil for the gap between numbers.
        var url: String?
        var current: Bool
        static let templateFields = TemplateFields<Self>([
            "number": .text(\.number), "url": .optional(\.url), "current": .flag(\.current),
        ])
    }

    var isPaged = false
    /// "Trang 2 / 15".
    var label = ""
    var previous: String?
    var next: String?
    var links: [Link] = []

    /// The title of the page: the list's, and after the first page its number ("… · Trang 2/15").
    func title(_ list: String) -> String {
        isPaged && previous != nil ? "\(list) · \(label)" : list
    }

    static let templateFields = TemplateFields<Self>([
        "is_paged": .flag(\.isPaged), "label": .text(\.label), "previous": .optional(\.previous),
        "next": .optional(\.next), "links": .list(\.links),
    ])
}

/// A page of a long list of rows (the units with a rating, the findings of a code, the branches
/// behind a report's figure): a table of cells, the first a link, with the pager.
struct ListPage: PageModel {
    struct Column: TemplateModel, Hashable {
        var title: String
        var numeric = false
        static let templateFields = TemplateFields<Self>(["title": .text(\.title), "numeric": .flag(\.numeric)])
    }

    struct Cell: TemplateModel, Hashable {
        var text: String
        var url: String? = nil
        var numeric = false
        /// A change's direction (`up`, `down`, `same`), marked before the text as the report marks it
        /// (a change's cell has no link); empty for a cell that is no change.
        var direction = ""
        /// The number the table's script sorts the cell by, where its text does not start with it
        /// (`data-sort`): a change's signed amount.
        var sort: String? = nil
        /// Its column's title, which a phone shows beside the cell (`data-label`); set by `RowList`.
        var label = ""
        static let templateFields = TemplateFields<Self>([
            "text": .text(\.text), "url": .optional(\.url), "numeric": .flag(\.numeric), "label": .text(\.label),
            "direction": .text(\.direction), "has_direction": .flag { !$0.direction.isEmpty },
            "sort": .optional(\.sort),
            // Nothing to show ("–" stands for none): a phone leaves the cell out of the row's card.
            "blank": .flag { $0.text.isEmpty || $0.text == "–" },
        ])
    }

    struct Row: TemplateModel, Hashable {
        /// The row's heading cell (a unit, most often), then the others.
        var head: Cell
        var cells: [Cell]
        static let templateFields = TemplateFields<Self>(["head": .model(\.head), "cells": .list(\.cells)])
    }

    var layout: LayoutModel
    var intro: String?
    /// The guidance document that explains the list (a finding code's).
    var guidance: Crumb?
    /// How many rows the whole list has, on every page; nil for a list whose rows are not things
    /// counted (the rankings' figures).
    var total: String?
    /// Where the list comes from (the report, the units directory), to go back.
    var parent: Crumb
    var columns: [Column]
    var rows: [Row]
    var pager: PagerModel

    static let templateFields = fields([
        "intro": .optional(\.intro), "guidance": .optional(\.guidance), "total": .optional(\.total),
        "parent": .model(\.parent),
        "columns": .list(\.columns), "rows": .list(\.rows), "has_rows": .flag { !$0.rows.isEmpty },
        "pager": .model(\.pager),
    ])
}

/// A long list and how to show it: its pages go to `folder` and `.../trang-N/` under it. Rows are
/// made page by page, when the page renders, so that no list is held whole in memory.
struct RowList: Sendable {
    /// The catalogue's entry of the list's pages.
    var output: SiteOutput
    var folder: [String]
    var title: String
    var intro: String?
    var columns: [ListPage.Column]
    var guidance: Crumb? = nil
    /// How many rows the list has.
    var count: Int
    /// Whether the list's pages say how many rows it has.
    var showsTotal = true
    /// The rows at the given positions.
    var rows: @Sendable (Range<Int>) -> [ListPage.Row]

    /// The first rows and the link to all of them, for the page whose figure counts the list.
    func preview(urls: SiteURLs) -> ListPreview {
        ListPreview(
            columns: columns, rows: labelled(0..<min(Self.previewRows, count)), all: figure(urls: urls),
            more: count > Self.previewRows)
    }

    /// The list's count, linked to its first page.
    func figure(urls: SiteURLs) -> ListFigure {
        ListFigure(count: Format.count(count), href: urls.page(folder), hasUnits: count > 0)
    }

    /// The rows at the given positions, each cell with its column's title.
    func labelled(_ range: Range<Int>) -> [ListPage.Row] {
        rows(range).map { row in
            var row = row
            for index in row.cells.indices where index + 1 < columns.count {
                row.cells[index].label = columns[index + 1].title
            }
            return row
        }
    }

    /// How many rows a page that links to a list shows of it.
    static let previewRows = 10

    /// One page job per page of the list, each under `crumbs` with `parent` as the way back.
    func pages(
        template: PageTemplate<ListPage>, layout: LayoutContext, crumbs: [(String, String)], parent: Crumb
    ) -> [PageJob] {
        let paging = Paging(base: folder, items: count)
        return (0..<paging.count).map { index in
            PageJob(output, path: SiteURLs.pageFile(paging.slugs(index)), template: template) {
                let pager = paging.pager(index, urls: layout.urls, theme: layout.theme)
                return ListPage(
                    layout: layout.page(title: pager.title(title), current: nil, breadcrumb: crumbs),
                    intro: intro, guidance: guidance, total: showsTotal ? Format.count(count) : nil, parent: parent,
                    columns: columns,
                    rows: labelled(paging.range(index)), pager: pager)
            }
        }
    }
}
