import ChiboModel
import ChiboSupport
import Yams

/// The unit ids whose own errors are reported already, so that records naming them are not reported
/// again: the ids the units file names but could not accept, or every id when the file itself could
/// not be read (a folder, not UTF-8, a broken header), so that its one error is not followed by an
/// "unknown branch" for every meeting.
struct RejectedUnits: Sendable {
    var ids: Set<String> = []
    /// The units file, when it could not be read at all.
    var unreadableFile: String?

    static func unreadable(_ file: String) -> RejectedUnits { RejectedUnits(unreadableFile: file) }

    func contains(_ id: String) -> Bool { unreadableFile != nil || ids.contains(id) }
}

/// Reads `units.csv` or `units.yaml` into the organisation tree and checks it.
enum UnitsLoader {
    static let fields = [
        Field("id", ["mã", "ma don vi", "mã đơn vị"]),
        Field("name", ["tên", "tên đơn vị"]),
        Field("kind", ["loại", "cấp"]),
        Field("sector", ["loại hình"]),
        Field("parent", ["trực thuộc"]),
        Field("members", ["số đảng viên"]),
    ]

    /// The organisation, and the ids the file names but could not accept (their errors are reported;
    /// records that name them are not reported again).
    static func load(_ folder: ContentFolder, diagnostics: inout Diagnostics) -> (Organization, RejectedUnits)? {
        let candidates = ["units.csv", "units.yaml", "units.yml"].filter { folder.exists($0) }
        guard let file = candidates.first else { return nil }
        if candidates.count > 1 {
            diagnostics.error(
                .fileTwice,
                SourceLocation(file: candidates[1]),
                "both \(candidates[0]) and \(candidates[1]) exist; keep one units file")
        }
        let unreadable = (Organization(units: []), RejectedUnits.unreadable(file))
        guard let text = folder.text(file, diagnostics: &diagnostics) else { return unreadable }
        var records: [Record] = []
        if file.hasSuffix(".csv") {
            guard let table = Records.fromCSV(text, file: file, fields: fields, diagnostics: &diagnostics) else {
                return unreadable
            }
            let missing = Field.missing(["id", "name", "kind"], in: table.header, of: fields)
            for names in missing {
                diagnostics.error(
                    .missingColumn,
                    SourceLocation(file: file),
                    "the header has no `\(names[0])` column (\(names.map { "\"\($0)\"" }.joined(separator: " or ")))")
            }
            // Without these columns no row can be read: one error, not one a row.
            if !missing.isEmpty { return unreadable }
            records = table.records
        } else {
            let yaml = YAMLSource(file: file, lineOffset: 0)
            guard let root = yaml.parse(text, diagnostics: &diagnostics),
                let pairs = yaml.mapping(root, file, diagnostics: &diagnostics)
            else { return unreadable }
            guard let list = pairs.first(where: { $0.key == "units" })?.value else {
                diagnostics.error(.valueMissing, yaml.location(root), "\(file) needs a `units:` list")
                return unreadable
            }
            records = Records.fromYAML(list, yaml: yaml, fields: fields, what: "`units`", diagnostics: &diagnostics)
        }
        let units = check(records, diagnostics: &diagnostics)
        let accepted = Set(units.map(\.id))
        let named = Set(records.compactMap { $0.value("id")?.trimmed })
        return (Organization(units: units), RejectedUnits(ids: named.subtracting(accepted)))
    }

    static func check(_ records: [Record], diagnostics: inout Diagnostics) -> [Unit] {
        struct Draft {
            var unit: Unit
            var sector: RecordValue?
            var parent: RecordValue?
        }
        var drafts: [Draft] = []
        var seen: [String: SourceLocation] = [:]
        var names: [String: (name: String, line: Int)] = [:]
        for record in records {
            var ok = true
            func required(_ field: String, _ help: String) -> RecordValue? {
                guard let cell = record.value(field) else {
                    diagnostics.error(
                        .valueMissing, record[field]?.location ?? record.location, "`\(field)` is required: \(help)")
                    ok = false
                    return nil
                }
                return cell
            }
            let idCell = required("id", "a stable id of lowercase letters, digits and -")
            let nameCell = required("name", "the unit's display name")
            if let nameCell {
                // Two units of one parent with one name (apart from accents and case) are a double entry.
                let key = (record.value("parent")?.trimmed ?? "") + "/" + Folding.slug(nameCell.trimmed)
                if let first = names[key] {
                    diagnostics.error(
                        .duplicateName,
                        nameCell.location,
                        "\"\(nameCell.trimmed)\" is the same name as \"\(first.name)\" on line \(first.line) "
                            + "under the same parent (apart from accents or case); is it entered twice?")
                    ok = false
                } else {
                    names[key] = (nameCell.trimmed, nameCell.location.line)
                }
            }
            let kindCell = required("kind", "committee (đảng bộ cơ sở) or branch (chi bộ)")
            if let idCell {
                let id = idCell.trimmed
                // Lowercase ASCII letters, digits and -: byte by byte, the same as by characters.
                let allowed = id.utf8.allSatisfy {
                    (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D
                }
                if !allowed || id.hasPrefix("-") {
                    let suggestion = Folding.slug(id)
                    diagnostics.error(
                        .badForm,
                        idCell.location,
                        "the id \"\(id.visible)\" may hold only lowercase ASCII letters, digits and -"
                            + (suggestion.isEmpty ? "" : "; for example \"\(suggestion)\""))
                    ok = false
                } else if let problem = Folding.urlLengthProblem([id]) {
                    diagnostics.error(.duplicateID, idCell.location, problem)
                    ok = false
                } else if let first = seen[id] {
                    diagnostics.error(
                        .duplicateID, idCell.location, "the id \"\(id)\" is already used on line \(first.line)")
                    ok = false
                } else {
                    seen[id] = idCell.location
                }
            }
            var kind: UnitKind?
            if let kindCell {
                kind = Words.unitKind.value(kindCell.trimmed)
                if kind == nil {
                    diagnostics.error(
                        .unknownWord,
                        kindCell.location, "unknown kind \"\(kindCell.trimmed)\"; use \(Words.unitKind.help)")
                    ok = false
                }
            }
            var sector: Sector?
            if let cell = record.value("sector") {
                sector = Words.sector.value(cell.trimmed)
                if sector == nil {
                    diagnostics.error(
                        .unknownWord, cell.location, "unknown sector \"\(cell.trimmed)\"; use \(Words.sector.help)")
                    ok = false
                }
            }
            var members: Int?
            if let cell = record.value("members") {
                if let value = try? Counts.parse(cell.trimmed, leadingZeros: true),
                    (0...100_000).contains(value)
                {
                    members = value
                } else {
                    diagnostics.error(
                        .outOfRange, cell.location, "`members` must be a whole number of members, from 0 to 100000")
                    ok = false
                }
            } else if kind == .branch {
                diagnostics.error(
                    .valueMissing,
                    record["members"]?.location ?? record.location, "a branch needs `members` (số đảng viên)")
                ok = false
            }
            guard ok, let idCell, let nameCell, let kind else { continue }
            let unit = Unit(
                id: idCell.trimmed, name: nameCell.trimmed, kind: kind, sector: sector ?? .agency,
                parent: record.value("parent")?.trimmed, members: members, location: idCell.location)
            drafts.append(
                Draft(unit: unit, sector: sector == nil ? nil : record.value("sector"), parent: record.value("parent")))
        }
        let byID = Dictionary(drafts.map { ($0.unit.id, $0.unit) }, uniquingKeysWith: { first, _ in first })
        // A parent whose own row has an error is reported there; its branches are left out quietly.
        let failed = Set(records.compactMap { $0.value("id")?.trimmed }).subtracting(byID.keys)
        var units: [Unit] = []
        for var draft in drafts {
            if let parentCell = draft.parent {
                let parentID = parentCell.trimmed
                if draft.unit.kind == .committee {
                    diagnostics.error(
                        .wrongLevel,
                        parentCell.location,
                        "a grassroots committee cannot be under another unit (committees do not nest); leave `parent` empty"
                    )
                    continue
                }
                guard let parent = byID[parentID] else {
                    if failed.contains(parentID) { continue }
                    diagnostics.error(
                        .unknownUnit, parentCell.location, "the parent \"\(parentID)\" is not a unit id of this file")
                    continue
                }
                guard parent.kind == .committee else {
                    diagnostics.error(
                        .wrongLevel,
                        parentCell.location,
                        "the parent \"\(parentID)\" is a branch; a branch can only be under a committee")
                    continue
                }
                if draft.sector == nil { draft.unit.sector = parent.sector }
            } else if draft.sector == nil {
                diagnostics.error(
                    .valueMissing,
                    draft.unit.location,
                    "\"\(draft.unit.id)\" is directly under the bloc, so it needs a `sector` (\(Words.sector.help))")
                continue
            }
            units.append(draft.unit)
        }
        return units
    }
}
