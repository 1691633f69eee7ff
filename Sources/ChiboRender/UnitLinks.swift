import ChiboModel

/// The page families that name units (scorecards, reports, the schedule): one way to write a
/// unit's name, its page's URL and a link to it.
protocol NamesUnits {
    var evaluation: Evaluation { get }
    var urls: SiteURLs { get }
}

extension NamesUnits {
    /// The unit's name, or its id for one the units file does not have.
    func unitName(_ id: UnitID) -> String { evaluation.organization.name(of: id) }

    func unitURL(_ id: UnitID) -> String { urls.unit(id) }

    func unitLink(_ id: UnitID) -> UnitLink { UnitLink(name: unitName(id), url: unitURL(id)) }
}
