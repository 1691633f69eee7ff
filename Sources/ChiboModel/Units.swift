/// The kind of organisation a unit belongs to (loại hình).
public enum Sector: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Cơ quan.
    case agency
    /// Đơn vị sự nghiệp.
    case publicService = "public-service"
    /// Doanh nghiệp.
    case enterprise

    public static func < (lhs: Sector, rhs: Sector) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// Whether a unit is a grassroots committee (đảng bộ cơ sở) or a branch (chi bộ).
public enum UnitKind: String, Sendable, Hashable {
    case committee
    case branch
}

/// Where a unit stands in the bloc's tree.
public enum UnitLevel: String, Sendable, Hashable, CaseIterable {
    /// Đảng bộ cơ sở: has its own branches, holds no meetings itself.
    case committee
    /// Chi bộ cơ sở: a branch directly under the bloc.
    case grassrootsBranch = "grassroots-branch"
    /// Chi bộ trực thuộc: a branch under a grassroots committee.
    case subordinateBranch = "subordinate-branch"
}

/// The id of a unit as the units file gives it (lowercase ASCII letters, digits and -): what meeting
/// records, plans and URLs name a unit by.
public struct UnitID: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static func < (a: UnitID, b: UnitID) -> Bool { a.rawValue < b.rawValue }

    /// The units directory's lists by latest rating: `/don-vi/xep-loai/<rating>/`; no unit may
    /// have it as its id.
    public static let ratingListsFolder = "xep-loai"
}

/// A unit of the bloc: a grassroots committee or a branch.
public struct Unit: Sendable, Hashable, Identifiable {
    public var id: UnitID
    public var name: String
    public var kind: UnitKind
    /// The unit's sector; a branch with none given inherits its committee's.
    public var sector: Sector
    /// The id of the committee above, nil when directly under the bloc.
    public var parent: UnitID?
    /// Number of Party members (đảng viên); required for branches.
    public var members: Int?
    public var location: SourceLocation

    public init(
        id: UnitID, name: String, kind: UnitKind, sector: Sector, parent: UnitID? = nil, members: Int? = nil,
        location: SourceLocation = SourceLocation(file: "units.csv")
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.sector = sector
        self.parent = parent
        self.members = members
        self.location = location
    }

    public var level: UnitLevel {
        switch (kind, parent) {
        case (.committee, _): return .committee
        case (.branch, nil): return .grassrootsBranch
        case (.branch, _): return .subordinateBranch
        }
    }

    public var isBranch: Bool { kind == .branch }
}

/// The bloc's organisation tree, in the order of the units file.
public struct Organization: Sendable, Hashable {
    public private(set) var units: [Unit]
    private var index: [UnitID: Int]
    /// Positions of the branches under each parent, in file order.
    private var branchPositions: [UnitID: [Int]]
    /// Names that more than one unit has ("Chi bộ Văn phòng Sở" under two committees).
    private var sharedNames: Set<String>

    public init(units: [Unit]) {
        self.units = units
        var index: [UnitID: Int] = [:]
        var branchPositions: [UnitID: [Int]] = [:]
        for (position, unit) in units.enumerated() {
            if index[unit.id] == nil { index[unit.id] = position }
            if unit.isBranch, let parent = unit.parent { branchPositions[parent, default: []].append(position) }
        }
        self.index = index
        self.branchPositions = branchPositions
        var seen: Set<String> = []
        var shared: Set<String> = []
        for unit in units where !seen.insert(unit.name).inserted { shared.insert(unit.name) }
        sharedNames = shared
    }

    /// The unit's name as a reader can tell it from another's: with its committee, "Chi bộ Văn phòng
    /// Sở (Đảng bộ Sở Y tế)", when another unit has the same name; the name alone otherwise.
    public func distinctName(of id: UnitID) -> String {
        let name = name(of: id)
        guard sharedNames.contains(name), let parent = self[id]?.parent else { return name }
        return name + " (" + self.name(of: parent) + ")"
    }

    public subscript(id: UnitID) -> Unit? { index[id].map { units[$0] } }

    /// The unit's position in the units file.
    public func position(of id: UnitID) -> Int? { index[id] }

    /// The unit's name, or the id itself for an id no unit has (a record of a rejected unit).
    public func name(of id: UnitID) -> String { self[id]?.name ?? id.rawValue }

    public var branches: [Unit] { units.filter(\.isBranch) }
    public var committees: [Unit] { units.filter { $0.kind == .committee } }

    /// The branches of a grassroots committee, in file order.
    public func branches(of committee: UnitID) -> [Unit] {
        (branchPositions[committee] ?? []).map { units[$0] }
    }
}

/// Long lists (the units directory, a section's documents, the findings of a code) go on in
/// numbered pages below the list's own folder: `.../trang-2/`, `.../trang-3/`. A unit or a
/// document whose URL name is one of those pages is an error where it is given.
public enum ListPages {
    /// The folder of page `n` (from 2) is this and the number: `trang-2`.
    public static let prefix = "trang-"
    /// Rows a page holds at most.
    public static let rows = 200

    /// How many pages a list of `items` rows takes, `perPage` a page, at least one.
    public static func count(items: Int, perPage: Int = rows) -> Int { max(1, (items + perPage - 1) / perPage) }

    /// The page number a folder name stands for: 2 for `trang-2`; nil for any other name.
    public static func number(_ name: String) -> Int? {
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.utf8.dropFirst(prefix.utf8.count)
        guard !digits.isEmpty, digits.count < 10, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// Whether `name` is the folder of a page of a list of `items` rows.
    public static func isPage(_ name: String, of items: Int) -> Bool {
        number(name).map { $0 >= 2 && $0 <= count(items: items) } ?? false
    }
}
