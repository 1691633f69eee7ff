import ChiboContent
import ChiboModel
import ChiboTestSupport
import Testing

@Suite struct GuidanceLoaderTests {
    func load(_ files: [String: String]) throws -> (Content?, Diagnostics) {
        var all = files
        if all["site.yaml"] == nil { all["site.yaml"] = minimalSiteYAML }
        let folder = try TempFolder(all)
        defer { folder.remove() }
        return ContentLoader.load(from: folder.path)
    }

    @Test func readsFrontMatterAndBody() throws {
        let (content, diagnostics) = try load([
            "guidance/quy-trinh/_index.md": "---\ntitle: Quy trình\norder: 2\n---\nGiới thiệu mục.\n",
            "guidance/quy-trinh/Thường kỳ.md": """
            ---
            title: Sinh hoạt thường kỳ
            number: 03-HD/TU
            issuer: Ban Thường vụ Tỉnh ủy
            date: 05/04/2024
            kind: Hướng dẫn
            summary: Các bước.
            order: 1
            tags: [sinh hoạt, chi bộ]
            digest: true
            ---
            ## Bước 1

            Nội dung.
            """,
        ])
        #expect(!diagnostics.hasErrors, "\(diagnostics.items)")
        let document = try #require(content?.documents.first)
        #expect(document.title == "Sinh hoạt thường kỳ")
        #expect(document.slugPath == ["quy-trinh", "thuong-ky"])
        #expect(document.number == "03-HD/TU")
        #expect(document.date == Day(parsing: "2024-04-05"))
        #expect(document.kind == .guidance)
        #expect(document.tags == ["sinh hoạt", "chi bộ"])
        #expect(document.digest)
        #expect(document.order == 1)
        #expect(document.bodyLine == 12)
        #expect(document.body.hasPrefix("## Bước 1"))
        let section = try #require(content?.sections.first { $0.slugPath == ["quy-trinh"] })
        #expect(section.title == "Quy trình")
        #expect(section.order == 2)
        #expect(section.intro.contains("Giới thiệu"))
    }

    @Test func wrongTypesAreErrorsAtTheValue() throws {
        let (_, diagnostics) = try load([
            "guidance/a.md":
                "---\ntitle: A\norder: đầu tiên\ndraft: có lẽ\ndate: 2024-02-30\nkind: nghị quyết\ntags: {a: 1}\n---\nx\n"
        ])
        let errors = diagnostics.errors.map(\.description)
        #expect(errors.contains { $0.hasPrefix("guidance/a.md:3:8: error: `order` must be a whole number") })
        #expect(errors.contains { $0.hasPrefix("guidance/a.md:4:8: error: `draft` must be true or false") })
        #expect(errors.contains { $0.hasPrefix("guidance/a.md:5:7: error: `date` must be a date") })
        #expect(errors.contains { $0.hasPrefix("guidance/a.md:6:7: error: unknown `kind`") })
        #expect(errors.contains { $0.hasPrefix("guidance/a.md:7:7: error: `tags` must be a list") })
        #expect(errors.count == 5)
    }

    @Test func unknownKeysAreWarnings() throws {
        let (content, diagnostics) = try load(["guidance/a.md": "---\ntitle: A\nauthor: B\n---\n"])
        #expect(!diagnostics.hasErrors)
        #expect(
            diagnostics.items.map(\.description) == [
                "guidance/a.md:3:1: warning: unknown front matter key `author` is ignored"
            ])
        #expect(content?.documents.count == 1)
    }

    @Test func missingTitleOrFrontMatter() throws {
        let (_, diagnostics) = try load([
            "guidance/no-front.md": "# Tiêu đề\n",
            "guidance/no-title.md": "---\nnumber: 1-HD/X\n---\n",
            "guidance/empty-title.md": "---\ntitle: \"\"\n---\n",
        ])
        let text = diagnostics.errors.map(\.description).joined(separator: "\n")
        #expect(text.contains("guidance/no-front.md:1:1: error: a guidance document starts with front matter"))
        #expect(text.contains("guidance/no-title.md:2:1: error: the front matter needs `title:`"))
        #expect(text.contains("guidance/empty-title.md:2:8: error: `title` must not be empty"))
    }

    @Test func malformedYAMLIsReportedWithItsLine() throws {
        let (_, diagnostics) = try load(["guidance/a.md": "---\ntitle: A\nsummary: [unclosed\n---\n"])
        let error = try #require(diagnostics.errors.first)
        #expect(error.location.file == "guidance/a.md")
        #expect(error.location.line >= 3)
        #expect(error.message.hasPrefix("invalid YAML"))
    }

    @Test func invalidUTF8NamesTheLine() throws {
        let folder = try TempFolder(["site.yaml": minimalSiteYAML])
        defer { folder.remove() }
        // "Đảng" in TCVN3 bytes on line 3.
        try folder.write("guidance/a.md", Array("---\ntitle: A\n---\nxin ".utf8) + [0xA7, 0xB6, 0x6E, 0x67])
        let (_, diagnostics) = ContentLoader.load(from: folder.path)
        let error = try #require(diagnostics.errors.first)
        #expect(error.description.hasPrefix("guidance/a.md:4:5: error: the file is not UTF-8"))
        #expect(error.message.contains("TCVN3"))
    }

    @Test func slugCollisionsAreErrors() throws {
        let (_, diagnostics) = try load([
            "guidance/Đảng ủy.md": "---\ntitle: A\n---\n",
            "guidance/dang-uy.md": "---\ntitle: B\n---\n",
        ])
        #expect(diagnostics.errors.count == 1)
        #expect(diagnostics.errors.first?.message.contains("both become the URL `dang-uy`") == true)
    }

    @Test func bomAndNFDAreNormalised() throws {
        let folder = try TempFolder(["site.yaml": minimalSiteYAML])
        defer { folder.remove() }
        try folder.write(
            "guidance/a.md", [0xEF, 0xBB, 0xBF] + Array("---\ntitle: Đa\u{0300}o ta\u{0323}o\n---\n".utf8))
        let (content, diagnostics) = ContentLoader.load(from: folder.path)
        #expect(!diagnostics.hasErrors)
        #expect(content?.documents.first?.title == "Đào tạo")
    }
}

@Suite struct SiteSettingsTests {
    func load(_ yaml: String) throws -> (Content?, Diagnostics) {
        let folder = try TempFolder(["site.yaml": yaml])
        defer { folder.remove() }
        return ContentLoader.load(from: folder.path)
    }

    @Test func readsEverySetting() throws {
        let (content, diagnostics) = try load(
            """
            title: Sổ tay
            organization: Đảng ủy Khối
            base_path: so-tay
            base_url: https://noi-bo.example/
            unsafe_html: true
            period: {from: 01/01/2024, to: 2024-12-31}
            targets: {speaking_rate: 0.4, attendance_rate: 0.9}
            political_study_required_from: 2023-07-01
            """)
        #expect(!diagnostics.hasErrors)
        let settings = try #require(content?.settings)
        #expect(settings.basePath == "/so-tay/")
        #expect(settings.baseURL == "https://noi-bo.example")
        #expect(settings.unsafeHTML)
        #expect(settings.period?.from == Day(parsing: "2024-01-01"))
        #expect(settings.targets.speakingRate == 0.4)
        #expect(settings.targets.attendanceRate == 0.9)
        #expect(settings.politicalStudyRequiredFrom == Day(parsing: "2023-07-01"))
    }

    @Test func defaults() throws {
        let (content, _) = try load(minimalSiteYAML)
        let settings = try #require(content?.settings)
        #expect(settings.basePath == "/")
        #expect(settings.targets.speakingRate == 0.30)
        #expect(settings.targets.attendanceRate == 0.85)
        #expect(!settings.unsafeHTML)
    }

    @Test func badSettings() throws {
        let (_, diagnostics) = try load(
            "title: A\nbase_path: ../x\ntargets: {speaking_rate: 30}\nperiod: {from: 2024-12-01, to: 2024-01-01}\n")
        let text = diagnostics.errors.map(\.description)
        #expect(text.contains { $0.hasPrefix("site.yaml:1:1: error: site.yaml needs `organization:`") })
        #expect(text.contains { $0.hasPrefix("site.yaml:2:12: error: `base_path` must be a URL path") })
        #expect(text.contains { $0.hasPrefix("site.yaml:3:26: error: `targets.speaking_rate` is a share from 0 to 1") })
        #expect(text.contains { $0.hasPrefix("site.yaml:4:9: error: `period` ends") })
    }

    @Test func missingSiteYAML() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let (content, diagnostics) = ContentLoader.load(from: folder.path)
        #expect(content == nil)
        #expect(
            diagnostics.errors.first?.description.hasPrefix("site.yaml:1:1: error: the content folder has no site.yaml")
                == true)
    }
}
