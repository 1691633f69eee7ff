/// A column of the meeting records (`meetings/*.csv`, `*.xlsx`), as the content format's table gives
/// it: the one list that the records reader (`MeetingsLoader`) and the workbook the branches fill in
/// (`RecordWorkbook`) both read. The criteria's columns (`c1`, `TC1`, ...) stand between `speakers`
/// and `selfRating`, one for each criterion of the meeting's rubric.
public enum MeetingColumn: String, Sendable, Hashable, CaseIterable {
    case branch
    case date
    case kind
    case topic
    case preparer
    case present
    case speakers
    case selfRating = "self_rating"
    case politicalStudy = "political_study"
    case currentAffairs = "current_affairs"
    case it
    case supervisor
    case note
    case remarks

    /// The canonical name, which a header may give as it is.
    public var name: String { rawValue }

    /// The heading the record workbook writes: one of `aliases`, as a clerk reads it.
    public var heading: String {
        switch self {
        case .branch: "Mã chi bộ"
        case .date: "Ngày"
        case .kind: "Loại"
        case .topic: "Chủ đề"
        case .preparer: "Người chuẩn bị"
        case .present: "Có mặt"
        case .speakers: "Phát biểu"
        case .selfRating: "Tự xếp loại"
        case .politicalStudy: "Chính trị tư tưởng"
        case .currentAffairs: "Thời sự"
        case .it: "CNTT"
        case .supervisor: "Cấp ủy dự"
        case .note: "Ghi chú"
        case .remarks: "Nhận xét của người dự"
        }
    }

    /// The other names a header may give the column, matched ignoring case, surrounding spaces and
    /// Vietnamese diacritics; an error about a missing column lists them in this order.
    public var aliases: [String] {
        switch self {
        case .branch: ["mã chi bộ", "chi bộ"]
        case .date: ["ngày", "ngày sinh hoạt"]
        case .kind: ["loại", "hình thức"]
        case .topic: ["chủ đề", "chuyên đề"]
        case .preparer: ["người chuẩn bị"]
        case .present: ["có mặt", "số có mặt"]
        case .speakers: ["phát biểu", "số phát biểu"]
        case .selfRating: ["tự xếp loại", "xếp loại"]
        case .politicalStudy: ["chính trị tư tưởng", "sh chính trị tư tưởng"]
        case .currentAffairs: ["thời sự", "thông tin thời sự"]
        case .it: ["cntt", "ứng dụng cntt"]
        case .supervisor: ["cấp ủy dự", "người dự"]
        case .note: ["ghi chú"]
        case .remarks: ["nhận xét", "nhận xét của người dự"]
        }
    }

    /// Whether a table of records must have the column; the others may be left out.
    public var isRequired: Bool {
        switch self {
        case .branch, .date, .kind, .present, .speakers, .selfRating: true
        case .topic, .preparer, .politicalStudy, .currentAffairs, .it, .supervisor, .note, .remarks: false
        }
    }

    /// The criteria's columns come after this one.
    public static let criteriaAfter = MeetingColumn.speakers

    /// The canonical name of criterion `id`'s column: `c3`.
    public static func criterion(_ id: Int) -> String { "c\(id)" }

    /// The heading the record workbook writes for criterion `id`: `TC3`.
    public static func criterionHeading(_ id: Int) -> String { "TC\(id)" }
}
