import ChiboModel
import Foundation
import Testing

/// The catalogue of messages (issue 32): every code has its messages in both languages, and a message
/// uses only the fields its code carries. Tests of wording test the catalogue, here; other tests match
/// codes.
@Suite struct MessageCatalogueTests {
    /// One message of each variant of the catalogue, made as the loaders make them.
    static let samples: [DiagnosticMessage] = [
        .notADate("31/02/2024"), .notADate(key: "date"), .notAWholeNumber(field: "present", value: "hai mươi"),
        .notAWholeNumber(key: "order"), .notANumber(key: "rate"), .notYesOrNo(field: "political_study"),
        .notTrueOrFalse(key: "draft"), .outOfRange(field: "max", from: 1, to: 10000, unit: (" points", " điểm")),
        .below(field: "committee_rule.threshold", lowest: 1), .negative(field: "present", value: -5),
        .membersOutOfRange(field: "members", from: 0, to: 100_000), .notAShare(field: "speaking_rate"),
        .speakersAbovePresent(speakers: 13, present: 12), .presentAboveMembers(present: 25, members: 10),
        .pointsAboveMax(criterion: 3, title: "Nội dung và điều hành", points: 35, max: 30),
        .duplicateMeeting(
            kind: .regular, branch: "cb-van-phong", date: day("2024-01-10"),
            first: SourceLocation(file: "meetings/2024-q1.csv", line: 2)),
        .futureMeetings(
            count: 1, buildDate: day("2024-04-10"), first: day("2025-01-02")),
        .futureMeetings(
            count: 3, buildDate: day("2024-04-10"), first: day("2025-01-02")),
        .uncheckedRecords(unitsFile: "units.csv"), .cellErrorValue("#REF!"), .noCachedValue, .hiddenSheet("Nháp"),
        .buildStopped(reason: ("it passed its time limit", "quá thời hạn")),
        .swallowingQuote(lines: 3, separator: ";"), .unclosedQuote, .rowWidth(cells: 19, columns: 18, separator: ";"),
        .missingColumn("id", names: ["id", "mã"]), .missingColumn("date", oneOf: ["date", "ngày"]),
        .missingCriteria(rubric: "thuong-ky", kind: .regular, criteria: 5, absent: ["c4", "c5"]),
        .duplicateColumn("Ngày họp", field: "date", firstColumn: 2), .unknownColumn("Cột lạ"),
        .emptyCell("present", help: ("the number of members present", "số đảng viên có mặt")),
        .requiredField("name", help: ("the unit's display name", "tên đơn vị để hiển thị")), .branchNeedsMembers,
        .needsSector(unit: "dang-bo-a", words: "agency / cơ quan"), .thematicNeedsTopic,
        .unknownWord("kind", "họp", words: "regular / thường kỳ, thematic / chuyên đề"),
        .unknownRating("Giỏi", rubric: "thuong-ky", ratings: "Tốt, Khá, Trung bình, Kém"),
        .duplicateID("cb-a", firstLine: 3), .duplicateRubric("thuong-ky", other: "rubrics/a.yaml"),
        .duplicatePlan("114-KH/ĐUK", other: "plans/a.yaml"), .listedTwice("data", in: "restricted.paths"),
        .duplicateName("Chi bộ Văn phòng", first: "Chi bo van phong", firstLine: 4), .unknownParent("db-x"),
        .unknownBranch("cb-x"), .unknownHost("cb-y"), .nestedCommittee, .branchAsParent("cb-a"),
        .meetingOfCommittee("db-a"), .committeeHost("db-a"), .hostNotGrassroots("cb-b", parent: "db-a"),
        .fileMissing("noFolder", name: "content"), .fileMissing("isFile", name: "content"), .fileMissing("units"),
        .fileMissing("rubrics"), .fileMissing("site"), .fileMissing("templates"), .fileMissing("strings"),
        .fileUnreadable(reason: "Permission denied"), .notARegularFile, .folderNotFile, .fileEmpty("csv"),
        .fileEmpty("workbook"), .fileEmpty("rubric"), .fileEmpty("plan"), .fileEmpty("site"),
        .notUTF8(byte: "C3", offset: 1362),
        .folderNotRead("meetings", holds: ("meeting records", "biên bản"), records: true),
        .folderNotRead("meetings", holds: ("meeting records", "biên bản"), records: false),
        .spreadsheetNotRead(("is an old workbook", "là tệp cũ")), .extensionInCapitals("csv"),
        .fileNotRead(in: "plans", holds: ("plans", "kế hoạch")), .unitsFileNotRead(names: "units.csv, units.yaml"),
        .twoUnitsFiles("units.csv", "units.yaml"),
        .urlPartTooLong(bytes: 240, start: "quy-trinh", limit: 200), .urlTooLong(bytes: 2100, limit: 2000),
        .emptyURLName("!!!.md"), .planFileWithoutURL, .urlIsListPage("/van-ban/trang-2/", listed: 450, perPage: 200),
        .urlOwned("/van-ban/a/", owner: "guidance/a.md"),
        .sameSlug("Bước.md", "Bước.md", slug: "buoc", lookAlike: true),
        .samePlanSlug("a.yaml", "A.yaml", slug: "a"),
        .needs("rubricID"), .needs("rubricKind"), .needs("rubricCriteria"), .needs("rubricRating"),
        .needs("rubricRatings"), .needs("criterion"), .needs("rating"), .needs("frontTitle"), .needs("emptyTitle"),
        .needs("siteTitle"), .needs("siteOrganization"), .needs("periodDates"), .needs("realmEmpty"),
        .needs("planNumber"), .needs("planTitle"), .needs("committeeRule"), .needs("sampleTopic"),
        .needs("audienceLevel"),
        .needs("unitsList", name: "units.yaml"), .needs("session", field: "host"),
        .needs("restrictedEmpty", value: "don-vi, bao-cao"), .needs("restrictedPaths", value: "don-vi"),
        .needs("restrictedItem", value: "don-vi"), .needs("restrictedNone", value: "don-vi"),
        .needs("restrictedNoFolder", value: "don-vi"), .unknownWordOf("appliesTo"), .unknownWordOf("level"),
        .unknownWordOneOf("kind", "x", words: "huong-dan, quy-dinh"),
        .unknownFindingCode("low", codes: "low-speaking, no-study"),
        .frontMatter("none"), .frontMatter("empty"), .brokenLink("empty"), .brokenLink("query", link: "?x=1"),
        .brokenLink("hash", link: "a.md#", removeLink: false), .brokenLink("heading", link: "buoc-9"),
        .brokenLink("otherHeading", link: "buoc-9", page: "a.md"), .brokenLink("outside", link: "../../x.md"),
        .brokenLink("draft", link: "nhap.md"), .brokenLink("missing", link: "khong-co.md"),
        .badTable(("this row has 3 cells", "hàng này có 3 ô")), .duplicateNumber("12-HD/BTGTW", other: "a.md"),
        .unknownNumber("99-HD/X", key: "finding_guidance.low-speaking"), .markdownTooDeep(levels: 32),
        .unknownKey("colour"), .unknownKey("colour", of: ("rubric", "thang điểm")),
        .unknownKey("colour", in: .code("period")), .unknownKey("colour", in: .code("letter"), known: "date, issuer"),
        .unknownSectionKey("colour"), .duplicateKey("title"), .duplicateKey("title", short: true), .yamlAlias("a"),
        .yamlAlias(""),
        .rubricKindTwice(other: "rubrics/a.yaml", kind: .thematic), .noRubric(for: .regular),
        .unknownCriterion(7, in: "require_full"), .minimumAboveMax(35, criterion: 3, max: 30),
        .lastRatingNotForEveryTotal("Kém"), .ratingTwice("Tốt"), .criteriaOrder(expected: 2, found: 3),
        .recordsSpan(from: day("2004-01-10"), to: day("2024-03-01"), years: 10, suspect: day("2004-01-10")),
        .periodBeyondRecords(
            from: day("2023-01-01"), to: day("2024-12-31"), months: 14, first: day("2024-01-10"),
            last: day("2024-03-01")),
        .periodBackwards(from: day("2024-03-31"), to: day("2024-01-01")),
        .periodTooLong(years: 12, from: day("2012-01-01"), to: day("2024-01-01"), longest: 10),
        .committeeSessionsWithoutRule,
        .fileLinkOutside(to: "/etc/passwd", theme: false), .linkOutsideContent(to: "/srv/x", isFolder: true),
        .linkOutsideGuidance(to: "/srv/content/plans"), .linkOutsideTheme(to: "/tmp/t"),
        .linkBroken(isFolder: false, reason: "No such file or directory"), .linkedTwice(theme: false),
        .linkedTwice(theme: true), .litter("~$bien-ban.docx"), .attachmentRefused("trang.html", kinds: "pdf, docx"),
        .attachmentMislabelled("mau.pdf", signature: ("a PDF file starts with %PDF-", "tệp PDF bắt đầu bằng %PDF-")),
        .workbookUnreadable("encrypted"), .workbookUnreadable("xls"), .workbookUnreadable("notZip"),
        .workbookUnreadable("cutShort"),
        .workbookUnreadable("parts", [.count: .number(70_000), .limit: .number(65_535)]),
        .workbookUnreadable("partTwice", [.value: .plain("xl/workbook.xml")]),
        .workbookUnreadable("noPart", [.value: .plain("xl/styles.xml")]),
        .workbookUnreadable("inflates", [.limit: .number(256), .value: .plain("xl/worksheets/sheet1.xml")]),
        .workbookUnreadable("damagedPart", [.value: .plain("xl/workbook.xml")]),
        .workbookUnreadable("method", [.value: .plain("xl/workbook.xml"), .other: .plain("12")]),
        .workbookUnreadable("spanned"), .workbookUnreadable("sheets", [.limit: .number(1000)]),
        .workbookUnreadable("sheetName", [.limit: .number(31)]),
        .workbookUnreadable("samePart", [.name: .quoted("Quý 1"), .other: .quoted("Quý 2")]),
        .workbookUnreadable("texts", [.limit: .number(5_000_000)]), .workbookTextTooLong("cellText", limit: 32767),
        .workbookTextTooLong("cellValue", limit: 32767), .workbookTextTooLong("sharedText", limit: 32767),
        .workbookUnreadable("textBytes", [.limit: .number(256)]),
        .workbookUnreadable("styles", [.limit: .number(65_000)]),
        .workbookUnreadable("rowNumber"), .workbookUnreadable("column", [.count: .number(1362)]),
        .workbookUnreadable("styleIndex", [.count: .number(14)]),
        .workbookUnreadable("cells", [.limit: .number(5_000_000)]),
        .workbookUnreadable("xml", [.value: .plain("xl/worksheets/sheet1.xml")]), .workbookUnreadable("noWorkbookPart"),
        .sheetUnreadable("Quý 1", reason: .workbookUnreadable("cutShort")),
        .controlInCell("\u{1B}"), .controlInCell("\u{FFFF}"), .controlInKey("title", "\u{0}"), .controlInText("\u{7F}"),
        .controlInSheetName("Quý\u{1}", "\u{1}"), .refusedInYAML("\u{2028}"),
        .refusedInYAML(Unicode.Scalar(0xFDD0) ?? "?"),
        .refusedInYAML("\u{1B}"),
        .notACommittee("cb-a"), .reservedPageID("trang-2", listed: 1362, perPage: 200), .reservedRatingsID("xep-loai"),
        .yamlSyntax("quoteLeftOpen", [.count: .number(1362), .value: .plain("\"")]),
        .yamlSyntax(
            "quoteNeverClosed",
            [
                .value: .plain("'"), .other: .phrase(en: "the end of the YAML", vi: "cuối văn bản YAML"),
                .count: .number(9),
            ]),
        .yamlSyntax(
            "flowUnclosed",
            [.value: .code("["), .other: .code("]"), .detail: DiagnosticMessage.yamlPlace(line: 1362, column: 4)]),
        .yamlSyntax(
            "bracketUnclosed",
            [.value: .code("{"), .other: .code("}"), .detail: DiagnosticMessage.yamlPlace(line: 3, column: 1)]),
        .yamlSyntax("valueExpected"), .yamlSyntax("tooDeep", [.count: .number(1000)]), .yamlSyntax("colon"),
        .yamlSyntax("tab"), .yamlSyntax("cannotStart", [.value: .code("@")]),
        .yamlSyntax("anchor", [.value: .code("&"), .detail: .phrase(en: "anchor", vi: "neo")]), .yamlSyntax("escape"),
        .yamlSyntax("closesNothing", [.value: .code("]"), .other: .code("[")]),
        .yamlSyntax(
            "expectedKey", [.detail: .phrase(en: " (the mapping starts at line 2)", vi: " (nhóm này bắt đầu ở dòng 2)")]
        ),
        .yamlSyntax("expectedItem"), .yamlSyntax("noColon"), .yamlSyntax("secondDocument"),
        .yamlSyntax("keysTwice", [.field: .plain("`a`, `b`")]),
        .yamlSyntax("other", [.detail: .phrase(en: "found something", vi: "found something")]),
        .wrongShape("mapping", what: ("a rubric", "thang điểm")), .wrongShape("text", field: "title"),
        .wrongShape("words", field: "kinds"), .wrongShape("single", field: "date"),
        .wrongShape("items", what: ("`units`", "`units`")), .wrongShape("uiStrings"),
        .wrongShape("criteria", field: "criteria", value: "`{id, title, max}`"),
        .wrongShape("ratings", field: "ratings", value: "`{name, min_total}`"), .wrongShape("requireFull"),
        .wrongShape("requireMin", value: "{3: 10}"), .wrongShape("lines", field: "letter.copies"),
        .wrongShape("restricted", value: "`{paths: [don-vi]}`"), .wrongShape("restrictedPaths", value: "don-vi"),
        .wrongShape("sessions", field: "sessions"),
        .templateTooLarge(page: "home", limit: 20000),
        .templateSyntax("endsInTag"), .templateSyntax("closeName"), .templateSyntax("unfinishedName"),
        .templateSyntax("sectionEnd"), .templateSyntax("setDelimiter"), .templateSyntax("blockTransform"),
        .templateSyntax("parentBody"), .templateSyntax("pragma"), .templateTooDeepToParse(levels: 100),
        .templateTooDeepToCompile(levels: 100), .setDelimiters, .dynamicPartial("nav", parent: false),
        .dynamicPartial("layout", parent: true), .transform("upper(title)", sequence: false),
        .transform("index()", sequence: true), .unknownContentType("XML"), .unknownPragma("FOO"), .invertedDot("."),
        .recursivePartial("a", chain: ["a", "b", "a"]), .missingTemplate("home"), .missingPartial("nav"),
        .unknownTemplateName("titel", page: "home"), .stringTableAsText("t", table: "t"),
        .throughTableString("t.title.x", string: "t.title"), .goesThrough("items.name", "items", which: .list),
        .goesThrough("on.x", "on", which: .flag), .goesThrough("title.x", "title", which: .text), .dotIsModel("."),
        .blockInItsOverride("body"), .flagAsText("on"), .listAsText("items"), .modelAsText("item", optional: false),
        .modelAsText("maybe", optional: true), .textAsSection("title", inverted: true), .missingUIString("bye"),
        .requiredUIString("search"), .countWithSign(field: "present", value: 5, text: "+5"),
        .countWithLeadingZero(field: "order", value: 5, text: "05"), .badSlug(suggestion: "quy-trinh"), .badTime,
        .badBasePath, .badBaseURL, .badRealm(.controlCharacter), .badRealm(.webServerSyntax), .badRealm(.off),
        .badRealm(.tooLong(bytes: 1362)), .unitNameTooLong("Chi bộ", length: 1362, limit: 300),
        .badUnitID("CB-Điện-Lực", suggestion: "cb-dien-luc"), .badUnitID("---", suggestion: ""),
        .badSeparatorLine("|"), .cellNotOfItsType("abc", type: "n"), .restrictedFolder("home"),
        .restrictedFolder("assets", name: "assets"),
        .restrictedFolder("search", name: "tim-kiem", other: "search"),
        .restrictedFolder("nested", name: "don-vi/a", known: "don-vi, bao-cao"),
        .restrictedFolder("unknown", name: "x", known: "don-vi, bao-cao"),
        .restrictedLeakData("don-vi", holds: ("every unit's scorecard", "bảng điểm của mọi đơn vị")),
        .restrictedLeak("don-vi", shownBy: "bao-cao", what: ("the reports' lists", "danh sách trong các báo cáo")),
    ]

    @Test func everyCodeHasItsMessagesInBothLanguages() {
        for code in DiagnosticCode.allCases {
            let entry = MessageCatalogue.entries[code]
            #expect(entry != nil, "\(code.rawValue) has no entry")
            #expect(entry?.messages[""] != nil || entry?.messages.isEmpty == false, "\(code.rawValue)")
            for (variant, words) in entry?.messages ?? [:] {
                #expect(!words.en.isEmpty && !words.vi.isEmpty, "\(code.rawValue) \(variant)")
                #expect(words.vi == words.vi.precomposedStringWithCanonicalMapping, "\(code.rawValue) \(variant)")
            }
        }
    }

    @Test func aMessageUsesOnlyTheFieldsItsCodeCarries() {
        let known = Set(MessageField.allCases.map(\.rawValue))
        for (code, entry) in MessageCatalogue.entries {
            let carried = Set(entry.fields.map(\.rawValue))
            for (variant, words) in entry.messages {
                let english = MessageCatalogue.placeholders(words.en)
                let vietnamese = MessageCatalogue.placeholders(words.vi)
                for name in english + vietnamese {
                    #expect(known.contains(name), "\(code.rawValue) \(variant): {\(name)} is no field")
                    #expect(carried.contains(name), "\(code.rawValue) \(variant): {\(name)} is not a field of the code")
                }
                // Both languages say the same things.
                #expect(Set(english) == Set(vietnamese), "\(code.rawValue) \(variant)")
            }
        }
    }

    @Test func everyMessageIsMadeWithEveryFieldItUses() {
        var covered: Set<String> = []
        for sample in Self.samples {
            covered.insert(sample.code.rawValue + "/" + sample.variant)
            #expect(MessageCatalogue.entries[sample.code]?.messages[sample.variant] != nil, "\(sample)")
            for field in sample.fields.keys {
                #expect(MessageCatalogue.entries[sample.code]?.fields.contains(field) == true, "\(sample) \(field)")
            }
            for language in Language.allCases {
                let text = sample.text(in: language)
                // No field left unfilled (a value's own escapes, `\u{0001}`, may hold braces).
                let unfilled = MessageField.allCases.filter { text.contains("{\($0.rawValue)}") }
                #expect(unfilled.isEmpty, "\(language): \(text)")
            }
        }
        for (code, entry) in MessageCatalogue.entries {
            for variant in entry.messages.keys {
                #expect(covered.contains(code.rawValue + "/" + variant), "no sample of \(code.rawValue) \(variant)")
            }
        }
    }

    /// Text of a message that holds a template's tags (`{{<parent}}`) stays text: only a name of
    /// letters between braces is a field.
    @Test func aTemplatesTagsInAMessageAreText() {
        #expect(MessageCatalogue.placeholders("inside `{{<parent}}...{{/parent}}` {value}") == ["value"])
        #expect(
            DiagnosticMessage.templateSyntax("parentBody").text(in: .vi)
                == "mẫu giao diện sai cú pháp: bên trong `{{<parent}}...{{/parent}}` chỉ được có các khối thay thế "
                + "`{{$block}}` và văn bản")
        #expect(
            DiagnosticMessage.listAsText("items").text(in: .en)
                == "`items` is a list; show its items with `{{#items}}...{{/items}}`")
        #expect(
            DiagnosticMessage.unknownTemplateName("titel", page: "home").text(in: .vi)
                == "mẫu giao diện dùng tên `titel`, nhưng trang `home` không có tên này")
        #expect(
            DiagnosticMessage.badRealm(.tooLong(bytes: 1362)).text(in: .vi)
                == "`restricted.realm` dài 1.362 byte; hãy giữ dưới 200 byte")
    }

    @Test func numbersAndDatesAreWrittenAsEachLanguageWritesThem() {
        let future = DiagnosticMessage.futureMeetings(
            count: 1362, buildDate: day("2024-04-10"), first: day("2025-01-02"))
        #expect(
            future.text(in: .vi)
                == "1.362 biên bản có ngày sau ngày dựng trang 10/4/2024 (biên bản này ngày 2/1/2025); năm có đúng không?"
        )
        #expect(
            future.text(in: .en)
                == "1362 meeting records are dated after the build date 10/04/2024 (this one 02/01/2025); is the year right?"
        )
        #expect(FieldValue.percent(0.312).text(in: .vi) == "31,2%")
        #expect(FieldValue.percent(0.312).text(in: .en) == "31.2%")
        #expect(FieldValue.decimal(2.5, places: 2).text(in: .vi) == "2,5")
        #expect(FieldValue.decimal(1234.0, places: 1).text(in: .vi) == "1.234")
        #expect(FieldValue.number(1_000_000).text(in: .vi) == "1.000.000")
        #expect(FieldValue.number(-1362).text(in: .vi) == "-1.362")
        #expect(FieldValue.date(day("2023-06-20")).text(in: .vi) == "20/6/2023")
        #expect(FieldValue.date(day("2023-06-20")).text(in: .en) == "20/06/2023")
    }

    @Test func aWorkbookCellIsPlacedInTheClerksWords() {
        let location = SourceLocation(
            file: "meetings/2024.xlsx", line: 14, column: 3, sheet: "Quý 1", columnName: "Ngày")
        let diagnostic = Diagnostic(.error, location, .notADate("31/02/2024"))
        #expect(
            diagnostic.line(language: .vi)
                == "meetings/2024.xlsx:14:3: error: hàng 14, cột Ngày (ô C14, trang tính \"Quý 1\"): "
                + "\"31/02/2024\" không phải là ngày hợp lệ; hãy viết ngày/tháng/năm (DD/MM/YYYY) hoặc YYYY-MM-DD")
        #expect(
            diagnostic.line(language: .en)
                == "meetings/2024.xlsx:14:3: error: \"31/02/2024\" is not a valid date; write DD/MM/YYYY or YYYY-MM-DD "
                + "[sheet \"Quý 1\", cell C14]")
        #expect(diagnostic.description == diagnostic.line(language: .en))
        #expect(diagnostic.message == DiagnosticMessage.notADate("31/02/2024").text(in: .en))
        // The column's name labels the place; it is not part of it.
        #expect(location == SourceLocation(file: "meetings/2024.xlsx", line: 14, column: 3, sheet: "Quý 1"))
        let unnamed = SourceLocation(file: "a.xlsx", line: 2, column: 28, sheet: "S")
        #expect(unnamed.cellPlace(in: .vi) == "hàng 2 (ô AB2, trang tính \"S\")")
        #expect(SourceLocation(file: "a.csv", line: 2).cellPlace(in: .vi) == nil)
    }

    @Test func theLanguageIsVietnameseUnlessEnglishIsAskedFor() {
        #expect(Language.chosen(option: nil, environment: [:]) == .vi)
        #expect(Language.chosen(option: nil, environment: ["LANG": "C.UTF-8"]) == .vi)
        #expect(Language.chosen(option: nil, environment: ["LANG": "en_US.UTF-8"]) == .en)
        #expect(
            Language.chosen(option: nil, environment: ["LANG": "vi_VN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"]) == .en)
        #expect(Language.chosen(option: nil, environment: ["LC_ALL": "C", "LC_MESSAGES": "en_GB.UTF-8"]) == .vi)
        #expect(Language.chosen(option: nil, environment: ["LC_ALL": "", "LANG": "en"]) == .en)
        #expect(Language.chosen(option: "vi", environment: ["LANG": "en_US.UTF-8"]) == .vi)
        #expect(Language.chosen(option: "en", environment: [:]) == .en)
        #expect(Language.chosen(option: nil, environment: ["LANGUAGE": "en", "LANG": "C.UTF-8"]) == .en)
        #expect(Language.chosen(option: nil, environment: ["LANGUAGE": "vi:en", "LANG": "en_US.UTF-8"]) == .vi)
        #expect(Language.chosen(option: nil, environment: ["LANGUAGE": "fr:de", "LANG": "en_US.UTF-8"]) == .en)
        #expect(Language(naming: "fr") == nil)
    }
}
