import ArgumentParser
import ChiboModel
import Foundation

/// A small, fast, seeded random number generator (SplitMix64): the same seed gives the same content.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

extension SplitMix64 {
    /// A stream of its own for `year`'s records, from the seed and the year: drawing it leaves the
    /// generator's main stream (units, 2024's records, the plan, the guidance) as it is.
    init(seed: UInt64, year: Int) {
        var mixer = SplitMix64(state: seed ^ (UInt64(year) << 40) ^ 0x5945_4152_5345_4544)
        self.init(state: mixer.next())
    }
}

/// A day of 2024, the year of the plan and of the last year's records.
func inYear(_ month: Int, _ day: Int) -> Day {
    guard let date = Day(year: 2024, month: month, day: day) else { preconditionFailure("no day \(day)/\(month)/2024") }
    return date
}

/// The presets chibo-gen knows (`--preset`); `Preset.named` says what each holds.
enum PresetName: String, CaseIterable, ExpressibleByArgument {
    case bundled, province, nation, million, corpus
}

/// What to generate.
struct Preset {
    var name: PresetName
    var enterpriseBranches: Int
    var agencyBranches: Int
    var committeeSizes: [Int]
    var guidancePages: Int
    var writeSite: Bool
    /// Years of meeting records, the last 2024.
    var years: Int

    static func named(_ name: PresetName, guidance: Int?, branches: Int? = nil, years: Int? = nil) -> Preset {
        switch name {
        case .bundled:
            return Preset(
                name: name, enterpriseBranches: 7, agencyBranches: 36,
                committeeSizes: [14, 11, 9, 8, 7, 6, 5, 4, 4, 3], guidancePages: guidance ?? 0, writeSite: false,
                years: years ?? 2)
        case .province:
            // 3,000 branches under 200 committees, two years of meetings (about 50,000 rows a year).
            var sizes: [Int] = []
            var rng = SplitMix64(state: 7)
            for _ in 0..<200 { sizes.append(rng.int(8...22)) }
            let total = sizes.reduce(0, +)
            sizes[0] += max(0, 2_900 - total)
            return Preset(
                name: name, enterpriseBranches: 30, agencyBranches: 70, committeeSizes: sizes,
                guidancePages: guidance ?? 500, writeSite: true, years: years ?? 2)
        case .corpus:
            // A pure Markdown corpus: site.yaml and guidance pages only (default 2,000).
            return Preset(
                name: name, enterpriseBranches: 0, agencyBranches: 0, committeeSizes: [],
                guidancePages: guidance ?? 2_000, writeSite: true, years: 0)
        case .million:
            // About a million meeting rows (62,000 branches), to measure loading; few guidance pages.
            var sizes: [Int] = []
            var rng = SplitMix64(state: 13)
            for _ in 0..<3_700 { sizes.append(rng.int(12...21)) }
            let total = sizes.reduce(0, +)
            sizes[0] += max(0, 61_000 - total)
            return Preset(
                name: name, enterpriseBranches: 300, agencyBranches: 700, committeeSizes: sizes,
                guidancePages: guidance ?? 50, writeSite: true, years: years ?? 1)
        case .nation:
            // 50,000 branches (or `branches`): 2% grassroots branches, the rest under committees of
            // 10 to 22, the first of them taking what the others leave (a thousand at 50,000); five
            // years of meetings, 2020 to 2024.
            let all = branches ?? 50_000
            var sizes: [Int] = []
            var rng = SplitMix64(state: 11)
            for _ in 0..<(all * 3 / 50) { sizes.append(rng.int(10...22)) }
            let total = sizes.reduce(0, +)
            sizes[0] += max(0, all * 49 / 50 - total)
            return Preset(
                name: name, enterpriseBranches: all * 3 / 500, agencyBranches: all * 7 / 500, committeeSizes: sizes,
                guidancePages: guidance ?? 500, writeSite: true, years: years ?? 5)
        }
    }
}

/// A row of the units file: `sector` as written (nil for a branch that inherits its committee's),
/// `effectiveSector` the one it has.
struct GeneratedUnit {
    var id: String
    var name: String
    var kind: UnitKind
    var sector: Sector?
    var parent: String?
    var members: Int?
    var effectiveSector: Sector

    var isCommittee: Bool { kind == .committee }
}

/// Vietnamese names of a province's departments, public-service units and companies.
enum Names {
    static let agencies = [
        ("so-tai-chinh", "Sở Tài chính"), ("so-ke-hoach-dau-tu", "Sở Kế hoạch và Đầu tư"), ("so-tu-phap", "Sở Tư pháp"),
        ("so-noi-vu", "Sở Nội vụ"), ("so-cong-thuong", "Sở Công Thương"), ("so-xay-dung", "Sở Xây dựng"),
        ("so-giao-thong-van-tai", "Sở Giao thông vận tải"), ("so-tai-nguyen-moi-truong", "Sở Tài nguyên và Môi trường"),
        ("so-thong-tin-truyen-thong", "Sở Thông tin và Truyền thông"),
        ("so-lao-dong", "Sở Lao động - Thương binh và Xã hội"),
        ("so-van-hoa", "Sở Văn hóa, Thể thao và Du lịch"), ("so-khoa-hoc", "Sở Khoa học và Công nghệ"),
        ("thanh-tra-tinh", "Thanh tra tỉnh"), ("ban-dan-toc", "Ban Dân tộc tỉnh"),
        ("van-phong-ubnd", "Văn phòng UBND tỉnh"),
        ("van-phong-doan-dbqh", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"),
        ("ban-quan-ly-khu-kinh-te", "Ban Quản lý Khu kinh tế"),
        ("cuc-thue", "Cục Thuế tỉnh"), ("cuc-thong-ke", "Cục Thống kê tỉnh"), ("kho-bac", "Kho bạc Nhà nước tỉnh"),
        ("cuc-hai-quan", "Cục Hải quan tỉnh"), ("bao-hiem-xa-hoi", "Bảo hiểm xã hội tỉnh"),
        ("ngan-hang-nha-nuoc", "Ngân hàng Nhà nước chi nhánh tỉnh"),
        ("toa-an", "Tòa án nhân dân tỉnh"), ("vien-kiem-sat", "Viện Kiểm sát nhân dân tỉnh"),
        ("cuc-thi-hanh-an", "Cục Thi hành án dân sự tỉnh"),
        ("lien-doan-lao-dong", "Liên đoàn Lao động tỉnh"), ("hoi-nong-dan", "Hội Nông dân tỉnh"),
    ]
    static let publicServices = [
        ("dai-phat-thanh", "Đài Phát thanh và Truyền hình tỉnh"), ("bao-lai-chau", "Báo Lai Châu"),
        ("truong-cao-dang", "Trường Cao đẳng Cộng đồng"), ("truong-chinh-tri", "Trường Chính trị tỉnh"),
        ("trung-tam-y-te-du-phong", "Trung tâm Kiểm soát bệnh tật tỉnh"),
        ("benh-vien-y-hoc-co-truyen", "Bệnh viện Y học cổ truyền"),
        ("trung-tam-dich-vu-viec-lam", "Trung tâm Dịch vụ việc làm"), ("thu-vien-tinh", "Thư viện tỉnh"),
        ("bao-tang-tinh", "Bảo tàng tỉnh"), ("trung-tam-khuyen-nong", "Trung tâm Khuyến nông"),
        ("ban-quan-ly-du-an", "Ban Quản lý dự án đầu tư xây dựng"), ("quy-dau-tu", "Quỹ Đầu tư phát triển"),
    ]
    static let enterprises = [
        ("dien-luc", "Công ty Điện lực Lai Châu"), ("vnpt", "VNPT Lai Châu"), ("viettel", "Viettel Lai Châu"),
        ("agribank", "Agribank chi nhánh Lai Châu"), ("bidv", "BIDV chi nhánh Lai Châu"),
        ("cap-nuoc", "Công ty Cổ phần Nước sạch"),
        ("xo-so", "Công ty Xổ số kiến thiết"), ("buu-dien", "Bưu điện tỉnh"),
        ("vietinbank", "VietinBank chi nhánh Lai Châu"),
        ("moi-truong-do-thi", "Công ty Môi trường đô thị"), ("thuy-dien", "Công ty Thủy điện"),
        ("duong-bo", "Công ty Quản lý đường bộ"),
    ]
    static let committees = [
        (
            "db-so-y-te", "Đảng bộ Sở Y tế", Sector.publicService,
            [
                "Văn phòng Sở", "Bệnh viện Đa khoa tỉnh", "Bệnh viện Sản - Nhi", "Trung tâm Y tế thành phố",
                "Bệnh viện Phổi", "Trung tâm Pháp y", "Chi cục Dân số", "Trung tâm Giám định y khoa", "Bệnh viện Mắt",
                "Trường Trung cấp Y tế", "Trung tâm Cấp cứu 115", "Chi cục An toàn thực phẩm", "Trung tâm Kiểm nghiệm",
                "Bệnh viện Tâm thần",
            ]
        ),
        (
            "db-so-giao-duc", "Đảng bộ Sở Giáo dục và Đào tạo", Sector.agency,
            [
                "Văn phòng Sở", "Trường THPT chuyên", "Trường THPT thành phố", "Trường Phổ thông dân tộc nội trú tỉnh",
                "Trung tâm Giáo dục thường xuyên", "Phòng Giáo dục trung học", "Phòng Tổ chức cán bộ",
                "Trường THPT Tam Đường", "Trường THPT Phong Thổ", "Trường Phổ thông dân tộc nội trú Sìn Hồ",
                "Phòng Khảo thí",
            ]
        ),
        (
            "db-cong-an", "Đảng bộ Cơ quan Công an tỉnh", Sector.agency,
            [
                "Phòng Tham mưu", "Phòng Cảnh sát giao thông", "Phòng Cảnh sát hình sự", "Phòng An ninh kinh tế",
                "Phòng Quản lý hành chính", "Phòng Hậu cần", "Phòng Cảnh sát cơ động", "Phòng Xây dựng phong trào",
                "Phòng Tổ chức cán bộ",
            ]
        ),
        (
            "db-so-nong-nghiep", "Đảng bộ Sở Nông nghiệp và Phát triển nông thôn", Sector.agency,
            [
                "Văn phòng Sở", "Chi cục Kiểm lâm", "Chi cục Thủy lợi", "Chi cục Trồng trọt và Bảo vệ thực vật",
                "Chi cục Chăn nuôi và Thú y", "Trung tâm Giống cây trồng", "Ban Quản lý rừng phòng hộ",
                "Chi cục Phát triển nông thôn",
            ]
        ),
        (
            "db-cong-ty-cao-su", "Đảng bộ Công ty Cao su Lai Châu", Sector.enterprise,
            [
                "Văn phòng Công ty", "Nông trường Nậm Nhùn", "Nông trường Than Uyên", "Nông trường Phong Thổ",
                "Nhà máy chế biến", "Phòng Kỹ thuật", "Đội Bảo vệ",
            ]
        ),
        (
            "db-ubnd-thanh-pho", "Đảng bộ Cơ quan UBND thành phố", Sector.agency,
            [
                "Văn phòng HĐND - UBND", "Phòng Tài chính - Kế hoạch", "Phòng Quản lý đô thị",
                "Phòng Tài nguyên và Môi trường", "Phòng Văn hóa - Thông tin", "Phòng Nội vụ",
            ]
        ),
        (
            "db-dai-hoc", "Đảng bộ Phân hiệu Đại học", Sector.publicService,
            ["Khoa Nông lâm", "Khoa Kinh tế", "Phòng Đào tạo", "Phòng Hành chính", "Trung tâm Thông tin - Thư viện"]
        ),
        (
            "db-ngan-hang-chinh-sach", "Đảng bộ Ngân hàng Chính sách xã hội tỉnh", Sector.enterprise,
            ["Văn phòng chi nhánh", "Phòng Kế hoạch nghiệp vụ", "Phòng Kế toán", "Phòng giao dịch thành phố"]
        ),
        (
            "db-so-van-hoa", "Đảng bộ Cơ quan Sở Văn hóa", Sector.agency,
            ["Văn phòng Sở", "Nhà hát Ca múa nhạc", "Trung tâm Văn hóa", "Trung tâm Huấn luyện thể thao"]
        ),
        (
            "db-cuc-quan-ly-thi-truong", "Đảng bộ Cục Quản lý thị trường", Sector.agency,
            ["Văn phòng Cục", "Đội Quản lý thị trường số 1", "Đội Quản lý thị trường số 2"]
        ),
    ]
    static let surnames = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Lò", "Lường", "Tao", "Giàng", "Bùi", "Đặng", "Hà", "Lý",
    ]
    static let middles = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hồng", "Quang", "Thanh", "Ngọc", "Xuân"]
    static let givens = [
        "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Quân",
        "Sơn", "Thảo", "Trang", "Tuấn", "Vân", "Yến", "Chiến", "Khánh",
    ]
    static let topics = [
        "Nâng cao chất lượng giải quyết thủ tục hành chính tại {unit}",
        "Đẩy mạnh chuyển đổi số trong hoạt động của {unit}",
        "Thực hành tiết kiệm, chống lãng phí tại {unit}", "Nâng cao đạo đức công vụ, văn hóa công sở",
        "Học tập tác phẩm “Kiên quyết, kiên trì đấu tranh phòng, chống tham nhũng, tiêu cực”",
        "Phòng ngừa tham nhũng, tiêu cực trong thực thi nhiệm vụ chuyên môn",
        "Nâng cao vai trò nêu gương của đảng viên trong {unit}", "Xây dựng chi bộ trong sạch, vững mạnh",
        "Thực hiện dân chủ ở cơ sở tại {unit}", "Cải tiến lề lối làm việc, nâng cao hiệu quả công tác",
    ]

    /// The day the book the study topic names was launched (2 February 2023): no meeting before it studies it.
    static let bookLaunched = MeetingYear.day(2023, 2, 2)

    /// The thematic topics a meeting on `day` may take: all of them from the book's launch on.
    static func topics(on day: Day) -> [String] {
        day >= bookLaunched ? topics : topics.filter { !$0.contains("Kiên quyết, kiên trì") }
    }

    static func person(_ rng: inout SplitMix64) -> String {
        "\(rng.pick(surnames)) \(rng.pick(middles)) \(rng.pick(givens))"
    }
}
