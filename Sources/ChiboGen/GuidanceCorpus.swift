import ChiboModel
import Foundation

/// Markdown guidance pages for the benchmark: Vietnamese text, headings, lists and links between
/// pages, about 7 KB each, in ten section folders.
struct GuidanceCorpus {
    let pages: Int
    var rng: SplitMix64

    init(pages: Int, seed: UInt64) {
        self.pages = pages
        self.rng = SplitMix64(state: seed)
    }

    static let words = """
        chi bộ đảng viên sinh hoạt nghị quyết lãnh đạo chỉ đạo thực hiện nhiệm vụ chính trị tư tưởng đạo đức \
        lối sống phòng chống tham nhũng tiêu cực kiểm tra giám sát kỷ luật dân chủ tập trung đoàn kết thống nhất \
        tự phê bình phê bình nâng cao chất lượng hiệu quả công tác cán bộ cơ quan đơn vị doanh nghiệp chuyên môn \
        kế hoạch hướng dẫn quy định văn bản triển khai tổ chức đánh giá xếp loại kết quả hằng tháng hằng quý \
        trách nhiệm nêu gương người đứng đầu cấp ủy bí thư thông tin thời sự quán triệt học tập làm theo
        """.split(separator: " ").map(String.init)

    mutating func sentence() -> String {
        let count = rng.int(9...18)
        var words = (0..<count).map { _ in rng.pick(Self.words) }
        words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
        return words.joined(separator: " ") + "."
    }

    mutating func paragraph() -> String { (0..<rng.int(3...6)).map { _ in sentence() }.joined(separator: " ") }

    func path(_ index: Int) -> (section: Int, name: String) { (index % 10, "trang-\(index + 1)") }

    mutating func write(to folder: URL) throws {
        let manager = FileManager.default
        for section in 0..<10 {
            let directory = folder.appendingPathComponent("muc-\(section + 1)")
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            let intro =
                "---\ntitle: \"Mục \(section + 1): hướng dẫn nghiệp vụ\"\norder: \(section + 1)\n---\n\(paragraph())\n"
            try Data(intro.utf8).write(to: directory.appendingPathComponent("_index.md"))
        }
        for index in 0..<pages {
            let (section, name) = path(index)
            var text = "---\ntitle: Hướng dẫn số \(index + 1) về \(rng.pick(Self.words)) \(rng.pick(Self.words))\n"
            text +=
                "number: \(index + 1)-HD/ĐUK\nkind: huong-dan\ndate: \(inYear(index % 12 + 1, index % 28 + 1))\n"
            text += "summary: \(sentence())\ntags: [sinh hoạt chi bộ, hướng dẫn]\n---\n"
            for part in 1...5 {
                text += "## Phần \(part)\n\n"
                text += paragraph() + "\n\n"
                let other = rng.int(0...(pages - 1))
                let (otherSection, otherName) = path(other)
                text +=
                    "Thực hiện theo Hướng dẫn số \(other + 1)-HD/ĐUK; xem thêm [phần \(part)](../muc-\(otherSection + 1)/\(otherName).md#phan-\(part)) và *\(rng.pick(Self.words))* **\(rng.pick(Self.words))**.\n\n"
                for _ in 0..<rng.int(3...5) { text += "- \(sentence())\n" }
                text += "\n" + paragraph() + "\n\n"
            }
            try Data(text.utf8).write(to: folder.appendingPathComponent("muc-\(section + 1)/\(name).md"))
        }
    }
}
