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
        return loadContent(folder.path)
    }

    /// Links, `csv` tables and document numbers are checked when the content is read, so that
    /// `chibo check` needs no page rendered: the model holds the resolved link and the table.
    @Test func markdownIsCheckedWhenRead() throws {
        let (content, diagnostics) = try load([
            "guidance/a.md": "---\ntitle: A\nnumber: 03-HD/TU\n---\n## Bước 1\n\n[b](b.md#buoc-2) [x](khong-co.md)\n",
            "guidance/b.md": "---\ntitle: B\nnumber: 03-HD/TU\n---\n## Bước 2\n\n```csv\nx,y\n\"mở\n```\n",
        ])
        let errors = diagnostics.errors.map(\.description)
        #expect(errors.contains { $0.hasPrefix("guidance/a.md:7:18: error: the link names guidance/khong-co.md") })
        #expect(
            errors.contains {
                $0.hasPrefix("guidance/b.md:3:9: error: the number 03-HD/TU is already used by guidance/a.md")
            })
        #expect(errors.contains { $0.hasPrefix("guidance/b.md:9:1: error: csv table:") })
        #expect(content?.documentNumbers == [Folding.documentNumberKey("03-HD/TU"): "guidance/a.md"])
        let paragraph = try #require(
            content?.documents.first { $0.sourcePath == "guidance/a.md" }?.markdown.children.last)
        #expect(
            paragraph.children.first?.kind
                == .link(
                    destination: "b.md#buoc-2", title: "",
                    target: LinkTarget(source: "guidance/b.md", fragment: "buoc-2", isDocument: true)))
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

    @Test func featuredIsReadForDocumentsAndSections() throws {
        let (content, diagnostics) = try load([
            "guidance/hoc-tap/_index.md": "---\ntitle: Học tập\nfeatured: true\n---\n",
            "guidance/hoc-tap/a.md": "---\ntitle: A\n---\nx\n",
            "guidance/b.md": "---\ntitle: B\nfeatured: có\n---\nx\n",
        ])
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items)")
        #expect(content?.sections.first { $0.slugPath == ["hoc-tap"] }?.featured == true)
        #expect(content?.sections.first { $0.slugPath.isEmpty }?.featured == false)
        #expect(content?.documents.first { $0.sourcePath == "guidance/b.md" }?.featured == true)
        #expect(content?.documents.first { $0.sourcePath == "guidance/hoc-tap/a.md" }?.featured == false)
        let (_, wrong) = try load([
            "guidance/c.md": "---\ntitle: C\nfeatured: hay\n---\nx\n",
            "guidance/d/_index.md": "---\nfeatured: 2\n---\n",
        ])
        #expect(
            wrong.errors.map(\.description).map { String($0.prefix(52)) }.sorted() == [
                "guidance/c.md:3:11: error: `featured` must be true o",
                "guidance/d/_index.md:2:11: error: `featured` must be",
            ])
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
        #expect(diagnostics.sorted.map(\.code) == [.valueMissing, .frontMatter, .valueMissing])
    }

    @Test func malformedYAMLIsReportedWithItsLine() throws {
        let (_, diagnostics) = try load(["guidance/a.md": "---\ntitle: A\nsummary: [unclosed\n---\n"])
        let error = try #require(diagnostics.errors.first)
        // At the bracket that is never closed, not where libyaml noticed.
        #expect(
            error.description
                == "guidance/a.md:3:10: error: this `[` is never closed, or a comma is missing between its items: "
                + "a `,` or `]` was expected at line 4, column 1")
    }

    @Test func crOnlyAndCRLFLineEndsAreRead() throws {
        let document = "---\ntitle: A\nsummary: Tóm tắt.\n---\n## Một\n\nNội dung.\n"
        let (content, diagnostics) = try load([
            "guidance/cr.md": document.replacing("\n", with: "\r"),
            "guidance/crlf.md": document.replacing("\n", with: "\r\n"),
            "guidance/_index.md": "Giới thiệu.\rDòng hai.\r",
        ])
        #expect(!diagnostics.hasErrors, "\(diagnostics.items)")
        for name in ["cr", "crlf"] {
            let read = try #require(content?.documents.first { $0.sourcePath == "guidance/\(name).md" })
            #expect(read.title == "A")
            #expect(read.summary == "Tóm tắt.")
            #expect(read.bodyLine == 5)
            #expect(read.body == "## Một\n\nNội dung.")
        }
        #expect(content?.sections.first?.intro == "Giới thiệu.\nDòng hai.\n")
    }

    @Test func frontMatterErrorsKeepTheirLinesWithCROnlyLineEnds() throws {
        let (_, diagnostics) = try load(["guidance/a.md": "---\rtitle: A\rorder: +1\r---\r"])
        #expect(
            diagnostics.errors.map(\.description) == [
                "guidance/a.md:3:8: error: `order` is a count: write 1, with no sign, not \"+1\""
            ])
    }

    @Test func controlCharactersAndAliasesInFrontMatter() throws {
        let (_, diagnostics) = try load([
            "guidance/esc.md": "---\ntitle: A\nsummary: x\u{1B}y \u{7}\nissuer: \u{2028}\n---\n",
            "guidance/alias.md": "---\ntitle: &t A\nsummary: *t\n---\n",
            "guidance/star.md": "---\ntitle: A\nsummary: *Quan trọng*\n---\n",
        ])
        #expect(
            diagnostics.errors.map(\.description) == [
                "guidance/alias.md:3:10: error: `*t` is a YAML alias (a repeat of the value marked `&t`); chibo's files "
                    + "do not use anchors and aliases: write the value out in full (text that starts with * must be "
                    + "in quotes)",
                "guidance/esc.md:3:11: error: control character U+001B is not allowed in YAML; remove it",
                "guidance/esc.md:4:9: error: the invisible line separator U+2028 is not allowed in YAML (it would be "
                    + "read as a line end); remove it",
                "guidance/star.md:3:10: error: `*Quan` is a YAML alias (a repeat of the value marked `&Quan`); chibo's "
                    + "files do not use anchors and aliases: write the value out in full (text that starts with * "
                    + "must be in quotes)",
            ])
    }

    @Test func aliasesAsKeysAreFoundAndStarsInTextAreNot() throws {
        let (content, diagnostics) = try load([
            "guidance/keys.md": "---\ntitle: A\nx: &k [a]\n*k : 1\n*k : 2\n---\n",
            "guidance/text.md": "---\ntitle: A*\nsummary: \"*quan trọng*\"\ntags: [a*, a_]\n---\n",
        ])
        #expect(
            diagnostics.errors.map(\.description) == [
                "guidance/keys.md:4:1: error: `*k` is a YAML alias (a repeat of the value marked `&k`); chibo's files "
                    + "do not use anchors and aliases: write the value out in full (text that starts with * must be "
                    + "in quotes)"
            ])
        let text = try #require(content?.documents.first { $0.sourcePath == "guidance/text.md" })
        #expect(text.title == "A*")
        #expect(text.summary == "*quan trọng*")
        #expect(text.tags == ["a*", "a_"])
    }

    @Test func yamlSyntaxErrorsSayWhatToFix() throws {
        let (_, diagnostics) = try load([
            "guidance/quote.md": "---\ntitle: 'Sổ tay\nsummary: x\n---\n",
            "guidance/colon.md": "---\ntitle: Quy định: chấm điểm\n---\n",
            "guidance/tab.md": "---\ntitle: A\ntags:\n\t- a\n---\n",
            "guidance/deep.md": "---\ntitle: A\ntags: " + String(repeating: "[", count: 3000) + "\n---\n",
        ])
        let errors = diagnostics.errors.map(\.description)
        #expect(
            errors.contains(
                "guidance/quote.md:2:8: error: this quoted text is never closed: add the closing ' "
                    + "(it runs on to the end of the YAML, line 4)"), "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix("guidance/colon.md:2:16: error: this `:` starts a second `key:` inside a value")
            }, "\(errors)")
        #expect(
            errors.contains(
                "guidance/tab.md:4:1: error: a tab is used for indentation here; YAML indents with spaces only"),
            "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix("guidance/deep.md:3:") && $0.contains("nested too deeply here (1000 levels or more)")
            }, "\(errors)")
        // No library internals in any message.
        #expect(!errors.contains { $0.contains("yaml_") || $0.contains("()") }, "\(errors)")
    }

    @Test func bracketsThatAreNeverClosedOrCloseNothing() throws {
        let (_, diagnostics) = try load([
            "guidance/end.md": "---\ntitle: Sổ tay [1\nsummary: \"x [\" # [\ntags: [a, [b,\n---\n",
            "guidance/extra.md": "---\ntitle: A\ntags: [a, b]]\n---\n",
        ])
        // A `[` inside plain text, quoted text or a comment opens nothing.
        #expect(
            diagnostics.errors.map(\.description) == [
                "guidance/end.md:4:11: error: this `[` is never closed: add the `]` (the text ends at line 5, "
                    + "column 1 without it)",
                "guidance/extra.md:3:13: error: this `]` closes nothing: remove it, or add the `[` it closes",
            ])
    }

    @Test func invalidUTF8NamesTheLine() throws {
        let folder = try TempFolder(["site.yaml": minimalSiteYAML])
        defer { folder.remove() }
        // "Đảng" in TCVN3 bytes on line 3.
        try folder.write("guidance/a.md", Array("---\ntitle: A\n---\nxin ".utf8) + [0xA7, 0xB6, 0x6E, 0x67])
        let (_, diagnostics) = loadContent(folder.path)
        let error = try #require(diagnostics.errors.first)
        #expect(error.description.hasPrefix("guidance/a.md:4:5: error: the file is not UTF-8"))
        #expect(error.message.contains("TCVN3"))
    }

    @Test func slugCollisionsAreErrors() throws {
        let (_, diagnostics) = try load([
            "guidance/Đảng ủy.md": "---\ntitle: A\n---\n",
            "guidance/dang-uy.md": "---\ntitle: B\n---\n",
        ])
        #expect(diagnostics.errorCodes == [.urlTaken])
        #expect(diagnostics.errors.first?.message.contains("both become the URL `dang-uy`") == true)
    }

    /// A section's documents go on in `trang-2/`, ...: a document named so, in a section with that
    /// many pages, would lose its page, and is an error at it; in a shorter section it is a name
    /// like any other.
    @Test func aDocumentNamedAsAPageOfItsSectionsListIsAnError() throws {
        var files: [String: String] = [:]
        for index in 0..<ListPages.rows { files["guidance/muc/tai-lieu-\(index).md"] = "---\ntitle: T\(index)\n---\n" }
        files["guidance/muc/trang-2.md"] = "---\ntitle: Trang hai\n---\n"
        files["guidance/ngan/trang-2.md"] = "---\ntitle: Trang hai\n---\n"
        let (_, diagnostics) = try load(files)
        #expect(diagnostics.errorCodes == [.urlTaken])
        let error = try #require(diagnostics.errors.first)
        #expect(error.location.file == "guidance/muc/trang-2.md")
        #expect(
            error.message.hasPrefix("the URL /muc/trang-2/ is that of a page of its section's list of documents (201"))
    }

    @Test func bomAndNFDAreNormalised() throws {
        let folder = try TempFolder(["site.yaml": minimalSiteYAML])
        defer { folder.remove() }
        try folder.write(
            "guidance/a.md", [0xEF, 0xBB, 0xBF] + Array("---\ntitle: Đa\u{0300}o ta\u{0323}o\n---\n".utf8))
        let (content, diagnostics) = loadContent(folder.path)
        #expect(!diagnostics.hasErrors)
        #expect(content?.documents.first?.title == "Đào tạo")
    }
}

@Suite struct SiteSettingsTests {
    func load(_ yaml: String) throws -> (Content?, Diagnostics) {
        let folder = try TempFolder(["site.yaml": yaml])
        defer { folder.remove() }
        return loadContent(folder.path)
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

    @Test func readsTheLetterSettingsAndTheLettersTargets() throws {
        let (content, diagnostics) = try load(
            """
            title: Sổ tay
            organization: Đảng bộ Khối các cơ quan tỉnh Lai Châu
            targets: {current_affairs_rate: 0.9, it_rate: 0.6, supervision_rate: 0.75, criterion_short_share: 0.25}
            letter:
              issuer_lines: [ĐẢNG ỦY KHỐI CÁC CƠ QUAN, VÀ DOANH NGHIỆP TỈNH]
              date: 2025-01-06
              superior: Đảng bộ tỉnh Lai Châu
              code: ĐUK
              place: Lai Châu
              recipients: "Các chi, đảng bộ cơ sở trực thuộc"
              copies: [Như trên, "Thường trực, Văn phòng", Lưu VP]
              signer_title: Phó Bí thư
              signer: Nguyễn Văn A
              sender: x
            """)
        let settings = try #require(content?.settings)
        #expect(settings.targets.currentAffairsRate == 0.9)
        #expect(settings.targets.itRate == 0.6)
        #expect(settings.targets.supervisionRate == 0.75)
        let letter = settings.letter
        #expect(letter.superior == "Đảng bộ tỉnh Lai Châu")
        // A line of text is one recipient, commas and all; a list is a line each.
        #expect(letter.recipients == ["Các chi, đảng bộ cơ sở trực thuộc"])
        #expect(letter.copies == ["Như trên", "Thường trực, Văn phòng", "Lưu VP"])
        #expect(letter.signerTitle == "Phó Bí thư")
        #expect(letter.signer == "Nguyễn Văn A")
        #expect(letter.issuer == nil)
        #expect(letter.issuerLines == ["ĐẢNG ỦY KHỐI CÁC CƠ QUAN", "VÀ DOANH NGHIỆP TỈNH"])
        #expect(letter.date == Day(parsing: "2025-01-06"))
        #expect(settings.targets.criterionShortShare == 0.25)
        #expect(
            diagnostics.items.map(\.description) == [
                "site.yaml:14:3: warning: unknown key `sender` in `letter` is ignored; the keys are board, code, "
                    + "issuer, on_behalf, place, short_name, signer, signer_title, superior, recipients, copies, "
                    + "issuer_lines, date"
            ])
        let (_, bad) = try load("title: A\norganization: B\nletter: [x]\nletter2: {}\n")
        #expect(
            bad.errors.map(\.description).contains { $0.hasPrefix("site.yaml:3:9: error: `letter` must be a mapping") })
        let (_, wrong) = try load("title: A\norganization: B\nletter: {signer: [a, b]}\ntargets: {it_rate: 2}\n")
        let errors = wrong.errors.map(\.description)
        #expect(errors.contains { $0.hasPrefix("site.yaml:3:18: error: `letter.signer` must be text") })
        #expect(
            errors.contains { $0.hasPrefix("site.yaml:4:20: error: `targets.it_rate` is a share from 0 to 1") },
            "\(errors)")
    }

    @Test func restrictedFolders() throws {
        let (content, diagnostics) = try load(
            """
            title: Sổ tay
            organization: Đảng bộ Khối
            restricted: {paths: [don-vi, /bao-cao/, data, data], realm: "Ban Thường vụ"}
            """)
        let restriction = try #require(content?.settings.restricted)
        #expect(restriction.folders == [.units, .report, .data])
        #expect(restriction.realm == "Ban Thường vụ")
        #expect(
            diagnostics.items.map(\.description) == [
                "site.yaml:3:47: warning: `data` is listed twice in `restricted.paths`"
            ])
        #expect(restriction.covers("don-vi/cb-1/index.html"))
        #expect(restriction.covers("data/scorecards.json.gz"))
        #expect(restriction.covers("bao-cao"))
        #expect(!restriction.covers("don-vi-khac/index.html"))
        #expect(!restriction.covers("index.html"))
        #expect(!restriction.covers("schedule.ics"))

        // The list alone, the realm the organisation; the schedule's calendar goes with its folder.
        let (short, _) = try load("title: A\norganization: Đảng bộ Khối\nrestricted: [lich-sinh-hoat-mau, data]\n")
        let schedule = try #require(short?.settings.restricted)
        #expect(schedule.realm == "Đảng bộ Khối")
        #expect(schedule.covers("schedule.ics") && schedule.covers("schedule.ics.br"))
        #expect(!schedule.covers("schedule.icsx"))
    }

    @Test func restrictedFoldersThatCannotBe() throws {
        let (content, diagnostics) = try load(
            """
            title: A
            organization: B
            restricted:
              paths: [/, assets, tim-kiem, search, don-vi/cb-1, kho, don-vi]
              realm: "off"
              users: x
            """)
        #expect(content?.settings.restricted == nil)
        #expect(
            diagnostics.items.map(\.description).sorted()
                == [
                    "site.yaml:4:11: error: the home page cannot be restricted: it is where every reader starts",
                    "site.yaml:4:14: error: `assets` cannot be restricted: every page, the public ones too, needs its "
                        + "styles and scripts",
                    "site.yaml:4:22: error: the search (`tim-kiem`, `search`) cannot be restricted: it stays public and "
                        + "finds the restricted pages only for readers who have signed in",
                    "site.yaml:4:32: error: the search (`tim-kiem`, `search`) cannot be restricted: it stays public and "
                        + "finds the restricted pages only for readers who have signed in",
                    "site.yaml:4:40: error: `don-vi/cb-1` is not a top-level folder; `restricted` takes whole folders of "
                        + "the site (don-vi, bao-cao, data, lich-sinh-hoat-mau, van-ban)",
                    "site.yaml:4:53: error: unknown folder `kho`; the folders that can be restricted are don-vi, "
                        + "bao-cao, data, lich-sinh-hoat-mau, van-ban",
                    "site.yaml:4:10: warning: `don-vi` is restricted but `bao-cao` is not: the reports' lists name "
                        + "each unit with its figures for anyone to read; add `bao-cao` to `restricted.paths` unless "
                        + "that is meant",
                    "site.yaml:4:10: error: `don-vi` is restricted but `data` is not, and `data/` holds every unit's "
                        + "scorecard for anyone to download: add `data` to `restricted.paths`",
                    "site.yaml:5:10: error: `restricted.realm` cannot be `off`, which the web server reads as no "
                        + "sign-in at all",
                    "site.yaml:6:3: warning: unknown key `users` in `restricted` is ignored; the keys are paths, realm",
                ].sorted())
        #expect(
            diagnostics.items.allSatisfy {
                $0.severity == .warning || $0.code.rawValue.hasPrefix("restricted.") || $0.code == .badForm
            })
        let (_, empty) = try load("title: A\norganization: B\nrestricted: {paths: [], realm: \"a$b\"}\n")
        #expect(
            empty.errors.map(\.description) == [
                "site.yaml:3:21: error: `restricted.paths` lists no folder; name the folders to restrict (don-vi, "
                    + "bao-cao, data, lich-sinh-hoat-mau, van-ban) or remove `restricted`",
                "site.yaml:3:32: error: `restricted.realm` must not hold `$`, `\"` or `\\` (the web server reads "
                    + "them as its own syntax)",
            ])
        // Nothing after the key, or after `paths:`, or an empty item: never a site left public unsaid.
        for (text, message) in [
            ("restricted:\n", "site.yaml:3:1: error: `restricted` is empty"),
            ("restricted: {paths: }\n", "site.yaml:3:1: error: `restricted` needs `paths:`"),
            ("restricted: {paths: [~]}\n", "site.yaml:3:22: error: an item of `restricted.paths` is empty"),
        ] {
            let (loaded, problems) = try load("title: A\norganization: B\n" + text)
            #expect(loaded?.settings.restricted == nil)
            #expect(problems.errors.map(\.description).contains { $0.hasPrefix(message) }, "\(problems.items)")
        }
        let (_, shape) = try load("title: A\norganization: B\nrestricted: {realm: x}\n")
        #expect(
            shape.errors.map(\.description).contains {
                $0.hasPrefix("site.yaml:3:1: error: `restricted` needs `paths:`")
            })
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
        let (content, diagnostics) = loadContent(folder.path)
        #expect(content == nil)
        #expect(
            diagnostics.errors.first?.description.hasPrefix("site.yaml:1:1: error: the content folder has no site.yaml")
                == true)
    }
}
