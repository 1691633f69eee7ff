import ChiboModel
import ChiboTemplate

/// A guidance document as lists and its own page show it; `html` is its list entry, rendered once.
struct DocumentSummary: TemplateModel, Hashable {
    var title: String
    /// The title as HTML, its document numbers kept on one line (`HTML.keepingNumbersTogether`).
    var titleHTML: String
    var url: String
    var number: String?
    var issuer: String?
    var date: String?
    var dateISO: String?
    var kind: String?
    var summary: String?
    var digest: Bool
    var sectionTitle: String?
    var sectionURL: String?
    var html: String

    static let templateFields = TemplateFields<Self>([
        "title": .text(\.title),
        "title_html": .text(\.titleHTML),
        "url": .text(\.url),
        "number": .optional(\.number),
        "issuer": .optional(\.issuer),
        "date": .optional(\.date),
        "date_iso": .optional(\.dateISO),
        "kind": .optional(\.kind),
        "summary": .optional(\.summary),
        "digest": .flag(\.digest),
        "section_title": .optional(\.sectionTitle),
        "section_url": .optional(\.sectionURL),
        "html": .text(\.html),
    ])
}

/// A folder of guidance in lists: its title, count and, where shown, its documents.
struct SectionSummary: TemplateModel, Hashable {
    var title: String
    var url: String
    var summary: String?
    var count: String
    var documents: [DocumentSummary] = []
    /// Whether the section has more documents than are shown.
    var more = false

    static let templateFields = TemplateFields<Self>([
        "title": .text(\.title),
        "url": .text(\.url),
        "summary": .optional(\.summary),
        "count": .text(\.count),
        "more": .flag(\.more),
        "documents": .list(\.documents),
        "has_documents": .flag { !$0.documents.isEmpty },
    ])
}

/// A card on the home page for another part of the site.
struct Feature: TemplateModel, Hashable {
    var title: String
    var url: String
    var text: String
    static let templateFields = TemplateFields<Self>([
        "title": .text(\.title), "url": .text(\.url), "text": .text(\.text),
    ])
}

struct HomePage: PageModel {
    var layout: LayoutModel
    /// The featured sections (`featured: true` in `_index.md`), each with its documents.
    var featured: [SectionSummary] = []
    /// Documents featured on their own (`featured: true`), outside a featured section.
    var featuredDocuments: [DocumentSummary] = []
    var newest: [DocumentSummary]
    var sections: [SectionSummary]
    var guidanceURL: String
    var documentCount: String
    /// False when the guidance is restricted: the home page then tells nothing of it.
    var showsGuidance = true
    var features: [Feature]
    var upcoming: [SessionModel]
    var upcomingTitle: String
    var hasSchedule: Bool
    var scheduleURL: String

    static let templateFields = fields([
        "featured": .list(\.featured),
        "featured_documents": .list(\.featuredDocuments),
        "has_featured_documents": .flag { !$0.featuredDocuments.isEmpty },
        "has_featured": .flag { !$0.featured.isEmpty || !$0.featuredDocuments.isEmpty },
        "newest": .list(\.newest),
        "has_newest": .flag { !$0.newest.isEmpty },
        "sections": .list(\.sections),
        "has_sections": .flag { !$0.sections.isEmpty },
        "guidance_url": .text(\.guidanceURL),
        "document_count": .text(\.documentCount),
        "shows_guidance": .flag(\.showsGuidance),
        "features": .list(\.features),
        "has_features": .flag { !$0.features.isEmpty },
        "upcoming": .list(\.upcoming),
        "has_upcoming": .flag { !$0.upcoming.isEmpty },
        "upcoming_title": .text(\.upcomingTitle),
        "has_schedule": .flag(\.hasSchedule),
        "schedule_url": .text(\.scheduleURL),
    ])
}

/// The documents of one kind, on the guidance index.
struct KindGroup: TemplateModel, Hashable {
    var kind: String
    var id: String
    var documents: [DocumentSummary]
    /// How many documents of the kind there are; the group shows the newest few.
    var count: String
    var more: Bool
    static let templateFields = TemplateFields<Self>([
        "kind": .text(\.kind), "id": .text(\.id), "documents": .list(\.documents), "count": .text(\.count),
        "more": .flag(\.more),
        "has_documents": .flag { !$0.documents.isEmpty },
    ])
}

struct SectionPageModel: PageModel {
    var layout: LayoutModel
    var intro: String
    var documents: [DocumentSummary]
    var subsections: [SectionSummary]
    var byKind: [KindGroup]
    var isRoot: Bool
    var isFirstPage = true
    var pager = PagerModel()

    static let templateFields = fields([
        "intro": .text(\.intro),
        "documents": .list(\.documents),
        "has_documents": .flag { !$0.documents.isEmpty },
        "subsections": .list(\.subsections),
        "has_subsections": .flag { !$0.subsections.isEmpty },
        "by_kind": .list(\.byKind),
        "has_by_kind": .flag { !$0.byKind.isEmpty },
        "is_root": .flag(\.isRoot),
        "is_first_page": .flag(\.isFirstPage),
        "pager": .model(\.pager),
    ])
}

/// A document in its section's navigation beside a document page.
struct SiblingLink: TemplateModel, Hashable {
    var titleHTML: String
    var url: String
    /// The page being read.
    var current: Bool
    static let templateFields = TemplateFields<Self>([
        "title_html": .text(\.titleHTML), "url": .text(\.url), "current": .flag(\.current),
    ])
}

/// A heading in a document's table of contents, with its subheadings.
struct TocEntry: TemplateModel, Hashable {
    var text: String
    var id: String
    var children: [TocEntry] = []
    static let templateFields = TemplateFields<Self>([
        "text": .text(\.text), "id": .text(\.id), "children": .list(\.children),
        "has_children": .flag { !$0.children.isEmpty },
    ])
}

struct DocumentPage: PageModel {
    var layout: LayoutModel
    var document: DocumentSummary
    var hasMeta: Bool
    var body: String
    var toc: [TocEntry]
    var hasTOC: Bool
    var tags: [String]
    var citedBy: [DocumentSummary]
    var cites: [DocumentSummary]
    /// For the rubric's own document (its `source` names the document's number): the meeting-record
    /// workbooks of the rubrics it sets.
    var recordForms: [UnitsPage.RecordForm] = []
    /// The documents before and after this one in its section's order.
    var previous: DocumentSummary?
    var next: DocumentSummary?
    /// The section the document is in, and its documents in order.
    var section: Crumb?
    var siblings: [SiblingLink] = []

    static let templateFields = fields([
        "previous": .optional(\.previous),
        "next": .optional(\.next),
        "has_pager": .flag { $0.previous != nil || $0.next != nil },
        "section": .optional(\.section),
        "siblings": .list(\.siblings),
        "has_siblings": .flag { $0.siblings.count > 1 },
        "record_forms": .list(\.recordForms),
        "has_record_forms": .flag { !$0.recordForms.isEmpty },
        "document": .model(\.document),
        "has_meta": .flag(\.hasMeta),
        "body": .text(\.body),
        "toc": .list(\.toc),
        "has_toc": .flag(\.hasTOC),
        "tags": .list(\.tags),
        "has_tags": .flag { !$0.tags.isEmpty },
        "cited_by": .list(\.citedBy),
        "has_cited_by": .flag { !$0.citedBy.isEmpty },
        "cites": .list(\.cites),
        "has_cites": .flag { !$0.cites.isEmpty },
    ])
}

struct SearchPage: PageModel {
    var layout: LayoutModel
    var sections: [SectionSummary]
    var documents: [DocumentSummary]
    var indexURL: String
    /// The index of the restricted pages, for readers who have signed in; empty when nothing is restricted.
    var restrictedIndexURL = ""

    static let templateFields = fields([
        "restricted_index_url": .text(\.restrictedIndexURL),
        "has_restricted_index": .flag { !$0.restrictedIndexURL.isEmpty },
        "sections": .list(\.sections),
        "has_sections": .flag { !$0.sections.isEmpty },
        "documents": .list(\.documents),
        "has_documents": .flag { !$0.documents.isEmpty },
        "index_url": .text(\.indexURL),
    ])
}

struct NotFoundPage: PageModel {
    var layout: LayoutModel
    static let templateFields = fields([:])
}
