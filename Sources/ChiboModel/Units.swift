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
    }

    public subscript(id: UnitID) -> Unit? { index[id].map { units[$0] } }

    /// The unit's name, or the id itself for an id no unit has (a record of a rejected unit).
    public func name(of id: UnitID) -> String { self[id]?.name ?? id.rawValue }

    public var branches: [Unit] { units.filter(\.isBranch) }
    public var committees: [Unit] { units.filter { $0.kind == .committee } }

    /// The branches of a grassroots committee, in file order.
    public func branches(of committee: UnitID) -> [Unit] {
        (branchPositions[committee] ?? []).map { units[$0] }
    }
}
