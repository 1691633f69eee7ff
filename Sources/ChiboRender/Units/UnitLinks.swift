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

    /// A branch's meeting: its row on the scorecard, which lists the period's meetings; for a
    /// meeting of another year, the scorecard itself, whose history shows that year.
    func meetingURL(_ branch: UnitID, date: Day, kind: MeetingKind) -> String {
        guard evaluation.period?.contains(date) == true else { return unitURL(branch) }
        return unitURL(branch) + "#" + SiteURLs.meetingAnchor(date: date, kind: kind)
    }

    /// A list's cell for the unit itself, linked to its page.
    func unitCell(_ id: UnitID) -> ListPage.Cell { ListPage.Cell(text: unitName(id), url: unitURL(id)) }

    /// A list's cell for the committee above a unit, linked; "–" for a unit directly under the bloc.
    func committeeCell(_ id: UnitID) -> ListPage.Cell {
        guard let parent = evaluation.organization[id]?.parent else { return ListPage.Cell(text: "–") }
        return unitCell(parent)
    }
}
