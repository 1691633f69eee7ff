import ChiboContent
import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

/// chibo-gen as `swift build --build-tests` builds it: the bundled content's data files byte for byte,
/// and the years of records before 2024, drawn without disturbing 2024's.
@Suite struct GeneratorTests {
    static func generate(_ arguments: [String]) throws -> TempFolder {
        let folder = try TempFolder()
        let generator = PackagePaths.root + "/.build/debug/chibo-gen"
        try #require(
            FileManager.default.isExecutableFile(atPath: generator), "chibo-gen is built by swift build --build-tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: generator)
        process.arguments = arguments + ["--output", folder.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "chibo-gen \(arguments)")
        return folder
    }

    /// Every file under `folder`, relative to it, sorted; the guidance only when `guidance`.
    static func files(in folder: String, guidance: Bool = true) throws -> [String] {
        let all = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }
        return all.filter { guidance || !($0.hasPrefix("guidance/") || $0 == "site.yaml") }.sorted()
    }

    static func expectSameBytes(_ names: [String], _ one: String, _ other: String) {
        for name in names {
            let bytes = FileManager.default.contents(atPath: one + "/" + name)
            #expect(bytes != nil, "\(one)/\(name)")
            #expect(bytes == FileManager.default.contents(atPath: other + "/" + name), "\(name)")
        }
    }

    static let meetingsOf2024 = (1...4).map { "meetings/2024-q\($0).csv" }

    /// The preset's default (2023 and 2024) writes content/'s data files; `--years 1` writes them less
    /// 2023's records, 2024's as they were before earlier years existed.
    @Test(arguments: [[], ["--years", "1"]])
    func theBundledPresetWritesTheContentFoldersDataFiles(_ years: [String]) throws {
        let folder = try Self.generate(["--preset", "bundled"] + years)
        defer { folder.remove() }
        let content = try Self.files(in: PackagePaths.content, guidance: false)
        let meetingsOf2023 = (1...4).map { "meetings/2023-q\($0).csv" }
        #expect(Set(meetingsOf2023 + Self.meetingsOf2024).isSubset(of: content))
        let expected = years.isEmpty ? content : content.filter { !meetingsOf2023.contains($0) }
        let written = try Self.files(in: folder.path)
        #expect(written == expected)
        Self.expectSameBytes(written, folder.path, PackagePaths.content)
    }

    /// Five years (nation's default) leave every file of the one-year output as it is: the units, the
    /// plan, 2024's records, the site and the guidance drawn after them.
    @Test func earlierYearsLeaveTheLastYearsFilesAsTheyAre() throws {
        let shape = ["--preset", "nation", "--branches", "200", "--guidance-pages", "3"]
        let one = try Self.generate(shape + ["--years", "1"])
        defer { one.remove() }
        let five = try Self.generate(shape)
        defer { five.remove() }
        let oneYear = try Self.files(in: one.path)
        let earlier = (2020...2023).flatMap { year in (1...4).map { "meetings/\(year)-q\($0).csv" } }
        #expect(try Self.files(in: five.path) == (oneYear + earlier).sorted())
        #expect(Set(Self.meetingsOf2024).isSubset(of: oneYear))
        Self.expectSameBytes(oneYear, one.path, five.path)
    }

    /// Figures of one branch (or the bloc) in one year, from its meeting records.
    struct YearFigures {
        var meetings = 0
        var present = 0
        var speakers = 0
        var overrated = 0

        var speakingRate: Double { Double(speakers) / Double(max(1, present)) }
        var overratedShare: Double { Double(overrated) / Double(max(1, meetings)) }

        mutating func add(_ meeting: Meeting, overrated isOverrated: Bool) {
            meetings += 1
            present += meeting.present
            speakers += meeting.speakers
            if isOverrated { overrated += 1 }
        }
    }

    /// The bundled content's 2023 differs from its 2024 as a leader comparing them would see: the bloc's
    /// speaking rate and share of overrated meetings differ by a few points, and among the branches some
    /// did clearly better in 2023 and more did clearly worse.
    @Test func theBundledContentsEarlierYearDiffersVisibly() throws {
        var diagnostics = Diagnostics()
        let loaded = ContentLoader.load(from: PackagePaths.content, diagnostics: &diagnostics)
        let content = try #require(loaded)
        #expect(!diagnostics.hasErrors, "\(diagnostics.items)")
        var bloc: [Int: YearFigures] = [:]
        var branches: [UnitID: [Int: YearFigures]] = [:]
        var regularWithoutStudy: [Bool: (Int, Int)] = [:]  // before the rule: (without, all)
        let ruleFrom = try #require(content.settings.politicalStudyRequiredFrom)
        for meeting in content.meetings {
            let rubric = try #require(content.rubrics.first { $0.appliesTo == meeting.kind })
            let selfRank = try #require(rubric.rank(of: meeting.selfRating.rawValue))
            let isOverrated = selfRank < rubric.rating(for: meeting.scores)
            let year = meeting.date.year
            bloc[year, default: YearFigures()].add(meeting, overrated: isOverrated)
            branches[meeting.branch, default: [:]][year, default: YearFigures()].add(meeting, overrated: isOverrated)
            if meeting.kind == .regular && year == 2023 {
                let before = meeting.date < ruleFrom
                let (without, all) = regularWithoutStudy[before] ?? (0, 0)
                regularWithoutStudy[before] = (without + (meeting.politicalStudy ? 0 : 1), all + 1)
            }
        }
        #expect(bloc.keys.sorted() == [2023, 2024])
        let earlier = try #require(bloc[2023])
        let later = try #require(bloc[2024])
        #expect(abs(earlier.meetings - later.meetings) < later.meetings / 10)
        #expect(later.speakingRate - earlier.speakingRate >= 0.01, "\(earlier.speakingRate) → \(later.speakingRate)")
        #expect(later.speakingRate - earlier.speakingRate <= 0.06)
        #expect(
            earlier.overratedShare - later.overratedShare >= 0.01, "\(earlier.overratedShare) → \(later.overratedShare)"
        )
        #expect(earlier.overratedShare - later.overratedShare <= 0.08)
        // Every branch has records in both years; some improved clearly, some declined clearly.
        let branchCount = content.organization.units.filter { $0.kind == .branch }.count
        #expect(branches.count == branchCount)
        #expect(branches.values.allSatisfy { $0.keys.sorted() == [2023, 2024] })
        func changes(_ figure: (YearFigures) -> Double, by margin: Double) -> (up: Int, down: Int) {
            let deltas = branches.values.compactMap { years in
                years[2023].flatMap { earlier in years[2024].map { figure($0) - figure(earlier) } }
            }
            return (deltas.filter { $0 > margin }.count, deltas.filter { $0 < -margin }.count)
        }
        let speaking = changes(\.speakingRate, by: 0.05)
        #expect(speaking.up >= 10 && speaking.down >= 5, "\(speaking)")
        #expect(speaking.up > speaking.down)
        let overrating = changes(\.overratedShare, by: 0.1)
        #expect(overrating.up >= 5 && overrating.down >= 10, "\(overrating)")
        // Before Hướng dẫn 08-HD/ĐUK's rule (political_study_required_from) political study was often
        // left out; after it, seldom.
        let before = try #require(regularWithoutStudy[true])
        let after = try #require(regularWithoutStudy[false])
        #expect(Double(before.0) / Double(before.1) > 0.2)
        #expect(Double(after.0) / Double(after.1) < 0.12)
    }
}
