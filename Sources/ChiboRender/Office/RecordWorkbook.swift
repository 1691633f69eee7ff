import ChiboModel
import ChiboSupport

/// The workbook a branch fills in to record its meetings of one rubric's kind
/// (`data/mau-bien-ban-<rubric id>.xlsx`): the header row of the meeting records with the rubric's
/// criteria, validations (the branch ids, the kind, the rubric's ratings, yes or no, each criterion
/// from 0 to its maximum), a frozen header, column widths that fit, the instructions on a sheet
/// `_Hướng dẫn` and the lists on a hidden sheet `_Danh sách` (both left out when chibo reads the
/// workbook back). Written as Office Open XML with ZIPFoundation; the same input gives the same bytes.
enum RecordWorkbook {
    /// A column of the records sheet: its header (a name chibo's meetings reader knows), its width in
    /// characters and what may be entered in it.
    struct Column {
        enum Rule {
            case none
            case list(String)
            case whole(Int, Int?)
            case date
        }

        var header: String
        var width: Int
        var rule: Rule
    }

    /// The rows that carry validations: as many as a branch records in years.
    static let rows = 1000

    static func path(_ rubric: Rubric) -> String { SiteOutput.recordWorkbook.path(["rubric": rubric.id]) }

    /// The link to a rubric's workbook, as the units page and the rubric's document show it.
    static func link(_ rubric: Rubric, theme: Theme, urls: SiteURLs) -> UnitsPage.RecordForm {
        UnitsPage.RecordForm(
            title: Format.fill(
                theme.string(.unitsRecordForm),
                ["kind": theme.string(UIString.label(rubric.appliesTo)), "rubric": rubric.title]),
            url: urls.file(RecordWorkbook.path(rubric)))
    }

    /// The columns for `rubric`: every `MeetingColumn` under its heading, the criteria's after
    /// `MeetingColumn.criteriaAfter`.
    static func columns(_ rubric: Rubric, branches: Int, ratings: Int) -> [Column] {
        let yesNo = Column.Rule.list("\"có,không\"")
        var columns: [Column] = []
        for field in MeetingColumn.allCases {
            let (width, rule): (Int, Column.Rule) =
                switch field {
                case .branch: (18, .list("'_Danh sách'!$A$2:$A$\(branches + 1)"))
                case .date: (12, .date)
                case .kind: (12, .list("\"\(rubric.appliesTo == .regular ? "thường kỳ" : "chuyên đề")\""))
                case .topic: (40, .none)
                case .preparer: (22, .none)
                case .present: (9, .whole(0, nil))
                case .speakers: (10, .whole(0, nil))
                case .selfRating: (14, .list("'_Danh sách'!$C$2:$C$\(ratings + 1)"))
                case .politicalStudy: (18, yesNo)
                case .currentAffairs: (9, yesNo)
                case .it: (7, yesNo)
                case .supervisor: (20, .none)
                case .note: (30, .none)
                case .remarks: (40, .none)
                }
            columns.append(Column(header: field.heading, width: width, rule: rule))
            guard field == MeetingColumn.criteriaAfter else { continue }
            for criterion in rubric.criteria {
                columns.append(
                    Column(
                        header: MeetingColumn.criterionHeading(criterion.id), width: 6,
                        rule: .whole(0, criterion.max)))
            }
        }
        return columns
    }

    /// The workbook's bytes; the instructions are the theme's `help` lines.
    static func make(_ rubric: Rubric, organization: Organization, help: [String]) -> [UInt8] {
        let branches = organization.branches
        let ratings = rubric.ratings.map(\.name.rawValue)
        let columns = Self.columns(rubric, branches: branches.count, ratings: ratings.count)
        let lists: [[String]] = [
            [MeetingColumn.branch.heading] + branches.map(\.id.rawValue), ["Tên chi bộ"] + branches.map(\.name),
            [MeetingColumn.selfRating.heading] + ratings,
        ]
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", recordsSheet(columns)),
            ("xl/worksheets/sheet2.xml", textSheet([help], widths: [100])),
            ("xl/worksheets/sheet3.xml", textSheet(lists, widths: [18, 36, 16])),
        ]
        return OfficePackage.zip(parts)
    }

    // MARK: - Parts

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static var contentTypes: String {
        let sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        return header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + (1...3).map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"\(sheet)\"/>" }
            .joined()
            + "<Override PartName=\"/xl/styles.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>"
    }

    static var packageRelationships: String {
        header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationshipsNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>"
    }

    static var workbook: String {
        header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationshipsNamespace)\"><sheets>"
            + "<sheet name=\"Biên bản\" sheetId=\"1\" r:id=\"rId1\"/>"
            + "<sheet name=\"_Hướng dẫn\" sheetId=\"2\" r:id=\"rId2\"/>"
            + "<sheet name=\"_Danh sách\" sheetId=\"3\" state=\"hidden\" r:id=\"rId3\"/></sheets></workbook>"
    }

    static var workbookRelationships: String {
        let worksheet = relationshipsNamespace + "/worksheet"
        return header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + (1...3).map {
                "<Relationship Id=\"rId\($0)\" Type=\"\(worksheet)\" Target=\"worksheets/sheet\($0).xml\"/>"
            }.joined()
            + "<Relationship Id=\"rId4\" Type=\"\(relationshipsNamespace)/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>"
    }

    /// Style 0 plain, 1 the bold header, 2 a date shown `dd/mm/yyyy`.
    static var styles: String {
        header + "<styleSheet xmlns=\"\(main)\">"
            + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Times New Roman\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Times New Roman\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
            + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>"
    }

    /// An inline string cell.
    static func cell(_ column: Int, _ row: Int, _ text: String, style: Int = 0) -> String {
        let reference = SourceLocation.columnLetters(column) + String(row)
        return
            "<c r=\"\(reference)\" t=\"inlineStr\"\(style > 0 ? " s=\"\(style)\"" : "")><is><t xml:space=\"preserve\">"
            + escape(text) + "</t></is></c>"
    }

    static func escape(_ text: String) -> String { OfficePackage.escape(text) }

    static func columnsXML(_ widths: [Int]) -> String {
        "<cols>"
            + widths.enumerated().map {
                "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\($0.element)\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
    }

    static func recordsSheet(_ columns: [Column]) -> String {
        var xml = header + "<worksheet xmlns=\"\(main)\">"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
        xml += "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        xml += columnsXML(columns.map(\.width))
        xml += "<sheetData><row r=\"1\">"
        xml += columns.enumerated().map { cell($0.offset + 1, 1, $0.element.header, style: 1) }.joined()
        xml += "</row></sheetData>"
        var validations: [String] = []
        for (index, column) in columns.enumerated() {
            let letter = SourceLocation.columnLetters(index + 1)
            let range = "\(letter)2:\(letter)\(rows + 1)"
            let common = "allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"\(range)\""
            switch column.rule {
            case .none: continue
            case .list(let source):
                validations.append(
                    "<dataValidation type=\"list\" \(common)><formula1>\(escape(source))</formula1></dataValidation>")
            case .whole(let low, let high):
                if let high {
                    validations.append(
                        "<dataValidation type=\"whole\" operator=\"between\" \(common)><formula1>\(low)</formula1>"
                            + "<formula2>\(high)</formula2></dataValidation>")
                } else {
                    validations.append(
                        "<dataValidation type=\"whole\" operator=\"greaterThanOrEqual\" \(common)>"
                            + "<formula1>\(low)</formula1></dataValidation>")
                }
            case .date:
                validations.append(
                    "<dataValidation type=\"date\" operator=\"greaterThan\" \(common)><formula1>1</formula1>"
                        + "</dataValidation>")
            }
        }
        xml += "<dataValidations count=\"\(validations.count)\">" + validations.joined() + "</dataValidations>"
        return xml + "</worksheet>"
    }

    /// A sheet of text columns, each list a column from row 1.
    static func textSheet(_ columns: [[String]], widths: [Int]) -> String {
        var xml = header + "<worksheet xmlns=\"\(main)\">" + columnsXML(widths) + "<sheetData>"
        let height = columns.map(\.count).max() ?? 0
        for row in 0..<height {
            xml += "<row r=\"\(row + 1)\">"
            for (index, column) in columns.enumerated() where row < column.count {
                xml += cell(index + 1, row + 1, column[row], style: row == 0 && columns.count > 1 ? 1 : 0)
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }
}
