import ChiboModel
import ChiboSupport

/// Reads `meetings/*.csv` and rejects every record the content format rejects, each at its cell.
enum MeetingsLoader {
    /// The columns of `MeetingColumn`, each with the names a header may give it.
    static let fields = MeetingColumn.allCases.map { Field($0.name, $0.aliases) }

    /// `c3`, `tc3`, `TC 3`, `tiêu chí 3` → `c3`.
    static func criterionColumn(_ header: String) -> String? {
        let key = Field.key(header).replacing(ascii: " ", with: "")
        for prefix in ["tieuchi", "tc", "c"] where key.hasPrefix(prefix) {
            let digits = key.dropFirst(prefix.count)
            if !digits.isEmpty, digits.allSatisfy(\.isNumber), let number = Int(digits), number > 0 {
                return MeetingColumn.criterion(number)
            }
        }
        return nil
    }

    /// The meetings of `meetings/*.csv` that read without error, checked against `context`; a
    /// meeting of a branch, date and kind recorded already is an error at the second.
    static func load(_ folder: ContentFolder, context: RecordContext, diagnostics: inout Diagnostics) -> [Meeting] {
        let reader = MeetingReader(context)
        // Each file is read on its own core; doubles are found across files afterwards, in file order.
        let names = folder.list("meetings").filter { isMeetingsFile($0) }
        var files = Parallel.map(names) { name in
            var diagnostics = Diagnostics()
            let meetings = reader.readFile(folder, "meetings/" + name, diagnostics: &diagnostics)
            return (meetings: meetings, diagnostics: diagnostics)
        }
        // A branch holds one meeting of a kind a day; the slot names the first meeting's position.
        struct Slot: Hashable {
            var branch: UnitID
            var date: Day
            var kind: MeetingKind
        }
        let total = files.reduce(0) { $0 + $1.meetings.count }
        var seen: [Slot: Int] = [:]
        seen.reserveCapacity(total)
        var meetings: [Meeting] = []
        for index in files.indices {
            // What the reading freed, and the file merged before, is given back rather than kept
            // resident by the allocator: at the nation's size, as much again as the records.
            Syscalls.returnFreeMemory()
            diagnostics.append(contentsOf: files[index].diagnostics)
            // Each file's records are let go once taken, so that they are not held twice.
            var fileMeetings = files[index].meetings
            files[index].meetings = []
            if meetings.isEmpty {
                // The first file's array becomes the result, its doubles taken out in place: moved, not copied.
                var kept = 0
                for position in fileMeetings.indices {
                    let meeting = fileMeetings[position]
                    let key = Slot(branch: meeting.branch, date: meeting.date, kind: meeting.kind)
                    if let first = seen[key] {
                        diagnostics.error(
                            meeting.location, second(meeting, first: fileMeetings[first]))
                        continue
                    }
                    seen[key] = kept
                    if kept != position { fileMeetings.swapAt(kept, position) }
                    kept += 1
                }
                fileMeetings.removeLast(fileMeetings.count - kept)
                meetings = fileMeetings
                fileMeetings = []
                meetings.reserveCapacity(total)
                continue
            }
            for meeting in fileMeetings {
                let key = Slot(branch: meeting.branch, date: meeting.date, kind: meeting.kind)
                if let first = seen[key] {
                    diagnostics.error(meeting.location, second(meeting, first: meetings[first]))
                    continue
                }
                seen[key] = meetings.count
                meetings.append(meeting)
            }
        }
        files = []
        Syscalls.returnFreeMemory()
        return meetings
    }

    /// Whether a file of `meetings/` holds records: a CSV file or an Excel workbook, `.xlsx` or
    /// `.xlsm` (not Excel's lock file `~$name.xlsx`).
    static func isMeetingsFile(_ name: String) -> Bool {
        name.lowercased().hasSuffix(".csv") || (Workbook.isWorkbookFile(name) && !name.hasPrefix("~$"))
    }

    /// The error of a meeting of the slot `first` holds already.
    static func second(_ meeting: Meeting, first: Meeting) -> DiagnosticMessage {
        .duplicateMeeting(
            kind: meeting.kind, branch: meeting.branch.rawValue, date: meeting.date, first: first.location)
    }

    /// Whether the header names every column the records need; an error for each one it lacks.
    static func hasEveryColumn(
        _ header: [String: SourceLocation], file: String, rubrics: [Rubric], diagnostics: inout Diagnostics
    ) -> Bool {
        var missingColumns = false
        let required = MeetingColumn.allCases.filter(\.isRequired).map(\.name)
        for names in Field.missing(required, in: header, of: fields) {
            diagnostics.error(
                SourceLocation(file: file), .missingColumn(names[0], oneOf: names))
            missingColumns = true
        }
        for rubric in rubrics {
            let absent = rubric.criteria.map { MeetingColumn.criterion($0.id) }.filter { header[$0] == nil }
            if !absent.isEmpty {
                diagnostics.error(
                    SourceLocation(file: file),
                    .missingCriteria(
                        rubric: "\(rubric.id)", kind: rubric.appliesTo, criteria: rubric.criteria.count, absent: absent)
                )
                missingColumns = true
            }
        }
        return !missingColumns
    }

    /// The rank of each rating of `rubric` by its folded name, as `Rubric.rank(of:)` finds it.
    static func ratingRanks(_ rubric: Rubric) -> [String: Int] {
        var ranks: [String: Int] = [:]
        for (rank, rating) in rubric.ratings.enumerated() where ranks[Folding.fold(rating.name.rawValue)] == nil {
            ranks[Folding.fold(rating.name.rawValue)] = rank
        }
        return ranks
    }

    /// The rank of each rating of `rubric` by its name as the rubric writes it: the rank its folded
    /// name has, so that a rating written as the rubric does is found without folding.
    static func exactRatingRanks(_ rubric: Rubric) -> [String: Int] {
        let folded = ratingRanks(rubric)
        var ranks: [String: Int] = [:]
        for rating in rubric.ratings {
            let name = rating.name.rawValue
            if let rank = folded[Folding.fold(name)], ranks[name] == nil { ranks[name] = rank }
        }
        return ranks
    }

    /// The position of each field among a record's values, found once for the rows of a file.
    struct Columns {
        var branch, date, kind, topic, preparer, present, speakers, selfRating: Int?
        var politicalStudy, currentAffairs, it, supervisor, note, remarks: Int?
        /// The position of `c1`, `c2`... by criterion number (index 0 unused).
        var criteria: [Int?]

        init(_ record: Record) {
            branch = record.position(of: MeetingColumn.branch.name)
            date = record.position(of: MeetingColumn.date.name)
            kind = record.position(of: MeetingColumn.kind.name)
            topic = record.position(of: MeetingColumn.topic.name)
            preparer = record.position(of: MeetingColumn.preparer.name)
            present = record.position(of: MeetingColumn.present.name)
            speakers = record.position(of: MeetingColumn.speakers.name)
            selfRating = record.position(of: MeetingColumn.selfRating.name)
            politicalStudy = record.position(of: MeetingColumn.politicalStudy.name)
            currentAffairs = record.position(of: MeetingColumn.currentAffairs.name)
            it = record.position(of: MeetingColumn.it.name)
            supervisor = record.position(of: MeetingColumn.supervisor.name)
            note = record.position(of: MeetingColumn.note.name)
            remarks = record.position(of: MeetingColumn.remarks.name)
            var criteria: [Int?] = [nil]
            for (position, name) in record.fieldNames.enumerated() where name.hasPrefix("c") {
                guard let number = Int(name.dropFirst()), number > 0, number < 1_000 else { continue }
                if criteria.count <= number { criteria += Array(repeating: nil, count: number + 1 - criteria.count) }
                criteria[number] = position
            }
            self.criteria = criteria
        }

        func criterion(_ id: Int) -> Int? { id > 0 && id < criteria.count ? criteria[id] : nil }
    }
}

/// Reads the meeting records of files, each against the units and the rubrics; what every record
/// is checked with is worked out once.
struct MeetingReader: Sendable {
    let context: RecordContext
    let rubricByKind: [MeetingKind: Rubric]
    /// Each rubric's ratings by folded name, and by the name as the rubric writes it.
    let ratingRanks: [MeetingKind: [String: Int]]
    let exactRanks: [MeetingKind: [String: Int]]

    init(_ context: RecordContext) {
        self.context = context
        rubricByKind = Dictionary(context.rubrics.map { ($0.appliesTo, $0) }, uniquingKeysWith: { first, _ in first })
        ratingRanks = rubricByKind.mapValues(MeetingsLoader.ratingRanks)
        exactRanks = rubricByKind.mapValues(MeetingsLoader.exactRatingRanks)
    }

    /// The meetings of one file that read without error.
    func readFile(_ folder: ContentFolder, _ file: String, diagnostics: inout Diagnostics) -> [Meeting] {
        let isWorkbook = Workbook.isWorkbookFile(file)
        let contents =
            isWorkbook ? folder.read(file, diagnostics: &diagnostics) : folder.utf8(file, diagnostics: &diagnostics)
        guard let bytes = contents else { return [] }
        var meetings: [Meeting] = []
        var shared = SharedValues()
        if !isWorkbook {
            // One meeting a line at most (a cell over lines makes it fewer): the array is not grown and copied.
            meetings.reserveCapacity(bytes.withUnsafeBufferPointer { $0.count { $0 == UInt8(ascii: "\n") } } + 1)
        }
        // Every record of a table (a sheet, in a workbook) has the same fields: their positions are
        // found once for it.
        var columns: MeetingsLoader.Columns?
        let header = { (header: [String: SourceLocation], diagnostics: inout Diagnostics) -> Bool in
            columns = nil
            return MeetingsLoader.hasEveryColumn(
                header, file: file, rubrics: context.rubrics, diagnostics: &diagnostics)
        }
        let record = { (record: Record, diagnostics: inout Diagnostics) in
            // The unit's own error is reported; its meetings are left out without more noise.
            let found = columns ?? MeetingsLoader.Columns(record)
            columns = found
            if let branch = record.value(at: found.branch)?.trimmed, context.rejected.contains(UnitID(branch)) {
                return
            }
            if let meeting = self.read(record, columns: found, diagnostics: &diagnostics) {
                meetings.append(shared.share(meeting))
            }
        }
        let fields = MeetingsLoader.fields
        let read =
            isWorkbook
            ? Records.readWorkbook(
                bytes, file: file, fields: fields, extra: MeetingsLoader.criterionColumn, diagnostics: &diagnostics,
                header: header, record: record)
            : Records.readCSV(
                bytes, file: file, fields: fields, extra: MeetingsLoader.criterionColumn, diagnostics: &diagnostics,
                header: header, record: record)
        return read ? meetings : []
    }

    /// The meeting of one record, or nil with every error in it at its cell.
    func read(_ record: Record, columns: MeetingsLoader.Columns? = nil, diagnostics: inout Diagnostics) -> Meeting? {
        let checkpoint = diagnostics.checkpoint
        let columns = columns ?? MeetingsLoader.Columns(record)
        let cells = RecordCells(record: record)
        let unit = branch(
            cells.required(
                MeetingColumn.branch.name, columns.branch,
                ("the id of the branch from the units file", "mã chi bộ theo danh sách đơn vị"), &diagnostics),
            &diagnostics)
        var date: Day?
        if let cell = cells.required(
            MeetingColumn.date.name, columns.date,
            (
                "the meeting date, DD/MM/YYYY or YYYY-MM-DD",
                "ngày sinh hoạt, ngày/tháng/năm (DD/MM/YYYY) hoặc YYYY-MM-DD"
            ),
            &diagnostics)
        {
            date = cell.day
            if date == nil {
                diagnostics.error(cell.location, .notADate(cell.trimmed))
            }
        }
        var kind: MeetingKind?
        var rubric: Rubric?
        if let cell = cells.required(
            MeetingColumn.kind.name, columns.kind,
            ("regular (thường kỳ) or thematic (chuyên đề)", "thường kỳ (regular) hoặc chuyên đề (thematic)"),
            &diagnostics)
        {
            kind = Words.meetingKind.value(cell.trimmed)
            if let kind {
                rubric = rubricByKind[kind]
                // A rubric file with errors of its own may be the missing one: say nothing more here.
                if rubric == nil && !context.rubricsComplete { return nil }
                if rubric == nil {
                    diagnostics.error(cell.location, .noRubric(for: kind))
                }
            } else {
                diagnostics.error(cell.location, .unknownWord("kind", cell.trimmed, words: Words.meetingKind.help))
            }
        }
        let topic = record.value(at: columns.topic)?.trimmed
        if kind == .thematic && topic == nil {
            diagnostics.error(record[at: columns.topic]?.location ?? record.location, .thematicNeedsTopic)
        }
        let (present, speakers) = attendance(cells, columns, members: unit?.members, &diagnostics)
        let scores = rubric.map { self.scores(cells, columns, rubric: $0, &diagnostics) } ?? []
        var selfRating: (name: RatingName, rank: Int)?
        if let cell = cells.required(
            MeetingColumn.selfRating.name, columns.selfRating,
            ("the rating the branch gave itself", "mức chi bộ tự xếp loại"),
            &diagnostics),
            let rubric
        {
            selfRating = rating(cell, of: rubric, &diagnostics)
        }
        let politicalStudy = cells.flag(MeetingColumn.politicalStudy.name, columns.politicalStudy, &diagnostics)
        let currentAffairs = cells.flag(MeetingColumn.currentAffairs.name, columns.currentAffairs, &diagnostics)
        let usedIT = cells.flag(MeetingColumn.it.name, columns.it, &diagnostics)
        guard !diagnostics.hasErrors(since: checkpoint), let unit, let date, let kind, let present, let speakers else {
            return nil
        }
        return Meeting(
            branch: unit.id, date: date, kind: kind, topic: topic,
            preparer: record.value(at: columns.preparer)?.trimmed, present: present, speakers: speakers, scores: scores,
            selfRating: selfRating?.name ?? "", selfRank: selfRating?.rank,
            politicalStudy: politicalStudy, currentAffairs: currentAffairs, usedIT: usedIT,
            supervisor: record.value(at: columns.supervisor)?.trimmed, note: record.value(at: columns.note)?.trimmed,
            remarks: record.value(at: columns.remarks)?.trimmed,
            location: record.location)
    }

    /// The branch a record names: a branch of the units file, not a committee.
    func branch(_ cell: RecordValue?, _ diagnostics: inout Diagnostics) -> Unit? {
        guard let cell else { return nil }
        let id = UnitID(cell.trimmed)
        guard let found = context.organization[id] else {
            diagnostics.error(cell.location, .unknownBranch(cell.trimmed))
            return nil
        }
        guard found.isBranch else {
            diagnostics.error(cell.location, .meetingOfCommittee(id.rawValue))
            return nil
        }
        return found
    }

    /// Members present and speakers: no more speakers than present, no more present than members.
    func attendance(
        _ cells: RecordCells, _ columns: MeetingsLoader.Columns, members: Int?, _ diagnostics: inout Diagnostics
    ) -> (present: Int?, speakers: Int?) {
        let present = cells.count(
            cells.required(
                MeetingColumn.present.name, columns.present, ("the number of members present", "số đảng viên có mặt"),
                &diagnostics),
            MeetingColumn.present.name,
            &diagnostics)
        let speakers = cells.count(
            cells.required(
                MeetingColumn.speakers.name, columns.speakers,
                ("the number of members who spoke", "số đảng viên phát biểu"),
                &diagnostics), MeetingColumn.speakers.name,
            &diagnostics)
        if let present, let speakers, speakers > present, let cell = cells.record[at: columns.speakers] {
            diagnostics.error(cell.location, .speakersAbovePresent(speakers: speakers, present: present))
        }
        if let present, let members, present > members, let cell = cells.record[at: columns.present] {
            diagnostics.error(cell.location, .presentAboveMembers(present: present, members: members))
        }
        return (present, speakers)
    }

    /// The points of each criterion of the rubric, none above the criterion's maximum.
    func scores(
        _ cells: RecordCells, _ columns: MeetingsLoader.Columns, rubric: Rubric, _ diagnostics: inout Diagnostics
    ) -> [Int] {
        var scores: [Int] = []
        for criterion in rubric.criteria {
            let cell = cells.required(
                MeetingColumn.criterion(criterion.id), columns.criterion(criterion.id),
                ("points for criterion \(criterion.id)", "điểm tiêu chí \(criterion.id)"), &diagnostics)
            guard let points = cells.count(cell, MeetingColumn.criterion(criterion.id), &diagnostics) else { continue }
            if points > criterion.max, let cell = cells.record[at: columns.criterion(criterion.id)] {
                diagnostics.error(
                    cell.location,
                    .pointsAboveMax(criterion: criterion.id, title: criterion.title, points: points, max: criterion.max)
                )
            }
            scores.append(points)
        }
        return scores
    }

    /// The rubric's name of the rating a cell gives, matched as written or ignoring case and accents.
    func rating(_ cell: RecordValue, of rubric: Rubric, _ diagnostics: inout Diagnostics) -> (
        name: RatingName, rank: Int
    )? {
        let ranks = ratingRanks[rubric.appliesTo]
        let exact = exactRanks[rubric.appliesTo]?[cell.trimmed]
        if let rank = exact ?? ranks.map({ $0[Folding.fold(cell.trimmed)] }) ?? rubric.rank(of: cell.trimmed) {
            return (rubric.ratings[rank].name, rank)
        }
        let names = rubric.ratings.map(\.name.rawValue).joined(separator: ", ")
        diagnostics.error(cell.location, .unknownRating(cell.trimmed, rubric: "\(rubric.id)", ratings: names))
        return nil
    }
}

/// The values of one record as a meeting needs them: required, counted, yes or no.
struct RecordCells {
    let record: Record

    /// The field and the help are made only for the error: on every row they would cost more than the value.
    func required(
        _ field: @autoclosure () -> String, _ position: Int?, _ help: @autoclosure () -> (en: String, vi: String),
        _ diagnostics: inout Diagnostics
    ) -> RecordValue? {
        guard let cell = record.value(at: position) else {
            diagnostics.error(record[at: position]?.location ?? record.location, .emptyCell(field(), help: help()))
            return nil
        }
        return cell
    }

    func count(_ cell: RecordValue?, _ field: @autoclosure () -> String, _ diagnostics: inout Diagnostics) -> Int? {
        guard let cell else { return nil }
        do {
            return try cell.count(leadingZeros: true)
        } catch .notANumber {
            diagnostics.error(cell.location, .notAWholeNumber(field: field(), value: cell.trimmed))
        } catch {
            Counts.report(error, field: field(), text: cell.trimmed, at: cell.location, &diagnostics)
        }
        return nil
    }

    func flag(_ field: String, _ position: Int?, _ diagnostics: inout Diagnostics) -> Bool {
        guard let cell = record.value(at: position) else { return false }
        guard let value = cell.flag else {
            diagnostics.error(cell.location, .notYesOrNo(field: field))
            return false
        }
        return value
    }
}

/// The texts and scores a file's records repeat (a preparer's name, a supervisor's, a topic, a
/// row of points), each kept once: every record that has it shares the one copy. At the nation's
/// size (3.9 million meetings over five years) they were most of the memory the records took. The
/// boxes a meeting keeps its rarer parts in (`Meeting.textsBox`, `Meeting.extrasBox`) are shared the
/// same way: one for the rows of a sheet, one for the records that repeat a note.
struct SharedValues {
    private var texts: Set<String> = []
    private var scores: Set<[Int]> = []
    private var textBoxes: [MeetingTexts: Boxed<MeetingTexts>] = [:]
    private var extraBoxes: [MeetingExtras: Boxed<MeetingExtras>] = [:]

    /// `meeting` with its texts and scores those of the records before it that had them.
    mutating func share(_ meeting: Meeting) -> Meeting {
        var meeting = meeting
        meeting.supervisor = meeting.supervisor.map { share($0) }
        if let box = meeting.textsBox {
            let value = box.value
            let shared = MeetingTexts(
                topic: value.topic.map { share($0) }, preparer: value.preparer.map { share($0) },
                note: value.note.map { share($0) }, remarks: value.remarks.map { share($0) })
            if let found = textBoxes[shared] {
                meeting.textsBox = found
            } else {
                let made = Boxed(shared)
                textBoxes[shared] = made
                meeting.textsBox = made
            }
        }
        if let box = meeting.extrasBox {
            if let found = extraBoxes[box.value] { meeting.share(extras: found) } else { extraBoxes[box.value] = box }
        }
        meeting.scores = scores.insert(meeting.scores).memberAfterInsert
        return meeting
    }

    /// A text of up to 15 bytes is kept inside the value itself, with nothing to share.
    private mutating func share(_ text: String) -> String {
        text.utf8.count <= 15 ? text : texts.insert(text).memberAfterInsert
    }
}
