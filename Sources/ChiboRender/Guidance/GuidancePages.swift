import ChiboModel
import ChiboSupport
import Foundation

/// The guidance part of the site: URLs, rendered bodies, cross-references and backlinks, and the
/// contexts of the home page, the guidance index, section pages and document pages.
struct GuidancePages: Sendable {
    let content: Content
    let urls: SiteURLs
    let theme: Theme

    struct Page: Sendable {
        var document: GuidanceDocument
        var url: String
        var html: String = ""
        var headings: [Heading] = []
        var cited: Set<String> = []
        /// The text split at headings, for search.
        var sections: [SearchDocument.Section] = []
        /// Position in lists: `order`, then the folded title, then the path.
        var sortKey: SortKey = SortKey(order: 0, title: "", path: "")
    }

    struct SortKey: Sendable, Comparable {
        var order: Int
        var title: String
        var path: String

        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            (lhs.order, lhs.title, lhs.path) < (rhs.order, rhs.title, rhs.path)
        }
    }

    struct SectionPage: Sendable {
        var section: GuidanceSection
        var url: String
        var introHTML: String = ""
    }

    struct Built: Sendable {
        var pages: [String: Page] = [:]
        var sections: [String: SectionPage] = [:]
        var citedBy: [String: [String]] = [:]
        /// Published documents by `Folding.documentNumberKey` of their number.
        var numbers: [String: CrossReferenceTarget] = [:]
        /// Source paths of each folder's documents, in list order.
        var bySection: [String: [String]] = [:]
        /// Each document's list item (the theme's `doc-item`), rendered once and shown in every list.
        var items: [String: String] = [:]
    }

    /// The template that renders a document in lists.
    static let itemTemplate = "doc-item"

    func documentURL(_ document: GuidanceDocument) -> String {
        urls.page([SiteURLs.guidanceRoot] + document.slugPath)
    }

    func sectionURL(_ section: GuidanceSection) -> String {
        urls.page([SiteURLs.guidanceRoot] + section.slugPath)
    }

    /// Renders every published document and section intro; the content loader has read and checked
    /// their Markdown already.
    func build(itemTemplate: PageTemplate<DocumentSummary>, diagnostics: inout Diagnostics) -> Built {
        var built = Built()
        let published = content.documents.filter { !$0.draft }
        var linkURLs: [String: String] = [:]
        for document in published {
            var page = Page(
                document: document, url: documentURL(document),
                headings: document.markdown.headings(shift: document.markdown.headingShift))
            page.sortKey = SortKey(
                order: document.order ?? Int.max, title: Folding.fold(document.title), path: document.sourcePath)
            built.pages[document.sourcePath] = page
            linkURLs[document.sourcePath] = page.url
        }
        for section in content.sections {
            built.sections[section.sourcePath] = SectionPage(section: section, url: sectionURL(section))
            linkURLs[section.linkKey] = sectionURL(section)
            linkURLs[section.sourcePath] = sectionURL(section)
        }
        for file in content.staticFiles {
            linkURLs[file.sourcePath] = urls.file(([SiteURLs.guidanceRoot] + file.slugPath).joined(separator: "/"))
        }
        var numbers: [String: CrossReferenceTarget] = [:]
        for (key, source) in content.documentNumbers {
            guard let page = built.pages[source], let number = page.document.number else { continue }
            numbers[key] = CrossReferenceTarget(
                number: number, url: page.url, title: page.document.title, source: source, kind: page.document.kind,
                date: page.document.date, issuer: page.document.issuer)
        }

        built.numbers = numbers
        built.bySection = Dictionary(grouping: built.pages.values) { page in
            let path = page.document.sourcePath
            return path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        }.mapValues { $0.sorted { $0.sortKey < $1.sortKey }.map(\.document.sourcePath) }
        let unsafeHTML = content.settings.unsafeHTML
        let crossReferences = numbers
        let links = linkURLs
        let renders = Parallel.map(published) { document in
            let options = MarkdownRenderOptions(
                unsafeHTML: unsafeHTML, crossReferences: crossReferences, source: document.sourcePath,
                linkURLs: links, headingShift: document.markdown.headingShift)
            let rendered = MarkdownHTML.render(document.markdown, options: options)
            return (
                rendered: rendered,
                sections: SearchDocument.sections(of: document.markdown, headings: rendered.headings)
            )
        }
        for (document, result) in zip(published, renders) {
            let rendered = result.rendered
            built.pages[document.sourcePath]?.html = rendered.html
            built.pages[document.sourcePath]?.sections = result.sections
            built.pages[document.sourcePath]?.cited = rendered.cited.subtracting([document.sourcePath])
            for target in rendered.cited where target != document.sourcePath {
                built.citedBy[target, default: []].append(document.sourcePath)
            }
        }
        for section in content.sections {
            guard let file = section.indexPath else { continue }
            let options = MarkdownRenderOptions(
                unsafeHTML: content.settings.unsafeHTML, crossReferences: numbers, source: file, linkURLs: linkURLs,
                headingShift: section.introMarkdown.headingShift)
            built.sections[section.sourcePath]?.introHTML =
                MarkdownHTML.render(section.introMarkdown, options: options).html
        }
        renderItems(&built, template: itemTemplate, diagnostics: &diagnostics)
        return built
    }

    /// Renders every document's list item once; lists then show it as `{{{html}}}`.
    func renderItems(_ built: inout Built, template: PageTemplate<DocumentSummary>, diagnostics: inout Diagnostics) {
        guard theme.hasTemplate(template.name) else { return }
        let snapshot = built
        let pages = built.pages.values.sorted { $0.document.sourcePath < $1.document.sourcePath }
        let rendered = Parallel.map(pages) { page in template.render(summary(page, snapshot)) }
        for (page, result) in zip(pages, rendered) {
            switch result {
            // The list template puts `{{{html}}}` on a line of its own, which keeps its newline.
            case .success(let bytes):
                let html = String(decoding: bytes, as: UTF8.self)
                built.items[page.document.sourcePath] = html.hasSuffix("\n") ? String(html.dropLast()) : html
            case .failure(let problems): diagnostics.append(contentsOf: problems)
            }
        }
    }

    /// Every published document for the search index, in source order.
    func searchDocuments(_ built: Built) -> [SearchDocument] {
        built.pages.values.sorted { $0.document.sourcePath < $1.document.sourcePath }.map { page in
            let document = page.document
            let section = parentSection(of: document.sourcePath, built)
            let group =
                section.map { $0.section.slugPath.isEmpty ? theme.string(.guidanceTitle) : $0.section.title } ?? ""
            var sections = page.sections
            if let summary = document.summary {
                sections.insert(SearchDocument.Section(anchor: "", heading: "", text: summary), at: 0)
            }
            return SearchDocument(
                title: document.title, url: page.url, group: group,
                kind: kindLabel(document.kind) ?? theme.string(.searchKindDocument),
                number: document.number, sections: sections)
        }
    }

    /// The search page: the script fills in results; without it, the page lists the guidance index.
    func searchPage(_ built: Built, layout: LayoutContext) -> SearchPage {
        var page = layout.page(
            title: theme.string(.searchTitle), current: nil, breadcrumb: [(theme.string(.navHome), urls.page([]))])
        page.isSearch = true
        let restricted = content.settings.restricted
        return SearchPage(
            layout: page,
            sections: restricted?.contains(.guidance) ?? false
                ? [] : subsections(of: root, built).map { sectionSummary($0, built) },
            documents: [], indexURL: urls.file(SearchIndex.publicFolder + "/"),
            restrictedIndexURL: restricted.map { urls.file(SearchIndex.restrictedFolder($0) + "/") } ?? "")
    }

    // MARK: - Sorting

    func documents(in section: GuidanceSection, _ built: Built) -> [Page] {
        (built.bySection[section.sourcePath] ?? []).compactMap { built.pages[$0] }
    }

    func subsections(of section: GuidanceSection, _ built: Built) -> [SectionPage] {
        built.sections.values.filter {
            $0.section.slugPath.count == section.slugPath.count + 1
                && $0.section.sourcePath.hasPrefix(section.sourcePath + "/")
        }
        .sorted {
            ($0.section.order ?? Int.max, Folding.fold($0.section.title)) < (
                $1.section.order ?? Int.max, Folding.fold($1.section.title)
            )
        }
    }

    func parentSection(of path: String, _ built: Built) -> SectionPage? {
        built.sections[path.split(separator: "/").dropLast().joined(separator: "/")]
    }

    var root: GuidanceSection {
        content.sections.first { $0.slugPath.isEmpty }
            ?? GuidanceSection(sourcePath: "guidance", slugPath: [], title: theme.string(.guidanceTitle))
    }

    // MARK: - Models

    func kindLabel(_ kind: DocumentKind?) -> String? {
        kind.map { theme.string(.documentKind($0)) }
    }

    func summary(_ page: Page, _ built: Built) -> DocumentSummary {
        let document = page.document
        let section = parentSection(of: document.sourcePath, built)
        return DocumentSummary(
            title: document.title, titleHTML: HTML.keepingNumbersTogether(document.title), url: page.url,
            number: document.number, issuer: document.issuer,
            date: document.date?.vietnamese, dateISO: document.date?.description, kind: kindLabel(document.kind),
            summary: document.summary, digest: document.digest,
            sectionTitle: section.map { $0.section.title.isEmpty ? theme.string(.guidanceTitle) : $0.section.title },
            sectionURL: section?.url, html: built.items[document.sourcePath] ?? "")
    }

    func breadcrumb(to path: String, _ built: Built, includeSelf: Bool) -> [(String, String)] {
        var trail: [(String, String)] = [(theme.string(.navHome), urls.page([]))]
        var parts = path.split(separator: "/").map(String.init)
        if !includeSelf { parts.removeLast() }
        var prefix = ""
        for part in parts {
            prefix = prefix.isEmpty ? part : prefix + "/" + part
            if let section = built.sections[prefix] {
                let title = section.section.slugPath.isEmpty ? theme.string(.guidanceTitle) : section.section.title
                trail.append((title, section.url))
            }
        }
        return trail
    }

    func homePage(_ built: Built, layout: LayoutContext, schedule: SchedulePages) -> HomePage {
        let dated = built.pages.values.filter { $0.document.date != nil }.sorted {
            ($0.document.date ?? Day.distantPast, $1.sortKey.title) > (
                $1.document.date ?? Day.distantPast, $0.sortKey.title
            )
        }
        let upcoming = schedule.upcoming(limit: 4)
        // The home page is public: it summarises no folder that is restricted.
        let restricted = content.settings.restricted
        let guidancePublic = !(restricted?.contains(.guidance) ?? false)
        let featured = guidancePublic ? featuredSections(built) : []
        let inFeatured = Set(featured.flatMap { documents(in: $0.section, built).map(\.document.sourcePath) })
        let featuredDocuments =
            guidancePublic
            ? built.pages.values.filter { $0.document.featured && !inFeatured.contains($0.document.sourcePath) }
                .sorted { $0.sortKey < $1.sortKey }.map { summary($0, built) } : []
        return HomePage(
            layout: layout.page(title: content.settings.title, current: urls.page([])),
            featured: featured.map { section in
                var item = sectionSummary(section, built)
                let docs = documents(in: section.section, built)
                item.documents = docs.prefix(Self.previewDocuments).map { summary($0, built) }
                item.more = docs.count > Self.previewDocuments
                return item
            },
            featuredDocuments: featuredDocuments,
            newest: guidancePublic ? dated.prefix(6).map { summary($0, built) } : [],
            sections: guidancePublic ? subsections(of: root, built).map { sectionSummary($0, built) } : [],
            guidanceURL: urls.page([SiteURLs.guidanceRoot]), documentCount: String(built.pages.count),
            showsGuidance: guidancePublic,
            features: layout.navigation.dropFirst(2).compactMap { item in
                item.intro.map { Feature(title: theme.string(item.key), url: item.url, text: theme.string($0)) }
            },
            upcoming: upcoming.isEmpty ? schedule.recent(limit: 3) : upcoming,
            upcomingTitle: theme.string(upcoming.isEmpty ? .homeRecent : .homeUpcoming),
            hasSchedule: !schedule.isEmpty && !(restricted?.contains(.schedule) ?? false), scheduleURL: schedule.url)
    }

    /// The sections with `featured: true` in their `_index.md`, in the order of the guidance index
    /// (by `order`, then title), at any depth.
    func featuredSections(_ built: Built) -> [SectionPage] {
        built.sections.values.filter { $0.section.featured }.sorted {
            ($0.section.order ?? Int.max, Folding.fold($0.section.title), $0.section.sourcePath) < (
                $1.section.order ?? Int.max, Folding.fold($1.section.title), $1.section.sourcePath
            )
        }
    }

    func sectionSummary(_ section: SectionPage, _ built: Built) -> SectionSummary {
        SectionSummary(
            title: section.section.title, url: section.url, summary: section.section.summary,
            count: String(documents(in: section.section, built).count + subsections(of: section.section, built).count))
    }

    /// The guidance index, section pages and document pages.
    func pages(_ built: Built, layout: LayoutContext, templates: PageTemplates) -> [PageJob] {
        var result: [PageJob] = []
        for section in built.sections.values.sorted(by: { $0.section.sourcePath < $1.section.sourcePath }) {
            let paging = Paging(
                base: [SiteURLs.guidanceRoot] + section.section.slugPath,
                items: documents(in: section.section, built).count)
            for index in 0..<paging.count {
                result.append(
                    PageJob(.guidance, path: SiteURLs.pageFile(paging.slugs(index)), template: templates.section) {
                        sectionPage(section, built, page: index, paging: paging, layout: layout)
                    })
            }
        }
        for page in built.pages.values.sorted(by: { $0.document.sourcePath < $1.document.sourcePath }) {
            result.append(
                PageJob(
                    .guidance, path: SiteURLs.pageFile([SiteURLs.guidanceRoot] + page.document.slugPath),
                    template: templates.document
                ) {
                    documentPage(page, built, layout: layout)
                })
        }
        return result
    }

    /// How many documents a section's entry on its parent's page, or a kind's group, shows.
    static let previewDocuments = 10

    /// Page `page` of a section: its intro, its subsections with their first documents and, on
    /// the guidance index, the newest documents of each kind, all on the first page; the section's
    /// own documents in pages of `Paging.rows`.
    func sectionPage(
        _ section: SectionPage, _ built: Built, page: Int = 0, paging: Paging? = nil, layout: LayoutContext
    ) -> SectionPageModel {
        let own = documents(in: section.section, built)
        let paging = paging ?? Paging(base: [SiteURLs.guidanceRoot] + section.section.slugPath, items: own.count)
        let pager = paging.pager(page, urls: urls, theme: theme)
        let first = page == 0
        let isRoot = section.section.slugPath.isEmpty
        let title =
            isRoot
            ? (section.section.title.isEmpty ? theme.string(.guidanceTitle) : section.section.title)
            : section.section.title
        let byKind: [KindGroup] =
            !isRoot
            ? []
            : DocumentKind.allCases.compactMap { kind in
                let docs = built.pages.values.filter { $0.document.kind == kind }
                    .sorted { $0.sortKey < $1.sortKey }
                guard !docs.isEmpty else { return nil }
                return KindGroup(
                    kind: kindLabel(kind) ?? "", id: kind.rawValue,
                    documents: docs.prefix(Self.previewDocuments).map { summary($0, built) }, count: String(docs.count),
                    more: docs.count > Self.previewDocuments)
            }
        return SectionPageModel(
            layout: layout.page(
                title: pager.title(title), current: isRoot && first ? section.url : nil,
                description: section.section.summary,
                breadcrumb: breadcrumb(to: section.section.sourcePath, built, includeSelf: !first)),
            intro: first ? section.introHTML : "",
            documents: own[paging.range(page)].map {
                summary($0, built)
            },
            subsections: !first
                ? []
                : subsections(of: section.section, built).map { sub in
                    var item = sectionSummary(sub, built)
                    let docs = documents(in: sub.section, built)
                    item.documents = docs.prefix(Self.previewDocuments).map { summary($0, built) }
                    item.more = docs.count > Self.previewDocuments
                    return item
                },
            byKind: first ? byKind : [], isRoot: isRoot, isFirstPage: first, pager: pager)
    }

    func documentPage(_ page: Page, _ built: Built, layout: LayoutContext) -> DocumentPage {
        let document = page.document
        let parent = parentSection(of: document.sourcePath, built)
        let order = parent.map { documents(in: $0.section, built) } ?? []
        let position = order.firstIndex { $0.document.sourcePath == document.sourcePath }
        var model = DocumentPage(
            layout: layout.page(
                title: document.title, current: nil, description: document.summary,
                breadcrumb: breadcrumb(to: document.sourcePath, built, includeSelf: false)),
            document: summary(page, built),
            hasMeta: document.number != nil || document.issuer != nil || document.date != nil
                || document.kind != nil,
            body: page.html, toc: Self.tableOfContents(page.headings), hasTOC: page.headings.count >= 2,
            tags: document.tags,
            citedBy: Set(built.citedBy[document.sourcePath] ?? []).compactMap { built.pages[$0] }
                .sorted { $0.sortKey < $1.sortKey }
                .map { summary($0, built) },
            cites: page.cited.compactMap { built.pages[$0] }
                .sorted { $0.sortKey < $1.sortKey }
                .map { summary($0, built) },
            recordForms: document.number.map { number in
                content.rubrics.filter { Self.names(number, in: $0.source) }.map {
                    RecordWorkbook.link($0, theme: theme, urls: urls)
                }
            } ?? [])
        if let position {
            model.previous = position > 0 ? summary(order[position - 1], built) : nil
            model.next = position + 1 < order.count ? summary(order[position + 1], built) : nil
        }
        if let parent {
            model.section = Crumb(
                title: parent.section.slugPath.isEmpty ? theme.string(.guidanceTitle) : parent.section.title,
                url: parent.url)
            model.siblings = order.map {
                SiblingLink(
                    titleHTML: HTML.keepingNumbersTogether($0.document.title), url: $0.url,
                    current: $0.document.sourcePath == document.sourcePath)
            }
        }
        return model
    }

    /// Whether `text` (a rubric's `source`) names the document number `number`, as a whole number:
    /// "Quy định số 14-QĐ/TU" names 14-QĐ/TU, not 4-QĐ/TU.
    static func names(_ number: String, in text: String) -> Bool {
        let key = Folding.documentNumberKey(number)
        // Folded as the number is, but with its spaces, which separate the number from the words.
        let folded = Folding.fold(text).uppercased()
        guard !key.isEmpty else { return false }
        var start = folded.startIndex
        while let found = folded.range(of: key, range: start..<folded.endIndex) {
            let before = found.lowerBound == folded.startIndex ? nil : folded[folded.index(before: found.lowerBound)]
            let after = found.upperBound == folded.endIndex ? nil : folded[found.upperBound]
            if !(before?.isLetter ?? false || before?.isNumber ?? false)
                && !(after?.isLetter ?? false || after?.isNumber ?? false)
            {
                return true
            }
            start = folded.index(after: found.lowerBound)
        }
        return false
    }

    /// Headings of levels 2 and 3 as a two-level list.
    static func tableOfContents(_ headings: [Heading]) -> [TocEntry] {
        var items: [TocEntry] = []
        for heading in headings where heading.level <= 3 {
            let entry = TocEntry(text: heading.text, id: heading.id)
            if heading.level == 3, !items.isEmpty {
                items[items.count - 1].children.append(entry)
            } else {
                items.append(entry)
            }
        }
        return items
    }
}
