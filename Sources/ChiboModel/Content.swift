/// Everything read from a content folder.
public struct Content: Sendable {
    public var settings: SiteSettings
    public var sections: [GuidanceSection]
    public var documents: [GuidanceDocument]
    public var staticFiles: [StaticFile]
    /// The published documents' numbers, by `Folding.documentNumberKey`, with the source path of each.
    public var documentNumbers: [String: String] = [:]
    /// The units, rubrics and meeting records; empty for a guidance-only site.
    public var organization = Organization(units: [])
    public var rubrics: [Rubric] = []
    public var meetings: [Meeting] = []
    public var plans: [SamplePlan] = []

    public init(
        settings: SiteSettings, sections: [GuidanceSection] = [], documents: [GuidanceDocument] = [],
        staticFiles: [StaticFile] = []
    ) {
        self.settings = settings
        self.sections = sections
        self.documents = documents
        self.staticFiles = staticFiles
    }
}
