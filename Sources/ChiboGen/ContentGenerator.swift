import ChiboModel
import Foundation

/// Builds the organisation, `preset.years` years of meetings with realistic imperfections (2024 and the
/// years before), and the sample plan of 2024.
struct ContentGenerator {
    let preset: Preset
    let seed: UInt64
    var rng: SplitMix64
    var units: [GeneratedUnit] = []
    /// Bloc standing committee members who observe sample meetings.
    let observers = ["Giàng A Tính", "Lò Văn Hùng", "Nguyễn Thị Thanh Huyền", "Trần Quốc Khánh"]
    /// Meetings of the last year that must exist for the bloc sample sessions: host, month, day, kind.
    var pinned: [(host: String, month: Int, day: Int, kind: MeetingKind)] = []

    init(preset: Preset, seed: UInt64) {
        self.preset = preset
        self.seed = seed
        self.rng = SplitMix64(state: seed)
    }

    mutating func write(to folder: URL) throws {
        if preset.name == .corpus {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try save(siteYAML(), folder.appendingPathComponent("site.yaml"))
            var corpus = GuidanceCorpus(pages: preset.guidancePages, seed: rng.next())
            try corpus.write(to: folder.appendingPathComponent("guidance"))
            return
        }
        buildUnits()
        let manager = FileManager.default
        for sub in ["rubrics", "meetings", "plans"] {
            try manager.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let plan = samplePlan()
        try save(unitsCSV(), folder.appendingPathComponent("units.csv"))
        try save(
            Self.yaml(Self.regularRubric, comment: Self.regularComment),
            folder.appendingPathComponent("rubrics/thuong-ky.yaml"))
        try save(
            Self.yaml(Self.thematicRubric, comment: Self.thematicComment),
            folder.appendingPathComponent("rubrics/chuyen-de.yaml"))
        let committeeMembers = drawCommitteeMembers()
        for (quarter, text) in lastYearsMeetings(committeeMembers: committeeMembers).enumerated() {
            try save(
                text, folder.appendingPathComponent("meetings/\(Self.lastYear)-q\(quarter + 1).csv"), bom: true)
        }
        try writeEarlierYears(to: folder, committeeMembers: committeeMembers)
        try save(plan, folder.appendingPathComponent("plans/ke-hoach-114-kh-duk.yaml"))
        if preset.writeSite {
            try save(siteYAML(), folder.appendingPathComponent("site.yaml"))
        }
        if preset.guidancePages > 0 {
            var corpus = GuidanceCorpus(pages: preset.guidancePages, seed: rng.next())
            try corpus.write(to: folder.appendingPathComponent("guidance"))
        }
    }

    func save(_ text: String, _ url: URL, bom: Bool = false) throws {
        var data = Data()
        if bom { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        data.append(contentsOf: Array(text.utf8))
        try data.write(to: url)
    }

    // MARK: - Units

    mutating func buildUnits() {
        let bundled = preset.name == .bundled
        for index in 0..<preset.enterpriseBranches {
            let (slug, name) =
                index < Names.enterprises.count && bundled
                ? Names.enterprises[index] : ("dn-\(index + 1)", "Doanh nghiệp số \(index + 1)")
            units.append(
                GeneratedUnit(
                    id: "cb-" + slug, name: "Chi bộ " + name, kind: .branch, sector: .enterprise,
                    members: rng.int(7...29), effectiveSector: .enterprise))
        }
        let agencyNames = Names.agencies + Names.publicServices
        for index in 0..<preset.agencyBranches {
            let isPublic = bundled ? index >= Names.agencies.count : index % 3 == 2
            let pair =
                bundled && index < agencyNames.count
                ? agencyNames[index]
                : ("cq-\(index + 1)", (isPublic ? "Đơn vị sự nghiệp số " : "Cơ quan số ") + "\(index + 1)")
            let sector: Sector = isPublic ? .publicService : .agency
            units.append(
                GeneratedUnit(
                    id: "cb-" + pair.0, name: "Chi bộ " + pair.1, kind: .branch, sector: sector,
                    members: rng.int(5...29), effectiveSector: sector))
        }
        for (index, size) in preset.committeeSizes.enumerated() {
            let template = bundled && index < Names.committees.count ? Names.committees[index] : nil
            let id = template?.0 ?? "db-\(index + 1)"
            let sector = template?.2 ?? [Sector.agency, .publicService, .enterprise][index % 3]
            units.append(
                GeneratedUnit(
                    id: id, name: template?.1 ?? "Đảng bộ cơ sở số \(index + 1)", kind: .committee, sector: sector,
                    effectiveSector: sector))
            for branch in 0..<size {
                let title =
                    template.map { branch < $0.3.count ? $0.3[branch] : "Tổ số \(branch + 1)" }
                    ?? "Chi bộ \(index + 1).\(branch + 1)"
                let branchID = "\(id.replacingOccurrences(of: "db-", with: "cb-"))-\(branch + 1)"
                units.append(
                    GeneratedUnit(
                        id: branchID, name: template == nil ? title : "Chi bộ " + title, kind: .branch, parent: id,
                        members: rng.int(3...25), effectiveSector: sector))
            }
        }
    }

    func unitsCSV() -> String {
        var text = "Mã,Tên đơn vị,Loại,Loại hình,Trực thuộc,Số đảng viên\n"
        for unit in units {
            text +=
                [
                    unit.id, csv(unit.name, ","), unit.kind.word,
                    unit.sector?.word ?? "", unit.parent ?? "", unit.members.map(String.init) ?? "",
                ].joined(separator: ",") + "\n"
        }
        return text
    }

    func csv(_ value: String, _ separator: Character) -> String {
        value.contains(separator) || value.contains("\"")
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    // MARK: - Meetings

    /// The year the plan and the default period cover, the last year of records.
    static let lastYear = 2024

    /// Each committee's four members, who attend its branches' meetings: the same people in every year
    /// (a committee is elected for the 2020–2025 term).
    mutating func drawCommitteeMembers() -> [String: [String]] {
        var members: [String: [String]] = [:]
        for unit in units where unit.isCommittee {
            members[unit.id] = (0..<4).map { _ in Names.person(&rng) }
        }
        return members
    }

    /// The last year's quarter files, drawn from the generator's own stream (the same draws whatever the
    /// number of years), with the plan's sample meetings in them.
    mutating func lastYearsMeetings(committeeMembers: [String: [String]]) -> [String] {
        var records = MeetingYear(
            year: Self.lastYear, rng: rng, pinned: pinned, committeeMembers: committeeMembers)
        let quarters = records.quarters(of: units)
        rng = records.rng
        return quarters
    }

    /// Writes the quarter files of the `preset.years - 1` years before the last, latest first. Each year
    /// is drawn from a stream of its own (the seed and the year), so the last year's files are the same
    /// with any number of years. A branch's form walks from year to year (`formStep`): 0 in the last
    /// year, positive where it did worse, negative where it did better.
    func writeEarlierYears(to folder: URL, committeeMembers: [String: [String]]) throws {
        guard preset.years > 1 else { return }
        var forms: [String: Double] = [:]
        for year in stride(from: Self.lastYear - 1, through: Self.lastYear - preset.years + 1, by: -1) {
            var stream = SplitMix64(seed: seed, year: year)
            var practices: [String: Practice] = [:]
            for unit in units where !unit.isCommittee {
                let form = min(2, max(-2, forms[unit.id, default: 0] + Self.formStep(&stream)))
                forms[unit.id] = form
                let weights = (0..<6).map { _ in Double.random(in: 0.5...1.5, using: &stream) }
                practices[unit.id] = Practice(form: form, weights: weights)
            }
            var records = MeetingYear(
                year: year, rng: stream, practices: practices, committeeMembers: committeeMembers)
            for (quarter, text) in records.quarters(of: units).enumerated() {
                try save(text, folder.appendingPathComponent("meetings/\(year)-q\(quarter + 1).csv"), bom: true)
            }
        }
    }

    /// How much worse (positive) or better (negative) a branch did in a year than in the year after:
    /// nearly half clearly worse (the bloc's records improve from year to year), one in five clearly
    /// better, the rest about the same.
    static func formStep(_ rng: inout SplitMix64) -> Double {
        let roll = Double.random(in: 0..<1, using: &rng)
        if roll < 0.45 { return Double.random(in: 0.7...1.5, using: &rng) }
        if roll < 0.65 { return -Double.random(in: 0.6...1.3, using: &rng) }
        return Double.random(in: -0.25...0.25, using: &rng)
    }

    // MARK: - Plan

    /// Kế hoạch 114-KH/ĐUK: one enterprise branch hosts a thematic sample meeting for the enterprise
    /// grassroots branches, one agency branch a regular one for the agency and public-service ones;
    /// every committee plans 1 (fewer than 8 branches) or 2 (one of each kind).
    mutating func samplePlan() -> String {
        let enterprise = units.first { !$0.isCommittee && $0.parent == nil && $0.effectiveSector == .enterprise }
        let agency = units.first { !$0.isCommittee && $0.parent == nil && $0.effectiveSector == .agency }
        var text = "# Kế hoạch tổ chức sinh hoạt chi bộ mẫu năm 2024 (Kế hoạch số 114-KH/ĐUK, ngày 26/01/2024).\n"
        text += "# Số buổi của mỗi đảng ủy cơ sở theo committee_rule; lịch cụ thể là dữ liệu mẫu.\n"
        text +=
            "number: 114-KH/ĐUK\ntitle: Kế hoạch tổ chức sinh hoạt chi bộ mẫu năm 2024\nissued: 2024-01-26\nsessions:\n"
        if let enterprise {
            pinned.append((enterprise.id, 3, 12, .thematic))
            text += """
                  - host: \(enterprise.id)
                    kind: thematic
                    date: 2024-03-12
                    time: "08:00"
                    venue: Hội trường \(enterprise.name.replacingOccurrences(of: "Chi bộ ", with: ""))
                    topic: Nâng cao vai trò của chi bộ trong thực hiện nhiệm vụ sản xuất, kinh doanh và phòng, chống tham nhũng, tiêu cực
                    audience: {level: grassroots, sector: [enterprise]}
                    observers: [\(observers[0]), \(observers[1])]

                """
        }
        if let agency {
            pinned.append((agency.id, 4, 16, .regular))
            text += """
                  - host: \(agency.id)
                    kind: regular
                    date: 2024-04-16
                    time: "08:00"
                    venue: Hội trường \(agency.name.replacingOccurrences(of: "Chi bộ ", with: ""))
                    audience: {level: grassroots, sector: [agency, public-service]}
                    observers: [\(observers[0]), \(observers[2])]

                """
        }
        text += "committee_rule:\n  threshold: 8\n  below: 1\n  at_or_above: 2\ncommittee_sessions:\n"
        let committees = units.filter(\.isCommittee)
        for (index, committee) in committees.enumerated() {
            let branches = units.filter { $0.parent == committee.id }
            guard !branches.isEmpty else { continue }
            var kinds: [MeetingKind] =
                branches.count >= 8 ? [.regular, .thematic] : [index % 2 == 0 ? .regular : .thematic]
            if preset.name == .bundled {
                if index == 1 { kinds = [.thematic] }  // 11 branches, only one planned
                if index == 2 { kinds = [.regular, .regular] }  // 9 branches, two of one kind
                if index == 7 { kinds = [.regular, .thematic] }  // 4 branches, one too many
            }
            for (position, kind) in kinds.enumerated() {
                var host = branches[(position * 2) % branches.count].id
                if preset.name == .bundled && index == 8,
                    let other = units.first(where: { $0.parent == committees[0].id })
                {
                    host = other.id  // hosted by a branch of another committee
                }
                let month = 3 + (index + position * 3) % 8
                var day = 5 + (index * 3 + position * 7) % 20
                var observer = observers[(index + position) % observers.count]
                if preset.name == .bundled && index == 5 {
                    day = 12
                    observer = observers[0]  // also at the bloc session on 12/03: a conflict
                }
                let date = inYear(preset.name == .bundled && index == 5 ? 3 : month, day)
                text +=
                    "  - {committee: \(committee.id), host: \(host), kind: \(kind.rawValue), date: \(date), observers: [\(observer)]"
                if kind == .thematic {
                    text +=
                        ", topic: \"\(rng.pick(Names.topics).replacingOccurrences(of: "{unit}", with: committee.name.replacingOccurrences(of: "Đảng bộ ", with: "")))\""
                }
                text += "}\n"
            }
        }
        return text
    }

    func siteYAML() -> String {
        """
        title: "Sổ tay sinh hoạt chi bộ (dữ liệu thử tải: \(preset.name.rawValue))"
        organization: Đảng bộ thử nghiệm
        period: {from: 2024-01-01, to: 2024-12-31}
        political_study_required_from: 2023-07-01

        """
    }

    // MARK: - Rubrics

    /// The rating bands of both sample rubrics, best first: Tốt needs 90 and full marks on 1, 2, 4, 5.
    static let ratings = [
        RatingBand(name: "Tốt", minTotal: 90, requireFull: [1, 2, 4, 5]), RatingBand(name: "Khá", minTotal: 70),
        RatingBand(name: "Trung bình", minTotal: 50), RatingBand(name: "Kém", minTotal: 0),
    ]

    static let regularRubric = Rubric(
        id: "thuong-ky", title: "Tiêu chí chấm điểm sinh hoạt chi bộ thường kỳ", appliesTo: .regular,
        source: "Quy định số 14-QĐ/TU (thang điểm mẫu)",
        criteria: [
            Criterion(id: 1, title: "Chuẩn bị", max: 15),
            Criterion(
                id: 2, title: "Thời gian và tỷ lệ đảng viên dự", max: 15,
                strength: "chi bộ đã thực hiện nội dung, các bước và thời gian sinh hoạt đảm bảo theo đúng "
                    + "Hướng dẫn số 03-HD/TU của Ban Thường vụ Tỉnh ủy"),
            Criterion(id: 3, title: "Nội dung và điều hành", max: 30),
            Criterion(
                id: 4, title: "Nguyên tắc, tự phê bình và phê bình", max: 20,
                strength: "giữ vững nguyên tắc tập trung dân chủ, đoàn kết thống nhất, tự phê bình và phê bình "
                    + "trong sinh hoạt"),
            Criterion(
                id: 5, title: "Kết quả thực hiện nghị quyết", max: 20,
                strength: "bí thư chi bộ kết luận đủ nội dung, phân công nhiệm vụ, thời gian hoàn thành cho đảng viên "
                    + "(tổ đảng)"),
        ],
        ratings: ratings)

    static let thematicRubric = Rubric(
        id: "chuyen-de", title: "Tiêu chí chấm điểm sinh hoạt chi bộ chuyên đề", appliesTo: .thematic,
        source: "Quy định số 14-QĐ/TU (thang điểm mẫu)",
        criteria: [
            Criterion(
                id: 1, title: "Lựa chọn chuyên đề", max: 20,
                strength: "nội dung chuyên đề cơ bản đã bám sát, phù hợp với nhiệm vụ chuyên môn của cơ quan, đơn vị, "
                    + "doanh nghiệp",
                weakness: "việc lựa chọn nội dung chuyên đề còn chưa sát với tình hình thực tế tại chi bộ, cơ quan, "
                    + "đơn vị, doanh nghiệp"),
            Criterion(
                id: 2, title: "Chuẩn bị báo cáo chuyên đề", max: 20,
                strength: "chi ủy đã phân công đảng viên chuẩn bị chuyên đề"),
            Criterion(id: 3, title: "Thảo luận và phát biểu", max: 30),
            Criterion(
                id: 4, title: "Kết luận của chủ trì", max: 15,
                strength: "bí thư chi bộ điều hành linh hoạt, có định hướng, gợi ý thảo luận; kết luận nội dung cần "
                    + "tiếp thu để bổ sung, hoàn thiện chuyên đề và thống nhất đảng viên trong chi bộ thực hiện",
                weakness: "điều hành của bí thư chi bộ chưa linh hoạt, kết luận chưa rõ để đảng viên tiếp thu ý kiến "
                    + "tham gia hoàn chỉnh báo cáo chuyên đề"),
            Criterion(id: 5, title: "Tổ chức thực hiện sau chuyên đề", max: 15),
        ],
        ratings: ratings)

    static let regularComment = """
        # Thang điểm mẫu cho sinh hoạt thường kỳ, soạn theo tinh thần Quy định số 14-QĐ/TU
        # (nội dung gốc của quy định không có trên trang; sửa tệp này cho khớp văn bản gốc).

        """

    static let thematicComment = """
        # Thang điểm mẫu cho sinh hoạt chuyên đề, soạn theo tinh thần Quy định số 14-QĐ/TU.

        """

    /// A rubric file as the content loader reads it back, after `comment`.
    static func yaml(_ rubric: Rubric, comment: String) -> String {
        // A value in a flow mapping is quoted when it holds a comma.
        func flow(_ value: String) -> String { value.contains(",") ? "\"\(value)\"" : value }
        var text = comment
        text += "id: \(rubric.id)\ntitle: \(rubric.title)\napplies_to: \(rubric.appliesTo.rawValue)\n"
        text += "source: \(rubric.source)\n"
        if rubric.criteria.contains(where: { $0.strength != nil || $0.weakness != nil }) {
            text += "# strength/weakness: the words the drafted review letter writes for a criterion (strength when\n"
            text += "# nearly every meeting has it at full marks, weakness with its count when more than\n"
            text += "# targets.criterion_short_share of them fall short), taken from Công văn số 750-CV/ĐUK.\n"
        }
        text += "criteria:\n"
        for criterion in rubric.criteria {
            guard criterion.strength != nil || criterion.weakness != nil else {
                text += "  - {id: \(criterion.id), title: \(flow(criterion.title)), max: \(criterion.max)}\n"
                continue
            }
            text += "  - id: \(criterion.id)\n    title: \(flow(criterion.title))\n    max: \(criterion.max)\n"
            if let strength = criterion.strength { text += "    strength: \"\(strength)\"\n" }
            if let weakness = criterion.weakness { text += "    weakness: \"\(weakness)\"\n" }
        }
        text += "ratings:\n"
        for band in rubric.ratings {
            precondition(band.requireMin.isEmpty, "require_min is not written")
            text += "  - {name: \(flow(band.name.rawValue)), min_total: \(band.minTotal)"
            if !band.requireFull.isEmpty {
                text += ", require_full: [\(band.requireFull.map(String.init).joined(separator: ", "))]"
            }
            text += "}\n"
        }
        return text
    }
}
