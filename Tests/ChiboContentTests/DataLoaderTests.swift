import ChiboContent
import ChiboModel
import ChiboTestSupport
import Foundation
import Testing

let rubricYAML = """
    id: thuong-ky
    title: Thường kỳ
    applies_to: regular
    criteria:
      - {id: 1, title: Chuẩn bị, max: 15}
      - {id: 2, title: Thời gian, max: 15}
      - {id: 3, title: Nội dung, max: 30}
      - {id: 4, title: Nguyên tắc, max: 20}
      - {id: 5, title: Kết quả, max: 20}
    ratings:
      - {name: Tốt, min_total: 90, require_full: [1, 2, 4, 5]}
      - {name: Khá, min_total: 70}
      - {name: Kém, min_total: 0}

    """

let unitsCSV = """
    id,name,kind,sector,parent,members
    db-a,Đảng bộ A,committee,agency,,
    cb-a1,Chi bộ A1,branch,,db-a,10
    cb-b,Chi bộ B,branch,enterprise,,12

    """

@Suite struct DataLoaderTests {
    func load(_ files: [String: String], bytes: [String: [UInt8]] = [:]) throws -> (Content?, Diagnostics) {
        var all = files
        all["site.yaml"] = all["site.yaml"] ?? minimalSiteYAML
        let folder = try TempFolder(all)
        defer { folder.remove() }
        for (name, data) in bytes { try folder.write(name, data) }
        return loadContent(folder.path)
    }

    func errors(_ diagnostics: Diagnostics) -> [String] { diagnostics.errors.map(\.description) }

    /// Excel's `sep=` hint may name any character; one that cannot separate cells is an error at it.
    /// A unit's name is copied into every page that lists the unit: past 300 characters it is an
    /// error at its cell, whatever the file (a shared string of a workbook is one cell too).
    @Test func aUnitsNameLongerThanThreeHundredCharactersIsAnError() throws {
        let long = String(repeating: "Đ", count: 301)
        let fine = String(repeating: "Đ", count: 300)
        let (content, diagnostics) = try load([
            "units.csv": unitsCSV + "cb-c,\(long),branch,agency,,9\ncb-d,\(fine),branch,agency,,9\n",
            "rubrics/thuong-ky.yaml": rubricYAML,
        ])
        #expect(diagnostics.errorCodes == [.badForm])
        #expect(diagnostics.errors.first?.location == SourceLocation(file: "units.csv", line: 5, column: 6))
        #expect(diagnostics.errors.first?.catalogued == .unitNameTooLong(long, length: 301, limit: 300))
        #expect(diagnostics.errors.first.map { $0.description.count < 400 } == true)
        #expect(content?.organization.units.contains { $0.name == fine } == true)
        let (_, yaml) = try load([
            "units.yaml": "units:\n  - {id: cb-c, name: \(long), kind: branch, sector: agency, members: 9}\n",
            "rubrics/thuong-ky.yaml": rubricYAML,
        ])
        #expect(yaml.errorCodes == [.badForm])
    }

    /// Every file of a data folder is read or named: another spreadsheet kind is an error (a quarter
    /// would drop out of the figures), a stray file a warning; Excel's owner file and hidden files
    /// are left alone.
    @Test func everyFileOfADataFolderIsReadOrNamed() throws {
        var files = [
            "units.csv": unitsCSV, "rubrics/thuong-ky.yaml": rubricYAML, "meetings/ghi-chu.txt": "ghi chú\n",
            "meetings/~$2024-q1.xlsx": "owner", "meetings/.2024-q1.csv.swp": "x", "rubrics/cu.yaml.bak": "x",
            "plans/README.md": "x", "units.ods": "x",
        ]
        for ext in ["ods", "fods", "xls", "xlsb", "et", "numbers", "tsv", "xltx"] {
            files["meetings/2024-q2.\(ext)"] = "x"
        }
        let (_, diagnostics) = try load(files)
        let notRead = diagnostics.items.filter { $0.code == .fileNotRead }
        #expect(
            notRead.filter { $0.severity == .error }.map(\.location.file).sorted()
                == [
                    "meetings/2024-q2.et", "meetings/2024-q2.fods", "meetings/2024-q2.numbers", "meetings/2024-q2.ods",
                    "meetings/2024-q2.tsv", "meetings/2024-q2.xls", "meetings/2024-q2.xlsb", "meetings/2024-q2.xltx",
                    "units.ods",
                ])
        #expect(
            notRead.filter { $0.severity == .warning }.map(\.location.file).sorted()
                == ["meetings/ghi-chu.txt", "plans/README.md", "rubrics/cu.yaml.bak"])
    }

    @Test func aSepLineNamingAnUnreadableSeparatorIsAnError() throws {
        let (_, diagnostics) = try load([
            "units.csv": "sep=é\n" + unitsCSV.replacingOccurrences(of: ",", with: "é"),
            "rubrics/thuong-ky.yaml": rubricYAML,
        ])
        #expect(diagnostics.errorCodes == [.badForm])
        #expect(diagnostics.errors.first?.location == SourceLocation(file: "units.csv", line: 1, column: 5))
        #expect(diagnostics.errors.first?.catalogued == .badSeparatorLine("é"))
    }

    /// The units directory has pages of its own beside the units' (`/don-vi/xep-loai/`, and
    /// `/don-vi/trang-2/` once more than 200 units are directly under the bloc): a unit with such
    /// an id is an error at it, not a page overwritten. A `trang-N` the directory does not reach
    /// is an id like any other.
    @Test func anIDTheUnitsDirectoryUsesIsAnError() throws {
        let many = (1...200).map { "cb-\($0),Chi bộ \($0),branch,agency,,9\n" }.joined()
        let (_, diagnostics) = try load([
            "units.csv": unitsCSV + "trang-2,Chi bộ C,branch,agency,,9\nxep-loai,Chi bộ D,branch,agency,,9\n"
                + "trang-3,Chi bộ E,branch,agency,,9\ntrang-2a,Chi bộ F,branch,agency,,9\n" + many,
            "rubrics/thuong-ky.yaml": rubricYAML,
        ])
        #expect(diagnostics.errorCodes == [.reservedID, .reservedID])
        #expect(errors(diagnostics).first?.hasPrefix("units.csv:6:1: error: the id \"xep-loai\"") == true)
        #expect(
            errors(diagnostics).last?.hasPrefix(
                "units.csv:5:1: error: the id \"trang-2\" is the name of a page of the units directory") == true)
        let (_, small) = try load([
            "units.csv": unitsCSV + "trang-2,Chi bộ C,branch,agency,,9\n", "rubrics/thuong-ky.yaml": rubricYAML,
        ])
        #expect(small.errorCodes.isEmpty)
    }

    @Test func excelExportWithBOMSemicolonsCRLFAndVietnameseHeaders() throws {
        let meetings =
            "Mã chi bộ;Ngày;Hình thức;Có mặt;Số phát biểu;TC1;tc2;Tiêu chí 3;TC 4;c5;Tự xếp loại;SH chính trị tư tưởng;Thông tin thời sự;CNTT;Cấp ủy dự;Ghi chú\r\n"
            + "cb-a1;05/01/2024;Thường kỳ;9;3;15;15;30;20;20;tốt;có;x;không;Nguyễn Văn A;\"ghi chú; có dấu chấm phẩy\"\r\n"
            + "\r\n"
            + "cb-b;5/2/2024;THUONG KY;12;4;15;15;25;20;20;Tốt;1;;0;;\r\n"
        let (content, diagnostics) = try load(
            ["units.csv": unitsCSV, "rubrics/thuong-ky.yaml": rubricYAML],
            bytes: ["meetings/2024.csv": [0xEF, 0xBB, 0xBF] + Array(meetings.utf8)])
        #expect(errors(diagnostics) == [])
        let loaded = try #require(content)
        #expect(loaded.meetings.count == 2)
        let first = loaded.meetings[0]
        #expect(first.date == Day(parsing: "2024-01-05"))
        #expect(first.kind == .regular)
        #expect(first.scores == [15, 15, 30, 20, 20])
        #expect(first.selfRating == "Tốt")
        #expect(first.politicalStudy && first.currentAffairs && !first.usedIT)
        #expect(first.supervisor == "Nguyễn Văn A")
        #expect(first.note == "ghi chú; có dấu chấm phẩy")
        #expect(first.location == SourceLocation(file: "meetings/2024.csv", line: 2))
        #expect(loaded.meetings[1].location.line == 4)
        #expect(loaded.meetings[1].supervisor == nil)
        #expect(loaded.organization["cb-a1"]?.sector == .agency)  // inherited from its committee
        #expect(loaded.organization["cb-a1"]?.level == .subordinateBranch)
        #expect(loaded.organization["cb-b"]?.level == .grassrootsBranch)
    }

    @Test func everyMeetingRuleIsAnErrorAtItsCell() throws {
        let meetings = """
            branch,date,kind,topic,present,speakers,c1,c2,c3,c4,c5,self_rating
            cb-x,2024-01-05,regular,,5,1,15,15,30,20,20,Tốt
            db-a,2024-01-05,regular,,5,1,15,15,30,20,20,Tốt
            cb-a1,2024-02-30,regular,,5,1,15,15,30,20,20,Tốt
            cb-a1,2024-01-06,họp,,5,1,15,15,30,20,20,Tốt
            cb-a1,2024-01-07,regular,,-1,1,15,15,30,20,20,Tốt
            cb-a1,2024-01-08,regular,,5,x,15,15,30,20,20,Tốt
            cb-a1,2024-01-09,regular,,5,6,15,15,30,20,20,Tốt
            cb-a1,2024-01-10,regular,,11,1,15,15,30,20,20,Tốt
            cb-a1,2024-01-11,regular,,5,1,16,15,30,20,20,Tốt
            cb-a1,2024-01-12,regular,,5,1,15,15,30,20,20,Xuất sắc
            cb-a1,2024-01-13,regular,,5,1,15,15,30,20,20,Tốt
            cb-a1,13/01/2024,regular,,5,1,15,15,30,20,20,Tốt
            cb-a1,2024-01-14,thematic,,5,1,15,15,30,20,20,Tốt

            """
        let (_, diagnostics) = try load([
            "units.csv": unitsCSV, "rubrics/thuong-ky.yaml": rubricYAML,
            "rubrics/chuyen-de.yaml": rubricYAML.replacingOccurrences(of: "id: thuong-ky", with: "id: chuyen-de")
                .replacingOccurrences(of: "applies_to: regular", with: "applies_to: thematic"),
            "meetings/a.csv": meetings,
        ])
        let found = errors(diagnostics)
        let expected = [
            "meetings/a.csv:2:1: error: unknown branch \"cb-x\"",
            "meetings/a.csv:3:1: error: \"db-a\" is a grassroots committee",
            "meetings/a.csv:4:7: error: \"2024-02-30\" is not a valid date",
            "meetings/a.csv:5:18: error: unknown kind \"họp\"",
            "meetings/a.csv:6:27: error: `present` cannot be negative (-1)",
            "meetings/a.csv:7:29: error: `speakers` must be a whole number, not \"x\"",
            "meetings/a.csv:8:29: error: 6 speakers but only 5 members present",
            "meetings/a.csv:9:27: error: 11 members present but the branch has 10 members",
            "meetings/a.csv:10:31: error: criterion 1 (Chuẩn bị) has 16 points, more than its max 15",
            "meetings/a.csv:11:46: error: \"Xuất sắc\" is not a rating of thuong-ky",
            "meetings/a.csv:13:1: error: a second regular meeting of cb-a1 on 13/01/2024; the first is at meetings/a.csv:12:1",
            "meetings/a.csv:14:27: error: a thematic meeting needs its `topic`",
        ]
        for prefix in expected {
            #expect(found.contains { $0.hasPrefix(prefix) }, "missing: \(prefix)\nfound: \(found)")
        }
        #expect(found.count == expected.count, "\(found)")
        // The same problems by kind, in file order.
        #expect(
            diagnostics.sorted.filter { $0.severity == .error }.map(\.code) == [
                .unknownUnit, .wrongLevel, .notADate, .unknownWord, .outOfRange, .notANumber, .impossibleFigures,
                .impossibleFigures, .impossibleFigures, .unknownWord, .duplicateMeeting, .valueMissing,
            ])
    }

    /// Doubles within the first file (taken out in place) and across files: the meetings stay in
    /// file order, each double is an error naming the first.
    @Test func doublesWithinAndAcrossFilesKeepFileOrder() throws {
        let header = "branch,date,kind,present,speakers,c1,c2,c3,c4,c5,self_rating\n"
        func row(_ branch: String, _ date: String) -> String { "\(branch),\(date),regular,5,1,15,15,30,20,20,Tốt\n" }
        let (content, diagnostics) = try load([
            "units.csv": unitsCSV, "rubrics/thuong-ky.yaml": rubricYAML,
            "meetings/a.csv": header + row("cb-a1", "2024-01-05") + row("cb-a1", "05/01/2024")
                + row("cb-b", "2024-01-06")
                + row("cb-a1", "2024-01-07"),
            "meetings/b.csv": header + row("cb-b", "2024-01-06") + row("cb-b", "2024-01-08"),
        ])
        #expect(
            errors(diagnostics) == [
                "meetings/a.csv:3:1: error: a second regular meeting of cb-a1 on 05/01/2024; the first is at meetings/a.csv:2:1",
                "meetings/b.csv:2:1: error: a second regular meeting of cb-b on 06/01/2024; the first is at meetings/a.csv:4:1",
            ])
        #expect(
            content?.meetings.map { "\($0.location)" } == [
                "meetings/a.csv:2:1", "meetings/a.csv:4:1", "meetings/a.csv:5:1", "meetings/b.csv:3:1",
            ])
    }

    /// The guidance and the units file are read at once; their errors still come guidance first.
    @Test func guidanceErrorsComeBeforeUnitsErrors() throws {
        let (_, diagnostics) = try load(
            ["units.csv": unitsCSV + "cb-c,Chi bộ C,nhóm,agency,,5\n", "rubrics/thuong-ky.yaml": rubricYAML],
            bytes: ["guidance/a.md": [0x61, 0xFF, 0x0A]])
        let found = errors(diagnostics)
        #expect(found.count == 2, "\(found)")
        #expect(found.first?.hasPrefix("guidance/a.md:1:2: error: the file is not UTF-8") == true, "\(found)")
        #expect(found.last?.hasPrefix("units.csv:5:") == true, "\(found)")
    }

    @Test func missingCriterionColumnAndRequiredColumns() throws {
        let (_, diagnostics) = try load([
            "units.csv": unitsCSV, "rubrics/thuong-ky.yaml": rubricYAML,
            "meetings/a.csv":
                "branch,date,kind,present,speakers,c1,c2,c3,c4,self_rating\ncb-b,2024-01-05,regular,5,1,15,15,30,20,Tốt\n",
            "meetings/b.csv": "chi bộ,ngày,loại,có mặt,c1,c2,c3,c4,c5\n",
        ])
        let found = errors(diagnostics)
        #expect(
            found.contains {
                $0.hasPrefix(
                    "meetings/a.csv:1:1: error: the rubric thuong-ky (regular meetings) scores criteria 1 to 5, but the header has no column c5"
                )
            })
        #expect(found.contains { $0.hasPrefix("meetings/b.csv:1:1: error: the header has no `speakers` column") })
        #expect(found.contains { $0.hasPrefix("meetings/b.csv:1:1: error: the header has no `self_rating` column") })
    }

    @Test func csvStructureErrors() throws {
        let (_, diagnostics) = try load([
            "units.csv": unitsCSV, "rubrics/thuong-ky.yaml": rubricYAML,
            "meetings/a.csv":
                "branch,date,kind,present,speakers,c1,c2,c3,c4,c5,self_rating\ncb-b,2024-01-05,regular,5,1,15,15,30,20,20,Tốt,thừa\n",
            "meetings/b.csv": "branch,date\n\"cb-b,2024-01-05\n",
        ])
        let found = errors(diagnostics)
        #expect(
            found.contains {
                $0.hasPrefix("meetings/a.csv:2:48: error: this row has 12 cells but the header names 11 columns")
            })
        #expect(found.contains { $0.hasPrefix("meetings/b.csv:2:1: error: this quoted cell is never closed") })
    }

    @Test func unitErrors() throws {
        let units = """
            id,name,kind,sector,parent,members
            db-a,Đảng bộ A,committee,agency,,
            db-b,Đảng bộ B,committee,agency,db-a,
            cb-1,Chi bộ 1,branch,,cb-2,5
            cb-2,Chi bộ 2,branch,agency,,5
            cb-2,Chi bộ 2 lặp,branch,agency,,5
            Chi Bo 3,Chi bộ 3,branch,agency,,5
            cb-4,Chi bộ 4,tổ đảng,agency,,5
            cb-5,Chi bộ 5,branch,,,5
            cb-6,Chi bộ 6,branch,agency,khong-co,5
            cb-7,Chi bộ 7,branch,agency,,
            cb-8,Chi bộ 8,branch,nông nghiệp,,-2

            """
        let (_, diagnostics) = try load(["units.csv": units, "rubrics/thuong-ky.yaml": rubricYAML])
        let found = errors(diagnostics)
        let expected = [
            "units.csv:3:33: error: a grassroots committee cannot be under another unit",
            "units.csv:4:23: error: the parent \"cb-2\" is a branch",
            "units.csv:6:1: error: the id \"cb-2\" is already used on line 5",
            "units.csv:7:1: error: the id \"Chi Bo 3\" may hold only lowercase ASCII letters, digits and -; for example \"chi-bo-3\"",
            "units.csv:8:15: error: unknown kind \"tổ đảng\"",
            "units.csv:9:1: error: \"cb-5\" is directly under the bloc, so it needs a `sector`",
            "units.csv:10:29: error: the parent \"khong-co\" is not a unit id of this file",
            "units.csv:11:30: error: a branch needs `members`",
            "units.csv:12:22: error: unknown sector \"nông nghiệp\"",
            "units.csv:12:35: error: `members` must be a whole number of members, from 0 to 100000",
        ]
        for prefix in expected {
            #expect(found.contains { $0.hasPrefix(prefix) }, "missing: \(prefix)\nfound: \(found)")
        }
        #expect(found.count == expected.count, "\(found)")
    }

    @Test func unitsAsYAML() throws {
        let yaml = """
            units:
              - {mã: db-a, tên: Đảng bộ A, loại: đảng bộ cơ sở, loại hình: doanh nghiệp}
              - {id: cb-a1, name: Chi bộ A1, kind: chi bộ, parent: db-a, members: 9}

            """
        let (content, diagnostics) = try load(["units.yaml": yaml, "rubrics/thuong-ky.yaml": rubricYAML])
        #expect(errors(diagnostics) == [])
        #expect(content?.organization.units.map(\.id) == ["db-a", "cb-a1"])
        #expect(content?.organization["cb-a1"]?.sector == .enterprise)
    }

    @Test func rubricErrors() throws {
        let bad = """
            id: sai
            applies_to: regular
            criteria:
              - {id: 1, title: A, max: 50}
              - {id: 3, title: B, max: 50}
            ratings:
              - {name: Tốt, min_total: 90, require_full: [1, 7]}
              - {name: Khá, min_total: 70}

            """
        let (_, diagnostics) = try load(["units.csv": unitsCSV, "rubrics/sai.yaml": bad])
        let found = errors(diagnostics)
        #expect(
            found.contains {
                $0.hasPrefix(
                    "rubrics/sai.yaml:5:10: error: criteria are numbered 1 to N in order: expected id 2, found 3")
            })
        #expect(
            found.contains {
                $0.hasPrefix(
                    "rubrics/sai.yaml:7:46: error: `require_full` names criterion 7, which the rubric does not have")
            })
        #expect(
            found.contains { $0.hasPrefix("rubrics/sai.yaml:8:5: error: the last rating (Khá) must match any total") })
    }

    @Test func countsAreUnsignedDecimalsEverywhere() throws {
        let rubric = """
            id: thuong-ky
            applies_to: regular
            criteria:
              - {id: 1, title: A, max: +50}
              - {id: 2, title: B, max: 050}
            ratings:
              - {name: Tốt, min_total: 90, require_full: [1], require_min: {2: -5}}
              - {name: Khá, min_total: -0}

            """
        let plan = """
            number: 1-KH/X
            title: Kế hoạch
            committee_rule: {threshold: +8, below: -0, at_or_above: 2}

            """
        let meetings = """
            branch,date,kind,present,speakers,c1,c2,c3,c4,c5,self_rating
            cb-a1,2024-01-05,regular,+5,1,15,15,30,20,20,Tốt
            cb-a1,2024-01-06,regular,5,-0,15,15,30,20,20,Tốt
            cb-a1,2024-01-07,regular,05,01,15,15,30,20,20,Tốt

            """
        let (_, diagnostics) = try load([
            "units.csv": unitsCSV + "cb-d,Chi bộ D,branch,agency,,+7\n", "rubrics/thuong-ky.yaml": rubricYAML,
            "rubrics/sai.yaml": rubric.replacing("thuong-ky", with: "sai").replacing("regular", with: "thematic"),
            "plans/a.yaml": plan, "meetings/a.csv": meetings,
        ])
        // The leading zeros of line 4 of the CSV are accepted (Excel keeps `05` in text cells); in YAML
        // they are not. Criterion 1 and 2 have errors of their own: `require_*` naming them say nothing.
        #expect(
            errors(diagnostics).sorted() == [
                "meetings/a.csv:2:26: error: `present` is a count: write 5, with no sign, not \"+5\"",
                "meetings/a.csv:3:28: error: `speakers` is a count: write 0, with no sign, not \"-0\"",
                "plans/a.yaml:3:17: error: `committee_rule` needs `threshold`, `below` and `at_or_above`",
                "plans/a.yaml:3:29: error: `committee_rule.threshold` is a count: write 8, with no sign, not \"+8\"",
                "plans/a.yaml:3:40: error: `committee_rule.below` is a count: write 0, with no sign, not \"-0\"",
                "rubrics/sai.yaml:4:28: error: `max` is a count: write 50, with no sign, not \"+50\"",
                "rubrics/sai.yaml:5:28: error: `max` is written without leading zeros: 50, not 050",
                "rubrics/sai.yaml:7:68: error: `require_min` cannot be negative (-5)",
                "rubrics/sai.yaml:8:28: error: `min_total` is a count: write 0, with no sign, not \"-0\"",
                "units.csv:5:30: error: `members` must be a whole number of members, from 0 to 100000",
            ])
    }

    @Test func anUnreadableUnitsFileIsReportedOnce() throws {
        var rows = "branch,date,kind,present,speakers,c1,c2,c3,c4,c5,self_rating\n"
        for day in 1...28 { rows += "cb-a1,2024-02-\(day < 10 ? "0" : "")\(day),regular,5,1,15,15,30,20,20,Tốt\n" }
        let plan = """
            number: 1-KH/X
            title: Kế hoạch
            sessions:
              - {host: cb-a1, kind: regular, date: 2024-03-12, audience: {level: grassroots}}
            committee_rule: {threshold: 8, below: 1, at_or_above: 2}
            committee_sessions:
              - {committee: db-a, host: cb-a1, kind: regular, date: 2024-03-20}

            """
        let (_, diagnostics) = try load(
            ["rubrics/thuong-ky.yaml": rubricYAML, "meetings/a.csv": rows, "plans/a.yaml": plan],
            bytes: ["units.csv": Array(unitsCSV.utf8) + [0xA7]])
        #expect(errors(diagnostics).count == 1, "\(errors(diagnostics))")
        #expect(errors(diagnostics).first?.hasPrefix("units.csv:5:1: error: the file is not UTF-8") == true)
        #expect(
            diagnostics.items.filter { $0.severity == .warning }.map(\.description) == [
                "units.csv:1:1: warning: meeting records and plans are not checked against the units, because "
                    + "units.csv could not be read"
            ])
    }

    @Test func aUnitsHeaderWithoutIDsIsOneError() throws {
        let meetings =
            "branch,date,kind,present,speakers,c1,c2,c3,c4,c5,self_rating\n"
            + "cb-a1,2024-01-05,regular,5,1,15,15,30,20,20,Tốt\ncb-b,2024-01-05,regular,5,1,15,15,30,20,20,Tốt\n"
        let (_, diagnostics) = try load([
            "units.csv": unitsCSV.replacing("id,name", with: "code,name"), "rubrics/thuong-ky.yaml": rubricYAML,
            "meetings/a.csv": meetings,
        ])
        #expect(
            errors(diagnostics) == [
                "units.csv:1:1: error: the header has no `id` column (\"id\" or \"mã\" or \"ma don vi\" or \"mã đơn vị\")"
            ])
    }

    @Test func theContentPathMustBeAFolder() throws {
        let folder = try TempFolder(["site.yaml": minimalSiteYAML])
        defer { folder.remove() }
        let (content, diagnostics) = loadContent(folder.path + "/site.yaml")
        #expect(content == nil)
        #expect(
            errors(diagnostics) == [
                ".:1:1: error: \(folder.path)/site.yaml is a file, not a folder; give the content folder, the one "
                    + "that holds site.yaml"
            ])
        let (_, missing) = loadContent(folder.path + "/khong-co")
        #expect(errors(missing) == [".:1:1: error: the content folder \(folder.path)/khong-co does not exist"])
    }

    @Test func dataNeedsUnitsAndRubrics() throws {
        let (_, diagnostics) = try load(["meetings/a.csv": "branch\n"])
        let found = errors(diagnostics)
        #expect(
            found.contains {
                $0.hasPrefix("units.csv:1:1: error: the content has rubrics or meetings but no units file")
            })
        #expect(found.contains { $0.hasPrefix("rubrics:1:1: error: the content has units but no rubrics") })
        let (content, guidanceOnly) = try load([:])
        #expect(!guidanceOnly.hasErrors)
        #expect(content?.organization.units.isEmpty == true)
    }

    @Test func legacyEncodingInData() throws {
        // "Chi bộ" with VNI bytes in a unit name.
        let (_, diagnostics) = try load(
            ["rubrics/thuong-ky.yaml": rubricYAML],
            bytes: [
                "units.csv": Array("id,name,kind,sector,parent,members\ncb-a,Chi bo".utf8) + [0xE4, 0x2C]
                    + Array("branch,agency,,5\n".utf8)
            ])
        #expect(errors(diagnostics).first?.hasPrefix("units.csv:2:12: error: the file is not UTF-8") == true)
    }
}

@Suite struct PlanLoaderTests {
    @Test func planErrorsAtTheirValues() throws {
        let units = unitsCSV + "cb-c,Chi bộ C,branch,agency,,8\n"
        let plan = """
            number: 114-KH/ĐUK
            title: Kế hoạch
            issued: 2024-01-26
            sessions:
              - {host: khong-co, kind: regular, date: 2024-03-12, audience: {level: grassroots}}
              - {host: cb-a1, kind: regular, date: 2024-03-12, audience: {level: grassroots}}
              - {host: cb-b, kind: thematic, date: 2024-03-12, audience: {level: grassroots}}
              - {host: cb-c, kind: regular, date: 2024-13-01, time: "25:00", audience: {level: cả nước}}
            committee_rule: {threshold: 8, below: 1, at_or_above: 2}
            committee_sessions:
              - {committee: cb-b, host: cb-a1, kind: regular, date: 2024-03-20}
              - {committee: db-a, host: db-a, kind: regular, date: 2024-03-20}

            """
        let folder = try TempFolder([
            "site.yaml": minimalSiteYAML, "units.csv": units, "rubrics/thuong-ky.yaml": rubricYAML,
            "plans/114.yaml": plan,
        ])
        defer { folder.remove() }
        let (_, diagnostics) = loadContent(folder.path)
        let found = diagnostics.errors.map(\.description)
        let expected = [
            "plans/114.yaml:5:12: error: unknown host \"khong-co\"",
            "plans/114.yaml:6:12: error: a bloc sample meeting is hosted by a grassroots branch",
            "plans/114.yaml:7:5: error: a thematic sample meeting needs its `topic`",
            "plans/114.yaml:8:39: error: `date` must be a date",
            "plans/114.yaml:8:57: error: `time` is HH:MM",
            "plans/114.yaml:8:84: error: `audience.level` is grassroots, subordinate or all",
            "plans/114.yaml:11:17: error: \"cb-b\" is not a grassroots committee",
            "plans/114.yaml:12:29: error: the host \"db-a\" is a committee",
        ]
        for prefix in expected {
            #expect(found.contains { $0.hasPrefix(prefix) }, "missing: \(prefix)\nfound: \(found)")
        }
        #expect(found.count == expected.count, "\(found)")
        // The same problems by kind, in file order.
        #expect(
            diagnostics.sorted.filter { $0.severity == .error }.map(\.code) == [
                .unknownUnit, .wrongLevel, .valueMissing, .notADate, .badForm, .unknownWord, .wrongLevel, .wrongLevel,
            ])
    }

    @Test func aGoodPlanLoads() throws {
        let plan = """
            number: 114-KH/ĐUK
            title: Kế hoạch
            sessions:
              - host: cb-b
                kind: chuyên đề
                date: 12/03/2024
                time: "8:00"
                topic: Chuyển đổi số
                audience: {level: grassroots, sector: [doanh nghiệp]}
                observers: [Ông A, Bà B]
            committee_rule: {threshold: 8, below: 1, at_or_above: 2}
            committee_sessions:
              - {committee: db-a, host: cb-a1, kind: thường kỳ, date: 2024-03-20}

            """
        let folder = try TempFolder([
            "site.yaml": minimalSiteYAML, "units.csv": unitsCSV, "rubrics/thuong-ky.yaml": rubricYAML,
            "plans/114.yaml": plan,
        ])
        defer { folder.remove() }
        let (content, diagnostics) = loadContent(folder.path)
        #expect(!diagnostics.hasErrors, "\(diagnostics.items)")
        let loaded = try #require(content?.plans.first)
        #expect(loaded.slug == "114")
        #expect(loaded.sessions.first?.time == TimeOfDay(hour: 8, minute: 0))
        #expect(loaded.sessions.first?.audience == Audience(level: .grassroots, sectors: [.enterprise]))
        #expect(loaded.sessions.first?.observers == ["Ông A", "Bà B"])
        #expect(loaded.committeeSessions.first?.committee == "db-a")
        #expect(loaded.rule == CommitteeRule(threshold: 8, below: 1, atOrAbove: 2))
    }
}

@Suite struct UnitNameTests {
    @Test func doubleEntriesAreErrorsAndTheirRecordsAreNotReportedAgain() throws {
        let units = """
            id,name,kind,sector,parent,members
            db-a,Đảng bộ A,committee,agency,,
            db-b,Đảng bộ B,committee,agency,,
            cb-a1,Chi bộ Văn phòng,branch,,db-a,10
            cb-b1,Chi bộ Văn phòng,branch,,db-b,10
            cb-a2,Chi bo van phong,branch,,db-a,10
            cb-x,Chi bộ X,branch,thiên đường,,5

            """
        let meetings =
            "branch,date,kind,present,speakers,c1,c2,c3,c4,c5,self_rating\n"
            + "cb-a2,2024-01-05,regular,5,1,15,15,30,20,20,Tốt\ncb-x,2024-01-05,regular,5,1,15,15,30,20,20,Tốt\n"
            + "cb-zz,2024-01-05,regular,5,1,15,15,30,20,20,Tốt\n"
        let folder = try TempFolder([
            "site.yaml": minimalSiteYAML, "units.csv": units, "rubrics/thuong-ky.yaml": rubricYAML,
            "meetings/a.csv": meetings,
        ])
        defer { folder.remove() }
        let (_, diagnostics) = loadContent(folder.path)
        let errors = diagnostics.errors.map(\.description)
        #expect(errors.count == 3, "\(errors)")
        #expect(
            errors.contains {
                $0.hasPrefix(
                    "units.csv:6:7: error: \"Chi bo van phong\" is the same name as \"Chi bộ Văn phòng\" on line 4 under the same parent"
                )
            })
        #expect(errors.contains { $0.hasPrefix("units.csv:7:22: error: unknown sector \"thiên đường\"") })
        #expect(errors.contains { $0.hasPrefix("meetings/a.csv:4:1: error: unknown branch \"cb-zz\"") })
        #expect(Set(diagnostics.errorCodes) == [.duplicateName, .unknownWord, .unknownUnit])
    }
}
