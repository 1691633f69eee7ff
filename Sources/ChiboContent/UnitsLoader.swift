import ChiboModel
import ChiboSupport
import Yams

/// The unit ids whose own errors are reported already, so that records naming them are not reported
/// again: the ids the units file names but could not accept, or every id when the file itself could
/// not be read (a folder, not UTF-8, a broken header), so that its one error is not followed by an
/// "unknown branch" for every meeting.
struct RejectedUnits: Sendable {
    var ids: Set<UnitID> = []
    /// The units file, when it could not be read at all.
    var unreadableFile: String?

    static func unreadable(_ file: String) -> RejectedUnits { RejectedUnits(unreadableFile: file) }

    func contains(_ id: UnitID) -> Bool { unreadableFile != nil || ids.contains(id) }
}

/// What the meeting records and the plans are checked against: the units and the rubrics as read,
/// and what of them could not be read, so that a record is not blamed for its unit's or its
/// rubric's own error.
struct RecordContext: Sendable {
    var organization: Organization
    /// The unit ids whose rows had errors (or every id, when the units file could not be read).
    var rejected = RejectedUnits()
    var rubrics: [Rubric] = []
    /// False when a rubric file had errors: a meeting kind without a rubric may be its, and is not
    /// reported again.
    var rubricsComplete = true
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

    /// The longest name a unit may have, in characters: the longest real one (a branch of a provincial
    /// department with its full title) is about 120.
    static let nameLimit = 300

    /// The names a units file may have, in the order one is chosen when there are several.
    static let fileNames = ["units.csv", "units.xlsx", "units.xlsm", "units.yaml", "units.yml"]

    /// The organisation, and the ids the file names but could not accept (their errors are reported;
    /// records that name them are not reported again).
    static func load(_ folder: ContentFolder, diagnostics: inout Diagnostics) -> (Organization, RejectedUnits)? {
        let candidates = fileNames.filter { folder.exists($0) }
        guard let file = candidates.first else { return nil }
        if candidates.count > 1 {
            diagnostics.error(SourceLocation(file: candidates[1]), .twoUnitsFiles(candidates[0], candidates[1]))
        }
        let unreadable = (Organization(units: []), RejectedUnits.unreadable(file))
        var records: [Record] = []
        if file.hasSuffix(".csv") || Workbook.isWorkbookFile(file) {
            guard let read = readTable(folder, file, diagnostics: &diagnostics) else { return unreadable }
            records = read
        } else {
            guard let text = folder.text(file, diagnostics: &diagnostics) else { return unreadable }
            let yaml = YAMLSource(file: file, lineOffset: 0)
            guard let root = yaml.parse(text, diagnostics: &diagnostics),
                let pairs = yaml.mapping(root, file, diagnostics: &diagnostics)
            else { return unreadable }
            guard let list = pairs.first(where: { $0.key == "units" })?.value else {
                diagnostics.error(yaml.location(root), .needs("unitsList", name: file))
                return unreadable
            }
            records = Records.fromYAML(list, yaml: yaml, fields: fields, what: "`units`", diagnostics: &diagnostics)
        }
        let units = check(records, diagnostics: &diagnostics)
        let accepted = Set(units.map(\.id))
        let named = Set(records.compactMap { $0.value("id").map { UnitID($0.trimmed) } })
        return (Organization(units: units), RejectedUnits(ids: named.subtracting(accepted)))
    }

    /// The records of `units.csv` or `units.xlsx` (`.xlsm`), or nil when the file cannot be read or its header
    /// lacks a column every row needs (one error, not one a row).
    static func readTable(_ folder: ContentFolder, _ file: String, diagnostics: inout Diagnostics) -> [Record]? {
        var records: [Record] = []
        var complete = true
        let header = { (found: [String: SourceLocation], diagnostics: inout Diagnostics) -> Bool in
            for names in Field.missing(["id", "name", "kind"], in: found, of: fields) {
                diagnostics.error(
                    SourceLocation(file: file), .missingColumn(names[0], names: names))
                complete = false
            }
            return complete
        }
        let read: Bool
        if Workbook.isWorkbookFile(file) {
            guard let bytes = folder.read(file, diagnostics: &diagnostics) else { return nil }
            read = Records.readWorkbook(
                bytes, file: file, fields: fields, diagnostics: &diagnostics, header: header,
                record: { record, _ in records.append(record) })
        } else {
            guard let bytes = folder.utf8(file, diagnostics: &diagnostics) else { return nil }
            read = Records.readCSV(
                bytes, file: file, fields: fields, diagnostics: &diagnostics, header: header,
                record: { record, _ in records.append(record) })
        }
        return read && complete ? records : nil
    }

    /// The units of the records, each checked on its own row and then in the hierarchy; a unit with
    /// an error is left out, and so, quietly, are the branches under it.
    static func check(_ records: [Record], diagnostics: inout Diagnostics) -> [Unit] {
        var rows = UnitRows()
        let drafts = records.compactMap { rows.draft($0, diagnostics: &diagnostics) }
        let units = placed(drafts, of: records, diagnostics: &diagnostics)
        // The directory lists the units directly under the bloc, in pages at /don-vi/trang-2/, ...
        let listed = units.filter { $0.parent == nil }.count
        for unit in units where ListPages.isPage(unit.id.rawValue, of: listed) {
            diagnostics.error(
                unit.location, .reservedPageID(unit.id.rawValue, listed: listed, perPage: ListPages.rows))
        }
        return units
    }

    /// A unit read from its row, before its parent is checked.
    struct Draft {
        var unit: Unit
        /// The row's sector, when it gives one (else the parent's, or an error at the top level).
        var sector: RecordValue?
        var parent: RecordValue?
    }

    /// The units' rows read one by one, with what a row is checked against in the rows before it.
    struct UnitRows {
        /// Where each id was first given.
        var seen: [String: SourceLocation] = [:]
        /// Each parent's children by folded name, with the first spelling and its line.
        var names: [String: (name: String, line: Int)] = [:]

        /// The unit of one row, or nil with its errors.
        mutating func draft(_ record: Record, diagnostics: inout Diagnostics) -> Draft? {
            let checkpoint = diagnostics.checkpoint
            func required(_ field: String, _ help: (en: String, vi: String)) -> RecordValue? {
                guard let cell = record.value(field) else {
                    diagnostics.error(record[field]?.location ?? record.location, .requiredField(field, help: help))
                    return nil
                }
                return cell
            }
            let idCell = required(
                "id", ("a stable id of lowercase letters, digits and -", "mã cố định gồm chữ thường, chữ số và dấu -"))
            let nameCell = required("name", ("the unit's display name", "tên đơn vị để hiển thị"))
            if let nameCell { checkName(nameCell, parent: record.value("parent"), diagnostics: &diagnostics) }
            let kindCell = required(
                "kind",
                ("committee (đảng bộ cơ sở) or branch (chi bộ)", "đảng bộ cơ sở (committee) hoặc chi bộ (branch)"))
            if let idCell { checkID(idCell, diagnostics: &diagnostics) }
            let kind = kindCell.flatMap { Self.word($0, Words.unitKind, "kind", diagnostics: &diagnostics) }
            let sector = record.value("sector").flatMap {
                Self.word($0, Words.sector, "sector", diagnostics: &diagnostics)
            }
            let members = Self.members(record, isBranch: kind == .branch, diagnostics: &diagnostics)
            guard !diagnostics.hasErrors(since: checkpoint), let idCell, let nameCell, let kind else { return nil }
            let unit = Unit(
                id: UnitID(idCell.trimmed), name: nameCell.trimmed, kind: kind, sector: sector ?? .agency,
                parent: record.value("parent").map { UnitID($0.trimmed) }, members: members, location: idCell.location)
            return Draft(
                unit: unit, sector: sector == nil ? nil : record.value("sector"), parent: record.value("parent"))
        }

        /// Two units of one parent with one name (apart from accents and case) are a double entry.
        mutating func checkName(_ cell: RecordValue, parent: RecordValue?, diagnostics: inout Diagnostics) {
            // A unit's name is on every page that lists it: one of thousands of characters would be
            // copied into thousands of pages.
            guard cell.trimmed.count <= UnitsLoader.nameLimit else {
                diagnostics.error(
                    cell.location,
                    .unitNameTooLong(cell.trimmed, length: cell.trimmed.count, limit: UnitsLoader.nameLimit))
                return
            }
            let key = (parent?.trimmed ?? "") + "/" + Folding.slug(cell.trimmed)
            if let first = names[key] {
                diagnostics.error(
                    cell.location, .duplicateName(cell.trimmed, first: first.name, firstLine: first.line))
            } else {
                names[key] = (cell.trimmed, cell.location.line)
            }
        }

        /// An id is lowercase ASCII letters, digits and -, short enough for a URL, and given once.
        mutating func checkID(_ cell: RecordValue, diagnostics: inout Diagnostics) {
            let id = cell.trimmed
            // Byte by byte, the same as by characters.
            let allowed = id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
            if !allowed || id.hasPrefix("-") {
                diagnostics.error(cell.location, .badUnitID(id, suggestion: Folding.slug(id)))
            } else if let problem = Folding.urlLengthProblem([id]) {
                diagnostics.error(cell.location, problem)
            } else if id == UnitID.ratingListsFolder {
                diagnostics.error(cell.location, .reservedRatingsID(id))
            } else if let first = seen[id] {
                diagnostics.error(cell.location, .duplicateID(id, firstLine: first.line))
            } else {
                seen[id] = cell.location
            }
        }

        /// The value of a word of `words`, or nil with an error naming the words.
        static func word<Value>(
            _ cell: RecordValue, _ words: Vocabulary<Value>, _ field: String, diagnostics: inout Diagnostics
        ) -> Value? {
            guard let value = words.value(cell.trimmed) else {
                diagnostics.error(cell.location, .unknownWord(field, cell.trimmed, words: words.help))
                return nil
            }
            return value
        }

        /// The members of a unit, 0 to 100000; a branch must give them.
        static func members(_ record: Record, isBranch: Bool, diagnostics: inout Diagnostics) -> Int? {
            guard let cell = record.value("members") else {
                if isBranch {
                    diagnostics.error(record["members"]?.location ?? record.location, .branchNeedsMembers)
                }
                return nil
            }
            guard let value = try? cell.count(leadingZeros: true), (0...100_000).contains(value) else {
                diagnostics.error(cell.location, .membersOutOfRange(field: "members", from: 0, to: 100_000))
                return nil
            }
            return value
        }
    }

    /// The drafts whose parents are right: a committee under nothing, a branch under a committee of
    /// the file or under nothing with its own sector. A branch inherits its committee's sector.
    static func placed(_ drafts: [Draft], of records: [Record], diagnostics: inout Diagnostics) -> [Unit] {
        let byID = Dictionary(drafts.map { ($0.unit.id, $0.unit) }, uniquingKeysWith: { first, _ in first })
        // A parent whose own row has an error is reported there; its branches are left out quietly.
        let failed = Set(records.compactMap { $0.value("id").map { UnitID($0.trimmed) } }).subtracting(byID.keys)
        var units: [Unit] = []
        for var draft in drafts {
            if let parentCell = draft.parent {
                let parentID = UnitID(parentCell.trimmed)
                if draft.unit.kind == .committee {
                    diagnostics.error(parentCell.location, .nestedCommittee)
                    continue
                }
                guard let parent = byID[parentID] else {
                    if failed.contains(parentID) { continue }
                    diagnostics.error(parentCell.location, .unknownParent(parentID.rawValue))
                    continue
                }
                guard parent.kind == .committee else {
                    diagnostics.error(parentCell.location, .branchAsParent(parentID.rawValue))
                    continue
                }
                if draft.sector == nil { draft.unit.sector = parent.sector }
            } else if draft.sector == nil {
                diagnostics.error(
                    draft.unit.location, .needsSector(unit: draft.unit.id.rawValue, words: Words.sector.help))
                continue
            }
            units.append(draft.unit)
        }
        return units
    }
}
