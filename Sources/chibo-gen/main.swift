import Foundation

// chibo-gen: writes the data files of a content folder, seeded, so that the same arguments give
// byte-identical files (no clock, no system randomness).
//
//   chibo-gen --preset bundled|province|nation --output DIR [--seed N] [--guidance-pages N]
//
// `bundled` is the bloc of letter 750-CV/ĐUK (7 enterprise and 36 agency or public-service grassroots
// branches, 10 grassroots committees): units.csv, rubrics/, meetings/, plans/. Its site.yaml and
// guidance are hand-written and never touched. `province` and `nation` are benchmark sizes and also
// write site.yaml and (with --guidance-pages) generated guidance pages.

// MARK: - Random numbers

/// SplitMix64: small, fast and fully specified, so the output does not depend on the standard
/// library's random algorithms. Bounded draws use a plain modulo (the bias is irrelevant here).
struct SplitMix64 {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< count (count > 0).
    mutating func below(_ count: Int) -> Int { Int(next() % UInt64(max(count, 1))) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    /// An independent stream, so that one unit's data does not shift when another's changes.
    mutating func fork() -> SplitMix64 { SplitMix64(seed: next() ^ 0x5DEE_CE66_D1CE_4E5B) }

    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, below(index + 1))
        }
    }
}

// MARK: - Calendar (2024 only needs the Gregorian rules)

struct Day: Hashable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// 0 = Sunday … 6 = Saturday (Sakamoto).
    var weekday: Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }

    var quarter: Int { (month - 1) / 3 }

    /// Public holidays of 2024: New Year, Tết (8–14 February), Hùng Kings (18 April), 30/4 and 1/5,
    /// National Day (2–3 September).
    var isHoliday: Bool {
        switch (month, day) {
        case (1, 1), (4, 18), (4, 29), (4, 30), (5, 1), (9, 2), (9, 3): return true
        case (2, 8...14): return true
        default: return false
        }
    }

    /// The nearest working day in the same month (forward first, else backward).
    var workingDay: Day {
        let last = Day.daysIn(month: month, year: year)
        for step in 0..<last {
            for candidate in [day + step, day - step] where (1...last).contains(candidate) {
                let result = Day(year: year, month: month, day: candidate)
                if result.weekday != 0 && result.weekday != 6 && !result.isHoliday { return result }
            }
        }
        return self
    }

    var iso: String { "\(year)-\(Day.two(month))-\(Day.two(day))" }
    var vietnamese: String { Day.two(day) + "/" + Day.two(month) + "/" + String(year) }

    static func two(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
}

// MARK: - Model

enum Sector: Int {
    case agency, publicService, enterprise

    var vietnamese: String {
        switch self {
        case .agency: return "cơ quan"
        case .publicService: return "sự nghiệp"
        case .enterprise: return "doanh nghiệp"
        }
    }

    var code: String {
        switch self {
        case .agency: return "agency"
        case .publicService: return "public-service"
        case .enterprise: return "enterprise"
        }
    }
}

enum Kind: Int {
    case regular, thematic

    var code: String { self == .regular ? "regular" : "thematic" }
}

struct Committee {
    var id: String
    var name: String
    var sector: Sector
    /// The organisation's own name, used in topics and venues ("Sở Y tế").
    var org: String
    /// The organisation's work, used in topics ("quản lý nhà nước về y tế").
    var work: String
    /// Members of the committee's executive who attend branch meetings.
    var supervisors: [String]
    var branches: [Int] = []
}

struct Branch {
    var id: String
    var name: String
    var org: String
    var work: String
    var sector: Sector
    /// Whether units.csv spells the sector out (always for grassroots branches).
    var writesSector: Bool
    var committee: Int?
    var members: Int
}

struct Session {
    var committee: Int?
    var host: Int
    var kind: Kind
    var day: Day
    var time: String?
    var venue: String?
    var topic: String?
    var audience: String?
    var observers: [String]
}

/// A meeting that a plan fixes: the host's record of that kind on the session's date.
struct FixedMeeting {
    var kind: Kind
    var day: Day
    var topic: String?
}

struct Rubric {
    var maxima: [Int]
    /// Criteria (1-based) that must be at full marks for the best rating.
    var gates: [Int]
    var names = ["Tốt", "Khá", "Trung bình", "Kém"]
    var minima = [90, 70, 50, 0]

    /// The first rating whose conditions hold, as an index into `names`.
    func rating(_ points: [Int]) -> Int {
        let total = points.reduce(0, +)
        for index in 0..<names.count where total >= minima[index] {
            if index == 0 && gates.contains(where: { points[$0 - 1] < maxima[$0 - 1] }) { continue }
            return index
        }
        return names.count - 1
    }
}

// MARK: - Names and words

enum Words {
    static let families = [
        "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô",
        "Đinh", "Lò", "Lò", "Lường", "Tao", "Hà", "Đèo", "Lù", "Lý", "Vương", "Quàng",
    ]
    static let maleMiddle = [
        "Văn", "Văn", "Đức", "Minh", "Quang", "Xuân", "Hữu", "Công", "Mạnh", "Ngọc", "Thanh", "Quốc",
    ]
    static let femaleMiddle = ["Thị", "Thị", "Thị Thu", "Thị Hồng", "Thị Thanh", "Thị Ngọc", "Thu", "Minh", "Thị Kim"]
    static let maleGiven = [
        "Hùng", "Thắng", "Tuấn", "Dũng", "Quang", "Sơn", "Hải", "Bình", "Cường", "Khánh", "Long", "Nam", "Phong",
        "Tiến", "Trung", "Việt", "Đức", "Hoàng", "Thành", "Chiến", "Hưng", "Kiên", "Lâm", "Toàn", "Duy", "Huy",
    ]
    static let femaleGiven = [
        "Hương", "Lan", "Mai", "Hoa", "Thủy", "Nga", "Duyên", "Phương", "Trang", "Thanh", "Hạnh", "Huyền", "Linh",
        "Ngọc", "Nhung", "Oanh", "Thảo", "Yến", "Vân", "Hằng", "Hiền", "Loan",
    ]
    // Hmông and Dao names of Lai Châu: family, then "A" (men) or "Thị" (women), then the given name.
    static let highlandFamilies = ["Giàng", "Vàng", "Sùng", "Thào", "Mùa", "Tẩn", "Lý", "Chảo"]
    static let highlandMale = ["Páo", "Chư", "Sình", "Dình", "Tủa", "Lử", "Chơ", "Sử", "Pó", "Dế"]
    static let highlandFemale = ["Mỷ", "Pàng", "Dợ", "Say", "Sua", "Chá", "Mẩy"]

    static func person(_ rng: inout SplitMix64) -> String {
        let female = rng.chance(0.45)
        if rng.chance(0.15) {
            let family = rng.pick(highlandFamilies)
            return female
                ? family + " Thị " + rng.pick(highlandFemale) : family + " A " + rng.pick(highlandMale)
        }
        let family = rng.pick(families)
        return female
            ? family + " " + rng.pick(femaleMiddle) + " " + rng.pick(femaleGiven)
            : family + " " + rng.pick(maleMiddle) + " " + rng.pick(maleGiven)
    }

    /// The bloc standing committee's members who attend sample meetings.
    static let blocObservers = [
        "Lò Văn Thắng", "Nguyễn Thị Hồng Nhung", "Giàng A Sình", "Trần Quốc Hưng", "Lường Thị Duyên",
    ]

    static let book =
        "Tác phẩm \"Kiên quyết, kiên trì đấu tranh phòng, chống tham nhũng, tiêu cực, góp phần xây dựng Đảng "
        + "và Nhà nước ta ngày càng trong sạch, vững mạnh\" của đồng chí Tổng Bí thư Nguyễn Phú Trọng"

    /// Thematic topics that fit a unit: {o} is the organisation, {w} its work.
    static func topics(sector: Sector, subordinate: Bool) -> [String] {
        var list = [
            "Nâng cao chất lượng {w} tại {o}",
            "Vai trò lãnh đạo của chi bộ trong {w}",
            "Đẩy mạnh chuyển đổi số, ứng dụng công nghệ thông tin trong {w}",
            "Nâng cao trách nhiệm nêu gương của cán bộ, đảng viên {o} trong thực hiện nhiệm vụ chuyên môn",
            "Nâng cao chất lượng sinh hoạt chi bộ theo Hướng dẫn số 03-HD/TU tại {o}",
            "Xây dựng chi bộ trong sạch, vững mạnh gắn với thực hiện nhiệm vụ chính trị của {o}",
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần trách nhiệm trong {w}",
        ]
        switch sector {
        case .agency:
            list += [
                "Nâng cao chất lượng giải quyết thủ tục hành chính tại {o}",
                "Tăng cường kỷ luật, kỷ cương hành chính, văn hóa công vụ tại {o}",
                "Nâng cao chất lượng tham mưu của {o} trong {w}",
            ]
        case .publicService:
            list += [
                "Nâng cao chất lượng phục vụ người dân của {o}",
                "Thực hiện cơ chế tự chủ tại {o}",
                "Xây dựng văn hóa công sở, quy tắc ứng xử tại {o}",
            ]
        case .enterprise:
            list += [
                "Lãnh đạo thực hiện kế hoạch sản xuất, kinh doanh năm 2024 của {o}",
                "Thực hành tiết kiệm, chống lãng phí trong sản xuất, kinh doanh",
                "Bảo đảm việc làm, thu nhập và an toàn lao động cho người lao động {o}",
            ]
        }
        if subordinate { list.append("Phát huy vai trò của tổ đảng trong {w}") }
        return list
    }

    static let bookTopics = [
        "Học tập " + book,
        "Phòng, chống tham nhũng, tiêu cực từ sớm, từ xa trong {w} theo tinh thần Tác phẩm của đồng chí Tổng Bí thư",
        "Những thông điệp cốt lõi của Tác phẩm về phòng, chống tham nhũng, tiêu cực và liên hệ tại {o}",
    ]

    /// Replaces {o} and {w} (a byte scan: Foundation's replacingOccurrences is slow on Linux).
    static func fill(_ template: String, org: String, work: String) -> String {
        let bytes = Array(template.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + org.utf8.count + work.utf8.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{") && index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "}") {
                if bytes[index + 1] == UInt8(ascii: "o") {
                    result.append(contentsOf: org.utf8)
                    index += 3
                    continue
                }
                if bytes[index + 1] == UInt8(ascii: "w") {
                    result.append(contentsOf: work.utf8)
                    index += 3
                    continue
                }
            }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    static let absenceReasons = ["đi công tác", "ốm", "nghỉ phép", "đi học", "việc gia đình"]
}

// MARK: - Text helpers

/// A CSV cell, quoted RFC 4180 style when it holds the separator, a quote or a line break.
func cell(_ text: String, separator: UInt8) -> String {
    let special = text.utf8.contains {
        $0 == separator || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
    }
    guard special else { return text }
    var result: [UInt8] = [UInt8(ascii: "\"")]
    for byte in text.utf8 {
        result.append(byte)
        if byte == UInt8(ascii: "\"") { result.append(byte) }
    }
    result.append(UInt8(ascii: "\""))
    return String(decoding: result, as: UTF8.self)
}

/// A double-quoted YAML scalar.
func yaml(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// Lowercase ASCII id from Vietnamese text: "Sở Tài chính" → "so-tai-chinh".
func slug(_ text: String) -> String {
    var result = ""
    var dash = false
    for scalar in text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
        .decomposedStringWithCanonicalMapping.lowercased().unicodeScalars
    {
        if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
            if dash && !result.isEmpty { result += "-" }
            result.unicodeScalars.append(scalar)
            dash = false
        } else if scalar.value < 0x300 || scalar.value > 0x36F {
            dash = true
        }
    }
    return result
}

// MARK: - The bundled bloc

enum Bundled {
    // (id, organisation, work)
    static let enterprise: [(String, String, String)] = [
        ("cb-dien-luc", "Công ty Điện lực Lai Châu", "bảo đảm cung ứng điện an toàn, ổn định"),
        ("cb-vnpt", "Viễn thông Lai Châu", "cung cấp dịch vụ viễn thông, công nghệ thông tin"),
        ("cb-xang-dau", "Công ty Xăng dầu Lai Châu", "kinh doanh xăng dầu, bảo đảm nguồn cung trên địa bàn"),
        ("cb-cap-nuoc", "Công ty Cổ phần Cấp nước Lai Châu", "sản xuất và cung cấp nước sạch"),
        ("cb-xo-so", "Công ty TNHH MTV Xổ số kiến thiết Lai Châu", "kinh doanh xổ số, nộp ngân sách nhà nước"),
        (
            "cb-bidv", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam - Chi nhánh Lai Châu",
            "huy động vốn và cho vay phát triển kinh tế địa phương"
        ),
        (
            "cb-vietinbank", "Ngân hàng TMCP Công Thương Việt Nam - Chi nhánh Lai Châu",
            "tín dụng, thanh toán và dịch vụ ngân hàng số"
        ),
    ]

    // (id, organisation, sector, work)
    static let agencies: [(String, String, Sector, String)] = [
        ("cb-so-tai-chinh", "Sở Tài chính", .agency, "quản lý ngân sách và tài sản công"),
        ("cb-so-ke-hoach-dau-tu", "Sở Kế hoạch và Đầu tư", .agency, "thu hút đầu tư, cải thiện môi trường kinh doanh"),
        ("cb-so-tu-phap", "Sở Tư pháp", .agency, "xây dựng, thẩm định văn bản quy phạm pháp luật"),
        ("cb-so-noi-vu", "Sở Nội vụ", .agency, "sắp xếp tổ chức bộ máy, quản lý cán bộ, công chức"),
        ("cb-so-cong-thuong", "Sở Công Thương", .agency, "quản lý thương mại, công nghiệp và năng lượng"),
        ("cb-so-xay-dung", "Sở Xây dựng", .agency, "quản lý quy hoạch và chất lượng công trình xây dựng"),
        ("cb-so-giao-thong", "Sở Giao thông vận tải", .agency, "quản lý, bảo trì kết cấu hạ tầng giao thông"),
        ("cb-so-tai-nguyen", "Sở Tài nguyên và Môi trường", .agency, "quản lý đất đai, tài nguyên và môi trường"),
        (
            "cb-so-lao-dong", "Sở Lao động - Thương binh và Xã hội", .agency,
            "thực hiện chính sách người có công và giảm nghèo bền vững"
        ),
        (
            "cb-so-van-hoa", "Sở Văn hóa, Thể thao và Du lịch", .agency,
            "bảo tồn văn hóa các dân tộc, phát triển du lịch"
        ),
        ("cb-so-khoa-hoc", "Sở Khoa học và Công nghệ", .agency, "ứng dụng tiến bộ khoa học, công nghệ"),
        ("cb-so-thong-tin", "Sở Thông tin và Truyền thông", .agency, "chuyển đổi số và thông tin cơ sở"),
        ("cb-so-ngoai-vu", "Sở Ngoại vụ", .agency, "công tác đối ngoại và quản lý biên giới"),
        ("cb-thanh-tra-tinh", "Thanh tra tỉnh", .agency, "thanh tra, giải quyết khiếu nại, tố cáo"),
        ("cb-ban-dan-toc", "Ban Dân tộc tỉnh", .agency, "thực hiện chính sách dân tộc"),
        ("cb-vp-ubnd", "Văn phòng Ủy ban nhân dân tỉnh", .agency, "tham mưu, giúp việc Ủy ban nhân dân tỉnh"),
        (
            "cb-vp-doan-dbqh-hdnd", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", .agency,
            "phục vụ hoạt động giám sát, tiếp xúc cử tri"
        ),
        ("cb-ban-qlkkt", "Ban Quản lý các khu kinh tế tỉnh", .agency, "quản lý khu kinh tế cửa khẩu"),
        ("cb-cuc-thong-ke", "Cục Thống kê tỉnh", .agency, "thu thập, tổng hợp số liệu thống kê"),
        (
            "cb-ngan-hang-nha-nuoc", "Ngân hàng Nhà nước Chi nhánh tỉnh Lai Châu", .agency,
            "quản lý hoạt động tiền tệ, ngân hàng trên địa bàn"
        ),
        ("cb-lien-minh-htx", "Liên minh Hợp tác xã tỉnh", .agency, "phát triển kinh tế tập thể, hợp tác xã"),
        ("cb-hoi-chu-thap-do", "Hội Chữ thập đỏ tỉnh", .agency, "công tác nhân đạo, từ thiện"),
        (
            "cb-lien-hiep-hoi-khkt", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh", .agency,
            "tư vấn, phản biện và giám định xã hội"
        ),
        (
            "cb-trung-tam-hcc", "Trung tâm Phục vụ hành chính công tỉnh", .agency,
            "tiếp nhận hồ sơ và trả kết quả thủ tục hành chính"
        ),
        (
            "cb-dai-phat-thanh", "Đài Phát thanh và Truyền hình tỉnh", .publicService,
            "sản xuất chương trình phát thanh, truyền hình"
        ),
        ("cb-bao-lai-chau", "Báo Lai Châu", .publicService, "thông tin, tuyên truyền trên báo in và báo điện tử"),
        ("cb-truong-chinh-tri", "Trường Chính trị tỉnh", .publicService, "đào tạo lý luận chính trị cho cán bộ"),
        ("cb-thpt-chuyen", "Trường THPT Chuyên Lê Quý Đôn", .publicService, "dạy học và bồi dưỡng học sinh giỏi"),
        (
            "cb-pt-dtnt", "Trường Phổ thông Dân tộc nội trú tỉnh", .publicService,
            "giáo dục học sinh người dân tộc thiểu số"
        ),
        (
            "cb-benh-vien-ydct", "Bệnh viện Y dược cổ truyền tỉnh", .publicService,
            "khám, chữa bệnh bằng y dược cổ truyền"
        ),
        ("cb-cdc", "Trung tâm Kiểm soát bệnh tật tỉnh", .publicService, "phòng, chống dịch bệnh"),
        (
            "cb-ban-qlda-dan-dung", "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh",
            .publicService, "quản lý dự án đầu tư công"
        ),
        (
            "cb-ban-qlda-giao-thong", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
            .publicService, "quản lý dự án đầu tư xây dựng giao thông"
        ),
        ("cb-quy-dau-tu", "Quỹ Đầu tư phát triển tỉnh", .publicService, "đầu tư, cho vay các dự án hạ tầng"),
        (
            "cb-trung-tam-xuc-tien", "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh", .publicService,
            "xúc tiến đầu tư, thương mại và du lịch"
        ),
        (
            "cb-trung-tam-cntt", "Trung tâm Công nghệ thông tin và Truyền thông tỉnh", .publicService,
            "vận hành hạ tầng số và các hệ thống thông tin dùng chung"
        ),
    ]

    struct CommitteeSpec {
        var id: String
        var org: String
        var sector: Sector
        var work: String
        /// Prefix of the branches' ids.
        var prefix: String
        /// (id suffix, name) of each subordinate branch.
        var branches: [(String, String)]
    }

    static let committees: [CommitteeSpec] = [
        CommitteeSpec(
            id: "db-benh-vien-da-khoa", org: "Bệnh viện Đa khoa tỉnh", sector: .publicService,
            work: "khám, chữa bệnh và chăm sóc sức khỏe nhân dân", prefix: "cb-bvdk",
            branches: [
                ("khoa-noi", "Khoa Nội tổng hợp"), ("khoa-ngoai", "Khoa Ngoại tổng hợp"), ("khoa-san", "Khoa Phụ sản"),
                ("khoa-nhi", "Khoa Nhi"), ("khoa-hstc", "Khoa Hồi sức tích cực - Chống độc"),
                ("khoa-kham-benh", "Khoa Khám bệnh"), ("khoa-cap-cuu", "Khoa Cấp cứu"),
                ("khoa-xet-nghiem", "Khoa Xét nghiệm"), ("khoa-cdha", "Khoa Chẩn đoán hình ảnh"),
                ("khoa-duoc", "Khoa Dược"), ("khoa-truyen-nhiem", "Khoa Truyền nhiễm"),
                ("phong-khth", "Phòng Kế hoạch tổng hợp"), ("phong-tccb", "Phòng Tổ chức cán bộ"),
                ("phong-tckt", "Phòng Tài chính kế toán"),
            ]),
        CommitteeSpec(
            id: "db-so-giao-duc", org: "Sở Giáo dục và Đào tạo", sector: .agency,
            work: "nâng cao chất lượng giáo dục và đào tạo", prefix: "cb-sgd",
            branches: [
                ("van-phong", "Văn phòng Sở"), ("gd-trung-hoc", "Phòng Giáo dục Trung học"),
                ("gd-mam-non-tieu-hoc", "Phòng Giáo dục Mầm non - Tiểu học"),
                ("khao-thi", "Phòng Khảo thí và Quản lý chất lượng giáo dục"),
                ("to-chuc-can-bo", "Phòng Tổ chức cán bộ"),
                ("ke-hoach-tai-chinh", "Phòng Kế hoạch - Tài chính"), ("thanh-tra", "Thanh tra Sở"),
                ("gdtx-chuyen-nghiep", "Phòng Giáo dục thường xuyên - Chuyên nghiệp"),
                ("thpt-thanh-pho", "Trường THPT Thành phố Lai Châu"), ("thpt-quyet-thang", "Trường THPT Quyết Thắng"),
                ("trung-tam-gdtx", "Trung tâm Giáo dục thường xuyên tỉnh"),
            ]),
        CommitteeSpec(
            id: "db-so-nong-nghiep", org: "Sở Nông nghiệp và Phát triển nông thôn", sector: .agency,
            work: "phát triển nông nghiệp hàng hóa và xây dựng nông thôn mới", prefix: "cb-snn",
            branches: [
                ("van-phong", "Văn phòng Sở"), ("ke-hoach-tai-chinh", "Phòng Kế hoạch - Tài chính"),
                ("kiem-lam", "Chi cục Kiểm lâm"), ("trong-trot", "Chi cục Trồng trọt và Bảo vệ thực vật"),
                ("chan-nuoi-thu-y", "Chi cục Chăn nuôi, Thú y và Thủy sản"), ("thuy-loi", "Chi cục Thủy lợi"),
                ("phat-trien-nong-thon", "Chi cục Phát triển nông thôn"), ("khuyen-nong", "Trung tâm Khuyến nông"),
                ("nuoc-sach", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn"),
            ]),
        CommitteeSpec(
            id: "db-agribank", org: "Agribank Chi nhánh tỉnh Lai Châu", sector: .enterprise,
            work: "cho vay phát triển nông nghiệp, nông thôn", prefix: "cb-agribank",
            branches: [
                ("hoi-so", "Hội sở Agribank Chi nhánh tỉnh Lai Châu"),
                ("thanh-pho", "Agribank Chi nhánh Thành phố Lai Châu"),
                ("tam-duong", "Agribank Chi nhánh huyện Tam Đường"),
                ("phong-tho", "Agribank Chi nhánh huyện Phong Thổ"), ("sin-ho", "Agribank Chi nhánh huyện Sìn Hồ"),
                ("muong-te", "Agribank Chi nhánh huyện Mường Tè"), ("than-uyen", "Agribank Chi nhánh huyện Than Uyên"),
                ("tan-uyen", "Agribank Chi nhánh huyện Tân Uyên"),
            ]),
        CommitteeSpec(
            id: "db-so-y-te", org: "Sở Y tế", sector: .agency, work: "quản lý nhà nước về y tế", prefix: "cb-syt",
            branches: [
                ("van-phong", "Văn phòng Sở"), ("nghiep-vu-y", "Phòng Nghiệp vụ Y"),
                ("nghiep-vu-duoc", "Phòng Nghiệp vụ Dược"),
                ("ke-hoach-tai-chinh", "Phòng Kế hoạch - Tài chính"), ("thanh-tra", "Thanh tra Sở"),
                ("dan-so", "Chi cục Dân số - Kế hoạch hóa gia đình"), ("attp", "Chi cục An toàn vệ sinh thực phẩm"),
            ]),
        CommitteeSpec(
            id: "db-cuc-thue", org: "Cục Thuế tỉnh", sector: .agency, work: "quản lý thu ngân sách nhà nước",
            prefix: "cb-ct",
            branches: [
                ("van-phong", "Văn phòng Cục Thuế"), ("kiem-tra", "Phòng Kiểm tra thuế"),
                ("thanh-tra", "Phòng Thanh tra thuế"),
                ("tuyen-truyen", "Phòng Tuyên truyền - Hỗ trợ người nộp thuế"),
                ("quan-ly-no", "Phòng Quản lý nợ và Cưỡng chế nợ thuế"),
                ("nghiep-vu", "Phòng Nghiệp vụ - Dự toán - Pháp chế"),
            ]),
        CommitteeSpec(
            id: "db-bhxh", org: "Bảo hiểm xã hội tỉnh", sector: .agency,
            work: "thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế", prefix: "cb-bhxh",
            branches: [
                ("van-phong", "Văn phòng Bảo hiểm xã hội tỉnh"), ("thu-so-the", "Phòng Quản lý thu - Sổ, thẻ"),
                ("che-do", "Phòng Chế độ bảo hiểm xã hội"), ("giam-dinh", "Phòng Giám định bảo hiểm y tế"),
                ("ke-hoach-tai-chinh", "Phòng Kế hoạch - Tài chính"),
            ]),
        CommitteeSpec(
            id: "db-cao-dang", org: "Trường Cao đẳng Cộng đồng Lai Châu", sector: .publicService,
            work: "đào tạo nghề nghiệp cho lao động địa phương", prefix: "cb-cdcd",
            branches: [
                ("khoa-su-pham", "Khoa Văn hóa - Sư phạm"), ("khoa-kinh-te", "Khoa Kinh tế - Nông lâm"),
                ("khoa-ky-thuat", "Khoa Kỹ thuật - Công nghệ"), ("phong-chuc-nang", "Khối phòng chức năng"),
            ]),
        CommitteeSpec(
            id: "db-cao-su", org: "Công ty Cổ phần Cao su Lai Châu", sector: .enterprise,
            work: "chăm sóc, khai thác cao su và bảo đảm việc làm cho người lao động", prefix: "cb-cao-su",
            branches: [
                ("van-phong", "Văn phòng Công ty"), ("phong-tho", "Nông trường Cao su Phong Thổ"),
                ("than-uyen", "Nông trường Cao su Than Uyên"), ("nam-nhun", "Nông trường Cao su Nậm Nhùn"),
            ]),
        CommitteeSpec(
            id: "db-kho-bac", org: "Kho bạc Nhà nước tỉnh", sector: .agency, work: "kiểm soát chi ngân sách nhà nước",
            prefix: "cb-kbnn",
            branches: [
                ("van-phong", "Văn phòng Kho bạc Nhà nước tỉnh"), ("ke-toan", "Phòng Kế toán nhà nước"),
                ("kiem-soat-chi", "Phòng Kiểm soát chi"),
            ]),
    ]
}

// MARK: - Larger synthetic presets

enum Synthetic {
    static let laiChauPlaces = [
        "Thành phố Lai Châu", "huyện Tam Đường", "huyện Phong Thổ", "huyện Sìn Hồ", "huyện Mường Tè",
        "huyện Than Uyên", "huyện Tân Uyên", "huyện Nậm Nhùn",
    ]
    static let provinces = [
        "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La", "Yên Bái",
        "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh",
        "Hải Dương", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
        "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa",
        "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước",
        "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh",
        "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
        "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hà Nội", "Thành phố Hồ Chí Minh",
    ]
    // (organisation, sector, work)
    static let committeeOrgs: [(String, Sector, String)] = [
        ("Trung tâm Y tế", .publicService, "khám, chữa bệnh và y tế dự phòng"),
        ("Chi cục Thuế khu vực", .agency, "quản lý thu ngân sách nhà nước"),
        ("Bảo hiểm xã hội", .agency, "thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế"),
        ("Kho bạc Nhà nước", .agency, "kiểm soát chi ngân sách nhà nước"),
        ("Điện lực", .enterprise, "bảo đảm cung ứng điện an toàn, ổn định"),
        ("Agribank Chi nhánh", .enterprise, "cho vay phát triển nông nghiệp, nông thôn"),
        ("Phòng Giáo dục và Đào tạo", .agency, "nâng cao chất lượng giáo dục"),
        ("Trường Trung học phổ thông", .publicService, "dạy học và giáo dục học sinh"),
        ("Ban Quản lý dự án", .publicService, "quản lý dự án đầu tư công"),
        ("Ngân hàng Chính sách xã hội", .agency, "cho vay hộ nghèo và các đối tượng chính sách"),
        ("Hạt Kiểm lâm", .agency, "quản lý, bảo vệ và phát triển rừng"),
        ("Công ty Cổ phần Môi trường đô thị", .enterprise, "thu gom, xử lý rác thải"),
        ("Viễn thông", .enterprise, "cung cấp dịch vụ viễn thông, công nghệ thông tin"),
        ("Trung tâm Dịch vụ nông nghiệp", .publicService, "chuyển giao kỹ thuật nông nghiệp"),
        ("Văn phòng Đăng ký đất đai", .publicService, "đăng ký, cấp giấy chứng nhận quyền sử dụng đất"),
        ("Công ty Xăng dầu", .enterprise, "kinh doanh xăng dầu"),
        ("Sở Tài chính", .agency, "quản lý ngân sách và tài sản công"),
        ("Sở Kế hoạch và Đầu tư", .agency, "thu hút đầu tư, cải thiện môi trường kinh doanh"),
        ("Sở Giáo dục và Đào tạo", .agency, "nâng cao chất lượng giáo dục và đào tạo"),
        ("Sở Y tế", .agency, "quản lý nhà nước về y tế"),
        ("Bệnh viện Đa khoa", .publicService, "khám, chữa bệnh và chăm sóc sức khỏe nhân dân"),
        ("Trường Cao đẳng", .publicService, "đào tạo nghề nghiệp"),
        ("Đài Phát thanh và Truyền hình", .publicService, "thông tin, tuyên truyền"),
        ("Cục Hải quan", .agency, "quản lý hải quan, chống buôn lậu"),
        ("Công ty Cấp nước", .enterprise, "sản xuất và cung cấp nước sạch"),
    ]
    static let departments = [
        "Văn phòng", "Phòng Tổ chức - Hành chính", "Phòng Kế hoạch - Tài chính", "Phòng Nghiệp vụ", "Thanh tra",
        "Phòng Kế toán", "Phòng Kỹ thuật", "Phòng Kinh doanh", "Phòng Tổng hợp", "Phòng Pháp chế",
        "Phòng Quản lý chất lượng", "Phòng Công nghệ thông tin", "Phòng Kiểm tra", "Phòng Dịch vụ khách hàng",
        "Tổ Hành chính - Quản trị", "Khoa Khám bệnh", "Khoa Nội", "Khoa Ngoại", "Khoa Dược", "Khoa Xét nghiệm",
        "Đội Quản lý khu vực số 1", "Đội Quản lý khu vực số 2", "Đội Quản lý khu vực số 3", "Tổ Văn thư - Lưu trữ",
        "Phòng Đào tạo",
    ]
    static let grassrootsOrgs: [(String, Sector, String)] = [
        ("Phòng Tư pháp", .agency, "phổ biến, giáo dục pháp luật"),
        ("Phòng Nội vụ", .agency, "quản lý cán bộ, công chức"),
        ("Phòng Tài nguyên và Môi trường", .agency, "quản lý đất đai và môi trường"),
        ("Phòng Văn hóa và Thông tin", .agency, "thông tin cơ sở, bảo tồn văn hóa"),
        ("Thanh tra huyện", .agency, "thanh tra, giải quyết khiếu nại, tố cáo"),
        ("Trung tâm Văn hóa - Thể thao", .publicService, "tổ chức hoạt động văn hóa, thể thao"),
        ("Trường Phổ thông Dân tộc bán trú", .publicService, "giáo dục học sinh dân tộc thiểu số"),
        ("Trung tâm Giáo dục nghề nghiệp", .publicService, "đào tạo nghề cho lao động nông thôn"),
        ("Công ty TNHH MTV Quản lý thủy nông", .enterprise, "quản lý, khai thác công trình thủy lợi"),
        ("Công ty Cổ phần Vận tải", .enterprise, "vận tải hành khách, hàng hóa"),
        ("Bưu điện", .enterprise, "dịch vụ bưu chính, chuyển phát"),
        ("Chi cục Thống kê", .agency, "thu thập số liệu thống kê"),
    ]
}

// MARK: - Presets

struct Preset {
    var name: String
    var guidancePages: Int
    var writesSite: Bool
    /// Probability that a branch skips one month's regular meeting, one quarter's thematic meeting.
    var skipMonthRate: Double
    var skipQuarterRate: Double
}

// MARK: - Generator

struct Generator {
    var preset: Preset
    var seed: UInt64
    var rng: SplitMix64
    var committees: [Committee] = []
    var branches: [Branch] = []
    /// Order of units.csv: nil = a committee row follows (index in `committees`), else a branch.
    var order: [(isCommittee: Bool, index: Int)] = []
    var sessions: [Session] = []
    var committeeSessions: [Session] = []
    var fixed: [Int: [FixedMeeting]] = [:]
    /// Bundled only: branches that skip a month (branch → month) and a quarter (branch → quarter).
    var skippedMonth: [Int: Int] = [:]
    var skippedQuarter: [Int: Int] = [:]

    let regular = Rubric(maxima: [15, 15, 30, 20, 20], gates: [1, 2, 4, 5])
    let thematic = Rubric(maxima: [20, 20, 30, 15, 15], gates: [1, 2, 4, 5])

    init(preset: Preset, seed: UInt64) {
        self.preset = preset
        self.seed = seed
        rng = SplitMix64(seed: seed)
    }

    // MARK: Units

    mutating func addBranch(_ branch: Branch) -> Int {
        branches.append(branch)
        order.append((false, branches.count - 1))
        return branches.count - 1
    }

    mutating func addCommittee(_ committee: Committee) -> Int {
        committees.append(committee)
        order.append((true, committees.count - 1))
        return committees.count - 1
    }

    mutating func supervisors(_ count: Int) -> [String] {
        var names: [String] = []
        while names.count < count {
            let name = Words.person(&rng)
            if !names.contains(name) && !Words.blocObservers.contains(name) { names.append(name) }
        }
        return names
    }

    mutating func buildBundled() {
        for (id, org, work) in Bundled.enterprise {
            _ = addBranch(
                Branch(
                    id: id, name: "Chi bộ " + org, org: org, work: work, sector: .enterprise, writesSector: true,
                    committee: nil, members: rng.int(8...29)))
        }
        for (id, org, sector, work) in Bundled.agencies {
            _ = addBranch(
                Branch(
                    id: id, name: "Chi bộ " + org, org: org, work: work, sector: sector, writesSector: true,
                    committee: nil, members: rng.int(5...29)))
        }
        for spec in Bundled.committees {
            let index = addCommittee(
                Committee(
                    id: spec.id, name: "Đảng bộ " + spec.org, sector: spec.sector, org: spec.org, work: spec.work,
                    supervisors: supervisors(spec.branches.count >= 8 ? 5 : 3)))
            var total = 0
            var made: [Int] = []
            for (suffix, name) in spec.branches {
                let id = spec.prefix + "-" + suffix
                let members = rng.int(3...25)
                total += members
                made.append(
                    addBranch(
                        Branch(
                            id: id, name: "Chi bộ " + name, org: name, work: spec.work, sector: spec.sector,
                            writesSector: rng.chance(0.15), committee: index, members: members)))
            }
            // A grassroots committee has 30 or more members.
            var next = 0
            while total < 30 {
                let branch = made[next % made.count]
                if branches[branch].members < 25 {
                    branches[branch].members += 1
                    total += 1
                }
                next += 1
            }
            committees[index].branches = made
        }
    }

    /// `count` sizes in `range` adding up to `total`.
    mutating func sizes(_ count: Int, total: Int, range: ClosedRange<Int>) -> [Int] {
        var result = (0..<count).map { _ in rng.int(range) }
        var sum = result.reduce(0, +)
        var index = 0
        while sum != total {
            let step = sum < total ? 1 : -1
            let slot = index % count
            let value = result[slot] + step
            if range.contains(value) {
                result[slot] = value
                sum += step
            }
            index += 1
        }
        return result
    }

    mutating func buildSynthetic(committeeCount: Int, subordinate: Int, grassroots: Int, national: Bool) {
        let places = national ? Synthetic.provinces.map { "tỉnh " + $0 } : Synthetic.laiChauPlaces
        let orgs = Synthetic.grassrootsOrgs
        for number in 0..<grassroots {
            let (kind, sector, work) = orgs[number % orgs.count]
            let place = places[(number / orgs.count) % places.count]
            let round = number / (orgs.count * places.count)
            let org = kind + " " + place + (round > 0 ? " (số \(round + 1))" : "")
            _ = addBranch(
                Branch(
                    id: "cbcs-\(number + 1)", name: "Chi bộ " + org, org: org, work: work, sector: sector,
                    writesSector: true, committee: nil, members: rng.int(5...29)))
        }
        let counts = sizes(committeeCount, total: subordinate, range: 5...25)
        let kinds = Synthetic.committeeOrgs
        for number in 0..<committeeCount {
            let (kind, sector, work) = kinds[number % kinds.count]
            let place = places[(number / kinds.count) % places.count]
            let round = number / (kinds.count * places.count)
            let org = kind + " " + place + (round > 0 ? " (số \(round + 1))" : "")
            let index = addCommittee(
                Committee(
                    id: "db-\(number + 1)", name: "Đảng bộ " + org, sector: sector, org: org, work: work,
                    supervisors: supervisors(4)))
            var made: [Int] = []
            for slot in 0..<counts[number] {
                let department =
                    slot < Synthetic.departments.count
                    ? Synthetic.departments[slot] : "Tổ công tác số \(slot - Synthetic.departments.count + 1)"
                made.append(
                    addBranch(
                        Branch(
                            id: "cb-\(number + 1)-\(slot + 1)", name: "Chi bộ " + department, org: department,
                            work: work, sector: sector, writesSector: false, committee: index,
                            members: rng.int(3...25))))
            }
            committees[index].branches = made
        }
    }

    func branchIndex(_ id: String) -> Int? { branches.firstIndex { $0.id == id } }
    func committeeIndex(_ id: String) -> Int? { committees.firstIndex { $0.id == id } }

    // MARK: Plan

    mutating func fix(_ session: Session) {
        fixed[session.host, default: []].append(
            FixedMeeting(kind: session.kind, day: session.day, topic: session.topic))
    }

    mutating func sampleTopic(_ branch: Int) -> String {
        let b = branches[branch]
        let template = rng.pick(Words.topics(sector: b.sector, subordinate: b.committee != nil))
        return Words.fill(template, org: b.org, work: b.work)
    }

    /// The bundled plan: the two bloc sessions of 114-KH/ĐUK, then each committee's, most by the rule
    /// and a few not (too few, two of one kind, too many, a host from another committee, and one
    /// observer booked twice on one date).
    mutating func buildBundledPlan() {
        guard let power = branchIndex("cb-dien-luc"), let finance = branchIndex("cb-so-tai-chinh") else { return }
        let blocThematic = Session(
            committee: nil, host: power, kind: .thematic, day: Day(year: 2024, month: 3, day: 12), time: "08:00",
            venue: "Hội trường Công ty Điện lực Lai Châu",
            topic: "Nâng cao vai trò lãnh đạo của chi bộ trong bảo đảm cung ứng điện an toàn, ổn định mùa khô năm 2024",
            audience: "{level: grassroots, sector: [enterprise]}", observers: ["Lò Văn Thắng", "Trần Quốc Hưng"])
        let blocRegular = Session(
            committee: nil, host: finance, kind: .regular, day: Day(year: 2024, month: 4, day: 2), time: "14:00",
            venue: "Phòng họp tầng 3, Sở Tài chính", topic: nil,
            audience: "{level: grassroots, sector: [agency, public-service]}",
            observers: ["Lò Văn Thắng", "Nguyễn Thị Hồng Nhung", "Giàng A Sình"])
        sessions = [blocThematic, blocRegular]
        fix(blocThematic)
        fix(blocRegular)

        // (committee, host, kind, month, day, observer)
        let planned: [(String, String, Kind, Int, Int, String)] = [
            ("db-benh-vien-da-khoa", "cb-bvdk-khoa-noi", .regular, 4, 23, "Trần Quốc Hưng"),
            ("db-benh-vien-da-khoa", "cb-bvdk-khoa-kham-benh", .thematic, 6, 18, "Nguyễn Thị Hồng Nhung"),
            // Eleven branches but only one session: too few, and not one of each kind.
            ("db-so-giao-duc", "cb-sgd-gd-trung-hoc", .thematic, 5, 9, "Lường Thị Duyên"),
            // Nine branches, two sessions, both regular.
            ("db-so-nong-nghiep", "cb-snn-kiem-lam", .regular, 4, 11, "Giàng A Sình"),
            ("db-so-nong-nghiep", "cb-snn-khuyen-nong", .regular, 7, 10, "Trần Quốc Hưng"),
            ("db-agribank", "cb-agribank-hoi-so", .thematic, 4, 25, "Lò Văn Thắng"),
            ("db-agribank", "cb-agribank-tam-duong", .regular, 8, 13, "Lường Thị Duyên"),
            ("db-so-y-te", "cb-syt-nghiep-vu-y", .regular, 5, 16, "Nguyễn Thị Hồng Nhung"),
            // Six branches, two sessions: more than the rule asks.
            ("db-cuc-thue", "cb-ct-kiem-tra", .regular, 4, 17, "Giàng A Sình"),
            ("db-cuc-thue", "cb-ct-tuyen-truyen", .thematic, 9, 12, "Lò Văn Thắng"),
            // The same observer is booked at the Treasury on the same day: a schedule conflict.
            ("db-bhxh", "cb-bhxh-giam-dinh", .thematic, 5, 21, "Trần Quốc Hưng"),
            // Hosted by a branch of the social insurance committee, not one of the college's own.
            ("db-cao-dang", "cb-bhxh-van-phong", .regular, 6, 11, "Lường Thị Duyên"),
            ("db-cao-su", "cb-cao-su-phong-tho", .thematic, 10, 15, "Giàng A Sình"),
            ("db-kho-bac", "cb-kbnn-kiem-soat-chi", .regular, 5, 21, "Trần Quốc Hưng"),
        ]
        for (committeeID, hostID, kind, month, day, observer) in planned {
            guard let committee = committeeIndex(committeeID), let host = branchIndex(hostID) else {
                FileHandle.standardError.write(Data("chibo-gen: no unit \(committeeID) or \(hostID)\n".utf8))
                continue
            }
            let session = Session(
                committee: committee, host: host, kind: kind, day: Day(year: 2024, month: month, day: day),
                time: rng.chance(0.5) ? "08:00" : "14:00", venue: "Hội trường " + committees[committee].org,
                topic: kind == .thematic ? sampleTopic(host) : nil, audience: nil, observers: [observer])
            committeeSessions.append(session)
            fix(session)
        }
    }

    /// Larger presets: both bloc sessions and every committee's sessions by the rule.
    mutating func buildSyntheticPlan() {
        guard let power = branches.firstIndex(where: { $0.committee == nil && $0.sector == .enterprise }),
            let office = branches.firstIndex(where: { $0.committee == nil && $0.sector != .enterprise })
        else { return }
        let blocThematic = Session(
            committee: nil, host: power, kind: .thematic, day: Day(year: 2024, month: 3, day: 12), time: "08:00",
            venue: "Hội trường " + branches[power].org, topic: sampleTopic(power),
            audience: "{level: grassroots, sector: [enterprise]}", observers: Array(Words.blocObservers.prefix(2)))
        let blocRegular = Session(
            committee: nil, host: office, kind: .regular, day: Day(year: 2024, month: 4, day: 2), time: "14:00",
            venue: "Hội trường " + branches[office].org, topic: nil,
            audience: "{level: grassroots, sector: [agency, public-service]}",
            observers: Array(Words.blocObservers.suffix(3)))
        sessions = [blocThematic, blocRegular]
        fix(blocThematic)
        fix(blocRegular)
        for committee in committees.indices {
            let own = committees[committee].branches
            guard !own.isEmpty else { continue }
            let kinds: [Kind] = own.count >= 8 ? [.regular, .thematic] : [rng.chance(0.6) ? .regular : .thematic]
            for (slot, kind) in kinds.enumerated() {
                let host = own[slot % own.count]
                let day = Day(year: 2024, month: rng.int(4...11), day: rng.int(8...26)).workingDay
                let session = Session(
                    committee: committee, host: host, kind: kind, day: day, time: nil, venue: nil,
                    topic: kind == .thematic ? sampleTopic(host) : nil, audience: nil, observers: [])
                committeeSessions.append(session)
                fix(session)
            }
        }
    }

    // MARK: Meetings

    struct Plan {
        var kind: Kind
        var day: Day
        var topic: String?
        var sample: Bool
        /// A thematic meeting on the anti-corruption book: political study held.
        var onBook = false
    }

    /// Bundled: a few branches skip a month's regular meeting or a quarter's thematic one.
    mutating func chooseSkips() {
        var candidates = Array(branches.indices)
        rng.shuffle(&candidates)
        var taken = 0
        for branch in candidates where taken < 7 {
            let month = rng.int(2...11)
            if fixed[branch]?.contains(where: { $0.kind == .regular && $0.day.month == month }) == true { continue }
            skippedMonth[branch] = month
            taken += 1
        }
        taken = 0
        for branch in candidates.reversed() where taken < 4 && skippedMonth[branch] == nil {
            let quarter = rng.int(0...3)
            if fixed[branch]?.contains(where: { $0.kind == .thematic && $0.day.quarter == quarter }) == true {
                continue
            }
            skippedQuarter[branch] = quarter
            taken += 1
        }
    }

    func schedule(_ branch: Int, rng: inout SplitMix64) -> [Plan] {
        let mine = fixed[branch] ?? []
        let b = branches[branch]
        var skipMonth = skippedMonth[branch]
        var skipQuarter = skippedQuarter[branch]
        if preset.name != "bundled" {
            if rng.chance(preset.skipMonthRate) { skipMonth = rng.int(1...12) }
            if rng.chance(preset.skipQuarterRate) { skipQuarter = rng.int(0...3) }
        }
        var templates = Words.topics(sector: b.sector, subordinate: b.committee != nil)
        rng.shuffle(&templates)
        var topics = templates.prefix(4).map { Words.fill($0, org: b.org, work: b.work) }
        // The study campaign on the book: many branches give it a thematic meeting, mostly in Q2.
        var bookQuarter: Int?
        if rng.chance(0.55) {
            let quarter = rng.chance(0.7) ? 1 : rng.int(0...3)
            topics[quarter] = Words.fill(rng.pick(Words.bookTopics), org: b.org, work: b.work)
            bookQuarter = quarter
        }
        var plans: [Plan] = []
        let preferred = rng.int(2...10)
        for month in 1...12 {
            if let given = mine.first(where: { $0.kind == .regular && $0.day.month == month }) {
                plans.append(Plan(kind: .regular, day: given.day, topic: nil, sample: true))
                continue
            }
            if skipMonth == month { continue }
            let day = Day(year: 2024, month: month, day: max(1, preferred + rng.int(-1...2))).workingDay
            plans.append(Plan(kind: .regular, day: day, topic: nil, sample: false))
        }
        for quarter in 0..<4 {
            if let given = mine.first(where: { $0.kind == .thematic && $0.day.quarter == quarter }) {
                plans.append(Plan(kind: .thematic, day: given.day, topic: given.topic ?? topics[quarter], sample: true))
                continue
            }
            if skipQuarter == quarter { continue }
            let day = Day(year: 2024, month: quarter * 3 + rng.int(1...3), day: rng.int(14...26)).workingDay
            plans.append(
                Plan(kind: .thematic, day: day, topic: topics[quarter], sample: false, onBook: bookQuarter == quarter))
        }
        return plans.sorted { ($0.day, $0.kind.rawValue) < ($1.day, $1.kind.rawValue) }
    }

    enum Quality {
        case good, fair, weak, poor, overratedGate, overratedTotal, overratedLower, underrated
    }

    func quality(_ rng: inout SplitMix64) -> Quality {
        let draw = rng.unit()
        let table: [(Double, Quality)] = [
            (0.055, .overratedGate), (0.015, .overratedTotal), (0.008, .overratedLower), (0.02, .underrated),
            (0.13, .fair), (0.02, .weak), (0.003, .poor),
        ]
        var sum = 0.0
        for (share, kind) in table {
            sum += share
            if draw < sum { return kind }
        }
        return .good
    }

    /// Points for each criterion; the gates are criteria 1, 2, 4, 5 of both rubrics.
    func points(_ quality: Quality, rubric: Rubric, rng: inout SplitMix64) -> [Int] {
        var p = rubric.maxima
        let content = 2  // criterion 3, the only one that is not a gate
        func lower(_ index: Int, _ amount: Int, _ p: inout [Int]) { p[index] = max(0, p[index] - amount) }
        switch quality {
        case .good, .underrated:
            p[content] -= rng.int(0...5)
        case .fair:
            let gate = rng.pick(rubric.gates) - 1
            lower(gate, rng.int(1...4), &p)
            if rng.chance(0.4) { lower(rng.pick(rubric.gates) - 1, rng.int(1...3), &p) }
            p[content] -= rng.int(2...9)
        case .weak:
            for gate in rubric.gates { lower(gate - 1, rng.int(2...6), &p) }
            p[content] -= rng.int(8...14)
        case .poor:
            for gate in rubric.gates { lower(gate - 1, rng.int(6...9), &p) }
            p[content] -= rng.int(16...22)
        case .overratedGate:
            // The letter's case: a total of 90 or more, criteria 1, 2, 4 or 5 below their maximum, rated Tốt.
            var gates = rubric.gates
            rng.shuffle(&gates)
            let count = rng.chance(0.7) ? 1 : 2
            for gate in gates.prefix(count) { lower(gate - 1, rng.int(1...3), &p) }
            p[content] -= rng.int(0...3)
        case .overratedTotal:
            p[content] -= rng.int(11...18)
        case .overratedLower:
            for gate in rubric.gates { lower(gate - 1, rng.int(3...6), &p) }
            p[content] -= rng.int(8...12)
        }
        return p
    }

    /// Writes one branch's year of rows into the quarter buffers.
    mutating func meetings(into buffers: inout [String], stats: inout [Int]) {
        let separator = UInt8(ascii: ";")
        for branchIndex in branches.indices {
            var r = rng.fork()
            let branch = branches[branchIndex]
            let plans = schedule(branchIndex, rng: &r)
            let subordinate = branch.committee != nil
            let supervisors = branch.committee.map { committees[$0].supervisors } ?? []
            // Clerks differ: some write có/không, some x or nothing; some capitalise the kind.
            let crosses = r.chance(0.3)
            let capitalised = r.chance(0.25)
            let yes = crosses ? "x" : (capitalised ? "Có" : "có")
            let no = crosses ? "" : (capitalised ? "Không" : "không")
            let regularName = capitalised ? "Thường kỳ" : "thường kỳ"
            let thematicName = capitalised ? "Chuyên đề" : "chuyên đề"
            let members = branch.members
            for plan in plans {
                let rubric = plan.kind == .regular ? regular : thematic
                let quality = plan.sample ? Quality.good : quality(&r)
                var p = points(quality, rubric: rubric, rng: &r)
                // Attendance: at least 85% unless this meeting is a low one.
                let allowed = (15 * members - 1) / 100  // absent * 100 < 15 * members
                var absent = 0
                let lowAttendance = !plan.sample && r.chance(0.035)
                if lowAttendance {
                    absent = min(members - 1, allowed + r.int(1...3))
                } else if allowed > 0 && r.chance(0.45) {
                    absent = r.int(1...allowed)
                }
                let present = members - absent
                if absent * 100 > 15 * members && plan.kind == .regular {
                    p[1] = max(0, p[1] - r.int(2...5))
                }
                // Speakers: about a third of those present, sometimes fewer than 30%.
                var speakers: Int
                let lowSpeaking = !plan.sample && r.chance(0.13)
                if lowSpeaking {
                    speakers = Int(Double(present) * (0.08 + 0.19 * r.unit()))
                    if speakers * 10 >= 3 * present { speakers = max(0, (3 * present - 1) / 10) }
                    p[2] = max(0, p[2] - r.int(2...5))
                } else {
                    let rate = 0.22 + 0.10 * r.unit()
                    speakers = Int((Double(present) * rate).rounded(.up))
                    if speakers * 10 <= 3 * present { speakers = (3 * present) / 10 + 1 }
                    speakers = min(speakers, present)
                }
                // Political study (08-HD/ĐUK) and current affairs belong to every monthly meeting.
                var study: Bool
                var affairs: Bool
                if plan.kind == .regular {
                    study = plan.sample || !r.chance(0.05)
                    affairs = plan.sample || !r.chance(0.035)
                    if !study { p[2] = max(0, p[2] - r.int(2...4)) }
                } else {
                    study = plan.onBook
                    affairs = r.chance(0.2)
                }
                let usesIT = plan.sample || r.chance(0.8)
                let computed = rubric.rating(p)
                var own = computed
                switch quality {
                case .overratedGate, .overratedTotal: own = 0
                case .overratedLower: own = max(0, computed - 1)
                case .underrated: own = min(rubric.names.count - 1, computed + 1)
                default: break
                }
                let supervisor = subordinate && (plan.sample || !r.chance(0.08)) ? r.pick(supervisors) : ""
                var notes: [String] = []
                if plan.sample { notes.append("Sinh hoạt mẫu theo Kế hoạch số 114-KH/ĐUK") }
                if absent > 0 {
                    var reasons: [String] = []
                    for _ in 0..<min(absent, 3) { reasons.append(r.pick(Words.absenceReasons)) }
                    notes.append("Vắng \(absent) đồng chí: " + reasons.joined(separator: ", "))
                }
                if !study && plan.kind == .regular { notes.append("Chưa lồng ghép sinh hoạt chính trị tư tưởng") }
                var note = notes.joined(separator: "; ")
                if plan.kind == .thematic && r.chance(0.012) {
                    note +=
                        (note.isEmpty ? "" : "\n") + "Kết luận: tiếp thu ý kiến, hoàn thiện báo cáo chuyên đề.\n"
                        + "Giao chi ủy theo dõi, đôn đốc thực hiện."
                }
                var row = branch.id
                row += ";" + plan.day.vietnamese
                row += ";" + (plan.kind == .regular ? regularName : thematicName)
                row += ";" + cell(plan.topic ?? "", separator: separator)
                row += ";" + (plan.kind == .thematic ? Words.person(&r) : "")
                row += ";" + String(present) + ";" + String(speakers)
                for value in p { row += ";" + String(value) }
                row += ";" + rubric.names[own]
                row += ";" + (study ? yes : no) + ";" + (affairs ? yes : no) + ";" + (usesIT ? yes : no)
                row += ";" + supervisor + ";" + cell(note, separator: separator) + "\r\n"
                buffers[plan.day.quarter] += row
                stats[0] += 1
            }
        }
    }

    // MARK: Files

    func unitsCSV() -> String {
        var text = "Mã,Tên đơn vị,Loại,Loại hình,Trực thuộc,Số đảng viên\n"
        for entry in order {
            if entry.isCommittee {
                let c = committees[entry.index]
                text +=
                    c.id + "," + cell(c.name, separator: UInt8(ascii: ",")) + ",đảng bộ cơ sở," + c.sector.vietnamese
                    + ",,\n"
            } else {
                let b = branches[entry.index]
                let parent = b.committee.map { committees[$0].id } ?? ""
                let sector = b.writesSector ? b.sector.vietnamese : ""
                text +=
                    b.id + "," + cell(b.name, separator: UInt8(ascii: ",")) + ",chi bộ," + sector + "," + parent + ","
                    + String(b.members) + "\n"
            }
        }
        return text
    }

    static let rubricNote =
        "# Cấu hình mẫu theo tinh thần Quy định số 14-QĐ/TU của Ban Thường vụ Tỉnh ủy (văn bản gốc không có\n"
        + "# trong tay): thang 100 điểm, các mức Tốt ≥ 90, Khá ≥ 70, Trung bình ≥ 50; mức Tốt đòi hỏi tiêu chí\n"
        + "# 1, 2, 4, 5 đạt điểm tối đa. Sửa tệp này khi có văn bản chính thức.\n"

    static let ratings = """
        ratings:
          - {name: Tốt, min_total: 90, require_full: [1, 2, 4, 5]}
          - {name: Khá, min_total: 70}
          - {name: Trung bình, min_total: 50}
          - {name: Kém, min_total: 0}

        """

    func regularRubric() -> String {
        Generator.rubricNote + """
            id: thuong-ky
            title: Tiêu chí chấm điểm sinh hoạt chi bộ thường kỳ
            applies_to: regular
            source: Quy định số 14-QĐ/TU
            criteria:
              - {id: 1, title: "Chuẩn bị", max: 15}
              - {id: 2, title: "Thời gian và tỷ lệ đảng viên dự", max: 15}
              - {id: 3, title: "Nội dung và điều hành", max: 30}
              - {id: 4, title: "Nguyên tắc, tự phê bình và phê bình", max: 20}
              - {id: 5, title: "Kết quả thực hiện nghị quyết", max: 20}

            """ + Generator.ratings
    }

    func thematicRubric() -> String {
        Generator.rubricNote + """
            id: chuyen-de
            title: Tiêu chí chấm điểm sinh hoạt chi bộ chuyên đề
            applies_to: thematic
            source: Quy định số 14-QĐ/TU
            criteria:
              - {id: 1, title: "Lựa chọn chuyên đề", max: 20}
              - {id: 2, title: "Chuẩn bị báo cáo chuyên đề", max: 20}
              - {id: 3, title: "Thảo luận và phát biểu", max: 30}
              - {id: 4, title: "Kết luận của chủ trì", max: 15}
              - {id: 5, title: "Tổ chức thực hiện sau chuyên đề", max: 15}

            """ + Generator.ratings
    }

    func observersYAML(_ names: [String]) -> String { "[" + names.map(yaml).joined(separator: ", ") + "]" }

    func planYAML() -> String {
        var text = "# Kế hoạch số 114-KH/ĐUK, ngày 26/01/2024, của Ban Thường vụ Đảng ủy Khối về tổ chức sinh hoạt\n"
        text += "# chi bộ mẫu năm 2024. Lịch cụ thể của từng buổi là dữ liệu mẫu (chibo-gen --preset \(preset.name)).\n"
        text += "number: 114-KH/ĐUK\n"
        text += "title: Kế hoạch tổ chức sinh hoạt chi bộ mẫu năm 2024\n"
        text += "issued: 2024-01-26\n"
        text += "sessions:\n"
        for session in sessions {
            text += "  - host: " + branches[session.host].id + "\n"
            text += "    kind: " + session.kind.code + "\n"
            text += "    date: " + session.day.iso + "\n"
            if let time = session.time { text += "    time: \"" + time + "\"\n" }
            if let venue = session.venue { text += "    venue: " + yaml(venue) + "\n" }
            if let topic = session.topic { text += "    topic: " + yaml(topic) + "\n" }
            if let audience = session.audience { text += "    audience: " + audience + "\n" }
            if !session.observers.isEmpty { text += "    observers: " + observersYAML(session.observers) + "\n" }
        }
        text += "committee_rule:\n  threshold: 8\n  below: 1\n  at_or_above: 2\n"
        text += "committee_sessions:\n"
        for session in committeeSessions {
            guard let committee = session.committee else { continue }
            var line = "  - {committee: " + committees[committee].id + ", host: " + branches[session.host].id
            line += ", kind: " + session.kind.code + ", date: " + session.day.iso
            if let time = session.time { line += ", time: \"" + time + "\"" }
            if let venue = session.venue { line += ", venue: " + yaml(venue) }
            if let topic = session.topic { line += ", topic: " + yaml(topic) }
            if !session.observers.isEmpty { line += ", observers: " + observersYAML(session.observers) }
            text += line + "}\n"
        }
        return text
    }

    func siteYAML() -> String {
        let national = preset.name == "nation"
        var text = "# Dữ liệu mô phỏng để đo hiệu năng (chibo-gen --preset \(preset.name) --seed \(seed)).\n"
        text +=
            "title: "
            + yaml(
                national
                    ? "Sổ tay sinh hoạt chi bộ (mô phỏng toàn quốc)" : "Sổ tay sinh hoạt chi bộ (mô phỏng cấp tỉnh)")
            + "\n"
        text +=
            "organization: "
            + yaml(
                national
                    ? "Các đảng bộ khối toàn quốc (dữ liệu mô phỏng)"
                    : "Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh (dữ liệu mô phỏng)")
            + "\n"
        text += "base_path: /\nperiod:\n  from: 2024-01-01\n  to: 2024-12-31\n"
        text += "targets:\n  speaking_rate: 0.30\n  attendance_rate: 0.85\n"
        text += "political_study_required_from: 2023-07-01\n"
        return text
    }
}

// MARK: - Guidance pages (province and nation)

enum Guidance {
    // (folder, section title, kind, number code, file prefix, title word)
    static let sections: [(String, String, String, String?, String, String)] = [
        ("huong-dan", "Hướng dẫn", "huong-dan", "HD", "hd", "Hướng dẫn"),
        ("quy-dinh", "Quy định", "quy-dinh", "QĐ", "qd", "Quy định"),
        ("ke-hoach", "Kế hoạch", "ke-hoach", "KH", "kh", "Kế hoạch"),
        ("tai-lieu", "Tài liệu sinh hoạt", "tai-lieu", nil, "tl", "Tài liệu"),
    ]
    static let subjects = [
        "nâng cao chất lượng sinh hoạt chi bộ", "tổ chức sinh hoạt chuyên đề", "chấm điểm chất lượng sinh hoạt chi bộ",
        "sinh hoạt chính trị tư tưởng hằng tháng", "thông tin thời sự trong sinh hoạt chi bộ",
        "ứng dụng công nghệ thông tin trong sinh hoạt chi bộ", "tổ chức sinh hoạt chi bộ mẫu",
        "trách nhiệm của cấp ủy viên dự sinh hoạt chi bộ trực thuộc", "phòng, chống tham nhũng, tiêu cực",
        "công tác kiểm tra, giám sát của chi bộ", "phát triển đảng viên trong doanh nghiệp",
        "đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên", "quản lý đảng viên đi làm ăn xa",
        "thực hiện quy chế dân chủ ở cơ sở", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "công tác dân vận của chi bộ", "lập biên bản và lưu trữ hồ sơ sinh hoạt chi bộ",
    ]
    static let sentences = [
        "Chi ủy chuẩn bị nội dung sinh hoạt trước ít nhất ba ngày, thống nhất dự thảo nghị quyết và thông báo cho đảng viên.",
        "Bí thư chi bộ điều hành linh hoạt, có định hướng, gợi mở để đảng viên tham gia phát biểu ý kiến.",
        "Mỗi buổi sinh hoạt thường kỳ dành thời gian cho thông tin thời sự và quán triệt văn bản mới của cấp trên.",
        "Việc chấm điểm chất lượng được thực hiện ngay cuối buổi sinh hoạt, ghi vào biên bản và báo cáo cấp ủy cấp trên.",
        "Chi bộ không đánh giá mức Tốt khi các tiêu chí bắt buộc chưa đạt điểm tối đa.",
        "Đảng viên được phân công chuẩn bị chuyên đề gửi dự thảo báo cáo cho chi ủy trước buổi sinh hoạt.",
        "Nội dung chuyên đề cần bám sát nhiệm vụ chính trị, chuyên môn của cơ quan, đơn vị, doanh nghiệp.",
        "Kết luận của chủ trì nêu rõ những nội dung cần tiếp thu, bổ sung và phân công tổ chức thực hiện.",
        "Cấp ủy viên đảng bộ cơ sở được phân công theo dõi chi bộ trực thuộc dự sinh hoạt ít nhất một lần mỗi quý.",
        "Tỷ lệ đảng viên dự sinh hoạt phải đạt trên 85%, vắng mặt phải có lý do chính đáng.",
        "Thời gian mỗi buổi sinh hoạt chi bộ không ít hơn 90 phút.",
        "Chi bộ giữ vững nguyên tắc tập trung dân chủ, tự phê bình và phê bình, đoàn kết thống nhất.",
        "Biên bản ghi đầy đủ ý kiến phát biểu, kết luận và kết quả biểu quyết nghị quyết.",
        "Kết quả thực hiện nghị quyết tháng trước được kiểm điểm cụ thể, chỉ rõ việc đã làm và việc còn chậm.",
        "Ứng dụng công nghệ thông tin giúp trình chiếu văn bản, số liệu và tiết kiệm thời gian đọc.",
        "Các chi bộ gửi báo cáo kết quả về Văn phòng Đảng ủy Khối trước ngày 20 của tháng cuối quý.",
        "Mỗi đảng viên viết bài thu hoạch, liên hệ bản thân và đề ra việc làm cụ thể.",
        "Chi bộ tổ chức rút kinh nghiệm sau mỗi buổi sinh hoạt mẫu và nhân rộng cách làm hay.",
        "Ban Tuyên giáo Đảng ủy Khối cung cấp định hướng thông tin thời sự hằng tháng.",
        "Những hạn chế đã được chỉ ra phải có lộ trình khắc phục và người chịu trách nhiệm.",
    ]
    // Sentences built from parts, so that pages differ in wording (useful for the search index).
    static let actors = [
        "Chi ủy", "Bí thư chi bộ", "Cấp ủy cơ sở", "Mỗi đảng viên", "Tổ đảng", "Văn phòng Đảng ủy Khối",
        "Ban Tuyên giáo Đảng ủy Khối", "Ủy ban Kiểm tra Đảng ủy Khối", "Đồng chí cấp ủy viên phụ trách",
    ]
    static let actions = [
        "chủ động xây dựng", "thường xuyên rà soát", "kịp thời bổ sung", "nghiêm túc thực hiện", "theo dõi, đôn đốc",
        "tổng hợp, báo cáo", "đánh giá, rút kinh nghiệm", "công khai kết quả", "hướng dẫn cụ thể",
    ]
    static let objects = [
        "kế hoạch sinh hoạt chuyên đề", "nội dung sinh hoạt chính trị tư tưởng", "biên bản sinh hoạt chi bộ",
        "phiếu chấm điểm chất lượng", "dự thảo nghị quyết tháng", "danh sách đảng viên phát biểu",
        "việc thực hiện nghị quyết tháng trước", "tài liệu thông tin thời sự", "bài thu hoạch của đảng viên",
        "kết quả tự phê bình và phê bình",
    ]
    static let manners = [
        "trước mỗi kỳ sinh hoạt", "theo đúng quy định", "gắn với nhiệm vụ chuyên môn của đơn vị",
        "bảo đảm thiết thực, hiệu quả", "theo định hướng của Đảng ủy Khối", "trong quý", "ngay sau buổi sinh hoạt",
        "với sự tham gia của toàn thể đảng viên",
    ]

    static func sentence(_ rng: inout SplitMix64) -> String {
        if rng.chance(0.5) { return rng.pick(sentences) }
        return rng.pick(actors) + " " + rng.pick(actions) + " " + rng.pick(objects) + " " + rng.pick(manners) + "."
    }

    /// `count` different sentences.
    static func sentences(_ count: Int, _ rng: inout SplitMix64) -> [String] {
        var result: [String] = []
        while result.count < count {
            let next = sentence(&rng)
            if !result.contains(next) { result.append(next) }
        }
        return result
    }

    static let headings = [
        "Mục đích, yêu cầu", "Nội dung", "Các bước tiến hành", "Trách nhiệm của chi ủy", "Trách nhiệm của đảng viên",
        "Chấm điểm và đánh giá", "Tổ chức thực hiện", "Chế độ báo cáo", "Những điểm cần lưu ý", "Câu hỏi thảo luận",
    ]

    static func file(_ index: Int) -> (folder: String, name: String) {
        let section = sections[index % sections.count]
        return (section.0, section.4 + "-" + String(index + 1) + ".md")
    }

    static func number(_ index: Int) -> String? {
        sections[index % sections.count].3.map { String(index + 1) + "-" + $0 + "/ĐUK" }
    }

    static func title(_ index: Int) -> String {
        let section = sections[index % sections.count]
        return section.5 + " về " + subjects[(index * 7 + index / 5) % subjects.count]
    }

    /// A relative link from page `from` to page `to`.
    static func link(from: Int, to: Int) -> String {
        let source = file(from)
        let target = file(to)
        return source.folder == target.folder ? target.name : "../" + target.folder + "/" + target.name
    }

    /// Page `index`. It links only to pages with a lower index, so a smaller run never leaves a
    /// dangling link in pages written by a larger one.
    static func page(_ index: Int, rng: inout SplitMix64) -> String {
        let section = sections[index % sections.count]
        var text = "---\n"
        text += "title: " + yaml(title(index)) + "\n"
        if let number = number(index) { text += "number: " + number + "\n" }
        text += "issuer: Ban Thường vụ Đảng ủy Khối\n"
        text += "kind: " + section.2 + "\n"
        text += "date: " + Day(year: 2020 + rng.int(0...4), month: rng.int(1...12), day: rng.int(1...28)).iso + "\n"
        text += "order: " + String(index / sections.count + 1) + "\n"
        text += "summary: " + yaml(sentence(&rng)) + "\n"
        text += "tags: [sinh hoạt chi bộ, " + section.1.lowercased() + "]\n"
        text += "---\n\n"
        text += sentences(2, &rng).joined(separator: " ") + "\n\n"
        var headingIndex = rng.below(headings.count)
        var part = 1
        while text.utf8.count < 6_200 {
            text += "## " + String(part) + ". " + headings[headingIndex % headings.count] + "\n\n"
            headingIndex += 1
            for _ in 0..<rng.int(2...3) {
                var paragraph = sentences(rng.int(2...4), &rng)
                if index > 0 && rng.chance(0.5) {
                    let other = rng.below(index)
                    if let number = number(other), rng.chance(0.5) {
                        paragraph.append("Thực hiện theo văn bản số " + number + ".")
                    } else {
                        paragraph.append(
                            "Xem thêm [" + title(other).lowercased() + "](" + link(from: index, to: other) + ").")
                    }
                }
                text += paragraph.joined(separator: " ") + "\n\n"
            }
            if rng.chance(0.6) {
                let numbered = rng.chance(0.5)
                for (item, line) in sentences(rng.int(3...5), &rng).enumerated() {
                    text += (numbered ? String(item + 1) + ". " : "- ") + line + "\n"
                }
                text += "\n"
            }
            part += 1
        }
        if index > 0 {
            text += "## Văn bản liên quan\n\n"
            var seen: Set<Int> = []
            for _ in 0..<min(index, 4) {
                let other = rng.below(index)
                if seen.insert(other).inserted {
                    text += "- [" + title(other) + "](" + link(from: index, to: other) + ")\n"
                }
            }
            text += "\n"
        }
        return text
    }

    static func sectionIndex(_ section: (String, String, String, String?, String, String)) -> String {
        "---\ntitle: " + yaml(section.1) + "\norder: " + String((sections.firstIndex { $0.0 == section.0 } ?? 0) + 1)
            + "\n---\n\nCác văn bản loại " + section.1.lowercased() + " (dữ liệu mô phỏng do chibo-gen sinh ra).\n"
    }
}

// MARK: - Command line

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data(("chibo-gen: " + message + "\n").utf8))
    exit(status)
}

let usage = "usage: chibo-gen --preset bundled|province|nation --output DIR [--seed N] [--guidance-pages N]"

func write(_ text: String, to path: String, bom: Bool = false) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    var data = Data()
    if bom { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    data.append(contentsOf: Array(text.utf8))
    try data.write(to: url, options: .atomic)
}

func run() {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var presetName = ""
    var output = ""
    var seed: UInt64 = 20_240_405
    var pages: Int?
    while !arguments.isEmpty {
        let flag = arguments.removeFirst()
        guard !arguments.isEmpty else { fail("\(flag) needs a value\n" + usage, status: 2) }
        let value = arguments.removeFirst()
        switch flag {
        case "--preset": presetName = value
        case "--output": output = value
        case "--seed":
            guard let number = UInt64(value) else { fail("--seed takes a whole number\n" + usage, status: 2) }
            seed = number
        case "--guidance-pages":
            guard let number = Int(value), number >= 0 else {
                fail("--guidance-pages takes a whole number\n" + usage, status: 2)
            }
            pages = number
        default: fail("unknown option \(flag)\n" + usage, status: 2)
        }
    }
    guard !output.isEmpty else { fail("--output is required\n" + usage, status: 2) }
    let preset: Preset
    switch presetName {
    case "bundled":
        if pages != nil { fail("the bundled preset has hand-written guidance; drop --guidance-pages", status: 2) }
        preset = Preset(name: "bundled", guidancePages: 0, writesSite: false, skipMonthRate: 0, skipQuarterRate: 0)
    case "province":
        preset = Preset(
            name: "province", guidancePages: pages ?? 500, writesSite: true, skipMonthRate: 0.03, skipQuarterRate: 0.02)
    case "nation":
        preset = Preset(
            name: "nation", guidancePages: pages ?? 1_000, writesSite: true, skipMonthRate: 0.03,
            skipQuarterRate: 0.02)
    default: fail("unknown preset \"\(presetName)\"\n" + usage, status: 2)
    }

    var generator = Generator(preset: preset, seed: seed)
    switch preset.name {
    case "bundled":
        generator.buildBundled()
        generator.buildBundledPlan()
        generator.chooseSkips()
    case "province":
        generator.buildSynthetic(committeeCount: 200, subordinate: 3_000, grassroots: 100, national: false)
        generator.buildSyntheticPlan()
    default:
        generator.buildSynthetic(committeeCount: 3_000, subordinate: 47_000, grassroots: 3_000, national: true)
        generator.buildSyntheticPlan()
    }
    var buffers = ["", "", "", ""]
    let header =
        "Mã chi bộ;Ngày;Loại;Chủ đề;Người chuẩn bị;Có mặt;Phát biểu;TC1;TC2;TC3;TC4;TC5;Tự xếp loại;"
        + "Chính trị tư tưởng;Thời sự;CNTT;Cấp ủy dự;Ghi chú\r\n"
    let estimate = generator.branches.count * 4 * 170
    for index in buffers.indices {
        buffers[index].reserveCapacity(estimate)
        buffers[index] += header
    }
    var stats = [0]
    generator.meetings(into: &buffers, stats: &stats)

    let root = (output as NSString).standardizingPath
    do {
        try write(generator.unitsCSV(), to: root + "/units.csv")
        try write(generator.regularRubric(), to: root + "/rubrics/thuong-ky.yaml")
        try write(generator.thematicRubric(), to: root + "/rubrics/chuyen-de.yaml")
        for (index, buffer) in buffers.enumerated() {
            try write(buffer, to: root + "/meetings/2024-q\(index + 1).csv", bom: true)
        }
        try write(generator.planYAML(), to: root + "/plans/ke-hoach-114-kh-duk.yaml")
        if preset.writesSite {
            try write(generator.siteYAML(), to: root + "/site.yaml")
            if preset.guidancePages > 0 {
                var pageRNG = SplitMix64(seed: seed ^ 0x6775_6964_616E_6365)
                for section in Guidance.sections {
                    try write(Guidance.sectionIndex(section), to: root + "/guidance/" + section.0 + "/_index.md")
                }
                for index in 0..<preset.guidancePages {
                    let place = Guidance.file(index)
                    try write(
                        Guidance.page(index, rng: &pageRNG), to: root + "/guidance/" + place.folder + "/" + place.name)
                }
            }
        }
    } catch {
        fail("cannot write \(root): \(error)", status: 1)
    }
    let summary =
        "chibo-gen: \(preset.name): \(generator.committees.count) committees, \(generator.branches.count) branches, "
        + "\(stats[0]) meetings, \(generator.sessions.count + generator.committeeSessions.count) sample sessions"
        + (preset.writesSite ? ", \(preset.guidancePages) guidance pages" : "") + " → \(root)\n"
    FileHandle.standardError.write(Data(summary.utf8))
}

run()
