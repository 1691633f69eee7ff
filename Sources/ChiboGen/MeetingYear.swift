import ChiboModel

/// How a branch holds its meetings in one year: the chances a meeting of it is drawn with.
/// `Practice()` is the 2024 generator's, so that a year drawn with it is that generator's, draw for draw.
struct Practice {
    /// Added to the roll that decides how many members are absent (positive: more absent).
    var absence = 0.0
    /// The chance that a meeting's speaking rate comes from the upper band (28–41%), not the lower (14–29%).
    var upperSpeaking = 0.75
    /// Added to both bands of the speaking rate.
    var speakingShift = 0.0
    /// Added to the roll that decides a meeting's scores (positive: fewer meetings with full marks on the
    /// criteria a Tốt needs).
    var quality = 0.0
    /// The chance that a meeting short of full marks on one of those criteria is self-rated Tốt all the same
    /// (Công văn 750-CV/ĐUK's finding).
    var overrating = 0.30
    /// The chance that a regular meeting holds no political study once Hướng dẫn 08-HD/ĐUK requires it...
    var skippedStudy = 0.05
    /// ... and before (site.yaml's `political_study_required_from`, 2023-07-01).
    var skippedStudyBeforeRule = 0.05
    /// The chance that a subordinate branch's meeting has no committee member attending.
    var unsupervised = 0.14
    /// The chance that the branch is one that misses some months' regular meetings.
    var missesMonths = 0.06
    /// The chance that the branch holds no thematic meeting in the third quarter.
    var missesThematic = 0.07

    init() {}

    /// The practice of a branch in an earlier year, `form` better (negative) or worse (positive) than in
    /// 2024, each aspect by the branch's own weight (`weights`, six of them, about 1).
    init(form: Double, weights: [Double]) {
        func clamped(_ value: Double, _ range: ClosedRange<Double>) -> Double {
            min(max(value, range.lowerBound), range.upperBound)
        }
        absence = 0.1 * form * weights[0]
        upperSpeaking = clamped(0.75 - 0.25 * form * weights[1], 0.15...0.97)
        speakingShift = -0.04 * form * weights[1]
        quality = 0.08 * form * weights[2]
        overrating = clamped(0.30 + 0.25 * form * weights[3], 0.04...0.85)
        skippedStudy = clamped(0.05 + 0.05 * form * weights[4], 0.005...0.4)
        skippedStudyBeforeRule = clamped(0.3 + 0.12 * form * weights[4], 0.08...0.7)
        unsupervised = clamped(0.14 + 0.08 * form * weights[5], 0.03...0.5)
        missesMonths = clamped(0.06 + 0.06 * form, 0...0.4)
        missesThematic = clamped(0.07 + 0.04 * form, 0...0.3)
    }
}

/// A year of meeting records: every branch's monthly regular meetings and quarterly thematic ones,
/// with the realistic imperfections of a bloc's records (overrating, missed study, low speaking rates,
/// unsupervised and missed meetings), each branch as its `Practice` of the year has it.
struct MeetingYear {
    let year: Int
    var rng: SplitMix64
    /// Each branch's practice; a branch not in it has `Practice()`.
    var practices: [String: Practice] = [:]
    /// Meetings that must exist for the bloc's sample sessions: host, month, day, kind.
    var pinned: [(host: String, month: Int, day: Int, kind: MeetingKind)] = []
    /// Each committee's members, who attend its branches' meetings.
    var committeeMembers: [String: [String]] = [:]

    /// Hướng dẫn 08-HD/ĐUK (20/6/2023): political study in every regular meeting from this day (site.yaml's
    /// `political_study_required_from`); a regular meeting before it may go without.
    static let studyRequiredFrom = day(2023, 7, 1)

    static let regularMax = ContentGenerator.regularRubric.criteria.map(\.max)
    static let thematicMax = ContentGenerator.thematicRubric.criteria.map(\.max)
    /// The positions in the scores of the criteria the best rating needs at full marks.
    static let gates = ContentGenerator.ratings[0].requireFull.map { $0 - 1 }

    mutating func scores(_ maxima: [Int], _ practice: Practice) -> [Int] {
        let quality = Double.random(in: 0..<1, using: &rng) + practice.quality
        var scores = maxima
        if quality < 0.62 {
            scores[2] = maxima[2] - rng.int(0...8)
        } else if quality < 0.90 {
            // The letter's case: one or two gate criteria just below their maximum.
            for gate in Self.gates where rng.chance(0.4) { scores[gate] -= rng.int(1...3) }
            if scores == maxima { scores[0] -= 1 }
            scores[2] = maxima[2] - rng.int(0...6)
        } else if quality < 0.98 {
            scores = maxima.map { Int(Double($0) * Double.random(in: 0.55...0.8, using: &rng)) }
        } else {
            scores = maxima.map { Int(Double($0) * Double.random(in: 0.3...0.5, using: &rng)) }
        }
        return scores
    }

    mutating func selfRating(_ computed: Int, _ practice: Practice) -> Int {
        let roll = Double.random(in: 0..<1, using: &rng)
        if roll < practice.overrating && computed == 1 { return 0 }  // rated Tốt without full marks on the gates
        if roll < 0.06 && computed > 0 { return computed - 1 }
        if roll > 0.975 && computed < ContentGenerator.ratings.count - 1 { return computed + 1 }
        return computed
    }

    mutating func row(_ unit: GeneratedUnit, month: Int, day: Int, kind: MeetingKind) -> String {
        let practice = practices[unit.id] ?? Practice()
        let date = Self.day(year, month, day)
        let thematic = kind == .thematic
        let members = unit.members ?? 10
        let absentRoll = Double.random(in: 0..<1, using: &rng) + practice.absence
        let absent = absentRoll < 0.72 ? 0 : absentRoll < 0.92 ? 1 : absentRoll < 0.98 ? 2 : min(members - 1, 3)
        let present = max(1, members - absent)
        // Most branches reach the 30% the letter calls good; about a quarter fall short.
        let shift = practice.speakingShift
        let rate =
            rng.chance(practice.upperSpeaking)
            ? Double.random(in: (0.28 + shift)...(0.41 + shift), using: &rng)
            : Double.random(in: (0.14 + shift)...(0.29 + shift), using: &rng)
        let speakers = min(present, max(1, Int((Double(present) * rate).rounded())))
        let maxima = thematic ? Self.thematicMax : Self.regularMax
        let points = scores(maxima, practice)
        let computed = (thematic ? ContentGenerator.thematicRubric : ContentGenerator.regularRubric).rating(
            for: points)
        let ratedRank = selfRating(computed, practice)
        let rated = ContentGenerator.ratings[ratedRank].name
        let studyRequired = date >= Self.studyRequiredFrom
        let skipsStudy = studyRequired ? practice.skippedStudy : practice.skippedStudyBeforeRule
        let study = thematic ? rng.chance(0.5) : !rng.chance(skipsStudy)
        let affairs = thematic ? rng.chance(0.5) : !rng.chance(0.035)
        let it = rng.chance(0.6)
        let committeeMembers = unit.parent.flatMap { self.committeeMembers[$0] } ?? []
        let supervisor =
            unit.parent != nil && !rng.chance(practice.unsupervised) ? rng.pick(committeeMembers) : ""
        let topic =
            thematic
            ? rng.pick(Names.topics(on: date)).replacingOccurrences(
                of: "{unit}", with: unit.name.replacingOccurrences(of: "Chi bộ ", with: "")) : ""
        let preparer = thematic ? Names.person(&rng) : ""
        let note = !thematic && computed == 1 && ratedRank == 0 ? "Chi bộ tự đánh giá" : ""
        let written = date.vietnamese
        let remarks =
            supervisor.isEmpty
            ? ""
            : Self.remarks(
                unit.id + written, thematic: thematic, points: points,
                speakingRate: Double(speakers) / Double(present), study: study || !studyRequired)
        var cells = [
            unit.id, written, kind.word, csv(topic, ";"), preparer, String(present),
            String(speakers),
        ]
        cells += points.map(String.init)
        cells += [
            rated.rawValue, study ? "có" : "không", affairs ? "x" : "", it ? "có" : "không", supervisor, note,
            csv(remarks, ";"),
        ]
        return cells.joined(separator: ";")
    }

    /// What the committee member who attended wrote, for about one supervised meeting in 25: chosen
    /// by a hash of the branch and the date, not by the generator's random numbers, so that every
    /// other figure of the data is the same with or without remarks. `study` is true for a regular
    /// meeting that held political study or was not yet required to.
    static func remarks(_ key: String, thematic: Bool, points: [Int], speakingRate: Double, study: Bool) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        guard hash % 25 == 0 else { return "" }
        let maxima = thematic ? thematicMax : regularMax
        if thematic && points[0] < maxima[0] {
            return
                "Chuyên đề chưa gắn với nhiệm vụ chuyên môn của đơn vị; đề nghị chi ủy lựa chọn nội dung sát thực tế hơn."
        }
        if thematic && points[3] < maxima[3] {
            return "Chủ trì chưa kết luận rõ những ý kiến cần tiếp thu để hoàn chỉnh báo cáo chuyên đề."
        }
        if speakingRate < 0.3 {
            return "Ít đảng viên phát biểu; bí thư chi bộ cần gợi mở để đảng viên tham gia ý kiến."
        }
        if !thematic && !study {
            return "Chưa triển khai sinh hoạt chính trị tư tưởng theo Hướng dẫn số 08-HD/ĐUK."
        }
        return "Buổi sinh hoạt chuẩn bị chu đáo, thực hiện đúng các bước; đảng viên thảo luận sôi nổi."
    }

    /// The year's four quarter files: a header and the branches' meetings, branch by branch.
    mutating func quarters(of units: [GeneratedUnit]) -> [String] {
        // The record workbook's headings, in its order.
        var headings: [String] = []
        for column in MeetingColumn.allCases {
            headings.append(column.heading)
            if column == MeetingColumn.criteriaAfter { headings += (1...5).map(MeetingColumn.criterionHeading) }
        }
        let header = headings.joined(separator: ";") + "\r\n"
        var quarters = Array(repeating: header, count: 4)
        for unit in units where !unit.isCommittee {
            let practice = practices[unit.id] ?? Practice()
            let skipsMonths = rng.chance(practice.missesMonths)
            let skipsQuarter = rng.chance(practice.missesThematic)
            for month in 1...12 {
                let pinnedHere = pinned.filter { $0.host == unit.id && $0.month == month }
                if skipsMonths && rng.chance(0.25) && pinnedHere.isEmpty { continue }
                let regularDay = pinnedHere.first { $0.kind == .regular }?.day ?? rng.int(3...26)
                quarters[(month - 1) / 3] += row(unit, month: month, day: regularDay, kind: .regular) + "\r\n"
                let pinnedThematic = pinnedHere.first { $0.kind == .thematic }
                let thematicMonth =
                    pinned.first {
                        $0.host == unit.id && $0.kind == .thematic && ($0.month - 1) / 3 == (month - 1) / 3
                    }?.month
                    ?? ((month - 1) / 3 * 3 + 2)
                if month == thematicMonth && (pinnedThematic != nil || !(skipsQuarter && month == 8)) {
                    var day = pinnedThematic?.day ?? rng.int(3...26)
                    if day == regularDay && pinnedThematic == nil { day = day < 26 ? day + 1 : day - 1 }
                    quarters[(month - 1) / 3] += row(unit, month: month, day: day, kind: .thematic) + "\r\n"
                }
            }
        }
        return quarters
    }

    func csv(_ value: String, _ separator: Character) -> String {
        value.contains(separator) || value.contains("\"")
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    /// A real day (the generator draws days 3 to 26 only).
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Day {
        guard let date = Day(year: year, month: month, day: day) else {
            preconditionFailure("no day \(day)/\(month)/\(year)")
        }
        return date
    }
}
